import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../../services/toolchain/paths';
import { bootstrap, LocalAws, startLocalAws, useEnv } from '../support/moto';

/** The README's `sh` blocks preceded by `<!-- docs-test: NAME -->`, in order. */
function testedBlocks(markdown: string): { name: string; script: string }[] {
  return [...markdown.matchAll(/<!-- docs-test: ([\w-]+) -->\n```sh\n([\s\S]*?)\n```/g)].map((m) => ({ name: m[1], script: m[2] }));
}

/** A scratch copy of the repository as it is (tracked and new files), its own git work tree, sharing node_modules and .tools. */
function scratchCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-readme-'));
  const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\0').filter((f) => f && fs.existsSync(path.join(ROOT, f)));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
  }
  for (const shared of ['node_modules', '.tools']) fs.symlinkSync(path.join(ROOT, shared), path.join(dir, shared));
  const git = (...args: string[]) => expect(spawnSync('git', args, { cwd: dir, encoding: 'utf8' }).status).toBe(0);
  git('init', '-q', '-b', 'main');
  git('-c', 'user.name=Docs Test', '-c', 'user.email=docs@cordon.example', 'add', '-A');
  git('-c', 'user.name=Docs Test', '-c', 'user.email=docs@cordon.example', 'commit', '-qm', 'scratch copy');
  return dir;
}

function run(script: string, cwd: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { cwd, env: { ...process.env, ...env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const blocks = testedBlocks(readme);

describe('the README\'s three paths, run as written', () => {
  let dir: string;
  let aws: LocalAws;
  const env = () => ({ ...aws.env, GIT_AUTHOR_NAME: 'Docs Test', GIT_AUTHOR_EMAIL: 'docs@cordon.example', GIT_COMMITTER_NAME: 'Docs Test', GIT_COMMITTER_EMAIL: 'docs@cordon.example' });

  beforeAll(async () => {
    dir = scratchCopy();
    // globex's prod account in the example registry; the deploy reads the SDK's standard settings
    aws = await startLocalAws('111111111111');
    const restore = useEnv(aws.env);
    try {
      await bootstrap(aws);
    } finally {
      restore();
    }
  }, 180_000);
  afterAll(async () => {
    await aws?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the README marks exactly the three paths', () => {
    expect(blocks.map((b) => b.name)).toEqual(['platform', 'onboarding', 'ci']);
  });

  const expectations: Record<string, (out: string) => void> = {
    platform: (out) => {
      expect(out).toMatch(/^ENC-2-AWS  high  1 finding \(1 open\)  FAILS\n.*\n  - EnableKeyRotation is false; automatic rotation must be on\n      documents-key  DocumentsKey  /m);
      expect(out).toMatch(/^ENC-2 /m);
      expect(out).toMatch(/^deployed \d+ stack\(s\)$/m);
      expect(out).toMatch(/^  deployed globex-prod-edge$/m);
    },
    onboarding: (out) => {
      expect(out).toMatch(/Requested-by: alice@example.com/);
      expect(out).toMatch(/Approved-by: bob@example.com/);
      expect(fs.readFileSync(path.join(dir, 'contoso-evidence.html'), 'utf8')).toContain('contoso');
      expect(fs.existsSync(path.join(dir, 'infra/tenants/contoso.yaml'))).toBe(true);
    },
    ci: (out) => {
      expect(out).toMatch(/PASSED/);
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'cordon.sarif'), 'utf8')).version).toBe('2.1.0');
    },
  };

  for (const { name, script } of blocks) {
    test(`${name}: every command succeeds (or fails exactly as the README says)`, async () => {
      const { code, out } = await run(script, dir, env());
      if (code !== 0) throw new Error(`the README's ${name} path exited ${code}:\n${out.slice(-4000)}`);
      expectations[name](out);
    }, 600_000);
  }
});

describe('links in the documentation', () => {
  const docs = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

  test('every relative link points at a file inside the repository', () => {
    const broken = docs.flatMap((doc) => {
      const text = fs.readFileSync(path.join(ROOT, doc), 'utf8').replace(/```[\s\S]*?```/g, '');
      return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
        .map((m) => m[1].split('#')[0])
        .filter((target) => target && !/^[a-z]+:/.test(target))
        .filter((target) => {
          const resolved = path.resolve(ROOT, path.dirname(doc), target);
          return !resolved.startsWith(`${ROOT}${path.sep}`) || !fs.existsSync(resolved);
        })
        .map((target) => `${doc}: ${target}`);
    });
    expect(broken).toEqual([]);
  });
});
