import * as path from 'path';
import { parseArgs } from 'util';
import { DEFAULT_REGISTRY_DIR } from '../../../infra/registry/load';
import { buildServer } from '../../api/server';
import { defaultAuditLog } from '../../audit/log';
import { OnboardingError } from '../../onboarding/context';
import { RequestStore } from '../../store/requests';
import { ROOT } from '../../toolchain/paths';
import { GATE_OPTIONS, gateSettings } from '../gate-settings';
import { Io } from '../io';

export const SERVE_USAGE = `usage: cordon serve [--host H] [--port N] [--registry DIR] [--database FILE] [--audit-log FILE]

  The onboarding HTTP API (bound to 127.0.0.1 unless --host says otherwise; default port 8080):
  POST /v1/tenants, GET /v1/requests/:id, POST /v1/requests/:id/approve|reject, GET /v1/tenants[/:id],
  GET /v1/audit, GET /healthz (docs/openapi.json). Bearer tokens from cordon token create.`;

export async function serve(args: string[], io: Io): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${SERVE_USAGE}\n`);
    return 0;
  }
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8080' },
      registry: { type: 'string', default: DEFAULT_REGISTRY_DIR },
      database: { type: 'string', default: path.join(ROOT, '.cordon', 'onboarding.db') },
      'audit-log': { type: 'string', default: defaultAuditLog(ROOT) },
      ...GATE_OPTIONS,
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new OnboardingError(`--port: expected a port number from 0 to 65535, received "${values.port}"`);
  const database = path.resolve(values.database!);
  const store = RequestStore.open(database);
  const ctx = { ...gateSettings(values), registryDir: path.resolve(values.registry!), workDir: path.join(path.dirname(database), 'requests'), store, auditLog: path.resolve(values['audit-log']!) };
  const app = await buildServer({ ctx });
  const address = await app.listen({ host: values.host, port });
  io.stderr(`cordon serve: listening on ${address}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void app.close().then(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  store.close();
  return 0;
}
