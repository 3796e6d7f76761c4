import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('docs/diagnostics.md', () => {
  it('has a row for every code policy validation can report', () => {
    const dir = join(ROOT, 'compiler', 'policy');
    const source = readdirSync(dir)
      .filter((f) => f.startsWith('validate-') && f.endsWith('.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const codes = new Set([...source.matchAll(/'([A-Z]+(?:_[A-Z]+)+)'/g)].map((m) => m[1]));
    expect(codes.size).toBeGreaterThan(30);
    const doc = readFileSync(join(ROOT, 'docs', 'diagnostics.md'), 'utf8');
    const rows = new Set([...doc.matchAll(/^\| `([A-Z_]+)` +\| (error|warning) +\|/gm)].map((m) => m[1]));
    expect([...codes].filter((code) => !rows.has(code))).toEqual([]);
  });
});
