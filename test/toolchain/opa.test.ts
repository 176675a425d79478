import * as fs from 'fs';
import * as path from 'path';
import { ensureOpa, OPA_VERSION, opaPath, ToolchainError } from '../../services/toolchain/opa';
import { tmpDir } from '../helpers';

describe('opa bootstrap', () => {
  const dir = tmpDir();

  test('an installed opa of the pinned version is used as it is, without go', () => {
    const saved = process.env.PATH;
    process.env.PATH = dir;
    try {
      expect(ensureOpa()).toBe(opaPath());
    } finally {
      process.env.PATH = saved;
    }
  });

  test('GIVEN no opa and no go WHEN bootstrapping THEN one line says what is missing and nothing is written', () => {
    const bin = path.join(dir, 'bin');
    const emptyPath = path.join(dir, 'empty');
    fs.mkdirSync(emptyPath);
    const saved = process.env.PATH;
    process.env.PATH = emptyPath;
    try {
      expect(() => ensureOpa(undefined, bin)).toThrow(new ToolchainError(`cannot build the opa CLI v${OPA_VERSION}: 'go' is not on PATH (install Go 1.24 or newer, then re-run)`));
    } finally {
      process.env.PATH = saved;
    }
    expect(fs.existsSync(bin)).toBe(false);
  });
});
