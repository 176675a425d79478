/** One problem found in the tenant registry: where it is, what was expected, what was found. */
export interface RegistryIssue {
  readonly file: string;
  /** Dotted field path, e.g. `retention.documentDays`; empty for the whole file. */
  readonly path: string;
  readonly expected: string;
  readonly received: string;
}

/** Thrown when the registry has any issue; carries all of them so the user fixes everything in one pass. */
export class RegistryError extends Error {
  constructor(readonly issues: readonly RegistryIssue[]) {
    super(
      `tenant registry has ${issues.length} error${issues.length === 1 ? '' : 's'}:\n` +
        issues.map((i) => `  ${formatIssue(i)}`).join('\n'),
    );
    this.name = 'RegistryError';
  }
}

export function formatIssue(i: RegistryIssue): string {
  const where = i.path ? `${i.file}: ${i.path}` : i.file;
  return `${where}: expected ${i.expected}, received ${i.received}`;
}

/** Renders a received value for an error message without dumping whole objects. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing (field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list (${JSON.stringify(value).slice(0, 60)})`;
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}
