import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toPlain } from '../../../compiler/parse/json-ast.js';
import { parseJson } from '../../../compiler/parse/json-parser.js';

/** The parsed value as plain data, or the diagnostic codes when parsing failed. */
function plainOrCodes(text: string): unknown {
  const result = parseJson(text, 'p.json');
  return result.value === null ? result.diagnostics.map((d) => d.code) : toPlain(result.value);
}

// toPlain assigns members with `out[key] = ...`, so a "__proto__" key would set the prototype
// instead of an own property, unlike JSON.parse; generated values with that key are skipped here
// and the AST's handling of it is tested on its own below.
function hasProtoKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasProtoKey);
  if (value === null || typeof value !== 'object') return false;
  return Object.keys(value).some(
    (k) => k === '__proto__' || hasProtoKey((value as Record<string, unknown>)[k]),
  );
}

const VALID = [
  '0',
  '-0',
  '1e400',
  '-1E-400',
  '1E+2',
  '0.1e-7',
  '123456789012345678901234567890',
  '0.30000000000000004',
  'true',
  'false',
  'null',
  '""',
  '"\\"\\\\\\/\\b\\f\\n\\r\\t"',
  '"\\u0000\\u001F\\u007f\\uFFFF"',
  '"\\uD83D\\uDE00 \\ud83d\\ude00"',
  '"\\uD800"',
  '"\\uDC00\\uD800"',
  '"lone \ud800 surrogate written raw"',
  '"\u007f\u0080\u2028\u2029"',
  '"acs:kms:*:*:key/*"',
  '[]',
  '{}',
  ' \t\r\n[ \t\r\n1 \t\r\n, \t\r\n{ \t\r\n"a" \t\r\n: \t\r\n[] \t\r\n} \t\r\n] \t\r\n',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
  '{"":"","a":{"":{}}, "b":[{}, [], "", 0]}',
  '{"Version":"1","Statement":[{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":"*"}]}',
  '{"constructor": 1, "toString": 2, "hasOwnProperty": 3}',
];

describe('equivalence with JSON.parse', () => {
  it.each(VALID)('%j', (text) => {
    const result = parseJson(text, 'p.json');
    expect(result.diagnostics).toEqual([]);
    expect(result.value === null ? 'null value' : toPlain(result.value)).toEqual(JSON.parse(text));
  });

  it('keeps -0 and the number as written', () => {
    const result = parseJson('-0', 'p.json');
    expect(result.value).toMatchObject({ kind: 'number', raw: '-0' });
    expect(Object.is(result.value?.kind === 'number' ? result.value.value : 0, -0)).toBe(true);
  });

  it('keeps a "__proto__" key as an ordinary member', () => {
    const result = parseJson('{"__proto__": {"polluted": true}, "a": 1}', 'p.json');
    expect(result.value).toMatchObject({ kind: 'object', members: [{ key: '__proto__' }, { key: 'a' }] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('parses any JSON value printed with indentation as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        fc.pre(!hasProtoKey(value));
        const text = JSON.stringify(value, null, 1);
        expect(plainOrCodes(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('decodes any string, lone surrogates included, as JSON.parse does', () => {
    const anyUnits = fc
      .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 })
      .map((units) => String.fromCharCode(...units));
    fc.assert(
      fc.property(fc.oneof(anyUnits, fc.string({ unit: 'binary' })), (s) => {
        const text = JSON.stringify(s);
        expect(plainOrCodes(text)).toEqual(s);
        expect(plainOrCodes(JSON.stringify({ [s]: [s] }))).toEqual(JSON.parse(JSON.stringify({ [s]: [s] })));
      }),
      { numRuns: 500 },
    );
  });
});

describe('strictness against JSON.parse on near-JSON text', () => {
  const alphabet = [
    ...'{}[]:,"\\ \n0123456789.eE+-tfnulrasx/*\'',
    '\u0001',
    'u00',
    'true',
    'null',
    '"a"',
    '/*',
    '//',
  ];
  const jsonish = fc.array(fc.constantFrom(...alphabet), { maxLength: 24 }).map((parts) => parts.join(''));
  const mutated = fc
    .tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat(), fc.nat({ max: 2 }), fc.constantFrom(...alphabet))
    .map(([value, where, deleted, inserted]) => {
      const text = JSON.stringify(value);
      const at = where % (text.length + 1);
      return text.slice(0, at) + inserted + text.slice(at + deleted);
    });

  it('accepts exactly what JSON.parse accepts, except duplicate keys, with the same value', () => {
    fc.assert(
      fc.property(fc.oneof(jsonish, mutated), (text) => {
        let expected: unknown;
        let valid = true;
        try {
          expected = JSON.parse(text);
        } catch {
          valid = false;
        }
        const result = parseJson(text, 'p.json');
        if (result.value !== null) {
          expect(valid).toBe(true);
          expect(result.diagnostics).toEqual([]);
          if (!hasProtoKey(expected)) expect(toPlain(result.value)).toEqual(expected);
        } else {
          expect(result.diagnostics.length).toBeGreaterThan(0);
          if (valid)
            expect(new Set(result.diagnostics.map((d) => d.code))).toEqual(new Set(['JSON_DUPLICATE_KEY']));
        }
        for (const d of result.diagnostics) {
          expect(d.span.offset).toBeLessThanOrEqual(d.span.end);
          expect(d.span.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
