import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** Upper-case snake-case literals in compiler/ that are not diagnostic codes. */
const NOT_CODES = new Set([
  // Section names printed by the bundle disassembler (compiler/emit/disassemble.ts).
  'ACCESS_KEYS',
  'IP_BLOCKS',
  'RESOURCE_GROUP_SETS',
]);

/**
 * Every `'UPPER_SNAKE_CASE'` string literal in the compiler's sources. Diagnostic codes are written
 * this way wherever they are passed (`diagnostic('JSON_SYNTAX', …)`, `error(ctx, 'MODEL_ACCOUNT', …)`,
 * or through a variable holding one of several codes), so scanning literals finds them all.
 */
function codesInCompiler(): Set<string> {
  const dir = join(ROOT, 'compiler');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.d.ts'),
  );
  const codes = new Set<string>();
  for (const file of files) {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const m of source.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)) {
      if (m[1] !== undefined && !NOT_CODES.has(m[1])) codes.add(m[1]);
    }
  }
  return codes;
}

/** The codes that have a row (`| \`CODE\` | severity |`) in docs/diagnostics.md. */
function documentedCodes(): Set<string> {
  const doc = readFileSync(join(ROOT, 'docs', 'diagnostics.md'), 'utf8');
  return new Set([...doc.matchAll(/^\| `([A-Z0-9_]+)` +\| (?:error|warning) +\|/gm)].map((m) => m[1] ?? ''));
}

describe('docs/diagnostics.md', () => {
  const codes = codesInCompiler();
  const rows = documentedCodes();

  it('finds the codes of every area of the compiler', () => {
    for (const prefix of ['ACTION_', 'CONDITION_', 'POLICY_', 'STATEMENT_', 'JSON_', 'MODEL_', 'BUNDLE_']) {
      expect([...codes].some((code) => code.startsWith(prefix))).toBe(true);
    }
    expect(codes.size).toBeGreaterThan(80);
  });

  it('has a row for every code the compiler can report', () => {
    expect([...codes].filter((code) => !rows.has(code)).sort()).toEqual([]);
  });

  it('documents no code that the compiler never reports', () => {
    expect([...rows].filter((code) => !codes.has(code)).sort()).toEqual([]);
  });
});
