import { ensureMoto } from '../services/toolchain/moto';
import { frameworkBundle } from './helpers';

/**
 * Builds the framework test bundle and installs the local AWS API (moto, into .tools/moto) once,
 * before the workers start, so no two do it at once.
 */
export default function globalSetup(): void {
  frameworkBundle();
  ensureMoto((line) => process.stderr.write(`${line}\n`));
}
