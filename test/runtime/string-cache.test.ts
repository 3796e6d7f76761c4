import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringCache } from '../../runtime/request-string-cache.js';

describe('StringCache', () => {
  it('returns what the function computes, however texts and slots interleave', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'B', ':'), maxLength: 6 });
    const call = fc.record({ text, slot: fc.nat({ max: 20 }), viaSlot: fc.boolean() });
    fc.assert(
      fc.property(fc.array(call, { maxLength: 60 }), (calls) => {
        const cache = new StringCache((t) => `${t.toLowerCase()}#${t.length}`);
        for (const { text: t, slot, viaSlot } of calls) {
          // Copies with the same content must hit the same entries as the original string.
          const copy = [...t].join('');
          const value = viaSlot ? cache.getAt(copy, slot) : cache.get(copy);
          expect(value).toBe(`${t.toLowerCase()}#${t.length}`);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('answers the empty text, which the slots start out holding, with its computed value', () => {
    const cache = new StringCache((t) => `[${t}]`);
    for (let slot = 0; slot < 20; slot++) expect(cache.getAt('', slot)).toBe('[]');
    expect(cache.get('')).toBe('[]');
  });

  it('computes a text once while its slot or its entry holds it', () => {
    const computed: string[] = [];
    const cache = new StringCache((t) => {
      computed.push(t);
      return { lower: t.toLowerCase() };
    });
    const first = cache.getAt('acs:SourceIp', 0);
    expect(cache.getAt('acs:SourceIp', 0)).toBe(first);
    // Another key takes the slot; the first is then found by its entry, not computed again.
    cache.getAt('acs:CurrentTime', 0);
    expect(cache.getAt('acs:SourceIp', 0)).toBe(first);
    expect(cache.getAt('acs:SourceIp', 40)).toBe(first);
    // The empty text is computed once, up front: the slots start out holding it.
    expect(computed).toEqual(['', 'acs:SourceIp', 'acs:CurrentTime']);
  });

  it('computes long texts every time rather than keep them', () => {
    const long = 'k'.repeat(200);
    let calls = 0;
    const cache = new StringCache((t) => {
      if (t === long) calls++;
      return t.length;
    });
    expect(cache.get(long)).toBe(200);
    expect(cache.get(long)).toBe(200);
    expect(calls).toBe(2);
  });
});
