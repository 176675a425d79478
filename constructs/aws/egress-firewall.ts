import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import { Construct } from 'constructs';
import { checkInteger, PropError } from '../props';
import { AWS_SERVICE_DOMAINS, WILDCARD_HOST_NAME } from './constants';

export interface EgressFirewallProps {
  /** The VPC whose DNS queries are filtered. */
  readonly vpcId: string;
  /**
   * Host names beyond the AWS service domains the VPC may resolve, e.g. the LLM hosts a tenant allows
   * (TEN-3). `*.` wildcards allowed. An LLM-free workload passes none.
   * @default [] (AWS service domains only)
   */
  readonly allowedDomains?: readonly string[];
  /**
   * Priority of the rule group association on the VPC (101–9899).
   * @default 1000
   */
  readonly priority?: number;
}

const NAME = 'EgressFirewall';

/**
 * Route 53 Resolver DNS Firewall on a VPC: AWS service domains and the given hosts resolve, every
 * other name gets NXDOMAIN. Fail-closed (the account default `FirewallFailOpen: DISABLED`) and
 * mutation-protected, so egress to an LLM provider exists only where allowed (TEN-3).
 */
export class EgressFirewall extends Construct {
  /** Every domain that resolves, AWS service domains first. */
  readonly allowedDomains: readonly string[];
  readonly ruleGroup: route53resolver.CfnFirewallRuleGroup;

  constructor(scope: Construct, id: string, props: EgressFirewallProps) {
    super(scope, id);
    const extra = props.allowedDomains ?? [];
    extra.forEach((d, i) => {
      if (!WILDCARD_HOST_NAME.test(d)) throw new PropError(NAME, `allowedDomains[${i}]`, 'a lower-case DNS name, optionally starting with "*."', d);
    });
    const priority = props.priority ?? 1000;
    checkInteger(NAME, 'priority', priority, 101, 9899);
    this.allowedDomains = [...new Set([...AWS_SERVICE_DOMAINS, ...extra])];

    const allow = new route53resolver.CfnFirewallDomainList(this, 'Allowed', { domains: [...this.allowedDomains] });
    const everything = new route53resolver.CfnFirewallDomainList(this, 'Everything', { domains: ['*'] });
    this.ruleGroup = new route53resolver.CfnFirewallRuleGroup(this, 'Rules', {
      firewallRules: [
        { firewallDomainListId: allow.attrId, priority: 100, action: 'ALLOW' },
        { firewallDomainListId: everything.attrId, priority: 200, action: 'BLOCK', blockResponse: 'NXDOMAIN' },
      ],
    });
    new route53resolver.CfnFirewallRuleGroupAssociation(this, 'Association', {
      firewallRuleGroupId: this.ruleGroup.attrId,
      vpcId: props.vpcId,
      priority,
      mutationProtection: 'ENABLED',
    });
  }
}
