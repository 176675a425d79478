import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../services/cli/main';

/** Runs the cordon CLI in-process and captures what it printed. */
export function cordon(...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** A fresh temporary folder, removed after the test file. Call at file or describe level (it registers afterAll). */
export function tmpDir(prefix = 'cordon-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

export const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
export const writeJson = (file: string, value: unknown) => fs.writeFileSync(file, JSON.stringify(value, null, 1));
