import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { AUDIT_RETENTION_DAYS, PropError } from '../props';
import { EncryptedLogGroup } from './log-group';

/** AWS managed rule groups on every web ACL (EDGE-1), evaluated after the web ACL's own rules. */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesSQLiRuleSet',
] as const;

/** Request parts the WAF log replaces with `REDACTED` (LOG-2): credentials and query strings. */
export const WAF_REDACTED_HEADERS = ['authorization', 'cookie'] as const;

/** CloudWatch metrics and sampled requests on, under `metricName`. */
export const wafVisibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

export interface ManagedWebAclProps {
  /** The construct and property errors name: [construct name, name of its log retention property]. */
  readonly errorsName: readonly [string, string];
  /** CLOUDFRONT for a distribution (the stack must be in us-east-1), REGIONAL for a load balancer. */
  readonly scope: 'CLOUDFRONT' | 'REGIONAL';
  /** Rules evaluated before the managed groups (rate rules), with priorities from 0. @default none */
  readonly rules?: readonly wafv2.CfnWebACL.RuleProperty[];
  /** The web ACL's CloudWatch metric name. */
  readonly metricName: string;
  /** Suffix of the WAF log group's name, `aws-waf-logs-cordon-<stack name>-<suffix>`, unique in the stack. */
  readonly logNameSuffix: string;
  /** KMS key of the WAF log group (ENC-1): a `logs` key of the owner, admitting CloudWatch Logs. */
  readonly logKey: kms.IKey;
  /** Days the WAF log is kept: the record of access attempts, audit evidence (RET-3), at least seven years. */
  readonly logRetentionDays: number;
  /** A data protection policy on the WAF log group (LOG-2; see EncryptedLogGroup). @default true */
  readonly logDataProtection?: boolean;
}

/**
 * Adds to `scope` a WAFv2 web ACL allowing by default, with the given rules then the AWS managed rule
 * groups enforced (EDGE-1), and its log (LOG-1): every decision to a KMS-encrypted aws-waf-logs-*
 * group, the authorization and cookie headers and the query string redacted (LOG-2). Children are
 * `WebAcl`, `WafLogs` and `WafLogging`, so one scope holds one web ACL.
 */
export function addManagedWebAcl(scope: Construct, props: ManagedWebAclProps): { webAcl: wafv2.CfnWebACL; wafLogs: EncryptedLogGroup } {
  if (props.logRetentionDays < AUDIT_RETENTION_DAYS) {
    throw new PropError(props.errorsName[0], props.errorsName[1], `at least ${AUDIT_RETENTION_DAYS} (seven years of audit evidence, RET-3)`, props.logRetentionDays);
  }
  const rules = props.rules ?? [];
  const managedRules: wafv2.CfnWebACL.RuleProperty[] = MANAGED_RULE_GROUPS.map((group, i) => ({
    name: group,
    priority: rules.length + i,
    overrideAction: { none: {} },
    visibilityConfig: wafVisibility(group),
    statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: group } },
  }));
  const webAcl = new wafv2.CfnWebACL(scope, 'WebAcl', {
    scope: props.scope,
    defaultAction: { allow: {} },
    visibilityConfig: wafVisibility(props.metricName),
    rules: [...rules, ...managedRules],
  });
  // WAF delivers only to log groups named aws-waf-logs-*; the name is unique per account and region.
  const logGroupName = `aws-waf-logs-cordon-${Stack.of(scope).stackName}-${props.logNameSuffix}`.slice(0, 512);
  const wafLogs = new EncryptedLogGroup(scope, 'WafLogs', { key: props.logKey, retentionDays: props.logRetentionDays, dataProtection: props.logDataProtection, logGroupName });
  new wafv2.CfnLoggingConfiguration(scope, 'WafLogging', {
    resourceArn: webAcl.attrArn,
    logDestinationConfigs: [wafLogs.logGroup.logGroupArn],
    redactedFields: [...WAF_REDACTED_HEADERS.map((header) => ({ singleHeader: { Name: header } })), { queryString: {} }],
  });
  return { webAcl, wafLogs };
}
