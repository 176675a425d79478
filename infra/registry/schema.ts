import * as path from 'path';
import { REPO_ROOT } from '../root';
import { CLOUDS, DATE, ENVIRONMENTS, Field, KMS_KEY_PATTERN, REGIONS, REQUIRED_FIELDS, TENANT_FIELDS } from './fields';

/** Where the generated schema is published; each tenant file names it for editors. */
export const TENANT_SCHEMA_FILE = path.join(REPO_ROOT, 'docs', 'tenant.schema.json');

type Schema = Record<string, unknown>;

function fieldSchema(f: Field): Schema {
  const base = { description: f.description };
  switch (f.kind) {
    case 'string':
      return { ...base, type: 'string', minLength: 1, ...(f.pattern && { pattern: f.pattern.source }), ...(f.maxLength && { maxLength: f.maxLength }) };
    case 'date':
      return { ...base, type: 'string', pattern: DATE.source, format: 'date' };
    case 'enum':
      return { ...base, enum: [...f.values], ...(f.default !== undefined && { default: f.default }) };
    case 'integer':
      return { ...base, type: 'integer', minimum: f.min, maximum: f.max, ...(f.default !== undefined && { default: f.default }) };
    case 'boolean':
      return { ...base, type: 'boolean', default: f.default };
    case 'list':
      return { ...base, type: 'array', items: fieldSchema(f.items), minItems: f.minItems, uniqueItems: true };
    case 'object':
      return {
        ...base,
        type: 'object',
        properties: Object.fromEntries(Object.entries(f.fields).map(([k, v]) => [k, fieldSchema(v)])),
        ...(f.required && { required: [...f.required] }),
        additionalProperties: false,
      };
  }
}

/**
 * The tenant file's JSON Schema (draft 2020-12), generated from the fields the validator reads. It
 * catches shape errors in an editor; cordon's own validation adds the checks that join fields or
 * tenants (networks that overlap, keys shared between environments or tenants, PHI without a BAA).
 */
export function tenantJsonSchema(): Schema {
  const top = fieldSchema({ kind: 'object', description: 'A cordon tenant: one file per tenant in infra/tenants/, named <id>.yaml.', fields: TENANT_FIELDS, required: REQUIRED_FIELDS });
  // The region and key formats depend on the cloud.
  const byCloud = CLOUDS.map((cloud) => ({
    if: { properties: { cloud: { const: cloud } }, required: ['cloud'] },
    then: {
      properties: {
        region: { enum: [...REGIONS[cloud]] },
        cmek: { type: 'object', properties: Object.fromEntries(ENVIRONMENTS.map((e) => [e, { type: 'string', pattern: KMS_KEY_PATTERN[cloud].source }])) },
      },
    },
  }));
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'cordon tenant', ...top, allOf: byCloud };
}

/** The `yaml-language-server` comment a tenant file in `registryDir` starts with. */
export const schemaComment = (registryDir: string) => `# yaml-language-server: $schema=${path.relative(path.resolve(registryDir), TENANT_SCHEMA_FILE)}\n`;
