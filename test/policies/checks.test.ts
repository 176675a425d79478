import * as fs from 'fs';
import * as path from 'path';
import { loadPolicyBundle } from '../../services/gate/policy';
import { POLICIES_DIR, ROOT } from '../../services/toolchain/paths';

const rules = [...loadPolicyBundle().rules.values()];
const lib = fs.readdirSync(path.join(POLICIES_DIR, 'lib')).filter((f) => !f.endsWith('_test.rego')).map((f) => fs.readFileSync(path.join(POLICIES_DIR, 'lib', f), 'utf8')).join('\n');

describe('what each rule says it checks (METADATA checks, shown on the evidence page)', () => {
  test('every rule that judges properties names them: only the rules that judge references, presence or the registry\'s dates name none', () => {
    expect(rules.filter((r) => Object.keys(r.checks).length === 0).map((r) => r.id).sort()).toEqual(['NET-5-AWS', 'NET-5-GCP', 'RET-5-SHRED', 'TEN-2']);
  });

  test('every path names something the rule or its library reads (a typo guard)', () => {
    const unread = rules.flatMap((r) => {
      const source = `${fs.readFileSync(path.join(ROOT, r.file), 'utf8').replace(/^#.*$/gm, '')}\n${lib}`;
      return Object.entries(r.checks).flatMap(([type, paths]) => paths.filter((p) => !source.includes(p.replace(/^@/, '').split('.')[0])).map((p) => `${r.id} ${type} ${p}`));
    });
    expect(unread).toEqual([]);
  });
});
