import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { REQUEST_LIMITS } from '../../runtime/request-limits.js';

/**
 * The longest line read whole, in UTF-16 code units: room for a request at its bound of text
 * (`REQUEST_LIMITS.maxTotalLength`) written with every character escaped (`\uXXXX`, six for one).
 */
export const MAX_LINE_LENGTH = 6 * REQUEST_LIMITS.maxTotalLength + 4_096;

/** One line: its text, or null when it is longer than `MAX_LINE_LENGTH` (the text is not kept). */
export interface Line {
  line: string | null;
  number: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Yields the lines of a file, or of `stdin` when no path (or `-`) is given, with 1-based line numbers.
 * Lines end at `\n`, `\r\n` or a lone `\r`; a last line without an end counts too.
 * A line longer than `MAX_LINE_LENGTH` is yielded as null and only counted as it streams past, so no input
 * (not even `/dev/zero`) makes reading hold more than one bounded line.
 */
export async function* readLines(path: string | undefined, stdin: Readable): AsyncGenerator<Line> {
  const input = path === undefined || path === '-' ? stdin : createReadStream(path);
  input.setEncoding('utf8');
  let number = 0;
  let parts: string[] = [];
  let length = 0;
  let tooLong = false;
  /** The previous chunk ended with `\r`: a `\n` that starts this one belongs to the same line end. */
  let afterCr = false;
  const append = (text: string): void => {
    if (tooLong || text.length === 0) return;
    length += text.length;
    if (length > MAX_LINE_LENGTH) {
      tooLong = true;
      parts = [];
    } else parts.push(text);
  };
  const take = (): Line => {
    const line: Line = { line: tooLong ? null : parts.join(''), number: ++number };
    parts = [];
    length = 0;
    tooLong = false;
    return line;
  };
  for await (const chunk of input as AsyncIterable<string>) {
    if (chunk.length === 0) continue;
    let start = afterCr && chunk.charCodeAt(0) === LF ? 1 : 0;
    afterCr = false;
    for (let i = start; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c !== LF && c !== CR) continue;
      append(chunk.slice(start, i));
      yield take();
      if (c === CR) {
        if (i + 1 === chunk.length) afterCr = true;
        else if (chunk.charCodeAt(i + 1) === LF) i++;
      }
      start = i + 1;
    }
    append(chunk.slice(start));
  }
  if (length > 0 || tooLong) yield take();
}
