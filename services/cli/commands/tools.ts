import { buildBundle } from '../../toolchain/build-bundle';
import { Io } from '../io';

/** Installs the pinned opa CLI if needed and compiles policies/ to wasm if its sources changed. */
export function tools(_args: string[], io: Io): number {
  const built = buildBundle({ log: (l) => io.stderr(`${l}\n`) });
  if (!built.rebuilt) io.stderr(`policy bundle up to date (${built.manifest.wasmSha256.slice(0, 12)})\n`);
  return 0;
}
