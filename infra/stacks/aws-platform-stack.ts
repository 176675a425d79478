import { StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AuditTrail } from '../../constructs/aws/audit-trail';
import { ContainerRegistry } from '../../constructs/aws/container-registry';
import { DatabaseMonitoring } from '../../constructs/aws/database-monitoring';
import { ThreatDetection } from '../../constructs/aws/threat-detection';
import { platformLabels, platformStackName, PLATFORM } from '../platform';
import { Environment } from '../registry/tenant';
import { AwsPlatformKeysStack } from './aws-keys-stack';
import { APP_IMAGE, rdsMonitoringRoleName } from './aws-names';
import { AwsStack } from './aws-stack';

export interface AwsPlatformStackProps extends StackProps {
  readonly environment: Environment;
  readonly region: string;
  /** The environment's platform keys of this region: `logs` everywhere, `audit` and `registry` in the home region too. */
  readonly keys: AwsPlatformKeysStack;
}

/**
 * An environment's platform services in one region (`cordon-platform-<env>-<region>`; the region is
 * always in the name because the GCP estate already has a `cordon-platform-<env>` stack and the gate
 * needs unique stack names). Every region holding AWS tenants gets GuardDuty (OPS-1; detectors are
 * regional); the home region also holds the multi-region CloudTrail into the Object Lock audit bucket
 * (LOG-1, RET-3) and the container registry scanned on push. Every region also holds what RDS enhanced
 * monitoring needs once per account and region (the `RDSOSMetrics` group under the platform's logs key,
 * and the monitoring role): tenant stacks' databases use them, so they deploy after this stack.
 */
export class AwsPlatformStack extends AwsStack {
  constructor(scope: Construct, props: AwsPlatformStackProps) {
    const { environment, region } = props;
    super(scope, platformStackName('platform', environment, region), { ...props, labels: platformLabels(environment) });
    if (region === PLATFORM.aws.homeRegion) {
      new AuditTrail(this, 'Audit', { key: props.keys.key('audit') });
      new ContainerRegistry(this, 'Registry', { repositories: [APP_IMAGE.repository], key: props.keys.key('registry') });
    }
    new ThreatDetection(this, 'ThreatDetection');
    new DatabaseMonitoring(this, 'DatabaseMonitoring', { key: props.keys.key('logs'), roleName: rdsMonitoringRoleName(region) });
  }
}
