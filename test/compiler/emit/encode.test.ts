import { describe, expect, it } from 'vitest';
import { compileToIr } from '../../../compiler/compile-ir.js';
import { BundleEncodeError } from '../../../compiler/emit/bundle-encode-error.js';
import { encodeBundle } from '../../../compiler/emit/encode.js';
import type { Ir } from '../../../compiler/ir/ir.js';
import { loadModelFromObject } from '../../../compiler/model/load-model.js';
import { decodeBundle } from '../../../runtime/decode.js';
import { FORMAT_MAJOR, FORMAT_MINOR, MAGIC, MAX_STRING_BYTES } from '../../../runtime/format.js';
import { loadCases } from '../../load-cases.js';
import { sampleIr } from '../../runtime/fixtures/sample-ir.js';
import { irFromBundle } from './ir-from-bundle.js';

/** The IR as a bundle carries it: everything but the principals' `attached` lists. */
function withoutAttached(ir: Ir): Ir {
  return { ...ir, principals: ir.principals.map((p) => ({ ...p, attached: [] })) };
}

function roundTrip(ir: Ir): Ir {
  return irFromBundle(decodeBundle(encodeBundle(ir)));
}

describe('encodeBundle', () => {
  it('writes the header: magic, version, total length', () => {
    const bytes = encodeBundle(sampleIr());
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(0, true)).toBe(MAGIC);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('RAMC');
    expect(view.getUint16(4, true)).toBe(FORMAT_MAJOR);
    expect(view.getUint16(6, true)).toBe(FORMAT_MINOR);
    expect(view.getUint32(8, true)).toBe(bytes.length);
    expect(bytes.length % 8).toBe(0);
  });

  it('round-trips the hand-built IR: decode(encode(ir)) holds the same content', () => {
    const ir = sampleIr();
    expect(roundTrip(ir)).toEqual(withoutAttached(ir));
  });

  it('round-trips the IR of every conformance model', () => {
    let models = 0;
    for (const file of loadCases()) {
      const { model } = loadModelFromObject(file.model);
      if (model === null) continue;
      const ir = compileToIr(model);
      expect(roundTrip(ir), file.id).toEqual(withoutAttached(ir));
      models++;
    }
    expect(models).toBeGreaterThan(10);
  });

  it('is deterministic', () => {
    expect(encodeBundle(sampleIr())).toEqual(encodeBundle(sampleIr()));
  });

  it('stores equal statement lists once', () => {
    const ir = sampleIr();
    const shared = ir.sets.map((set) => ({ ...set }));
    const copies = Array.from({ length: 50 }, () => shared[0] as (typeof shared)[number]);
    const bigger = decodeBundle(encodeBundle({ ...ir, sets: [...shared, ...copies] }));
    // 50 more sets cost their own records, not copies of their statement and candidate lists.
    expect(bigger.lists.length).toBe(decodeBundle(encodeBundle(ir)).lists.length);
    expect(roundTrip({ ...ir, sets: [...shared, ...copies] }).sets).toHaveLength(53);
  });

  it('keeps every string exactly, in UTF-8', () => {
    const ir = sampleIr();
    const strings = [...ir.strings, 'ünïcødé ✓', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '', 'a\u0000b'];
    expect(roundTrip({ ...ir, strings }).strings).toEqual(strings);
  });

  it('refuses an IR the passes have not finished', () => {
    const ir = sampleIr();
    expect(() => encodeBundle({ ...ir, sets: [{ statements: [], index: null }] })).toThrow(/index-actions/);
    const statements = ir.statements.map((s) => ({
      ...s,
      conditions: s.conditions.map((c) => ({ ...c, constants: null })),
    }));
    expect(() => encodeBundle({ ...ir, statements })).toThrow(/parse-constants/);
  });

  it('refuses strings beyond the format maximum or that UTF-8 cannot carry', () => {
    const ir = sampleIr();
    const long = 'x'.repeat(MAX_STRING_BYTES + 1);
    expect(() => encodeBundle({ ...ir, strings: [...ir.strings, long] })).toThrow(BundleEncodeError);
    expect(() => encodeBundle({ ...ir, strings: [...ir.strings, 'a\uD800b'] })).toThrow(
      /unpaired UTF-16 surrogate/,
    );
    expect(() => encodeBundle({ ...ir, strings: [...ir.strings, '\uDC00'] })).toThrow(BundleEncodeError);
  });
});
