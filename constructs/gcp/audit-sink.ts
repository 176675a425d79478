import { Construct } from 'constructs';
import { LoggingProjectSink, LoggingProjectSinkExclusions } from '@cdktf/provider-google/lib/logging-project-sink';
import { ProjectIamAuditConfig } from '@cdktf/provider-google/lib/project-iam-audit-config';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { PropError } from '../props';
import { checkNonEmpty, checkProject } from './service-agents';

/** Every Cloud Audit Logs stream: admin activity, data access, system event and policy denied. */
export const AUDIT_LOG_FILTER = 'logName:"/logs/cloudaudit.googleapis.com%2F"';

/**
 * Entries that would carry document content into the audit bucket (LOG-2): requests and responses
 * with inline or raw documents, and application entries with a document or content payload.
 */
export const DOCUMENT_PAYLOAD_EXCLUSIONS: readonly LoggingProjectSinkExclusions[] = [
  {
    name: 'document-payloads',
    description: 'Audit entries whose request or response carries a document',
    filter: 'protoPayload.request.inlineDocument:* OR protoPayload.request.rawDocument:* OR protoPayload.response.document:*',
  },
  {
    name: 'content-payloads',
    description: 'Entries with a document or content payload',
    filter: 'jsonPayload.document:* OR jsonPayload.content:* OR protoPayload.request.content:*',
  },
];

/** The request logs of external HTTP(S) load balancers, which carry Cloud Armor's decisions (LOG-1). */
export const LB_REQUEST_LOG_FILTER = 'resource.type="http_load_balancer"';

/** The central log bucket sinks write to: the environment's locked, CMEK audit bucket. */
export interface LogBucketRef {
  readonly project: string;
  readonly location: string;
  readonly bucketId: string;
}

/** The audit log types turned on for every service (LOG-1). */
export const AUDIT_LOG_TYPES = ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'] as const;

export interface AuditSinkProps {
  /** The project whose audit logs are routed (a tenant's data project). */
  readonly project: string;
  /** The central audit project holding the locked bucket. */
  readonly auditProject: string;
  /** Location of the audit bucket. */
  readonly auditLocation: string;
  /** Id of the audit bucket. @default 'audit' */
  readonly auditBucketId?: string;
  /** @default 'cordon-audit' */
  readonly name?: string;
  /** @default AUDIT_LOG_FILTER (every audit log stream) */
  readonly filter?: string;
  /** Entries kept out of the audit bucket; must not be empty (LOG-2). @default DOCUMENT_PAYLOAD_EXCLUSIONS */
  readonly exclusions?: readonly LoggingProjectSinkExclusions[];
  /**
   * Turn on data-access audit logs for all services of the project. Off only for a second sink of a
   * project whose first sink already turns them on (one audit config per project and service).
   * @default true
   */
  readonly dataAccessLogs?: boolean;
}

const NAME = 'AuditSink';
const SINK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** The Logging API name of a project's log bucket, as a sink destination. */
export function logBucketDestination(project: string, location: string, bucketId: string): string {
  return `logging.googleapis.com/projects/${project}/locations/${location}/buckets/${bucketId}`;
}

/**
 * Routes a project's audit logs to the central locked audit bucket (LOG-1): data-access audit logs on
 * for all services, a sink with its own writer identity, that identity allowed to write into the audit
 * bucket only, and exclusions that keep document content out (LOG-2). With another `filter` it routes
 * other audit evidence the same way (HttpsEdge: the load balancer's request logs).
 */
export class AuditSink extends Construct {
  readonly sink: LoggingProjectSink;

  constructor(scope: Construct, id: string, props: AuditSinkProps) {
    super(scope, id);
    checkProject(NAME, 'project', props.project);
    checkProject(NAME, 'auditProject', props.auditProject);
    if (props.auditProject === props.project) throw new PropError(NAME, 'auditProject', 'a project other than the source project (logs are kept centrally)', props.auditProject);
    checkNonEmpty(NAME, 'auditLocation', props.auditLocation, 'a region name');
    const bucketId = props.auditBucketId ?? 'audit';
    const name = props.name ?? 'cordon-audit';
    if (!SINK_NAME.test(name)) throw new PropError(NAME, 'name', `a sink name matching ${SINK_NAME.source}`, name);
    checkNonEmpty(NAME, 'filter', props.filter ?? AUDIT_LOG_FILTER, 'a non-empty Logging filter');
    const exclusions = props.exclusions ?? DOCUMENT_PAYLOAD_EXCLUSIONS;
    if (exclusions.length === 0) throw new PropError(NAME, 'exclusions', 'at least one exclusion keeping document payloads out (LOG-2)', exclusions);

    if (props.dataAccessLogs ?? true) {
      new ProjectIamAuditConfig(this, 'data-access-logs', {
        project: props.project,
        service: 'allServices',
        auditLogConfig: AUDIT_LOG_TYPES.map((logType) => ({ logType })),
      });
    }

    this.sink = new LoggingProjectSink(this, 'sink', {
      name,
      project: props.project,
      destination: logBucketDestination(props.auditProject, props.auditLocation, bucketId),
      filter: props.filter ?? AUDIT_LOG_FILTER,
      uniqueWriterIdentity: true,
      exclusions: exclusions.map((e) => ({ ...e })),
    });

    // The writer identity (already `serviceAccount:...`) may write into the audit bucket and nothing else.
    new ProjectIamMember(this, 'sink-writer', {
      project: props.auditProject,
      role: 'roles/logging.bucketWriter',
      member: this.sink.writerIdentity,
      condition: {
        title: 'audit-bucket-only',
        description: `Write into the ${bucketId} log bucket only`,
        expression: `resource.name.endsWith("locations/${props.auditLocation}/buckets/${bucketId}")`,
      },
    });
  }
}
