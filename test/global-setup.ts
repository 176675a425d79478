import { ensureMoto } from '../services/toolchain/moto';
import { frameworkBundle } from './helpers';
import { startPostgres } from './support/postgres';

/**
 * Builds the framework test bundle and installs the local AWS API (moto, into .tools/moto) once,
 * before the workers start, so no two do it at once; starts the throwaway PostgreSQL cluster the
 * store tests use (its URL in CORDON_TEST_POSTGRES, inherited by the workers; stopped by the teardown).
 */
export default async function globalSetup(): Promise<void> {
  frameworkBundle();
  ensureMoto((line) => process.stderr.write(`${line}\n`));
  const pg = await startPostgres();
  process.env.CORDON_TEST_POSTGRES = pg.url;
  (globalThis as { cordonPostgres?: typeof pg }).cordonPostgres = pg;
}
