import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../engines.js';
import { counters, enginesAgree } from './properties.js';

const RUNS = 300;
/** 300 models with 4–20 requests each: about 3,600 (model, request) cases; fail if far fewer ran. */
const MIN_CASES = 2_500;
const compared = ENGINES.filter((engine) => engine.name !== 'reference');

describe('differential: every engine decides like the reference', () => {
  it(`agrees on ${RUNS} generated models (${compared.map((e) => e.name).join(', ')})`, async () => {
    expect(compared.length).toBeGreaterThan(0);
    await fc.assert(enginesAgree(compared), { numRuns: RUNS });
    expect(counters.cases).toBeGreaterThanOrEqual(MIN_CASES);
  });
});
