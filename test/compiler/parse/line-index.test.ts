import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../../compiler/parse/line-index.js';

describe('LineIndex', () => {
  it('starts a line after \\n, after \\r\\n as one break, and after a lone \\r', () => {
    const text = 'a\nb\r\nc\rd\r';
    const lines = new LineIndex(text, 'f');
    expect([0, 2, 5, 7, 8, 9].map((o) => [lines.span(o, o).line, lines.span(o, o).column])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
      [4, 2],
      [5, 1],
    ]);
  });

  it('clamps offsets to the text and never ends before it starts', () => {
    const lines = new LineIndex('abc', 'f');
    expect(lines.span(-5, 99)).toEqual({ file: 'f', line: 1, column: 1, offset: 0, end: 3 });
    expect(lines.span(2, 1)).toEqual({ file: 'f', line: 1, column: 3, offset: 2, end: 2 });
  });

  it('can start line 1 after a byte order mark', () => {
    const lines = new LineIndex('\ufeffab\nc', 'f', 1);
    expect(lines.span(0, 1)).toMatchObject({ line: 1, column: 1 });
    expect(lines.span(1, 2)).toMatchObject({ line: 1, column: 1 });
    expect(lines.span(2, 3)).toMatchObject({ line: 1, column: 2 });
    expect(lines.span(4, 5)).toMatchObject({ line: 2, column: 1 });
  });

  it('answers lookups in any order (forward, backward, same line) as a naive split does', () => {
    const text = fc
      .array(fc.constantFrom('a', 'bc', '\n', '\r', '\r\n', '\n\n'), { maxLength: 30 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 20 }), (t, picks) => {
        const lines = new LineIndex(t, 'f');
        for (const pick of picks) {
          const offset = pick % (t.length + 1);
          // An offset between the \r and \n of one break is on the \r's line; the split would disagree.
          if (t[offset - 1] === '\r' && t[offset] === '\n') continue;
          const before = t.slice(0, offset).split(/\r\n|\r|\n/);
          const expected = { line: before.length, column: (before.at(-1) ?? '').length + 1 };
          expect(lines.span(offset, offset)).toMatchObject(expected);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
