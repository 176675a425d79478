import * as path from 'path';
import * as grpc from '@grpc/grpc-js';
import { LanguageRuntimeService } from '@pulumi/pulumi/proto/language_grpc_pb';

// (Internal to @pulumi/pulumi: its declaration file exports nothing.)
const { LanguageServer } = require('@pulumi/pulumi/automation/server') as { LanguageServer: new (program: () => unknown) => grpc.UntypedServiceImplementation };

/*
 * Runs a Pulumi program for the Pulumi CLI as the Automation API runs an inline program: a language
 * runtime server in this process, which the CLI is pointed at with `pulumi preview --client
 * 127.0.0.1:PORT` (the Node language host, pulumi-language-nodejs, is not installed here: see
 * docs/pulumi.md). Prints the port, then serves until killed.
 *   node -r ts-node/register/transpile-only test/support/pulumi-program.ts PROGRAM_DIR
 */
const dir = process.argv[2];
if (!dir) throw new Error('usage: pulumi-program.ts PROGRAM_DIR');
const server = new grpc.Server();
server.addService(LanguageRuntimeService, new LanguageServer(() => require(path.resolve(dir, 'index.ts'))));
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) throw err;
  process.stdout.write(`${port}\n`);
});
// grpc-js does not hold the process open for a bound server: held here until the test kills it.
setInterval(() => undefined, 1 << 30);
