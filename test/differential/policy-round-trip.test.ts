import fc from 'fast-check';
import { describe, it } from 'vitest';
import { parsePrintRoundTrip } from './properties.js';

describe('differential: parse(print(policy)) ≡ policy', () => {
  it('validates every printed generated policy to the AST it was generated from, spans aside', () => {
    fc.assert(parsePrintRoundTrip(), { numRuns: 500 });
  });
});
