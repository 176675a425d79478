/** A deploy that cannot start or must stop for a known reason: exit 2 with this one line. */
export class DeployError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployError';
  }
}
