import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../../runtime/values/decimal.js';

describe('parseDecimal', () => {
  it.each([
    ['0', 0],
    ['42', 42],
    ['-7', -7],
    ['007', 7],
    ['3.25', 3.25],
    ['-0.5', -0.5],
    ['1e3', 1000],
    ['1E3', 1000],
    ['2.5e-3', 0.0025],
    ['1e+2', 100],
    ['0.1', 0.1],
    ['9007199254740993', 9007199254740992],
    ['1e400', Number.POSITIVE_INFINITY],
    ['-1e400', Number.NEGATIVE_INFINITY],
    ['1e-400', 0],
  ])('reads %s', (text, expected) => {
    expect(parseDecimal(text)).toBe(expected);
  });

  it('keeps the sign of -0', () => {
    expect(Object.is(parseDecimal('-0'), -0)).toBe(true);
  });

  it.each([
    '',
    '-',
    '+1',
    ' 1',
    '1 ',
    '1.',
    '.5',
    '-.5',
    '1..2',
    '1.2.3',
    '1e',
    '1e+',
    '1e-',
    'e5',
    '1e5.5',
    '0x10',
    'Infinity',
    '-Infinity',
    'NaN',
    '1_000',
    '1,5',
    '--1',
    '١',
    '12a',
  ])('rejects %j', (text) => {
    expect(parseDecimal(text)).toBeNull();
  });

  it('agrees with Number() on every string of the grammar', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 12 });
    const decimal = fc
      .tuple(
        fc.boolean(),
        digits,
        fc.option(digits, { nil: undefined }),
        fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits), {
          nil: undefined,
        }),
      )
      .map(([neg, int, frac, exp]) => {
        const fraction = frac === undefined ? '' : `.${frac}`;
        const exponent = exp === undefined ? '' : exp.join('');
        return `${neg ? '-' : ''}${int}${fraction}${exponent}`;
      });
    fc.assert(
      fc.property(decimal, (text) => {
        expect(parseDecimal(text)).toBe(Number(text));
      }),
    );
  });

  it('rejects any string Number() cannot read, and never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const parsed = parseDecimal(text);
        if (parsed !== null) expect(parsed).toBe(Number(text));
      }),
    );
  });
});
