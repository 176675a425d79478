import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { TenantKey } from '../../../constructs/aws/tenant-key';
import { KeyPurpose } from '../../../constructs/props';

/** A stack with a concrete account and region, as every cordon stack has; validation off as in the apps. */
export function stack(region = 'us-east-1', id = 'Test'): Stack {
  return new Stack(new App({ builtinCloudFormationValidation: false, analyticsReporting: false }), id, { env: { account: '111111111111', region } });
}

/** A stack without account or region (environment-agnostic). */
export function agnosticStack(): Stack {
  return new Stack(new App({ builtinCloudFormationValidation: false, analyticsReporting: false }), 'Agnostic');
}

export function tenantKey(s: Stack, purpose: KeyPurpose = 'documents', id = `${purpose}Key`): kms.Key {
  return new TenantKey(s, id, { tenantId: 'acme', purpose }).key;
}
