import { PlannedStack } from './plan';

/** What a deploy tells the person or program running it; the library never prints. */
export type DeployEvent =
  | { readonly kind: 'phase'; readonly message: string }
  | { readonly kind: 'stack'; readonly stack: string; readonly status: 'started' | 'deployed' | 'failed' | 'planned' | 'skipped' | 'removing' | 'removed'; readonly detail?: string }
  /** A message of the cloud's own tooling (CDK toolkit, Terraform), attributed to a stack where known. */
  | { readonly kind: 'cloud'; readonly stack?: string; readonly level: 'info' | 'warn' | 'error'; readonly message: string };

export interface DeployHost {
  event(e: DeployEvent): void;
  /** Asked once, after the gate passed, with every stack about to be deployed and every stack about to be removed; false does nothing. */
  confirm(stacks: readonly PlannedStack[], removing: readonly string[]): Promise<boolean>;
}
