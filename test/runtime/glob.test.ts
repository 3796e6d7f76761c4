import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatch } from '../../compiler/reference/glob.js';
import { Glob } from '../../runtime/match/glob.js';
import { globRegex } from './fixtures/sample-ir.js';

/** Patterns and texts over a small alphabet, so that matches are frequent. */
const patternArb = fc.string({
  unit: fc.constantFrom('a', 'b', ':', '/', '*', '?', 'é', '\uD83D', '\uDE00'),
  maxLength: 12,
});
const textArb = fc.string({
  unit: fc.constantFrom('a', 'b', ':', '/', '?', '*', 'é', '\uD83D', '\uDE00'),
  maxLength: 16,
});

describe('Glob', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything:at/all', true],
    ['***', 'x', true],
    ['', '', true],
    ['', 'x', false],
    ['kms:decrypt', 'kms:decrypt', true],
    ['kms:decrypt', 'kms:decrypt2', false],
    ['kms:list*', 'kms:listkeys', true],
    ['kms:list*', 'kms:list', true],
    ['kms:list*', 'kms:lis', false],
    ['*:key', 'acs:kms:r:1:key', true],
    ['*:key', 'acs:kms:r:1:keys', false],
    ['*secret*', 'acs:kms:r:1:secret/x', true],
    ['**secret**', 'acs:kms:r:1:secre', false],
    ['acs:kms:*:*:key*', 'acs:kms:cn-hangzhou:123:key', true],
    ['acs:kms:*:*:key*', 'acs:kms:cn-hangzhou:123:key/key-abc', true],
    ['acs:kms:*:*:key*', 'acs:kms:cn-hangzhou:123:alias/a', false],
    ['key-????', 'key-abcd', true],
    ['key-????', 'key-abc', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['a*ab', 'aab', true],
    ['a?*?b', 'axyb', true],
    ['a?*?b', 'axb', false],
    ['vpc-*', 'VPC-1', false],
  ])('%j matches %j: %s', (pattern, text, expected) => {
    expect(new Glob(pattern).matches(text)).toBe(expected);
  });

  it('matches exactly what the regex oracle and the reference matcher match', () => {
    fc.assert(
      fc.property(patternArb, textArb, (pattern, text) => {
        const expected = globRegex(pattern).test(text);
        expect(new Glob(pattern).matches(text)).toBe(expected);
        expect(globMatch(pattern, text)).toBe(expected);
      }),
      { numRuns: 20_000 },
    );
  });

  it('matches texts built to match the pattern', () => {
    const pieces = fc.array(fc.tuple(fc.constantFrom('lit', '*', '?'), fc.string({ maxLength: 4 })), {
      maxLength: 6,
    });
    fc.assert(
      fc.property(pieces, fc.string({ maxLength: 3 }), (parts, filler) => {
        let pattern = '';
        let text = '';
        for (const [kind, s] of parts) {
          const literal = s.replace(/[*?]/g, 'x');
          if (kind === 'lit') {
            pattern += literal;
            text += literal;
          } else if (kind === '*') {
            pattern += '*';
            text += filler;
          } else {
            pattern += '?';
            text += 'q';
          }
        }
        expect(new Glob(pattern).matches(text)).toBe(true);
      }),
    );
  });

  it('stays linear on patterns that make backtracking matchers explode', () => {
    const text = `${'a'.repeat(100_000)}c`;
    const patterns = [
      `${'*a'.repeat(40)}*b`,
      `${'*a'.repeat(40)}*c`,
      `*${'a?'.repeat(15)}b*`,
      `*${'a'.repeat(30)}b*`,
    ];
    const start = performance.now();
    expect(patterns.map((p) => new Glob(p).matches(text))).toEqual([false, true, false, false]);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
