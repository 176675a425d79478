import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { checkInteger, checkOneOf, PropError } from '../props';
import { APP_PORT } from './segmented-network';
import { checkNonEmpty, checkProject, grantKeyUse, serviceAgentMember } from './service-agents';

/** Ingress settings that keep a service off the public internet except through its load balancer. */
export const PRIVATE_INGRESS = ['INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER', 'INGRESS_TRAFFIC_INTERNAL_ONLY'] as const;

export interface CloudRunServiceProps {
  readonly project: string;
  readonly region: string;
  readonly name: string;
  /** Container image, from the platform's scanned Artifact Registry repository (OPS-1). */
  readonly image: string;
  /** E-mail of the workload's own service account (never the default compute account). */
  readonly serviceAccountEmail: string;
  /** Key encrypting the container image and revisions at rest (ENC-1). */
  readonly kmsKeyName: string;
  /** Direct VPC egress: all outbound traffic leaves through this subnet and its firewall (NET-1, TEN-3). */
  readonly vpc: { readonly network: string; readonly subnetwork: string };
  /** @default 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER' (reachable only through its load balancer) */
  readonly ingress?: (typeof PRIVATE_INGRESS)[number];
  /** @default 0 */
  readonly minInstances?: number;
  /** @default 20 */
  readonly maxInstances?: number;
  /**
   * Grant this project's Cloud Run service agent encrypt/decrypt on the key.
   * @default true
   */
  readonly grantKeyToServiceAgent?: boolean;
  /** @default {} */
  readonly labels?: Record<string, string>;
}

const NAME = 'CloudRunService';
const SERVICE_NAME = /^[a-z]([-a-z0-9]{0,47}[a-z0-9])?$/;
const SA_EMAIL = /^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/;

/**
 * A Cloud Run (v2) service that takes traffic only from its load balancer (and the VPC), sends all its
 * egress through the tenant's app subnet (direct VPC egress), runs as its own service account, is
 * encrypted with the tenant's key and protected from deletion. No IAM binding makes it public: the
 * invoker check is off because ingress already admits only the load balancer, whose Cloud Armor policy
 * is the public entry (EDGE-1); there is no allUsers binding to drift.
 */
export class CloudRunService extends Construct {
  readonly service: CloudRunV2Service;

  constructor(scope: Construct, id: string, props: CloudRunServiceProps) {
    super(scope, id);
    checkProject(NAME, 'project', props.project);
    checkNonEmpty(NAME, 'region', props.region, 'a region name');
    if (!SERVICE_NAME.test(props.name ?? '')) throw new PropError(NAME, 'name', `a service name matching ${SERVICE_NAME.source}`, props.name);
    checkNonEmpty(NAME, 'image', props.image, 'a container image');
    if (!Token.isUnresolved(props.serviceAccountEmail) && !SA_EMAIL.test(props.serviceAccountEmail ?? '')) throw new PropError(NAME, 'serviceAccountEmail', 'a user-managed service account e-mail (NAME@PROJECT.iam.gserviceaccount.com)', props.serviceAccountEmail);
    checkNonEmpty(NAME, 'kmsKeyName', props.kmsKeyName, 'the name of a Cloud KMS key');
    checkNonEmpty(NAME, 'vpc.network', props.vpc?.network, 'a VPC id');
    checkNonEmpty(NAME, 'vpc.subnetwork', props.vpc?.subnetwork, 'a subnetwork id');
    const ingress = props.ingress ?? 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER';
    checkOneOf(NAME, 'ingress', ingress, PRIVATE_INGRESS);
    const minInstances = props.minInstances ?? 0;
    const maxInstances = props.maxInstances ?? 20;
    checkInteger(NAME, 'minInstances', minInstances, 0, 100);
    checkInteger(NAME, 'maxInstances', maxInstances, Math.max(1, minInstances), 1000);

    const dependsOn = [];
    if (props.grantKeyToServiceAgent ?? true) {
      const project = new DataGoogleProject(this, 'project', { projectId: props.project });
      dependsOn.push(grantKeyUse(this, 'agent-key-access', NAME, props.kmsKeyName, serviceAgentMember('cloudRun', project.number)));
    }

    this.service = new CloudRunV2Service(this, 'service', {
      name: props.name,
      project: props.project,
      location: props.region,
      ingress,
      invokerIamDisabled: ingress === 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
      deletionProtection: true,
      labels: props.labels,
      template: {
        serviceAccount: props.serviceAccountEmail,
        encryptionKey: props.kmsKeyName,
        executionEnvironment: 'EXECUTION_ENVIRONMENT_GEN2',
        labels: props.labels,
        scaling: { minInstanceCount: minInstances, maxInstanceCount: maxInstances },
        vpcAccess: {
          egress: 'ALL_TRAFFIC',
          networkInterfaces: [{ network: props.vpc.network, subnetwork: props.vpc.subnetwork }],
        },
        containers: [{ image: props.image, ports: { containerPort: Number(APP_PORT) } }],
      },
      dependsOn,
    });
  }
}
