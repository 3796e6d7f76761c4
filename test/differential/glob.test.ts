import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatchesRegex, globRegex } from './properties.js';

describe('differential: glob matchers ≡ regex oracle', () => {
  it.each([
    ['acs:kms:*:*:key*', 'acs:kms:cn-hangzhou:1:key/k', true],
    ['acs:kms:*:*:key*', 'acs:kms:cn-hangzhou:1:alias/k', false],
    ['a.b', 'axb', false],
    ['a?c', 'a數c', true],
    ['(x)+', '(x)+', true],
  ])('the oracle itself: %j on %j is %s', (pattern, text, expected) => {
    expect(globRegex(pattern).test(text)).toBe(expected);
  });

  it('runtime Glob and reference globMatch agree with the oracle on ARN and action patterns', () => {
    fc.assert(globMatchesRegex(), { numRuns: 5_000 });
  });
});
