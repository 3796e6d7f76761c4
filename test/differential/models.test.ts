import fc from 'fast-check';
import { describe, it } from 'vitest';
import { modelsRejectedAlike } from './properties.js';

describe('differential: models with mistakes', () => {
  it('compile reports errors exactly when the reference refuses the model, and exactly for error mistakes', () => {
    fc.assert(modelsRejectedAlike(), { numRuns: 200 });
  });
});
