import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileBounded } from '../../compiler/read-bounded.js';

describe('readFileBounded', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ramc-read-'));
  const file = join(dir, 'ten.txt');
  writeFileSync(file, '0123456789');

  it('reads a file of at most the bound whole', () => {
    expect(readFileBounded(file, 10)?.toString()).toBe('0123456789');
    expect(readFileBounded(file, 1 << 30)?.toString()).toBe('0123456789');
  });

  it('refuses a file over the bound, and an endless device, without reading it all', () => {
    expect(readFileBounded(file, 9)).toBeNull();
    expect(readFileBounded('/dev/zero', 3 << 20)).toBeNull();
  });

  it('throws as readFileSync does for a missing file or a directory', () => {
    expect(() => readFileBounded(join(dir, 'nope'), 10)).toThrow(/ENOENT/);
    expect(() => readFileBounded(dir, 10)).toThrow(/EISDIR/);
  });
});
