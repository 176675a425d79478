/**
 * Mutation rows: each breaks one property of the synthesized example estate and names the rule that
 * must fire, on exactly the resource the mutator returns. test/gate/mutations.test.ts runs every row
 * and fails when a rule of the compiled bundle has none.
 */
export interface MutationRow {
  /** What the mutation breaks, in words. */
  readonly name: string;
  /** The rule id expected to fire, alone. */
  readonly rule: string;
  /** The stack it fires on. */
  readonly stack: string;
  /** The file to mutate, relative to the estate folder (`cdk.out/...` or `cdktf.out/stacks/<stack>/cdk.tf.json`). */
  readonly file: string;
  /**
   * Mutates the parsed file in place; returns the address of the resource the finding must name, or
   * the addresses when the broken thing is not one property (a date of the registry: one finding per key).
   */
  readonly mutate: (doc: any) => string | string[];
  /** The date the copy is gated on (`--today`), for a rule that judges the registry's dates. @default EXAMPLE_TODAY */
  readonly today?: string;
}

const ofType = (resources: Record<string, any>, type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

/**
 * Breaks one property of a CloudFormation resource of `type`: the first one, or the first whose
 * logical id matches `pick`. Returns its logical id.
 */
export const cfn = (type: string, mutate: (props: any, resource: any) => void, pick?: RegExp) => (t: any): string => {
  const found = ofType(t.Resources, type).find(([id]) => !pick || pick.test(id));
  if (!found) throw new Error(`mutation: no ${type}${pick ? ` matching ${pick}` : ''} in the template`);
  const [id, r] = found;
  r.Properties ??= {};
  mutate(r.Properties, r);
  return id;
};

/**
 * Breaks one block of a Terraform resource of `type`: the first one, or the first whose name
 * matches `pick`. Returns its address.
 */
export const tf = (type: string, mutate: (block: any) => void, pick?: RegExp) => (doc: any): string => {
  const found = Object.entries<any>(doc.resource?.[type] ?? {}).find(([name]) => !pick || pick.test(name));
  if (!found) throw new Error(`mutation: no ${type}${pick ? ` matching ${pick}` : ''} in the stack`);
  const [name, block] = found;
  mutate(block);
  return `${type}.${name}`;
};

export const cdkFile = (stack: string) => `cdk.out/${stack}.template.json`;
export const tfFile = (stack: string) => `cdktf.out/stacks/${stack}/cdk.tf.json`;

/** Adds a resource to a CloudFormation template (for types our estate does not use); returns its logical id. */
export const addCfn = (id: string, type: string, properties: Record<string, unknown>) => (t: any): string => {
  t.Resources[id] = { Type: type, Properties: properties };
  return id;
};

/** Adds a resource to a Terraform JSON stack; returns its address. */
export const addTf = (type: string, name: string, block: Record<string, unknown>) => (doc: any): string => {
  ((doc.resource ??= {})[type] ??= {})[name] = block;
  return `${type}.${name}`;
};

/** The tenant, environment and tier tags every tenant resource carries (TEN-1). */
export const awsTags = (tenant: string, env: string, tier: string) => [
  { Key: 'environment', Value: env },
  { Key: 'tenant', Value: tenant },
  { Key: 'tier', Value: tier },
];
