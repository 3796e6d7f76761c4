import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type Line, MAX_LINE_LENGTH, readLines } from '../../compiler/cli/read-lines.js';

async function linesOf(chunks: string[]): Promise<Line[]> {
  const out: Line[] = [];
  for await (const line of readLines(undefined, Readable.from(chunks))) out.push(line);
  return out;
}

describe('readLines', () => {
  it('ends lines at \\n, \\r\\n and a lone \\r, also across chunks, and keeps a last line without an end', async () => {
    const lines = await linesOf(['a\nb\r', '\nc\rd\r\n', '', '\ne', 'f']);
    expect(lines).toEqual([
      { line: 'a', number: 1 },
      { line: 'b', number: 2 },
      { line: 'c', number: 3 },
      { line: 'd', number: 4 },
      { line: '', number: 5 },
      { line: 'ef', number: 6 },
    ]);
  });

  it('yields no last line after a final line end', async () => {
    expect(await linesOf(['a\r\n'])).toEqual([{ line: 'a', number: 1 }]);
    expect(await linesOf([])).toEqual([]);
  });

  it('answers a line over the bound with null, without keeping it, and reads on', async () => {
    const long = 'x'.repeat(MAX_LINE_LENGTH);
    const lines = await linesOf([long, 'y', '\nok', '\n', long, '\n']);
    expect(lines).toEqual([
      { line: null, number: 1 },
      { line: 'ok', number: 2 },
      { line: long, number: 3 },
    ]);
  });
});
