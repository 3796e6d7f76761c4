import { describe, expect, it } from 'vitest';
import { lexJson } from '../../../compiler/parse/json-lexer.js';

/** `Type:image` for every token, comments last. */
function lexed(text: string): string[] {
  const { tokens, comments, stopped } = lexJson(text, 0, 1000, 1000);
  expect(stopped).toBeUndefined();
  return [...tokens, ...comments].map((t) => `${t.tokenType.name}:${t.image}`);
}

describe('lexJson', () => {
  it.each([
    [
      '{"a":[1,true,false,null]}',
      [
        'LCurly:{',
        'StringLiteral:"a"',
        'Colon::',
        'LSquare:[',
        'NumberLiteral:1',
        'Comma:,',
        'True:true',
        'Comma:,',
        'False:false',
        'Comma:,',
        'Null:null',
        'RSquare:]',
        'RCurly:}',
      ],
    ],
    ['trueish True $x _y', ['Word:trueish', 'Word:True', 'Word:$x', 'Word:_y']],
    [
      'NaN NaNa Infinity -Infinity +NaN',
      [
        'NumberLiteral:NaN',
        'Word:NaNa',
        'NumberLiteral:Infinity',
        'NumberLiteral:-Infinity',
        'NumberLiteral:+NaN',
      ],
    ],
    [
      '-1.5e+3 01 .5 1.2.3 0x1F 12abc',
      [
        'NumberLiteral:-1.5e+3',
        'NumberLiteral:01',
        'NumberLiteral:.5',
        'NumberLiteral:1.2.3',
        'NumberLiteral:0x1F',
        'NumberLiteral:12abc',
      ],
    ],
    ['- + -.x', ['NumberLiteral:-', 'NumberLiteral:+', 'NumberLiteral:-', 'Unexpected:.', 'Word:x']],
    ["'a' 'b", ["SingleQuoted:'a'", "SingleQuoted:'b"]],
    [
      '#!@ /x . é\u00a0"s"',
      ['Unexpected:#!@', 'Unexpected:/', 'Word:x', 'Unexpected:.', 'Unexpected:é\u00a0', 'StringLiteral:"s"'],
    ],
    [
      '1 // c\n2 /* d */ 3 /* e',
      [
        'NumberLiteral:1',
        'NumberLiteral:2',
        'NumberLiteral:3',
        'Comment:// c',
        'Comment:/* d */',
        'Comment:/* e',
      ],
    ],
    ['"open\n"x\\', ['StringLiteral:"open', 'StringLiteral:"x\\']],
  ])('%j', (text, expected) => {
    expect(lexed(text)).toEqual(expected);
  });

  it('gives plain strings no payload and the others their decoded value and problems', () => {
    const { tokens } = lexJson('["plain", "a\\n\\x"]', 0, 100, 100);
    expect(tokens[1]?.payload).toBeUndefined();
    expect(tokens[3]?.payload).toMatchObject({ closed: true, value: 'a\n', problems: [{ offset: 14 }] });
  });

  it('stops when there are more tokens than the limit, counting comments', () => {
    expect(lexJson('[1, 2]', 0, 4, 100).stopped).toBe('tokens');
    expect(lexJson('[1, 2]', 0, 5, 100).stopped).toBeUndefined();
    expect(lexJson('[1] /**/', 0, 3, 100).stopped).toBe('tokens');
    expect(lexJson('[1] /**/', 0, 4, 100).stopped).toBeUndefined();
  });

  it('stops past the problem limit: comments, unclosed strings, bad escapes and characters', () => {
    expect(lexJson('/**/ "\n "\\x\\x"', 0, 100, 4).stopped).toBeUndefined();
    expect(lexJson('/**/ "\n "\\x\\x" //', 0, 100, 4).stopped).toBe('problems');
    const { tokens, stopped } = lexJson(`"${'\\x'.repeat(50)}" 1`, 0, 100, 10);
    expect(stopped).toBe('problems');
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.payload).toMatchObject({ problems: { length: 11 } });
  });
});
