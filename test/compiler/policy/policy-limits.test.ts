import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../compiler/parse/json-parser.js';
import { codePointLength, compactJsonLength } from '../../../compiler/policy/policy-limits.js';

function measure(text: string): number {
  const parsed = parseJson(text, 'p.json');
  if (parsed.value === null) throw new Error('test setup: the JSON does not parse');
  return compactJsonLength(parsed.value);
}

describe('compactJsonLength', () => {
  it('equals the length of JSON.stringify for any ASCII JSON, however it is formatted', () => {
    const ascii = fc.string({ unit: fc.constantFrom(...'ab "\\/\n\t{}[]:,'), maxLength: 8 });
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        ascii,
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(ascii, tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, fc.nat(4), (value, indent) => {
        const compact = JSON.stringify(value);
        expect(measure(JSON.stringify(value, null, indent))).toBe(compact.length);
      }),
    );
  });

  it('counts escapes as the character they stand for', () => {
    expect(measure('{ "a": "\\u0041" }')).toBe('{"a":"A"}'.length);
    expect(measure('"\\u00e9"')).toBe(3);
  });

  it('counts a character outside the BMP once', () => {
    expect(measure('"😀"')).toBe(3);
    expect(codePointLength('a😀b')).toBe(3);
    expect(codePointLength('\ud800')).toBe(1);
  });

  it('counts numbers as written', () => {
    expect(measure('[1.50, -0, 1e3]')).toBe('[1.50,-0,1e3]'.length);
  });

  it('measures deeply nested documents without recursion', () => {
    const depth = 60;
    expect(measure(`${'['.repeat(depth)}${']'.repeat(depth)}`)).toBe(2 * depth);
  });
});
