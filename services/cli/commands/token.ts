import * as path from 'path';
import { parseArgs } from 'util';
import { defaultAuditLog } from '../../audit/log';
import { defaultDeployer } from '../../deploy/deploy';
import { OnboardingError } from '../../onboarding/context';
import { createToken } from '../../onboarding/tokens';
import { RequestStore, ROLES, storeLocation } from '../../store/requests';
import { ROOT } from '../../toolchain/paths';
import { Io } from '../io';

export const TOKEN_USAGE = `usage: cordon token create --principal EMAIL --role ${ROLES.join('|')} [--database FILE|URL] [--audit-log FILE] [--as WHO]

  Prints a new API bearer token once; only its sha256 is stored. Its creation is in the audit log.
  --database as for cordon tenant ($DATABASE_URL, else .cordon/onboarding.db).`;

export async function token(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') {
    io.stdout(`${TOKEN_USAGE}\n`);
    return sub ? 0 : 2;
  }
  if (sub !== 'create') throw new OnboardingError(`unknown token command "${sub}"; expected create`);
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      principal: { type: 'string', default: '' },
      role: { type: 'string', default: '' },
      as: { type: 'string' },
      database: { type: 'string' },
      'audit-log': { type: 'string', default: defaultAuditLog(ROOT) },
    },
  });
  const store = await RequestStore.open(storeLocation(values.database, ROOT));
  try {
    io.stdout(`${await createToken(store, path.resolve(values['audit-log']!), values.principal!, values.role!, values.as ?? defaultDeployer(ROOT))}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
