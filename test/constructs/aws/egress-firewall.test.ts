import { Match, Template } from 'aws-cdk-lib/assertions';
import { AWS_SERVICE_DOMAINS } from '../../../constructs/aws/constants';
import { EgressFirewall, EgressFirewallProps } from '../../../constructs/aws/egress-firewall';
import { stack } from './_stack';

function template(props: Partial<EgressFirewallProps> = {}): Template {
  const s = stack();
  new EgressFirewall(s, 'Firewall', { vpcId: 'vpc-1234', ...props });
  return Template.fromStack(s);
}

describe('EgressFirewall', () => {
  test('GIVEN no allowed domains (a no-LLM workload) THEN only AWS service domains resolve and everything else gets NXDOMAIN (TEN-3)', () => {
    const t = template();
    t.hasResourceProperties('AWS::Route53Resolver::FirewallDomainList', { Domains: [...AWS_SERVICE_DOMAINS] });
    t.hasResourceProperties('AWS::Route53Resolver::FirewallDomainList', { Domains: ['*'] });
    t.hasResourceProperties('AWS::Route53Resolver::FirewallRuleGroup', {
      FirewallRules: [
        { Action: 'ALLOW', Priority: 100, FirewallDomainListId: { 'Fn::GetAtt': [Match.stringLikeRegexp('Allowed'), 'Id'] } },
        { Action: 'BLOCK', BlockResponse: 'NXDOMAIN', Priority: 200, FirewallDomainListId: { 'Fn::GetAtt': [Match.stringLikeRegexp('Everything'), 'Id'] } },
      ],
    });
    t.hasResourceProperties('AWS::Route53Resolver::FirewallRuleGroupAssociation', { VpcId: 'vpc-1234', Priority: 1000, MutationProtection: 'ENABLED' });
    const lists = Object.values(t.findResources('AWS::Route53Resolver::FirewallDomainList'));
    expect(JSON.stringify(lists)).not.toMatch(/openai|anthropic/);
  });

  test('GIVEN allowed LLM hosts THEN they join the allow list, once each', () => {
    template({ allowedDomains: ['api.openai.com', 'api.anthropic.com', 'api.openai.com'] }).hasResourceProperties('AWS::Route53Resolver::FirewallDomainList', {
      Domains: [...AWS_SERVICE_DOMAINS, 'api.openai.com', 'api.anthropic.com'],
    });
  });

  test('refuses a malformed domain, naming its index', () => {
    expect(() => template({ allowedDomains: ['api.openai.com', 'https://x.example'] })).toThrow(
      /EgressFirewall: invalid allowedDomains\[1\]: expected a lower-case DNS name, optionally starting with "\*\.", received "https:\/\/x.example"/,
    );
    expect(() => template({ allowedDomains: ['*'] })).toThrow(/allowedDomains\[0\].*received "\*"/);
  });

  test('boundaries: priority 101 and 9899 are accepted, 100 and 9900 are not', () => {
    expect(() => template({ priority: 101 })).not.toThrow();
    expect(() => template({ priority: 9899 })).not.toThrow();
    expect(() => template({ priority: 100 })).toThrow(/EgressFirewall: invalid priority: expected an integer from 101 to 9899, received 100/);
    expect(() => template({ priority: 9900 })).toThrow(/received 9900/);
  });
});
