import { Aspects, CfnDeletionPolicy, CfnResource, IAspect, RemovalPolicy } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
import { IConstruct } from 'constructs';

/**
 * Everything below `scope` is deleted with its stack: whatever would be kept (DeletionPolicy Retain or
 * Snapshot, set or CloudFormation's default) gets DeletionPolicy and UpdateReplacePolicy Delete — no
 * retained bucket or log group, no final snapshot — and no deletion protection. What is deleted
 * already is left as it is, so the template changes only where something was kept. For the stacks
 * of an offboarded tenant, deployed once in this form so that removing them deletes what they held
 * (RET-5-AWS proves it); every other stack keeps what its constructs retain.
 */
export function markForDeletion(scope: IConstruct): void {
  Aspects.of(scope).add(FOR_DELETION);
}

const FOR_DELETION: IAspect = {
  visit(node: IConstruct) {
    if (!(node instanceof CfnResource)) return;
    const policy = node.cfnOptions.deletionPolicy ?? (snapshotByDefault(node) ? CfnDeletionPolicy.SNAPSHOT : CfnDeletionPolicy.DELETE);
    if (policy !== CfnDeletionPolicy.DELETE) node.applyRemovalPolicy(RemovalPolicy.DESTROY);
    if ((node instanceof rds.CfnDBCluster || node instanceof rds.CfnDBInstance) && node.deletionProtection) node.deletionProtection = false;
  },
};

/** CloudFormation's exception to deleting by default: RDS clusters and stand-alone instances are snapshotted. */
const snapshotByDefault = (node: CfnResource) => node instanceof rds.CfnDBCluster || (node instanceof rds.CfnDBInstance && !node.dbClusterIdentifier);
