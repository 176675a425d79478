import { MAX_DOCUMENT_DAYS, RATE_LIMIT_BOUNDS, SOFT_DELETE_DAYS, TENANT_ID_PATTERN } from '../../constructs/props';

/**
 * The tenant file's fields, declared once: the validator (tenant.ts) reads its allowed fields, values,
 * bounds and defaults from here, and docs/tenant.schema.json is generated from here (schema.ts).
 * Rules that join several fields (a pooled tenant has no network, PHI needs a BAA…) live in the
 * validator only; the schema names them in its descriptions.
 */
export type Field =
  | { readonly kind: 'string'; readonly description: string; readonly pattern?: RegExp; readonly maxLength?: number }
  | { readonly kind: 'date'; readonly description: string }
  | { readonly kind: 'enum'; readonly description: string; readonly values: readonly string[]; readonly default?: string }
  | { readonly kind: 'integer'; readonly description: string; readonly min: number; readonly max: number; readonly default?: number }
  | { readonly kind: 'boolean'; readonly description: string; readonly default: boolean }
  | { readonly kind: 'list'; readonly description: string; readonly items: Field; readonly minItems: number }
  | { readonly kind: 'object'; readonly description: string; readonly fields: Readonly<Record<string, Field>>; readonly required?: readonly string[] };

export const TIERS = ['pooled', 'dedicated', 'enterprise'] as const;
export const CLOUDS = ['gcp', 'aws'] as const;
export const ENVIRONMENTS = ['prod', 'staging'] as const;
export const LLM_SUBPROCESSORS = ['openai', 'anthropic'] as const;
/** `active` serves; `offboarding` keeps only data for the soft-delete window; `offboarded` is a tombstone whose keys are shredded. */
export const STATUSES = ['active', 'offboarding', 'offboarded'] as const;

export const TENANT_ID = TENANT_ID_PATTERN;
/**
 * Each cloud's regions, by name (a pattern would pass `mars-north1`). From the providers' region
 * lists (docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html and
 * cloud.google.com/compute/docs/regions-zones), as of 2026-12; a new region is one line here.
 */
export const REGIONS = {
  aws: [
    'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
    'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
    'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2',
    'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-gov-east-1',
    'us-gov-west-1', 'us-west-1', 'us-west-2',
  ],
  gcp: [
    'africa-south1', 'asia-east1', 'asia-east2', 'asia-northeast1', 'asia-northeast2', 'asia-northeast3', 'asia-south1', 'asia-south2',
    'asia-southeast1', 'asia-southeast2', 'australia-southeast1', 'australia-southeast2', 'europe-central2', 'europe-north1',
    'europe-north2', 'europe-southwest1', 'europe-west1', 'europe-west10', 'europe-west12', 'europe-west2', 'europe-west3', 'europe-west4',
    'europe-west6', 'europe-west8', 'europe-west9', 'me-central1', 'me-central2', 'me-west1', 'northamerica-northeast1',
    'northamerica-northeast2', 'northamerica-south1', 'southamerica-east1', 'southamerica-west1', 'us-central1', 'us-east1', 'us-east4',
    'us-east5', 'us-south1', 'us-west1', 'us-west2', 'us-west3', 'us-west4',
  ],
} as const satisfies Record<(typeof CLOUDS)[number], readonly string[]>;

/** The region a customer key lives in: the ARN's region (AWS) or the key name's location (GCP). */
export const keyRegion = (key: string): string | undefined => /^arn:aws[a-z-]*:kms:([a-z0-9-]+):/.exec(key)?.[1] ?? /^projects\/[^/]+\/locations\/([^/]+)\//.exec(key)?.[1];
export const KMS_KEY_PATTERN = {
  gcp: /^projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/locations\/[a-z0-9-]+\/keyRings\/[A-Za-z0-9_-]{1,63}\/cryptoKeys\/[A-Za-z0-9_-]{1,63}$/,
  aws: /^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key\/[0-9a-f-]{36}$/,
} as const;
export const REQUEST_ID = /^req-[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9a-f]{8}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const TICKET = /^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,99}$/;

const cmekKey = (env: string): Field => ({ kind: 'string', description: `the customer's key of the ${env} environment (AWS KMS key ARN or Cloud KMS key name, by cloud)` });

export const TENANT_FIELDS = {
  id: { kind: 'string', pattern: TENANT_ID, description: 'the tenant id, equal to the file name without .yaml; never renamed and never reused' },
  name: { kind: 'string', maxLength: 100, description: 'display name, non-empty' },
  tier: { kind: 'enum', values: TIERS, description: 'pooled tenants share the regional cell; dedicated and enterprise get their own network (network.cidr required)' },
  cloud: { kind: 'enum', values: CLOUDS, description: 'where the tenant runs' },
  region: { kind: 'string', description: 'a region name of the tenant\'s cloud (e.g. europe-west1, us-east-1)' },
  environments: { kind: 'list', minItems: 1, items: { kind: 'enum', values: ENVIRONMENTS, description: 'an environment' }, description: 'each environment once' },
  status: { kind: 'enum', values: STATUSES, default: 'active', description: 'offboarding / offboarded are written by `cordon tenant offboard` with the offboarding record; never by hand' },
  contact: { kind: 'string', pattern: EMAIL, description: "the customer's security or onboarding contact (an email address)" },
  ticket: { kind: 'string', pattern: TICKET, description: 'the ticket or contract reference the tenant was onboarded under' },
  retention: {
    kind: 'object',
    description: 'how long the tenant\'s data is kept',
    fields: {
      documentDays: { kind: 'integer', min: 0, max: MAX_DOCUMENT_DAYS, default: 90, description: '0 means nothing is kept beyond the request' },
      softDeleteDays: { kind: 'integer', min: 0, max: 90, default: SOFT_DELETE_DAYS, description: `default ${SOFT_DELETE_DAYS}, or 0 when documentDays is 0 (must then be 0)` },
      auditYears: { kind: 'integer', min: 7, max: 30, default: 7, description: 'years audit metadata is kept, immutable' },
    },
  },
  llm: {
    kind: 'object',
    description: 'the LLM sub-processors the tenant allows',
    fields: { subprocessors: { kind: 'list', minItems: 0, items: { kind: 'enum', values: LLM_SUBPROCESSORS, description: 'a sub-processor' }, description: '[] (the default) for a no-LLM workflow; each once' } },
  },
  phi: { kind: 'boolean', default: false, description: 'PHI: enterprise only, and only with baa: true' },
  baa: { kind: 'boolean', default: false, description: 'a signed business associate agreement' },
  cmek: {
    kind: 'object',
    description: "enterprise only: the customer's keys, one per environment of the tenant, all different; required for AWS enterprise",
    fields: Object.fromEntries(ENVIRONMENTS.map((e) => [e, cmekKey(e)])),
  },
  network: {
    kind: 'object',
    description: 'dedicated and enterprise only: the tenant network, a private IPv4 range overlapping no other tenant\'s and outside the cells\'',
    fields: { cidr: { kind: 'string', pattern: /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/, description: 'e.g. 10.40.0.0/16; /16 to /24 (/23 on AWS)' } },
    required: ['cidr'],
  },
  edge: {
    kind: 'object',
    description: 'the tenant\'s public entry',
    fields: { rateLimitPerMinute: { kind: 'integer', min: RATE_LIMIT_BOUNDS.min, max: RATE_LIMIT_BOUNDS.max, default: 600, description: 'requests per minute per client before the edge refuses' } },
  },
  offboarding: {
    kind: 'object',
    description: 'the offboarding record, present exactly when status is not active',
    fields: {
      request: { kind: 'string', pattern: REQUEST_ID, description: 'the approved offboarding request' },
      approvedAt: { kind: 'date', description: 'the day it was approved (YYYY-MM-DD)' },
      dataUntil: { kind: 'date', description: 'the last day of the soft-delete window; the approval day when there is none' },
    },
    required: ['request', 'approvedAt', 'dataUntil'],
  },
} as const satisfies Record<string, Field>;

export const REQUIRED_FIELDS = ['id', 'name', 'tier', 'cloud', 'region', 'environments'] as const;

export const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** Whether `value` is a real calendar day written YYYY-MM-DD. */
export const isDate = (value: unknown): value is string =>
  typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
