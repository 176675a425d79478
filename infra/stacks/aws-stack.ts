import { Aspects, CfnResource, IAspect, Stack, StackProps, TagManager, Tags } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { PLATFORM } from '../platform';
import { Environment } from '../registry/tenant';

export interface AwsStackProps extends StackProps {
  readonly environment: Environment;
  readonly region: string;
  /** Tags put on every taggable resource: `tenantLabels` or `platformLabels` (TEN-1). */
  readonly labels: Record<string, string>;
}

/**
 * Base of every cordon AWS stack: the environment's account and an explicit region, its labels as
 * tags, and availability zones answered without a context lookup. `Stack.availabilityZones` of a stack
 * with a concrete environment would otherwise record an `availability-zones` lookup (ec2.Vpc reads it
 * even when given explicit zones), and `cdk synth` would then call AWS; cordon synthesizes offline.
 */
export class AwsStack extends Stack {
  constructor(scope: Construct, name: string, props: AwsStackProps) {
    const { environment, region, labels, ...rest } = props;
    super(scope, name, { ...rest, env: { account: PLATFORM.aws.account[environment], region } });
    for (const [k, v] of Object.entries(labels)) Tags.of(this).add(k, v);
    Aspects.of(this).add(new TagRawResources(labels));
  }

  /** The zones cordon uses in every region: `a` and `b`. */
  override get availabilityZones(): string[] {
    return [`${this.region}a`, `${this.region}b`];
  }
}

/**
 * `Tags.of` skips raw CfnResources, such as the role and function of CDK's own custom resource
 * providers (the VPC's default security group restriction); this tags them too (TEN-1).
 */
class TagRawResources implements IAspect {
  private static readonly TYPES = new Set(['AWS::IAM::Role', 'AWS::Lambda::Function']);
  constructor(private readonly labels: Record<string, string>) {}
  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource) || TagManager.isTaggable(node) || !TagRawResources.TYPES.has(node.cfnResourceType)) return;
    node.addPropertyOverride('Tags', Object.entries(this.labels).map(([Key, Value]) => ({ Key, Value })));
  }
}
