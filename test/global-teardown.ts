import * as fs from 'fs';
import type { LocalPostgres } from './support/postgres';

/** Stops the PostgreSQL cluster the global set-up started (same process) and removes its folder, then the run's temporary folder. */
export default async function globalTeardown(): Promise<void> {
  const state = globalThis as { cordonPostgres?: LocalPostgres; cordonTmp?: string };
  await state.cordonPostgres?.stop();
  if (state.cordonTmp) fs.rmSync(state.cordonTmp, { recursive: true, force: true });
}
