import * as path from 'path';

/**
 * The repository root, from this file's place: `infra/` in the sources, `.build/infra/` in the
 * compiled JavaScript the `cordon` launcher runs (services/cli/bin/compile.js).
 */
const up = path.resolve(__dirname, '..');
export const REPO_ROOT = path.basename(up) === '.build' ? path.dirname(up) : up;
