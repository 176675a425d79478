import * as path from 'path';
import { parseArgs } from 'util';
import { DEFAULT_REGISTRY_DIR } from '../../../infra/registry/load';
import { defaultAuditLog } from '../../audit/log';
import { OnboardingError } from '../../onboarding/context';
import { RequestStore, requestsDir, storeLocation } from '../../store/requests';
import { ROOT } from '../../toolchain/paths';
import { GATE_OPTIONS, gateSettings } from '../gate-settings';
import { Io } from '../io';

export const SERVE_USAGE = `usage: cordon serve [--host H] [--port N] [--registry DIR] [--database FILE|URL] [--audit-log FILE] [--no-warm-up] [--shred-every MINUTES]

  The onboarding HTTP API (bound to 127.0.0.1 unless --host says otherwise; default port 8080):
  POST /v1/tenants, GET /v1/requests/:id, POST /v1/requests/:id/approve|reject, GET /v1/tenants[/:id],
  GET /v1/audit, GET /healthz (docs/openapi.json). Bearer tokens from cordon token create.
  --database: a SQLite file, or a postgres:// URL so several replicas share one store (default
  $DATABASE_URL, else .cordon/onboarding.db).
  At start, each cloud with no earlier output to reuse tenant stacks from is synthesized in the
  background, so the first request builds only what it changes; --no-warm-up skips that.
  --shred-every: minutes between runs of tenant shred-due (keys of tenants whose soft-delete window
  ended are shredded under their offboarding's approval, as cordon-scheduler), the first at start;
  0 never (default 60).`;

/** A window ends on a day: running less often than daily could shred a day late. */
const MAX_SHRED_EVERY = 1440;

export async function serve(args: string[], io: Io): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${SERVE_USAGE}\n`);
    return 0;
  }
  const { values } = parseArgs({
    args,
    strict: true,
    allowNegative: true,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8080' },
      registry: { type: 'string', default: DEFAULT_REGISTRY_DIR },
      database: { type: 'string' },
      'audit-log': { type: 'string', default: defaultAuditLog(ROOT) },
      'warm-up': { type: 'boolean', default: true },
      'shred-every': { type: 'string', default: '60' },
      ...GATE_OPTIONS,
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new OnboardingError(`--port: expected a port number from 0 to 65535, received "${values.port}"`);
  const shredEvery = Number(values['shred-every']);
  if (!/^\d+$/.test(values['shred-every']!) || shredEvery > MAX_SHRED_EVERY) throw new OnboardingError(`--shred-every: expected whole minutes from 0 (never) to ${MAX_SHRED_EVERY} (a day), received "${values['shred-every']}"`);
  const database = storeLocation(values.database, ROOT);
  const store = await RequestStore.open(database);
  try {
    const ctx = { ...gateSettings(values), registryDir: path.resolve(values.registry!), workDir: requestsDir(database, path.resolve(values['audit-log']!)), store, auditLog: path.resolve(values['audit-log']!) };
    const { buildServer } = require('../../api/server') as typeof import('../../api/server'); // fastify loads only when serving
    const app = await buildServer({ ctx, warmUp: values['warm-up'], shredEveryMinutes: shredEvery });
    const address = await app.listen({ host: values.host, port });
    // Before the address is said: whoever reads it may stop the server at once.
    const stopped = new Promise<void>((resolve) => {
      const stop = () => void app.close().then(() => resolve());
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    io.stderr(`cordon serve: listening on ${address}\n`);
    await stopped;
    return 0;
  } finally {
    // A PostgreSQL pool would keep the process alive.
    await store.close();
  }
}
