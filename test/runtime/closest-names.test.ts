import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedEditDistance, closestNames } from '../../runtime/closest-names.js';

/** Unbounded optimal-string-alignment distance, the textbook table: the oracle. */
function osaDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = d[i];
      if (row !== undefined) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

describe('boundedEditDistance', () => {
  it.each([
    ['Decrypt', 'Decrypt', 0],
    ['Decrpyt', 'Decrypt', 1],
    ['Alolw', 'Allow', 1],
    ['Ressource', 'Resource', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['Deny', 'deny', 1],
  ])('%s → %s is %i', (a, b, expected) => {
    expect(boundedEditDistance(a, b, 5)).toBe(expected);
  });

  it('equals the unbounded distance, capped at limit + 1', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 });
    fc.assert(
      fc.property(word, word, fc.nat({ max: 4 }), (a, b, limit) => {
        expect(boundedEditDistance(a, b, limit)).toBe(Math.min(osaDistance(a, b), limit + 1));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('closestNames', () => {
  it('ignores case and ranks by distance, then by name', () => {
    expect(closestNames('DECRYPT', ['Encrypt', 'Decrypt', 'ReEncrypt'])).toEqual(['Decrypt', 'Encrypt']);
  });
});
