import { Stack, Token } from 'aws-cdk-lib';

/**
 * Constants shared by the AWS constructs only (cloud-neutral ones live in ../props.ts).
 */

/** Port the application containers listen on, behind the load balancer. */
export const APP_PORT = 8080;
/** Port of every PostgreSQL database. */
export const POSTGRES_PORT = 5432;
/** The only port the load balancer accepts from the internet (NET-1). */
export const HTTPS_PORT = 443;

/**
 * Domains every workload may resolve through the VPC's DNS firewall whatever its LLM settings: AWS
 * service endpoints and the VPC's own internal names. Everything not listed (and not an allowed LLM
 * host) gets NXDOMAIN (TEN-3).
 */
export const AWS_SERVICE_DOMAINS: readonly string[] = ['amazonaws.com', '*.amazonaws.com', '*.compute.internal', '*.ec2.internal'];

/** Log group retention values CloudWatch Logs accepts, in days. */
export const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** CloudWatch Logs' retention for events that never expire (the `RetentionInDays` property left out). */
export const NEVER_EXPIRE = 9999;

/**
 * The shortest retention CloudWatch Logs accepts that keeps events at least `years` years (7 -> 2557);
 * NEVER_EXPIRE beyond the longest it accepts (3653 days, 10 years), so a longer contract is still kept.
 */
export function cloudWatchRetentionForYears(years: number): number {
  return CLOUDWATCH_RETENTION_DAYS.find((d) => d >= years * 365) ?? NEVER_EXPIRE;
}

/** One year in seconds: the shortest HSTS max-age the edge accepts (TLS-3). */
export const HSTS_MIN_SECONDS = 31_536_000;

/** A DNS host name (lower case, at least two labels); `*.` allowed in front when wildcards are. */
export const HOST_NAME = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const WILDCARD_HOST_NAME = /^(\*\.)?(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * The stack's partition as a literal when its region is concrete (so policies read plain ARNs), else
 * the `AWS::Partition` token.
 */
export function partitionOf(stack: Stack): string {
  if (Token.isUnresolved(stack.region)) return stack.partition;
  return stack.region.startsWith('cn-') ? 'aws-cn' : stack.region.startsWith('us-gov-') ? 'aws-us-gov' : stack.region.startsWith('us-iso') ? 'aws-iso' : 'aws';
}
