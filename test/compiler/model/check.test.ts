import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../../../compiler/model/check.js';

const fixtures = fileURLToPath(new URL('../../fixtures/models/', import.meta.url));

describe('check', () => {
  it('returns nothing for a valid model file', () => {
    expect(check(`${fixtures}valid/model.json`)).toEqual([]);
  });

  it('returns every diagnostic of a model file, sorted by file then position', () => {
    const diagnostics = check(`${fixtures}mistakes/model.json`);
    expect(diagnostics.length).toBe(31);
    const keys = diagnostics.map((d) => [d.span.file, d.span.offset] as const);
    const sorted = [...keys].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]);
    expect(keys).toEqual(sorted);
  });

  it('takes a model object', () => {
    const diagnostics = check({ account: '1', users: [{ name: 'u', groups: ['nope'] }] });
    expect(diagnostics.map((d) => [d.code, d.span.file, d.span.line])).toEqual([
      ['MODEL_UNKNOWN_GROUP', '<model>', 7],
    ]);
  });
});
