import { ensurePulumiCli } from '../../services/toolchain/pulumi-cli';

// Installs the pinned Pulumi CLI into .tools/pulumi/bin (built with Go; skipped when present), for
// test/plugins/pulumi-cli.test.ts:  node -r ts-node/register/transpile-only plugins/pulumi/install-cli.ts
process.stdout.write(`${ensurePulumiCli((line) => process.stderr.write(`${line}\n`))}\n`);
