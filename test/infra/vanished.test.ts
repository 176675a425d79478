import * as fs from 'fs';
import * as path from 'path';
import { RegistryError } from '../../infra/registry/issues';
import { loadRegistry } from '../../infra/registry/load';
import { cordon } from '../helpers';
import { registryCopies } from '../support/registry-copy';

const registryCopy = registryCopies('cordon-vanished-');

/** The registry's single issue, as `cordon` prints it. */
function issue(dir: string): string {
  try {
    loadRegistry(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(RegistryError);
    expect((e as RegistryError).issues).toHaveLength(1);
    return (e as RegistryError).message.split('\n')[1].trim();
  }
  throw new Error('the registry loaded');
}

describe('a tenant file that vanished without offboarding fails the registry (and so the gate)', () => {
  test('deleted in the work tree, then committed: named with how to restore it; restored, the registry loads again', async () => {
    const s = await registryCopy();
    const rel = path.relative(process.cwd(), path.join(s.registry, 'hooli.yaml'));
    fs.rmSync(path.join(s.registry, 'hooli.yaml'));
    expect(issue(s.registry)).toBe(
      `${rel}: expected the tenant file kept until the tenant is offboarded (\`cordon tenant offboard\` leaves it as a tombstone, status offboarded), ` +
        "received no file: deleted in the work tree, with no offboarding record, which orphans the tenant's keys and data; restore it (git checkout -- hooli.yaml) and offboard the tenant",
    );
    s.git('commit', '--quiet', '-am', 'drop hooli');
    const commit = s.git('rev-parse', '--short', 'HEAD').stdout.trim();
    expect(issue(s.registry)).toContain(`received no file: deleted in commit ${commit}, with no offboarding record, which orphans the tenant's keys and data; restore it (git checkout ${commit}^ -- hooli.yaml)`);
    // The check runs wherever the registry is loaded: `cordon check` refuses with exit 2.
    const res = cordon('check', '--registry', s.registry, '--out', path.join(s.dir, 'out'));
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('hooli.yaml: expected the tenant file kept until the tenant is offboarded');

    s.git('checkout', `${commit}^`, '--', 'hooli.yaml');
    expect(loadRegistry(s.registry).map((t) => t.id)).toContain('hooli');
  });

  test('a file renamed to another id is the old id vanishing', async () => {
    const s = await registryCopy();
    const text = fs.readFileSync(path.join(s.registry, 'hooli.yaml'), 'utf8').replace('id: hooli', 'id: hooli-eu');
    fs.writeFileSync(path.join(s.registry, 'hooli-eu.yaml'), text);
    fs.rmSync(path.join(s.registry, 'hooli.yaml'));
    s.git('add', '-A');
    s.git('commit', '--quiet', '-m', 'rename hooli');
    expect(issue(s.registry)).toMatch(/hooli\.yaml: expected the tenant file kept .* received no file: deleted in commit [0-9a-f]+,/);
  });

  test('outside a git work tree there is no history: a registry without a tenant file still loads', async () => {
    const s = await registryCopy();
    fs.rmSync(path.join(s.registry, '.git'), { recursive: true });
    fs.rmSync(path.join(s.registry, 'hooli.yaml'));
    expect(loadRegistry(s.registry).map((t) => t.id)).not.toContain('hooli');
  });
});
