import { ensurePulumiCli } from '../../services/toolchain/pulumi-cli';

// Installs the pinned Pulumi CLI into .tools/pulumi/bin (built with Go; skipped when present), for
// test/plugins/pulumi-cli.test.ts:  node -r ts-node/register/transpile-only plugins/pulumi/install-cli.ts
try {
  process.stdout.write(`${ensurePulumiCli((line) => process.stderr.write(`${line}\n`))}\n`);
} catch (e) {
  // A known failure (no Go, a build that fails) is one message and exit 2, as cordon's commands do.
  process.stderr.write(`install-cli: ${(e as Error).message}\n`);
  process.exitCode = 2;
}
