import type { Tenant } from '../../infra/registry/tenant';
import type { Level, RuleMeta, Severity } from '../toolchain/catalog';
import type { CheckedValues } from './checked-values';
import type { TerraformSource } from './terraform-aws';
import type { WaiverResult } from './waivers';

export type StackFormat = 'cloudformation' | 'terraform';

/** One resource in the normalized model every rule reads, whatever tool wrote it. */
export interface Resource {
  readonly type: string;
  readonly properties: Record<string, unknown>;
  /** Addresses (logical ids / Terraform addresses) this resource refers to, from intrinsics and interpolations. */
  readonly references: string[];
  /** Labels (GCP) or tags (AWS) with string values. */
  readonly labels: Record<string, string>;
  /** Construct path when a CDK tool wrote the file; null for templates written by hand. */
  readonly path: string | null;
  /** Terraform's own address when the key differs: a local module's resource, flattened as `<type>.<module>__<name>`, is `module.<module>.<type>.<name>`. */
  readonly address?: string;
  /** CloudFormation's DeletionPolicy and UpdateReplacePolicy where the template sets them; absent for Terraform. */
  readonly attributes?: Record<string, unknown>;
  /** An `aws_*` Terraform resource translated to the CloudFormation shape the AWS rules read (terraform-aws.ts): its own type and paths, for the report (not sent to the rules). */
  readonly terraform?: TerraformSource;
}

export interface StackInfo {
  readonly name: string;
  readonly format: StackFormat;
  /** Taken from the resources' `tenant` / `environment` / `tier` labels when they all agree; else null. */
  readonly tenant: string | null;
  readonly environment: string | null;
  readonly tier: string | null;
}

/** The Rego input for one stack (see DESIGN.md, "The gate"). */
export interface StackDoc {
  readonly stack: StackInfo;
  readonly tenant: Tenant | null;
  readonly resources: Record<string, Resource>;
  /** CloudFormation exports this stack declares: export name -> the value it exports. */
  readonly exports?: Record<string, unknown>;
  /** The gate's resolution of each Fn::ImportValue this stack uses to the exporting stack's resource. */
  readonly imports?: Record<string, { readonly stack: string; readonly address: string; readonly type: string }>;
}

/** Where cordon's own code created a resource: a file relative to the repository root, and its 1-based line. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

/** A stack as read from disk, with the file it came from (relative to the working directory). */
export interface LoadedStack {
  readonly doc: StackDoc;
  readonly file: string;
  /** sha256 of the file's bytes as read. */
  readonly sha256: string;
  /** Construct path -> where it was created, from the side file of the synthesized output the stack is in (services/gate/sources.ts); one shared by its stacks. */
  readonly sources?: Pick<ReadonlyMap<string, SourceLocation>, 'get'>;
}

/** `waived` by a waiver in git; `baseline` already present in the `--baseline` report; else `open`. */
export type FindingStatus = 'open' | 'waived' | 'baseline';

export interface Finding {
  readonly rule: string;
  readonly controls: readonly string[];
  readonly title: string;
  readonly stack: string;
  readonly resource: string;
  readonly file: string;
  /** Line (1-based) where the resource is declared in `file`, when it can be found. */
  readonly line?: number;
  /** The construct path of the resource when a CDK tool wrote the template (`aws:cdk:path`, cdktf's `//` metadata): where to look in the source. */
  readonly construct?: string;
  /** Where cordon's own code created the construct, when the synthesized output recorded it (cordon's own apps): where a fix goes. */
  readonly source?: SourceLocation;
  /** Property path the finding is about, e.g. `rotation_period`. */
  readonly path: string;
  readonly severity: Severity;
  /** The rule's level, or `unverifiable` when a mandatory rule could not know the value it demands. */
  readonly level: Level | 'unverifiable';
  readonly message: string;
  readonly remediation: string;
  /** Stable across runs: rule + stack + resource + property path. */
  readonly fingerprint: string;
  readonly status: FindingStatus;
  /** The waiver that waived it, when `status` is `waived`. */
  readonly waiver?: { readonly reason: string; readonly approver: string; readonly expires: string };
}

/** A rule of the bundle as the report shows it: its metadata and what it covered in this run. */
export type RuleSummary = Omit<RuleMeta, 'package' | 'file'> & {
  /** Resources of the rule's types that it checked, over every stack. */
  readonly resources: number;
  readonly findings: number;
};

export interface Report {
  /** Version of this JSON shape; bumped on any breaking change (fields are only ever added within one). */
  readonly version: 1;
  readonly bundle: { readonly opaVersion: string; readonly wasmSha256: string; readonly sourcesSha256: string; readonly rules: number };
  readonly rules: readonly RuleSummary[];
  readonly stacks: readonly {
    readonly name: string;
    readonly file: string;
    readonly sha256: string;
    readonly format: StackFormat;
    readonly tenant: string | null;
    readonly resources: number;
    /** Resources per type in this stack, so a report can be cut to one tenant's stacks (absent from reports written before it). */
    readonly types?: Readonly<Record<string, number>>;
    /** Ids of the rules that had resources of their types in this stack. */
    readonly rules: readonly string[];
    /** Per resource of a type some rule checks, the values of the properties the rules judge (absent from reports written before it). */
    readonly checked?: CheckedValues;
  }[];
  readonly findings: readonly Finding[];
  readonly waivers: readonly WaiverResult[];
  readonly summary: {
    readonly stacks: number;
    readonly resources: number;
    readonly findings: number;
    readonly mandatoryOpen: number;
    readonly waived: number;
    readonly baseline: number;
    readonly unusedWaivers: number;
    /** `--strict`: unused waivers fail the run (judged at merge when sharded). */
    readonly strict: boolean;
    /** `i/n` when this report is one shard (`--shard`), else null. */
    readonly shard: string | null;
    /** The UTC date the run was judged on (`--today`, else the clock): waiver expiry and the rules' dates. */
    readonly today: string;
    /** The `--fail-on` terms in force and the open findings they matched; `passed` is `failing === 0` (and, with `strict`, no unused waiver). */
    readonly failOn: readonly string[];
    readonly failing: number;
    readonly passed: boolean;
  };
}

/** Usage or evaluation error: exit code 2, never a pass. */
export class GateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GateError';
  }
}
