import { CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as rds from 'aws-cdk-lib/aws-rds';
import { markForDeletion } from '../../../constructs/aws/for-deletion';
import { DocumentBucket } from '../../../constructs/aws/document-bucket';
import { stack, tenantKey } from './_stack';

describe('markForDeletion', () => {
  test('GIVEN what is kept (Retain, Snapshot, the RDS default) and protected THEN all of it is deleted with the stack and unprotected; what was deleted already is untouched', () => {
    const s = stack();
    new DocumentBucket(s, 'Documents', { tenantId: 'acme', key: tenantKey(s) });
    new rds.CfnDBCluster(s, 'Cluster', { engine: 'aurora-postgresql', deletionProtection: true });
    new rds.CfnDBInstance(s, 'Standalone', { engine: 'postgres', dbInstanceClass: 'db.t4g.micro', deletionProtection: true });
    new CfnResource(s, 'Topic', { type: 'AWS::SNS::Topic' });
    markForDeletion(s);
    const t = Template.fromStack(s).toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string; UpdateReplacePolicy?: string; Properties?: { DeletionProtection?: boolean } }>;
    const byType = (type: string) => Object.values(t).filter((r) => r.Type === type);
    for (const type of ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::RDS::DBCluster', 'AWS::RDS::DBInstance']) {
      for (const r of byType(type)) expect([type, r.DeletionPolicy, r.UpdateReplacePolicy]).toEqual([type, 'Delete', 'Delete']);
    }
    for (const type of ['AWS::RDS::DBCluster', 'AWS::RDS::DBInstance']) expect(byType(type)[0].Properties!.DeletionProtection).toBe(false);
    // deleted by default already: the template changes only where something was kept
    expect(byType('AWS::SNS::Topic')[0].DeletionPolicy).toBeUndefined();
    expect(byType('AWS::S3::BucketPolicy')[0].DeletionPolicy).toBeUndefined();
  });

  test('GIVEN an Aurora instance (deleted with its cluster by default) THEN it is left as it is', () => {
    const s = stack();
    new rds.CfnDBInstance(s, 'Writer', { engine: 'aurora-postgresql', dbInstanceClass: 'db.serverless', dbClusterIdentifier: 'acme-db' });
    markForDeletion(s);
    const [writer] = Object.values(Template.fromStack(s).toJSON().Resources) as { DeletionPolicy?: string; Properties: Record<string, unknown> }[];
    expect([writer.DeletionPolicy, writer.Properties.DeletionProtection]).toEqual([undefined, undefined]);
  });
});
