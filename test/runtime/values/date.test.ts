import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../runtime/values/date.js';

describe('parseDate', () => {
  it.each([
    ['1970-01-01T00:00:00Z', 0],
    ['2026-11-27T10:00:00Z', Date.UTC(2026, 10, 27, 10)],
    ['2024-02-29T23:59:59Z', Date.UTC(2024, 1, 29, 23, 59, 59)],
    ['2000-02-29T12:00:00Z', Date.UTC(2000, 1, 29, 12)],
    ['2026-11-27T10:00:00.5Z', Date.UTC(2026, 10, 27, 10, 0, 0, 500)],
    ['2026-11-27T10:00:00.05Z', Date.UTC(2026, 10, 27, 10, 0, 0, 50)],
    ['2026-11-27T10:00:00.123Z', Date.UTC(2026, 10, 27, 10, 0, 0, 123)],
    ['2026-11-27T18:00:00+08:00', Date.UTC(2026, 10, 27, 10)],
    ['2026-11-27T05:30:00-04:30', Date.UTC(2026, 10, 27, 10)],
    ['2026-11-27T10:00:00+00:00', Date.UTC(2026, 10, 27, 10)],
    ['2026-11-27T10:00:00-00:00', Date.UTC(2026, 10, 27, 10)],
    ['2026-11-27T10:00:00+23:59', Date.UTC(2026, 10, 27, 10) - (23 * 60 + 59) * 60_000],
    ['2026-12-31T23:59:59.999-23:59', Date.UTC(2027, 0, 1, 23, 58, 59, 999)],
    ['1969-12-31T23:59:59Z', -1000],
    ['0000-01-01T00:00:00Z', -62167219200000],
    ['9999-12-31T23:59:59.999Z', 253402300799999],
  ])('reads %s', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  it.each([
    '',
    '2023-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-01T00:00:00Z',
    '2026-01-00T00:00:00Z',
    '2026-01-32T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T00:60:00Z',
    '2026-01-01T00:00:60Z',
    '2026-01-01T00:00:00',
    '2026-01-01t00:00:00Z',
    '2026-01-01T00:00:00z',
    '2026-01-01 00:00:00Z',
    '2026-01-01',
    '2026-1-01T00:00:00Z',
    '26-01-01T00:00:00Z',
    '+2026-01-01T00:00:00Z',
    '12026-01-01T00:00:00Z',
    '2026-01-01T00:00Z',
    '2026-01-01T00:00:00.Z',
    '2026-01-01T00:00:00.1234Z',
    '2026-01-01T00:00:00,5Z',
    '2026-01-01T00:00:00+24:00',
    '2026-01-01T00:00:00+08:60',
    '2026-01-01T00:00:00+0800',
    '2026-01-01T00:00:00+08',
    '2026-01-01T00:00:00Z ',
    ' 2026-01-01T00:00:00Z',
    '2026-01-01T00:00:00ZZ',
    '2026-01-01T00:00:00+08:00Z',
    '2026-0a-01T00:00:00Z',
    '2026-01-01T00:00:00.1a3Z',
  ])('rejects %j', (text) => {
    expect(parseDate(text)).toBeNull();
  });

  it('agrees with Date.UTC on every valid UTC timestamp', () => {
    const instant = fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) });
    fc.assert(
      fc.property(instant, (ms) => {
        const text = new Date(ms).toISOString();
        expect(parseDate(text)).toBe(ms);
      }),
    );
  });

  it('applies offsets as the difference from UTC', () => {
    const offset = fc.tuple(
      fc.constantFrom('+', '-'),
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
    );
    fc.assert(
      fc.property(offset, ([sign, h, m]) => {
        const zone = `${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        const minutes = (h * 60 + m) * (sign === '-' ? -1 : 1);
        expect(parseDate(`2026-06-15T12:00:00${zone}`)).toBe(Date.UTC(2026, 5, 15, 12) - minutes * 60_000);
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 32 }), (text) => {
        const parsed = parseDate(text);
        expect(parsed === null || Number.isInteger(parsed)).toBe(true);
      }),
    );
  });
});
