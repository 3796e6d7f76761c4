import { describe, expect, it } from 'vitest';
import { parseBool } from '../../../runtime/values/bool.js';
import { lowerUnicode } from '../../../runtime/values/lower-unicode.js';

describe('parseBool', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['True', true],
    ['tRuE', true],
    ['false', false],
    ['FALSE', false],
    ['False', false],
  ])('reads %s', (text, expected) => {
    expect(parseBool(text)).toBe(expected);
  });

  it.each(['', 't', '1', '0', 'yes', ' true', 'true ', 'truee', 'fals', 'ｔｒｕｅ', 'tr\u0130e', 'null'])(
    'rejects %j',
    (text) => {
      expect(parseBool(text)).toBeNull();
    },
  );
});

describe('lowerUnicode', () => {
  it('lowers with the default Unicode mapping, independent of locale', () => {
    expect(lowerUnicode('AbC')).toBe('abc');
    expect(lowerUnicode('ÄÖÜ')).toBe('äöü');
    expect(lowerUnicode('\u0130')).toBe('i\u0307');
    expect(lowerUnicode('ΣΑΣ')).toBe('σας');
  });
});
