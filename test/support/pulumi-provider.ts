import * as pulumi from '@pulumi/pulumi';
import type { CheckResult, CreateResult, DiffResult, Provider } from '@pulumi/pulumi/provider';
import { main } from '@pulumi/pulumi/provider';

/*
 * Stand-ins for Pulumi's AWS and GCP providers, which are not installed here (the provider
 * packages are large and their plugins are downloaded binaries): the example programs
 * (examples/pulumi/<cloud>/index.ts) run against them.
 *   - providerPackage: the npm package (`@pulumi/aws`): `aws.kms.Key` is a resource class of type
 *     `aws:kms/key:Key`, whatever the module and class; what constructing it does is the caller's.
 *   - serveProvider: the plugin (`pulumi-resource-aws`) the Pulumi CLI starts: it echoes inputs as
 *     outputs and adds what the provider computes (PROVIDER_OUTPUTS).
 */

export type Cloud = 'aws' | 'gcp';

/** What a program passes to a resource's constructor. */
export interface Declared {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly protect: boolean;
}

/** `aws`, `kms`, `Key` -> `aws:kms/key:Key`: the bridged providers' type tokens. */
export const typeToken = (cloud: Cloud, module: string, cls: string): string => `${cloud}:${module}/${cls[0].toLowerCase()}${cls.slice(1)}:${cls}`;

/** The provider package `@pulumi/<cloud>`: constructing any of its resource classes returns `declare`'s result. */
export function providerPackage(cloud: Cloud, declare: (d: Declared, opts: pulumi.CustomResourceOptions | undefined) => object): unknown {
  const resourceClass = (module: string, cls: string) =>
    class {
      constructor(name: string, props: Record<string, unknown>, opts?: pulumi.CustomResourceOptions) {
        return declare({ type: typeToken(cloud, module, cls), name, props, protect: opts?.protect ?? false }, opts);
      }
    };
  return new Proxy({}, { get: (_p, module) => new Proxy({}, { get: (_m, cls) => resourceClass(String(module), String(cls)) }) });
}

/** What a provider adds to a resource's inputs once it exists (fixed ids: no cloud is called). */
export const PROVIDER_OUTPUTS: Readonly<Record<string, (inputs: Record<string, any>) => Record<string, unknown>>> = {
  'aws:kms/key:Key': (i) => ({ arn: 'arn:aws:kms:us-east-1:555555555555:key/0b7a6e4c-1111-2222-3333-444455556666', keyId: '0b7a6e4c-1111-2222-3333-444455556666', tagsAll: i.tags }),
  'aws:s3/bucket:Bucket': (i) => ({ arn: `arn:aws:s3:::${i.bucket}`, tagsAll: i.tags }),
  'gcp:kms/keyRing:KeyRing': (i) => ({ id: `projects/${i.project}/locations/${i.location}/keyRings/${i.name}` }),
  'gcp:kms/cryptoKey:CryptoKey': (i) => ({ effectiveLabels: i.labels }),
};

/**
 * The package as the Pulumi CLI runs it: each resource a `pulumi.CustomResource` of its type token,
 * declaring the outputs its provider computes (as the generated classes do, with `undefined`
 * inputs) so that a program can read them (`key.keyId`).
 */
export function customResourcePackage(cloud: Cloud): unknown {
  class StandIn extends pulumi.CustomResource {}
  return providerPackage(cloud, ({ type, name, props }, opts) => {
    const computed = Object.keys(PROVIDER_OUTPUTS[type]?.({}) ?? {}).filter((k) => k !== 'id');
    return new StandIn(type, name, { ...Object.fromEntries(computed.map((k) => [k, undefined])), ...props }, opts);
  });
}

/** Serves the provider plugin `pulumi-resource-<cloud>` (the CLI passes the engine's address in `args`). */
export function serveProvider(cloud: Cloud, args: string[]): Promise<void> {
  const typeOf = (urn: string) => urn.split('::')[2].split('$').pop()!;
  const provider: Provider = {
    version: '0.0.0-standin',
    check: async (_urn: string, _olds: any, news: any): Promise<CheckResult> => ({ inputs: news }),
    diff: async (): Promise<DiffResult> => ({}),
    create: async (urn: string, inputs: any): Promise<CreateResult> => {
      const outs = { ...inputs, ...PROVIDER_OUTPUTS[typeOf(urn)]?.(inputs) };
      return { id: String(outs.id ?? outs.arn ?? `${cloud}-${urn.split('::').pop()}`), outs };
    },
  };
  return main(provider, args);
}

// Run as the plugin: `node -r ts-node/register/transpile-only pulumi-provider.ts <cloud> <engine address>`.
if (require.main === module) {
  const [cloud, ...args] = process.argv.slice(2);
  if (cloud !== 'aws' && cloud !== 'gcp') throw new Error(`the stand-in provider serves aws or gcp, received ${JSON.stringify(cloud)}`);
  void serveProvider(cloud, args);
}
