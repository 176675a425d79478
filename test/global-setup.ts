import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureMoto } from '../services/toolchain/moto';
import { frameworkBundle } from './helpers';
import { startPostgres } from './support/postgres';

/**
 * Builds the framework test bundle and installs the local AWS API (moto, into .tools/moto) once,
 * before the workers start, so no two do it at once; starts the throwaway PostgreSQL cluster the
 * store tests use (its URL in CORDON_TEST_POSTGRES, inherited by the workers; stopped by the
 * teardown). Gives the run a temporary folder of its own (TMPDIR, inherited by the workers and the
 * processes they start; removed by the teardown): the construct tests' CDK and cdktf apps, made
 * without an output folder, synthesize into new folders of the temporary folder that nothing
 * removes (456 were left in /tmp in the hour of the last full run).
 */
export default async function globalSetup(): Promise<void> {
  frameworkBundle();
  ensureMoto((line) => process.stderr.write(`${line}\n`));
  // Started before TMPDIR moves: under root the cluster runs as an unprivileged user, who cannot enter the run's own folder (mode 700).
  const pg = await startPostgres();
  process.env.CORDON_TEST_POSTGRES = pg.url;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-jest-'));
  process.env.TMPDIR = tmp;
  Object.assign(globalThis, { cordonPostgres: pg, cordonTmp: tmp });
}
