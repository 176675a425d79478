import { Testing } from 'cdktf';
import { Construct } from 'constructs';

export type Block = Record<string, any>;
export type Resources = Record<string, Record<string, Block>>;

/** Synthesizes constructs into a scope and returns the Terraform `resource` and `data` sections. */
export function synth(build: (scope: Construct) => void): { resource: Resources; data: Resources } {
  const tf = JSON.parse(Testing.synthScope(build));
  return { resource: tf.resource ?? {}, data: tf.data ?? {} };
}

export function all(resources: Resources, type: string): Block[] {
  return Object.values(resources[type] ?? {});
}

export function only(resources: Resources, type: string): Block {
  const blocks = all(resources, type);
  expect(blocks).toHaveLength(1);
  return blocks[0];
}

/** The exact PropError message: construct, field, what is allowed, what was received. */
export function propError(construct: string, field: string, allowed: string, received: unknown): string {
  return `${construct}: invalid ${field}: expected ${allowed}, received ${JSON.stringify(received)}`;
}
