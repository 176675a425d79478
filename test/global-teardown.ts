import type { LocalPostgres } from './support/postgres';

/** Stops the PostgreSQL cluster the global set-up started (same process) and removes its folder. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { cordonPostgres?: LocalPostgres }).cordonPostgres?.stop();
}
