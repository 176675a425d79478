import type { EnforcementLevel, PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from '@pulumi/policy';
import type { Tenant } from '../../infra/registry/tenant';
import type { RuleMeta } from '../toolchain/catalog';
import { sha256 } from '../toolchain/policy-sources';
import { DEFAULT_FAIL_ON } from '../gate/fail-on';
import { gateStacks } from '../gate/estate';
import { Finding, GateError, LoadedStack, Report } from '../gate/model';
import { UNKNOWN_AFTER_APPLY } from '../gate/normalize-plan';
import { normalizeTerraform } from '../gate/normalize-terraform';
import type { PolicyBundle } from '../gate/policy';
import { terraformTypesOf } from '../gate/terraform-aws';
import type { Waiver } from '../gate/waivers';

/*
 * Pulumi's AWS and GCP providers are bridged from Terraform's: each resource is a Terraform
 * resource under a Pulumi type token (`aws:kms/key:Key` is `aws_kms_key`) with its attributes in
 * camelCase. So a Pulumi stack is gated as a Terraform JSON stack: each resource of a type cordon
 * judges becomes `{resource: {type: {name: attributes}}}` and goes through normalizeTerraform (and
 * so the AWS translation), the same path as `cordon check` on a `*.tf.json`.
 */

/** A resource as CrossGuard's stack validation passes it; only what the mapping reads. */
export type PulumiResource = Pick<PolicyResource, 'type' | 'urn' | 'name' | 'props'> & {
  readonly opts?: { readonly protect?: boolean };
  readonly propertyDependencies?: Readonly<Record<string, readonly { readonly urn: string }[]>>;
};

// --- type tokens -------------------------------------------------------------------------------

/** Terraform type prefix -> Pulumi package. */
const PACKAGES: readonly (readonly [string, string])[] = [
  ['aws_', 'aws'],
  ['google_', 'gcp'],
];

/** pulumi-gcp modules whose Terraform prefix is more than one word, or differs. */
const GCP_MODULES: readonly (readonly [string, string])[] = [
  ['cloud_run_v2_', 'cloudrunv2'],
  ['cloud_run_', 'cloudrun'],
  ['artifact_registry_', 'artifactregistry'],
  ['secret_manager_', 'secretmanager'],
  ['service_networking_', 'servicenetworking'],
  ['vpc_access_', 'vpcaccess'],
  ['privileged_access_manager_', 'privilegedaccessmanager'],
  ['service_account_', 'serviceaccount'],
  ['project_', 'projects'],
  ['organization_', 'organizations'],
];

/** pulumi-gcp modules that spell `iam` as `IAM` in resource names (the older ones); the others write `Iam`. */
const GCP_IAM_UPPER = new Set(['storage', 'kms', 'projects', 'organizations', 'folder', 'serviceaccount']);

const ec2 = (name: string) => [`aws:ec2/${name[0].toLowerCase()}${name.slice(1)}:${name}`];

/**
 * Tokens that do not follow from the Terraform name (pulumi-aws's and pulumi-gcp's resources.go):
 * another module, another name, acronyms; the S3 configuration resources also under their v6
 * names (`...V2`), which v7 keeps as deprecated aliases.
 */
const TOKEN_OVERRIDES: Readonly<Record<string, readonly string[]>> = {
  aws_alb: ['aws:alb/loadBalancer:LoadBalancer'],
  aws_lb: ['aws:lb/loadBalancer:LoadBalancer'],
  aws_api_gateway_rest_api: ['aws:apigateway/restApi:RestApi'],
  aws_cloudtrail: ['aws:cloudtrail/trail:Trail'],
  aws_db_instance: ['aws:rds/instance:Instance'],
  aws_db_parameter_group: ['aws:rds/parameterGroup:ParameterGroup'],
  aws_db_subnet_group: ['aws:rds/subnetGroup:SubnetGroup'],
  aws_docdbelastic_cluster: ['aws:docdb/elasticCluster:ElasticCluster'],
  aws_eip: ec2('Eip'),
  aws_flow_log: ec2('FlowLog'),
  aws_instance: ec2('Instance'),
  aws_internet_gateway: ec2('InternetGateway'),
  aws_nat_gateway: ec2('NatGateway'),
  aws_route_table: ec2('RouteTable'),
  aws_security_group: ec2('SecurityGroup'),
  aws_security_group_rule: ec2('SecurityGroupRule'),
  aws_subnet: ec2('Subnet'),
  aws_vpc: ec2('Vpc'),
  aws_vpc_endpoint: ec2('VpcEndpoint'),
  aws_vpc_peering_connection: ec2('VpcPeeringConnection'),
  aws_vpc_security_group_ingress_rule: ['aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule'],
  aws_s3_bucket: ['aws:s3/bucket:Bucket', 'aws:s3/bucketV2:BucketV2'],
  ...Object.fromEntries(
    ['acl', 'lifecycle_configuration', 'logging', 'object_lock_configuration', 'server_side_encryption_configuration', 'versioning'].map((t) => {
      const name = `Bucket${pascal(t, 'Iam')}`;
      const token = `aws:s3/b${name.slice(1)}:${name}`;
      return [`aws_s3_bucket_${t}`, [token, token.replace(/(\/[^:]*):(.*)$/, '$1V2:$2V2')]];
    }),
  ),
  google_compute_ssl_policy: ['gcp:compute/sSLPolicy:SSLPolicy'],
  google_compute_target_ssl_proxy: ['gcp:compute/targetSSLProxy:TargetSSLProxy'],
  google_compute_url_map: ['gcp:compute/uRLMap:URLMap'],
  google_compute_shared_vpc_host_project: ['gcp:compute/sharedVPCHostProject:SharedVPCHostProject'],
  google_compute_shared_vpc_service_project: ['gcp:compute/sharedVPCServiceProject:SharedVPCServiceProject'],
  google_service_account: ['gcp:serviceaccount/account:Account'],
  google_storage_bucket_acl: ['gcp:storage/bucketACL:BucketACL'],
};

function pascal(snake: string, iam: 'IAM' | 'Iam'): string {
  return snake
    .split('_')
    .map((w) => (w === 'iam' ? iam : `${w[0].toUpperCase()}${w.slice(1)}`))
    .join('');
}

/** The Pulumi type tokens of a Terraform type: `aws_kms_key` -> `aws:kms/key:Key`; [] for other providers. */
export function pulumiTokens(tfType: string): readonly string[] {
  const override = TOKEN_OVERRIDES[tfType];
  if (override) return override;
  const provider = PACKAGES.find(([prefix]) => tfType.startsWith(prefix));
  if (!provider) return [];
  const rest = tfType.slice(provider[0].length);
  const [prefix, module] = (provider[1] === 'gcp' && GCP_MODULES.find(([p]) => rest.startsWith(p))) || [`${rest.split('_')[0]}_`, rest.split('_')[0]];
  const name = pascal(rest.slice(prefix.length), GCP_IAM_UPPER.has(module) ? 'IAM' : 'Iam');
  return name === '' ? [] : [`${provider[1]}:${module}/${name[0].toLowerCase()}${name.slice(1)}:${name}`];
}

/**
 * The Terraform types cordon judges: each rule's Terraform types, and for its CloudFormation types
 * the `aws_*` types the translation reads as them (terraformTypesOf).
 */
export function judgedTerraformTypes(rules: Iterable<RuleMeta>): string[] {
  const out = new Set<string>();
  for (const r of rules) for (const t of r.resourceTypes) for (const tf of t.startsWith('AWS::') ? terraformTypesOf(t) : [t]) out.add(tf);
  return [...out].filter((t) => pulumiTokens(t).length > 0).sort();
}

/** Pulumi type token -> the Terraform type it is, for the judged types. */
export function tokenIndex(rules: Iterable<RuleMeta>): ReadonlyMap<string, string> {
  return new Map(judgedTerraformTypes(rules).flatMap((tf) => pulumiTokens(tf).map((token) => [token, tf] as const)));
}

// --- attributes --------------------------------------------------------------------------------

/**
 * What Pulumi sends for a value it knows only after the update (a preview of a resource not yet
 * created): one sentinel per kind, from Pulumi's resource protocol (the same constants as
 * @pulumi/policy's proxy.js, which does not export them).
 */
export const PULUMI_UNKNOWNS: ReadonlySet<string> = new Set([
  '1c4a061d-8072-4f0a-a4cb-0ff528b18fe7', // boolean
  '3eeb2bf0-c639-47a8-9e75-3b44932eb421', // number
  '04da6b54-80e4-46f7-96ec-b56ff0331ba9', // string
  '6a19a0b0-7e62-4c92-b797-7f8e31da9cc2', // array
  '030794c1-ac77-496b-92df-f27374a8bd58', // asset
  'e48ece36-62e2-4504-bad9-02848725956a', // archive
  'dd056dcd-154b-4c76-9bd3-c8f88648b5ff', // object
]);

/** Map-valued attributes: their keys are the user's (tag and label names), not attribute names. */
const MAP_ATTRIBUTES = new Set(['tags', 'tags_all', 'labels', 'effective_labels', 'pulumi_labels', 'terraform_labels', 'user_labels', 'resource_labels', 'variables', 'metadata']);

/**
 * Lists the bridge names in the plural where Terraform's block name is singular (`rule` -> `rules`),
 * for the attributes cordon reads, by Terraform type: each is written back to Terraform's name.
 */
const PLURALS: Readonly<Record<string, Readonly<Record<string, string>>>> = (() => {
  const listener = { default_actions: 'default_action' };
  const listenerRule = { actions: 'action', conditions: 'condition' };
  const rules = { rules: 'rule' };
  const parameters = { parameters: 'parameter' };
  return {
    aws_lb_listener: listener,
    aws_alb_listener: listener,
    aws_lb_listener_rule: listenerRule,
    aws_alb_listener_rule: listenerRule,
    aws_s3_bucket: { lifecycle_rules: 'lifecycle_rule', loggings: 'logging' },
    aws_s3_bucket_lifecycle_configuration: rules,
    aws_s3_bucket_server_side_encryption_configuration: rules,
    aws_wafv2_web_acl: { ...rules, statements: 'statement' },
    aws_cloudfront_distribution: { origins: 'origin', ordered_cache_behaviors: 'ordered_cache_behavior' },
    aws_db_parameter_group: parameters,
    aws_rds_cluster_parameter_group: parameters,
    aws_cloudtrail: { event_selectors: 'event_selector', advanced_event_selectors: 'advanced_event_selector', data_resources: 'data_resource', field_selectors: 'field_selector' },
    google_storage_bucket: { lifecycle_rules: 'lifecycle_rule' },
    google_compute_firewall: { allows: 'allow', denies: 'deny' },
    google_compute_security_policy: rules,
    google_project_iam_audit_config: { audit_log_configs: 'audit_log_config' },
  };
})();

const snake = (k: string) => (/^[a-z][A-Za-z0-9]*$/.test(k) ? k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : k);

/**
 * A Pulumi value in Terraform's terms: camelCase keys to snake_case (not inside maps of tags and
 * labels), pluralized list names back to Terraform's, Pulumi's unknowns to the plan's unknown marker
 * (so a rule reports what it cannot know as unverifiable), `resolve` applied to strings.
 */
function terraformValue(v: unknown, plurals: Readonly<Record<string, string>>, resolve: (s: string) => string, keepKeys = false): unknown {
  if (typeof v === 'string') return PULUMI_UNKNOWNS.has(v) ? UNKNOWN_AFTER_APPLY : resolve(v);
  if (Array.isArray(v)) return v.map((x) => terraformValue(x, plurals, resolve));
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    // `__defaults` and other engine bookkeeping is not an attribute.
    if (k.startsWith('__') || x === undefined) continue;
    if (keepKeys) {
      out[k] = terraformValue(x, plurals, resolve);
      continue;
    }
    const name = snake(k);
    out[Array.isArray(x) ? (plurals[name] ?? name) : name] = terraformValue(x, plurals, resolve, MAP_ATTRIBUTES.has(name));
  }
  return out;
}

/** CrossGuard's stack validation wraps props in a proxy that throws on unknowns; its target is the plain value. */
const unwrap = (props: Record<string, unknown>): Record<string, unknown> => (props as Record<string, any>).__getSpecialProxyTarget ?? props;

/** Outputs whose value designates their resource, in the order a reference names them. */
const DESIGNATING = ['arn', 'id', 'key_id', 'self_link', 'name', 'bucket'];

/** A Terraform name: letters, digits, `_` and `-`, not starting with a digit or `-`. */
const addressName = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^([^A-Za-z_])/, '_$1');

/** The Terraform JSON of a Pulumi stack's judged resources, with each address's URN. */
export interface PulumiTerraform {
  readonly tf: { readonly resource: Record<string, Record<string, Record<string, unknown>>> };
  readonly urns: ReadonlyMap<string, string>;
}

/**
 * Maps the resources of the judged types onto Terraform JSON, addressed `type.name` by their Pulumi
 * name; the others (providers, components, types no rule reads) are left out. A string equal to an
 * output of a resource the property depends on becomes the reference `${type.name.attr}`, as
 * Terraform writes it; `protect` is Terraform's `lifecycle { prevent_destroy = true }`.
 */
export function pulumiToTerraform(resources: readonly PulumiResource[], tokens: ReadonlyMap<string, string>): PulumiTerraform {
  const judged = resources.filter((r) => tokens.has(r.type));
  const addressOf = new Map<string, string>();
  const taken = new Set<string>();
  for (const r of judged) {
    const type = tokens.get(r.type)!;
    let address = `${type}.${addressName(r.name)}`;
    for (let i = 2; taken.has(address); i++) address = `${type}.${addressName(r.name)}_${i}`;
    taken.add(address);
    addressOf.set(r.urn, address);
  }
  const byUrn = new Map(judged.map((r) => [r.urn, r]));
  const resource: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const r of judged) {
    const [type, name] = addressOf.get(r.urn)!.split(/\.(.*)/s);
    const props = unwrap(r.props);
    const attrs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(props)) {
      // Only the property's own dependencies: a value equal to an output of any dependency (a label
      // `acme` and the key ring named `acme`) is no reference.
      const deps = (r.propertyDependencies?.[k] ?? []).map((d) => byUrn.get(d.urn)).filter((d): d is PulumiResource => d !== undefined);
      const resolve = (s: string): string => {
        for (const d of deps) {
          const out = unwrap(d.props);
          const attr = DESIGNATING.find((a) => Object.entries(out).some(([ok, ov]) => snake(ok) === a && ov === s));
          if (attr) return `\${${addressOf.get(d.urn)}.${attr}}`;
        }
        return s;
      };
      Object.assign(attrs, terraformValue({ [k]: v }, PLURALS[type] ?? {}, resolve));
    }
    if (r.opts?.protect === true) attrs.lifecycle = { prevent_destroy: true };
    (resource[type] ??= {})[name] = attrs;
  }
  return { tf: { resource }, urns: new Map([...addressOf].map(([urn, address]) => [address, urn])) };
}

// --- evaluation --------------------------------------------------------------------------------

export interface PulumiGateOptions {
  readonly bundle: PolicyBundle;
  /** Registry entries: a stack whose resources carry a registered `tenant` tag or label is judged against its contract. @default none */
  readonly registry?: readonly Tenant[];
  /** Waivers, as `cordon check` applies them (policies/waivers.yaml). @default none */
  readonly waivers?: readonly Waiver[];
  /** UTC date the waivers are judged on. @default today */
  readonly today?: string;
}

export interface PulumiGateResult {
  readonly report: Report;
  /** Stack address -> URN of the Pulumi resource. */
  readonly urns: ReadonlyMap<string, string>;
}

/** `urn:pulumi:STACK::PROJECT::...` -> `PROJECT/STACK`, the stack's name in findings and waivers. */
export function pulumiStackName(resources: readonly Pick<PulumiResource, 'urn'>[]): string {
  const m = resources.length > 0 ? /^urn:pulumi:([^:]+)::([^:]+)::/.exec(resources[0].urn) : null;
  if (!m) throw new GateError(`a Pulumi stack's resources must have URNs urn:pulumi:STACK::PROJECT::..., received ${JSON.stringify(resources[0]?.urn ?? null)}`);
  return `${m[2]}/${m[1]}`;
}

/** Gates one Pulumi stack as `cordon check` gates one Terraform stack (registry, waivers, estate rules over it alone). */
export function gatePulumiStack(resources: readonly PulumiResource[], options: PulumiGateOptions): PulumiGateResult {
  const { tf, urns } = pulumiToTerraform(resources, tokenIndex(options.bundle.rules.values()));
  const name = pulumiStackName(resources);
  const stack: LoadedStack = { doc: normalizeTerraform(tf, name, `pulumi:${name}`), file: `pulumi:${name}`, sha256: sha256(JSON.stringify(tf)) };
  const report = gateStacks([stack], options.bundle, { registry: options.registry, waivers: options.waivers, today: options.today, failOn: DEFAULT_FAIL_ON });
  return { report, urns };
}

/** A finding as a CrossGuard violation message: rule id, what and where, and the fix. */
export function violationMessage(f: Finding): string {
  const what = f.level === 'unverifiable' ? ' (unverifiable: known only after the update)' : '';
  return `${f.rule}${what} ${f.resource} ${f.path}: ${f.message}. Remediation: ${f.remediation}`;
}

/**
 * The bundle's rules as CrossGuard stack validation policies, one per rule (so each carries the
 * rule's level as its enforcement level, which CrossGuard sets per policy): mandatory rules are
 * mandatory, and so is what they cannot verify (fail closed, as `cordon check` by default);
 * advisory rules advisory. The stack is gated once for all of them (the policies run one after the
 * other on the same resources); waived findings are not reported.
 */
export function cordonPolicies(options: PulumiGateOptions): StackValidationPolicy[] {
  let last: { key: string; result: PulumiGateResult } | undefined;
  const gate = (resources: readonly PulumiResource[]): PulumiGateResult => {
    // (Dependencies by URN: CrossGuard's are resources, linked to each other and proxied.)
    const deps = (r: PulumiResource) => Object.entries(r.propertyDependencies ?? {}).map(([k, ds]) => [k, ds.map((d) => d.urn)]);
    const key = sha256(JSON.stringify(resources.map((r) => [r.urn, r.type, unwrap(r.props), r.opts?.protect ?? false, deps(r)])));
    if (last?.key !== key) last = { key, result: gatePulumiStack(resources, options) };
    return last.result;
  };
  return [...options.bundle.rules.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((rule) => ({
      name: rule.id,
      description: rule.title,
      enforcementLevel: rule.level satisfies EnforcementLevel,
      severity: rule.severity,
      remediationSteps: rule.remediation,
      validateStack: (args: Pick<StackValidationArgs, 'resources'>, reportViolation: ReportViolation) => {
        if (args.resources.length === 0) return;
        const { report, urns } = gate(args.resources);
        for (const f of report.findings) if (f.rule === rule.id && f.status === 'open') reportViolation(violationMessage(f), urns.get(f.resource));
      },
    }));
}

// --- docs ------------------------------------------------------------------------------------

/** Markers of the generated type table in docs/pulumi.md. */
export const TYPES_TABLE_MARKERS = ['<!-- pulumi-types:begin (generated: node -r ts-node/register/transpile-only plugins/pulumi/write-docs.ts) -->', '<!-- pulumi-types:end -->'] as const;

/** The mapped types as a Markdown table: each judged Terraform type and its Pulumi type tokens. */
export function typesTable(rules: Iterable<RuleMeta>): string {
  const rows = judgedTerraformTypes(rules).map((t) => `| \`${t}\` | ${pulumiTokens(t).map((k) => `\`${k}\``).join(', ')} |`);
  return ['| Terraform type | Pulumi type token |', '|---|---|', ...rows].join('\n');
}

/** `doc` with the text between the markers replaced by the table. */
export function withTypesTable(doc: string, rules: Iterable<RuleMeta>): string {
  const [begin, end] = TYPES_TABLE_MARKERS;
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new GateError(`the Pulumi docs page has no ${begin} ... ${end} section`);
  return `${doc.slice(0, from + begin.length)}\n${typesTable(rules)}\n${doc.slice(to)}`;
}
