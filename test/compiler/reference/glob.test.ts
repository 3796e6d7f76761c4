import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { actionMatches, globMatch, resourceMatches } from '../../../compiler/reference/glob.js';

/** The oracle: escape every regex metacharacter, then `*` → `[\s\S]*` and `?` → `[\s\S]`, anchored. */
function oracle(pattern: string, text: string): boolean {
  let source = '';
  for (const c of pattern) {
    if (c === '*') source += '[\\s\\S]*';
    else if (c === '?') source += '[\\s\\S]';
    else source += c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`).test(text);
}

describe('globMatch', () => {
  test.each([
    ['*', '', true],
    ['*', 'anything:at/all', true],
    ['', '', true],
    ['', 'a', false],
    ['a', 'a', true],
    ['a', 'ab', false],
    ['ab', 'a', false],
    ['?', '', false],
    ['?', 'x', true],
    ['??', 'x', false],
    ['a*', 'a', true],
    ['*a', 'ba', true],
    ['*a', 'ab', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxbyy', false],
    ['*.txt', 'x.txt', true],
    ['*.txt', 'xtxt', false],
    ['[a]', '[a]', true],
    ['[a]', 'a', false],
    ['\\*', '\\anything', true],
    ['a**b', 'ab', true],
    ['a*?', 'a', false],
    ['a*?', 'ab', true],
    ['acs:kms:*:*:key*', 'acs:kms:cn-hangzhou:123:key', true],
    ['acs:kms:*:*:key*', 'acs:kms:cn-hangzhou:123:key/key-abc', true],
    ['acs:kms:*:*:key/*', 'acs:kms:cn-hangzhou:123:key', false],
    ['*?*', 'ab', true],
  ])('%j against %j is %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
    expect(oracle(pattern, text)).toBe(expected);
  });

  test('a literal * or ? in the text is matched only by a wildcard or itself', () => {
    expect(globMatch('a*', 'a*')).toBe(true);
    expect(globMatch('ab', 'a*')).toBe(false);
    expect(globMatch('a?', 'a?')).toBe(true);
  });

  test('no backtracking blow-up', () => {
    const pattern = `${'*a'.repeat(40)}*b`;
    const text = 'a'.repeat(20_000);
    const start = performance.now();
    expect(globMatch(pattern, text)).toBe(false);
    expect(performance.now() - start).toBeLessThan(1_000);
  });

  test('agrees with the regex oracle on random patterns and texts', () => {
    const alphabet = fc.constantFrom('a', 'b', ':', '/', '*', '?', '.', '\\', 'é', '😀');
    const word = fc.array(alphabet, { maxLength: 12 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(word, word, (pattern, text) => {
        expect(globMatch(pattern, text)).toBe(oracle(pattern, text));
      }),
      { numRuns: 20_000 },
    );
  });

  test('agrees with the oracle when the text is derived from the pattern', () => {
    const pattern = fc
      .array(fc.constantFrom('a', 'b', '*', '?', ':'), { maxLength: 10 })
      .map((cs) => cs.join(''));
    const filler = fc.array(fc.constantFrom('a', 'b', ':', '/'), { maxLength: 3 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(pattern, fc.array(filler, { minLength: 10, maxLength: 10 }), (p, fills) => {
        let i = 0;
        const text = p.replace(/[*?]/g, (c) => (c === '?' ? 'x' : (fills[i++] ?? '')));
        expect(globMatch(p, text)).toBe(true);
        expect(oracle(p, text)).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('action and resource matching', () => {
  test('actions are case-insensitive', () => {
    expect(actionMatches('kms:decrypt', 'kms:Decrypt')).toBe(true);
    expect(actionMatches('KMS:List*', 'kms:listkeys')).toBe(true);
    expect(actionMatches('kms:List*', 'kms:DescribeKey')).toBe(false);
    expect(actionMatches('*', 'ram:CreateUser')).toBe(true);
  });

  test('resources are case-sensitive', () => {
    expect(resourceMatches('acs:kms:*:*:key/KEY-1', 'acs:kms:cn:1:key/key-1')).toBe(false);
    expect(resourceMatches('acs:kms:*:*:key/key-1', 'acs:kms:cn:1:key/key-1')).toBe(true);
  });
});
