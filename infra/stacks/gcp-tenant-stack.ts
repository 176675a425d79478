import { Construct, IConstruct } from 'constructs';
import * as path from 'path';
import { LocalBackend, TerraformStack } from 'cdktf';
import { ComputeSharedVpcServiceProject } from '@cdktf/provider-google/lib/compute-shared-vpc-service-project';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { pgauditClassesFor } from '../../constructs/props';
import { AuditSink } from '../../constructs/gcp/audit-sink';
import { CloudRunService } from '../../constructs/gcp/cloud-run-service';
import { DocumentBucket } from '../../constructs/gcp/document-bucket';
import { HttpsEdge } from '../../constructs/gcp/https-edge';
import { PostgresDatabase } from '../../constructs/gcp/postgres-database';
import { ProdAccessEntitlement } from '../../constructs/gcp/prod-access-entitlement';
import { SegmentedNetwork } from '../../constructs/gcp/segmented-network';
import { TenantKeyRing } from '../../constructs/gcp/tenant-key-ring';
import { deletingStackName, PLATFORM, stackName, tenantDomain, tenantLabels } from '../platform';
import { Environment, Tenant } from '../registry/tenant';
import { appImage, cellNetwork } from './gcp-cell-stack';
import { auditBucket } from './gcp-platform-stack';

/**
 * One GCP tenant in one environment, in its own data project. Every tier: its key ring (documents,
 * database, logs; HSM for enterprise) in the environment's KMS project, its document bucket (the
 * customer's key for enterprise), its Cloud SQL database, its workload identity and its audit sink to the
 * central locked bucket. Pooled tenants reach the regional cell's network and compute; dedicated and
 * enterprise tenants get their own segmented network, Cloud Run service and HTTPS edge. In prod, access
 * is only through a two-approval, time-bound PAM entitlement. Other stacks are named by convention
 * (`cellNetwork`, `auditBucket`), never referenced.
 *
 * Offboarding (RET-5): while the tenant is `offboarding` (its soft-delete window) only its keys, data,
 * network and audit sink stay — no workload identity, service or edge; once `offboarded`, only its key
 * ring stays, without keys, so Terraform destroys every key version (crypto-shredding).
 *
 * `forDeletion` builds an offboarded tenant's stack as it was in its window, but with nothing protected
 * from deletion, named `<id>-<env>-deleting` and sharing the state of `<id>-<env>`: the deploy applies
 * it just before the tombstone, whose apply then destroys the database and bucket (the Google provider
 * refuses to destroy them while its state says they are protected).
 */
export class GcpTenantStack extends TerraformStack {
  constructor(scope: Construct, tenant: Tenant, environment: Environment, { forDeletion = false } = {}) {
    const name = stackName(tenant.id, environment);
    super(scope, forDeletion ? deletingStackName(name) : name);
    // cdktf's own default path for `name`: one state, two configurations applied to it in turn.
    if (forDeletion) new LocalBackend(this, { path: path.join(process.cwd(), `terraform.${name}.tfstate`) });
    const labels = tenantLabels(tenant, environment);
    const dataProject = PLATFORM.gcp.dataProject(tenant.id, environment);
    const region = tenant.region;
    const dedicated = tenant.tier !== 'pooled';
    new GoogleProvider(this, 'google', { project: dataProject, region });

    const shredded = tenant.status === 'offboarded' && !forDeletion;
    const serving = tenant.status === 'active';
    const ring = new TenantKeyRing(this, 'keys', {
      tenantId: tenant.id,
      kmsProject: PLATFORM.gcp.kmsProject(environment),
      location: region,
      purposes: ['documents', 'database', 'logs'],
      hsm: tenant.tier === 'enterprise',
      labels,
      shredded,
    });
    if (shredded) return;

    const documents = new DocumentBucket(this, 'documents', {
      tenantId: tenant.id,
      project: dataProject,
      location: region,
      bucketName: `${dataProject}-documents`,
      // An enterprise customer's own key of this environment wins; the customer grants our service agent in their project.
      kmsKeyName: tenant.cmek?.[environment] ?? ring.keys.documents!.id,
      grantKeyToServiceAgent: !tenant.cmek?.[environment],
      documentDays: tenant.retention.documentDays,
      softDeleteDays: tenant.retention.softDeleteDays,
      labels,
      forDeletion,
    });
    const workload = serving ? new ServiceAccount(this, 'workload', { project: dataProject, accountId: 'workload', displayName: `${tenant.id} ${environment} workload` }) : undefined;
    if (workload) {
      const member = `serviceAccount:${workload.email}`;
      new StorageBucketIamMember(this, 'workload-documents', { bucket: documents.bucket.name, role: 'roles/storage.objectUser', member });
      for (const role of ['roles/cloudsql.client', 'roles/cloudsql.instanceUser']) {
        new ProjectIamMember(this, `workload-${role.split('.').pop()}`, { project: dataProject, role, member });
      }
    }

    let privateNetwork: string;
    let allocatedIpRange: string;
    let network: SegmentedNetwork | undefined;
    if (dedicated) {
      network = new SegmentedNetwork(this, 'network', {
        project: dataProject,
        region,
        name: 'vpc',
        cidr: tenant.network!.cidr,
        llmHosts: tenant.llm.subprocessors.flatMap((s) => PLATFORM.llmHosts[s]),
        labels,
      });
      privateNetwork = network.network.id;
      allocatedIpRange = network.servicesRange!.name;
    } else {
      // Pooled: the data project is a Shared VPC service project of the cell; the cell's runtime acts as the tenant's workload.
      const cell = cellNetwork(environment, region, tenant.llm.subprocessors);
      privateNetwork = cell.network;
      allocatedIpRange = cell.servicesRange;
      new ComputeSharedVpcServiceProject(this, 'cell-attachment', { hostProject: cell.project, serviceProject: dataProject });
      if (workload) {
        new ServiceAccountIamMember(this, 'cell-acts-as-workload', {
          serviceAccountId: workload.name,
          role: 'roles/iam.serviceAccountTokenCreator',
          member: `serviceAccount:${cell.runtimeServiceAccount}`,
        });
      }
    }

    new PostgresDatabase(this, 'database', {
      tenantId: tenant.id,
      project: dataProject,
      region,
      name: `${tenant.id}-db`,
      kmsKeyName: ring.keys.database!.id,
      privateNetwork,
      allocatedIpRange,
      auditStatements: pgauditClassesFor(tenant.phi),
      labels,
      forDeletion,
    });

    const audit = auditBucket(environment);
    new AuditSink(this, 'audit', { project: dataProject, auditProject: audit.project, auditLocation: audit.location, auditBucketId: audit.bucketId });

    if (network && workload) {
      const service = new CloudRunService(this, 'service', {
        project: dataProject,
        region,
        name: 'app',
        image: appImage(region),
        serviceAccountEmail: workload.email,
        kmsKeyName: ring.keys.documents!.id,
        vpc: { network: network.network.id, subnetwork: network.subnets.app.id },
        labels,
      });
      const domain = tenantDomain(tenant.id, environment);
      new HttpsEdge(this, 'edge', {
        project: dataProject,
        name: 'edge',
        domains: [domain],
        backend: { cloudRunService: service.service.name, region },
        rateLimits: [{ host: domain, perMinute: tenant.edge.rateLimitPerMinute }],
        requestLogBucket: audit,
        labels,
      });
    }

    if (environment === 'prod') {
      new ProdAccessEntitlement(this, 'prod-access', { project: dataProject, requesters: PLATFORM.gcp.pam.requesters, approvers: PLATFORM.gcp.pam.approvers });
      assertNoHumanBindings(this);
    }
  }
}

/** IAM-1: in prod no binding may name a user or a group; humans get access only through PAM. */
export function assertNoHumanBindings(stack: IConstruct): void {
  for (const c of stack.node.findAll()) {
    // `memberInput` is the configured value (`member` would be a token for the resolved attribute).
    const { memberInput, membersInput } = c as { memberInput?: unknown; membersInput?: unknown };
    for (const member of [memberInput, ...(Array.isArray(membersInput) ? membersInput : [])]) {
      if (typeof member === 'string' && /^(user|group):/.test(member)) {
        throw new Error(`${stack.node.id}: standing human IAM binding ${c.node.path} (${member}) in prod; use the PAM entitlement`);
      }
    }
  }
}
