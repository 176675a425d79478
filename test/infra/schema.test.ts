import Ajv2020 from 'ajv/dist/2020';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { DEFAULT_REGISTRY_DIR } from '../../infra/registry/load';
import { schemaComment, TENANT_SCHEMA_FILE, tenantJsonSchema } from '../../infra/registry/schema';
import { validateTenant } from '../../infra/registry/tenant';

const schema = tenantJsonSchema();
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
const schemaAccepts = ajv.compile(schema);
const files = fs.readdirSync(DEFAULT_REGISTRY_DIR).filter((f) => f.endsWith('.yaml'));
const read = (f: string) => parse(fs.readFileSync(path.join(DEFAULT_REGISTRY_DIR, f), 'utf8')) as Record<string, unknown>;

describe('the tenant JSON Schema', () => {
  test('docs/tenant.schema.json is exactly the generated schema (regenerate: cordon tenant schema > docs/tenant.schema.json)', () => {
    expect(JSON.parse(fs.readFileSync(TENANT_SCHEMA_FILE, 'utf8'))).toEqual(schema);
  });

  test.each(files)('%s names the schema for editors and is accepted by both the schema and the validator', (f) => {
    expect(fs.readFileSync(path.join(DEFAULT_REGISTRY_DIR, f), 'utf8').startsWith(schemaComment(DEFAULT_REGISTRY_DIR))).toBe(true);
    expect(schemaAccepts(read(f))).toBe(true);
    expect(validateTenant(read(f), f, f.replace('.yaml', '')).issues).toEqual([]);
  });

  // One mistake per field: the schema (derived from the validator's fields) refuses each, like the validator.
  const base = () => read('globex.yaml');
  const cases: [string, (t: Record<string, unknown>) => void][] = [
    ['unknown top-level field', (t) => (t.owner = 'x')],
    ['bad id', (t) => (t.id = 'Globex')],
    ['tier outside the list', (t) => (t.tier = 'premium')],
    ['empty environments', (t) => (t.environments = [])],
    ['environment twice', (t) => (t.environments = ['prod', 'prod'])],
    ['documentDays above the bound', (t) => (t.retention = { documentDays: 3651 })],
    ['auditYears below 7', (t) => (t.retention = { auditYears: 6 })],
    ['rate limit below 10', (t) => (t.edge = { rateLimitPerMinute: 9 })],
    ['unknown sub-processor', (t) => (t.llm = { subprocessors: ['mistral'] })],
    ['aws region format on aws', (t) => (t.region = 'europe-west1')],
    ['status outside the list', (t) => (t.status = 'paused')],
    ['contact not an email', (t) => (t.contact = 'security team')],
    ['offboarding record missing a date', (t) => Object.assign(t, { status: 'offboarding', offboarding: { request: 'req-2026-12-04-0123abcd', approvedAt: '2026-12-04' } })],
    ['offboarding date not a date', (t) => Object.assign(t, { status: 'offboarding', offboarding: { request: 'req-2026-12-04-0123abcd', approvedAt: '2026-12-04', dataUntil: 'soon' } })],
  ];
  test.each(cases)('%s: refused by both', (_, mutate) => {
    const t = base();
    mutate(t);
    expect(schemaAccepts(t)).toBe(false);
    expect(validateTenant(t, 'globex.yaml', 'globex').issues).not.toEqual([]);
  });

  test('an offboarding record is accepted by both when complete', () => {
    const t = { ...base(), status: 'offboarding', offboarding: { request: 'req-2026-12-04-0123abcd', approvedAt: '2026-12-04', dataUntil: '2027-01-03' } };
    expect(schemaAccepts(t)).toBe(true);
    expect(validateTenant(t, 'globex.yaml', 'globex').tenant?.offboarding).toEqual(t.offboarding);
  });

  test('the validator refuses what joins fields, which the schema cannot see: an offboarding record on an active tenant, a window ending before approval', () => {
    const active = { ...base(), offboarding: { request: 'req-2026-12-04-0123abcd', approvedAt: '2026-12-04', dataUntil: '2027-01-03' } };
    expect(validateTenant(active, 'globex.yaml', 'globex').issues.map((i) => i.path)).toEqual(['offboarding']);
    const backwards = { ...base(), status: 'offboarded', offboarding: { request: 'req-2026-12-04-0123abcd', approvedAt: '2026-12-04', dataUntil: '2026-12-03' } };
    expect(validateTenant(backwards, 'globex.yaml', 'globex').issues.map((i) => i.path)).toEqual(['offboarding.dataUntil']);
  });
});
