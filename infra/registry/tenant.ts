import { PLATFORM, RESERVED_ID_PREFIX } from '../platform';
import { CLOUDS, ENVIRONMENTS, Field, isDate, keyRegion, KMS_KEY_PATTERN, LLM_SUBPROCESSORS, REGIONS, STATUSES, TENANT_FIELDS, TENANT_ID, TIERS } from './fields';
import { describe, RegistryIssue } from './issues';

export { CLOUDS, ENVIRONMENTS, LLM_SUBPROCESSORS, STATUSES, TENANT_ID, TIERS } from './fields';

export type Tier = (typeof TIERS)[number];
export type Cloud = (typeof CLOUDS)[number];
export type Environment = (typeof ENVIRONMENTS)[number];
export type LlmSubprocessor = (typeof LLM_SUBPROCESSORS)[number];
export type Status = (typeof STATUSES)[number];

/** A validated tenant, every default applied. The YAML schema is the onboarding contract. */
export interface Tenant {
  /** `^[a-z][a-z0-9-]{2,20}$`, equal to the file name; never renamed. */
  readonly id: string;
  readonly name: string;
  readonly tier: Tier;
  readonly cloud: Cloud;
  readonly region: string;
  readonly environments: readonly Environment[];
  readonly retention: {
    /** @default 90 — 0 means nothing is kept beyond the request. */
    readonly documentDays: number;
    /** @default 30, or 0 when documentDays is 0 (a soft delete would keep data 30 days). */
    readonly softDeleteDays: number;
    /** @default 7 */
    readonly auditYears: number;
  };
  /** @default { subprocessors: [] } — a no-LLM workflow. */
  readonly llm: { readonly subprocessors: readonly LlmSubprocessor[] };
  /** @default false */
  readonly phi: boolean;
  /** @default false */
  readonly baa: boolean;
  /**
   * Customer-managed keys, enterprise only: one for each of the tenant's environments, all
   * different (prod and non-prod share no key, NET-5).
   */
  readonly cmek?: Readonly<Partial<Record<Environment, string>>>;
  /** Required for dedicated and enterprise tiers, forbidden for pooled (pooled tenants share the cell). */
  readonly network?: { readonly cidr: string };
  /** @default { rateLimitPerMinute: 600 } */
  readonly edge: { readonly rateLimitPerMinute: number };
  /** @default active — written by offboarding only, with `offboarding`. */
  readonly status: Status;
  /** The customer's contact (an email address). */
  readonly contact?: string;
  /** The ticket or contract reference the tenant was onboarded under. */
  readonly ticket?: string;
  /** The approved offboarding: present exactly when status is not active. */
  readonly offboarding?: { readonly request: string; readonly approvedAt: string; readonly dataUntil: string };
}

const CIDR = TENANT_FIELDS.network.fields.cidr.pattern;
const F = TENANT_FIELDS;
const fieldsOf = (f: { fields: object }) => Object.keys(f.fields);

/** Parses an IPv4 CIDR into [first, last] address as integers, or undefined when malformed. */
export function cidrRange(cidr: string): [number, number] | undefined {
  const m = CIDR.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (base % size !== 0) return undefined; // host bits set: almost always a typo
  return [base, base + size - 1];
}

function isPrivateRange([first, last]: [number, number]): boolean {
  const within = (cidr: string) => {
    const [lo, hi] = cidrRange(cidr)!;
    return first >= lo && last <= hi;
  };
  return within('10.0.0.0/8') || within('172.16.0.0/12') || within('192.168.0.0/16');
}

export function overlaps(a: [number, number], b: [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

type Obj = Record<string, unknown>;

/**
 * Validates one parsed tenant file. Collects every issue rather than stopping at the first,
 * so onboarding sees the whole list in one run.
 */
export function validateTenant(raw: unknown, file: string, expectedId: string): { tenant?: Tenant; issues: RegistryIssue[] } {
  const issues: RegistryIssue[] = [];
  const fail = (path: string, expected: string, value: unknown) => issues.push({ file, path, expected, received: describe(value) });

  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    fail('', 'a YAML mapping of tenant fields', raw);
    return { issues };
  }
  const doc = raw as Obj;
  const unknownFields = (obj: Obj, allowed: string[], prefix: string) => {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) fail(prefix + key, `one of the fields ${allowed.join(', ')}`, `unknown field "${key}"`);
    }
  };
  const section = (key: string, allowed: string[]): Obj | undefined => {
    const v = doc[key];
    if (v === undefined) return {};
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      fail(key, `a mapping with fields ${allowed.join(', ')}`, v);
      return undefined;
    }
    unknownFields(v as Obj, allowed, `${key}.`);
    return v as Obj;
  };
  const oneOf = <T extends string>(path: string, value: unknown, allowed: readonly T[]): T | undefined => {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    fail(path, `one of ${allowed.join(' | ')}`, value);
    return undefined;
  };
  const integer = (path: string, value: unknown, field: Extract<Field, { kind: 'integer' }>, dflt = field.default!): number => {
    if (value === undefined) return dflt;
    if (typeof value === 'number' && Number.isInteger(value) && value >= field.min && value <= field.max) return value;
    fail(path, `an integer from ${field.min} to ${field.max}`, value);
    return dflt;
  };
  const boolean = (path: string, value: unknown): boolean => {
    if (value === undefined) return false;
    if (typeof value === 'boolean') return value;
    fail(path, 'true or false', value);
    return false;
  };
  const text = (path: string, value: unknown, field: Extract<Field, { kind: 'string' }>): string | undefined => {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && field.pattern?.test(value)) return value;
    fail(path, `${field.description}, matching ${field.pattern?.source}`, value);
    return undefined;
  };

  unknownFields(doc, Object.keys(F), '');

  if (typeof doc.id !== 'string' || !TENANT_ID.test(doc.id)) {
    fail('id', `a string matching ${TENANT_ID.source}`, doc.id);
  } else if (doc.id.startsWith(RESERVED_ID_PREFIX)) {
    fail('id', `an id not starting with "${RESERVED_ID_PREFIX}" (reserved for platform stacks)`, doc.id);
  } else if (doc.id !== expectedId) {
    fail('id', `"${expectedId}" (the file name without .yaml)`, doc.id);
  }
  if (typeof doc.name !== 'string' || doc.name.trim() === '' || doc.name.length > 100) {
    fail('name', 'a non-empty string of at most 100 characters', doc.name);
  }
  const tier = oneOf('tier', doc.tier, TIERS);
  const cloud = oneOf('cloud', doc.cloud, CLOUDS);
  const regions: readonly string[] = cloud ? REGIONS[cloud] : [];
  if (typeof doc.region !== 'string' || (cloud && !regions.includes(doc.region))) {
    fail('region', cloud ? `one of the ${cloud} regions: ${regions.join(' | ')}` : 'a region of the tenant\'s cloud', doc.region);
  }

  const environments: Environment[] = [];
  if (!Array.isArray(doc.environments) || doc.environments.length === 0) {
    fail('environments', `a non-empty list of ${ENVIRONMENTS.join(' | ')}`, doc.environments);
  } else {
    doc.environments.forEach((e, i) => {
      const env = oneOf(`environments[${i}]`, e, ENVIRONMENTS);
      if (env && environments.includes(env)) fail(`environments[${i}]`, 'each environment once', e);
      else if (env) environments.push(env);
    });
  }

  const retention = section('retention', fieldsOf(F.retention));
  const documentDays = integer('retention.documentDays', retention?.documentDays, F.retention.fields.documentDays);
  const softDeleteDays = integer('retention.softDeleteDays', retention?.softDeleteDays, F.retention.fields.softDeleteDays, documentDays === 0 ? 0 : undefined);
  const auditYears = integer('retention.auditYears', retention?.auditYears, F.retention.fields.auditYears);

  const llm = section('llm', fieldsOf(F.llm));
  const subprocessors: LlmSubprocessor[] = [];
  if (llm?.subprocessors !== undefined) {
    if (!Array.isArray(llm.subprocessors)) {
      fail('llm.subprocessors', `a list of ${LLM_SUBPROCESSORS.join(' | ')} ([] for a no-LLM workflow)`, llm.subprocessors);
    } else {
      llm.subprocessors.forEach((s, i) => {
        const sp = oneOf(`llm.subprocessors[${i}]`, s, LLM_SUBPROCESSORS);
        if (sp && subprocessors.includes(sp)) fail(`llm.subprocessors[${i}]`, 'each sub-processor once', s);
        else if (sp) subprocessors.push(sp);
      });
    }
  }

  const phi = boolean('phi', doc.phi);
  const baa = boolean('baa', doc.baa);

  let cmek: Partial<Record<Environment, string>> | undefined;
  // Outside enterprise a cmek is refused as a whole below; its keys are not judged one by one.
  const c = doc.cmek === undefined || (tier && tier !== 'enterprise') ? undefined : section('cmek', [...ENVIRONMENTS]);
  if (c) {
    const pattern = KMS_KEY_PATTERN[cloud ?? 'gcp'];
    const shape = cloud === 'aws' ? 'an AWS KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/UUID)' : 'a Cloud KMS key name (projects/P/locations/L/keyRings/R/cryptoKeys/K)';
    cmek = {};
    for (const env of ENVIRONMENTS) {
      const key = c[env];
      if (!environments.includes(env)) {
        if (key !== undefined) fail(`cmek.${env}`, `no key: ${env} is not among the tenant's environments (${environments.join(', ')})`, key);
        continue;
      }
      const shared = ENVIRONMENTS.find((e) => cmek![e] === key);
      if (typeof key !== 'string' || !pattern.test(key)) fail(`cmek.${env}`, `${shape}: the key of the ${env} environment`, key);
      // A key serves resources in its own region only; one elsewhere would leave the data unencrypted or undeployable.
      else if (typeof doc.region === 'string' && keyRegion(key) !== doc.region) fail(`cmek.${env}`, `a key in the tenant's region ${doc.region} (this one is in ${keyRegion(key)})`, key);
      else if (shared) fail(`cmek.${env}`, `a key other than cmek.${shared}: prod and non-prod share no key`, key);
      else cmek[env] = key;
    }
  }

  let network: Tenant['network'];
  if (doc.network !== undefined) {
    const n = section('network', fieldsOf(F.network));
    const range = typeof n?.cidr === 'string' ? cidrRange(n.cidr) : undefined;
    if (n && !range) {
      fail('network.cidr', 'an IPv4 CIDR with host bits zero, e.g. 10.40.0.0/16', n.cidr);
    } else if (n && range) {
      const prefix = Number((n.cidr as string).split('/')[1]);
      // AWS subnets are at least /28: three tiers in two zones need a /23.
      const longest = cloud === 'aws' ? 23 : 24;
      if (prefix < 16 || prefix > longest) fail('network.cidr', `a prefix length from /16 to /${longest}${cloud === 'aws' ? ' (three tiers in two zones of /28 subnets)' : ''}`, n.cidr);
      else if (!isPrivateRange(range)) fail('network.cidr', 'a private range (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)', n.cidr);
      else if (overlaps(range, cidrRange(PLATFORM.cellCidr)!)) fail('network.cidr', `a range outside ${PLATFORM.cellCidr} (reserved for the pooled cells)`, n.cidr);
      else network = { cidr: n.cidr as string };
    }
  }

  const edge = section('edge', fieldsOf(F.edge));
  const rateLimitPerMinute = integer('edge.rateLimitPerMinute', edge?.rateLimitPerMinute, F.edge.fields.rateLimitPerMinute);

  const status = doc.status === undefined ? 'active' : oneOf('status', doc.status, STATUSES);
  const contact = text('contact', doc.contact, F.contact);
  const ticket = text('ticket', doc.ticket, F.ticket);
  let offboarding: Tenant['offboarding'];
  if (status && status !== 'active' && doc.offboarding === undefined) fail('offboarding', `the offboarding record (${fieldsOf(F.offboarding).join(', ')}) when status is ${status}`, undefined);
  else if (status === 'active' && doc.offboarding !== undefined) fail('offboarding', 'no offboarding record while status is active', doc.offboarding);
  else if (doc.offboarding !== undefined) {
    const o = section('offboarding', fieldsOf(F.offboarding));
    if (o) {
      const request = text('offboarding.request', o.request, F.offboarding.fields.request);
      if (o.request === undefined) fail('offboarding.request', F.offboarding.fields.request.description, undefined);
      for (const day of ['approvedAt', 'dataUntil'] as const) if (!isDate(o[day])) fail(`offboarding.${day}`, `${F.offboarding.fields[day].description}, a real date`, o[day]);
      if (isDate(o.approvedAt) && isDate(o.dataUntil) && o.dataUntil < o.approvedAt) fail('offboarding.dataUntil', `a day on or after offboarding.approvedAt (${o.approvedAt})`, o.dataUntil);
      if (request && isDate(o.approvedAt) && isDate(o.dataUntil)) offboarding = { request, approvedAt: o.approvedAt, dataUntil: o.dataUntil };
    }
  }

  // Rules within one tenant. Cross-tenant rules live in the loader.
  if (tier === 'pooled' && doc.network !== undefined) fail('network', 'no network for a pooled tenant (pooled tenants share the regional cell)', doc.network);
  if ((tier === 'dedicated' || tier === 'enterprise') && doc.network === undefined) fail('network.cidr', `a CIDR: ${tier} tenants get their own VPC`, undefined);
  if (doc.cmek !== undefined && tier && tier !== 'enterprise') fail('cmek', `no cmek for tier ${tier} (customer-managed keys are enterprise only)`, doc.cmek);
  // On GCP an enterprise tenant without its own key gets HSM keys; AWS offers no HSM key store here (ENC-5).
  if (tier === 'enterprise' && cloud === 'aws' && doc.cmek === undefined) fail('cmek', "a customer-managed key: an AWS enterprise tenant's data keys are the customer's (ENC-5)", undefined);
  if (phi && !baa) fail('baa', 'true when phi is true (PHI only under a signed BAA)', doc.baa);
  if (phi && tier && tier !== 'enterprise') fail('tier', 'enterprise when phi is true', tier);
  if (documentDays === 0 && softDeleteDays !== 0) {
    fail('retention.softDeleteDays', '0 when retention.documentDays is 0 (a soft delete would keep documents beyond the request)', softDeleteDays);
  }

  if (issues.length > 0) return { issues };
  return {
    issues,
    tenant: {
      id: doc.id as string,
      name: doc.name as string,
      tier: tier!,
      cloud: cloud!,
      region: doc.region as string,
      environments,
      retention: { documentDays, softDeleteDays, auditYears },
      llm: { subprocessors },
      phi,
      baa,
      ...(cmek && { cmek }),
      ...(network && { network }),
      edge: { rateLimitPerMinute },
      status: status!,
      ...(contact && { contact }),
      ...(ticket && { ticket }),
      ...(offboarding && { offboarding }),
    },
  };
}
