import * as fs from 'fs';
import * as path from 'path';
import { loadPolicyBundle } from '../../services/gate/policy';
import { withTypesTable } from '../../services/plugins/pulumi-pack';
import { ROOT } from '../../services/toolchain/paths';

// Rewrites the generated table of docs/pulumi.md from the bundle (build it first: `npm run tools`).
const file = path.join(ROOT, 'docs', 'pulumi.md');
fs.writeFileSync(file, withTypesTable(fs.readFileSync(file, 'utf8'), loadPolicyBundle().rules.values()));
