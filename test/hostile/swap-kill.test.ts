import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../../services/toolchain/paths';
import { cordon, EXAMPLE_TODAY, tmpDir } from '../helpers';

const work = tmpDir('cordon-swap-');
const FILES = 40;

/** A process promoting generation after generation of a FILES-file output (with its manifest) into `final`. */
function promoter(final: string): ChildProcess {
  const script = `
    const fs = require('fs');
    const { promote } = require(${JSON.stringify(path.join(ROOT, 'infra', 'output-swap.ts'))});
    const final = ${JSON.stringify(final)};
    for (let g = 1; ; g++) {
      const staged = final + '.staged-' + process.pid;
      fs.rmSync(staged, { recursive: true, force: true });
      fs.mkdirSync(staged);
      const files = [];
      for (let i = 0; i < ${FILES}; i++) { fs.writeFileSync(staged + '/s' + i + '.json', String(g)); files.push('s' + i + '.json'); }
      fs.writeFileSync(staged + '/manifest.json', JSON.stringify({ generation: g, files }));
      promote({ cloud: 'aws', staged, final });
      if (g === 1) process.stdout.write('ready\\n');
    }`;
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** The output `final` names: complete (every file of its manifest, all of one generation), or a failure. */
function generationOf(final: string): number {
  const manifest = JSON.parse(fs.readFileSync(path.join(final, 'manifest.json'), 'utf8'));
  for (const f of manifest.files) expect(fs.readFileSync(path.join(final, f), 'utf8')).toBe(String(manifest.generation));
  expect(manifest.files).toHaveLength(FILES);
  return manifest.generation;
}

describe('kill -9 during the swap of a synthesized output never leaves it missing or partial', () => {
  test('25 kills at random moments of back-to-back promotions: the output is always one complete generation', async () => {
    const seen: number[] = [];
    for (let trial = 0; trial < 25; trial++) {
      const final = path.join(work, `t${trial}`, 'cdk.out');
      fs.mkdirSync(path.dirname(final));
      const child = promoter(final);
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, Math.random() * 150));
      child.kill('SIGKILL');
      await exited;
      seen.push(generationOf(final));
    }
    // The kills landed after different numbers of promotions, not all at one point.
    expect(new Set(seen).size).toBeGreaterThan(1);
  }, 120_000);

  test('3 kills of a real `cordon check` synthesis: cdk.out and cdktf.out stay complete and gate clean', async () => {
    const root = path.join(work, 'real');
    const today = ['--today', EXAMPLE_TODAY];
    expect(cordon('check', '--out', root, ...today).code).toBe(0);
    for (let trial = 0; trial < 3; trial++) {
      const child = spawn(process.execPath, [path.join(ROOT, 'services/cli/bin/cordon.js'), 'check', '--out', root, ...today], { stdio: 'ignore' });
      // Listened for at once: a run that ends before the kill has already exited by then.
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, 2000 + Math.random() * 6000));
      child.kill('SIGKILL');
      await exited;
      const res = cordon('check', path.join(root, 'cdk.out'), path.join(root, 'cdktf.out'), '--registry', path.join(ROOT, 'infra', 'tenants'), '--format', 'json', ...today);
      expect([trial, res.code, res.stderr]).toEqual([trial, 0, '']);
    }
    // The next synthesis removes the staging folders the killed ones left.
    expect(cordon('check', '--out', root, ...today).code).toBe(0);
    expect(fs.readdirSync(root).filter((n) => n.includes('.staged-'))).toEqual([]);
  }, 180_000);
});

describe('an output missing its manifest is refused, not read as a plain folder', () => {
  test('cdktf.out without manifest.json: exit 2, one line', () => {
    const dir = path.join(work, 'broken', 'cdktf.out');
    fs.mkdirSync(path.join(dir, 'stacks', 'a'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'stacks', 'a', 'cdk.tf.json'), JSON.stringify({ resource: {} }));
    const res = cordon('check', dir);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('cdktf.out: a synthesized output without its manifest.json, so incomplete');
  });
});
