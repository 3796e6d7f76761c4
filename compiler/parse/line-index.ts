import type { Span } from '../diagnostics.js';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Turns 0-based UTF-16 offsets of one text into spans with 1-based lines and columns.
 * Lines end at `\n`, `\r\n` or `\r`; columns count UTF-16 code units. Built once per text in
 * linear time; each lookup is a binary search.
 */
export class LineIndex {
  private readonly starts: Uint32Array;

  /**
   * @param firstLineStart where line 1 starts, so a skipped byte order mark does not count as a column.
   */
  constructor(
    private readonly text: string,
    private readonly file: string,
    firstLineStart = 0,
  ) {
    // PERF: two passes (count, then fill) keep one compact array even for a text of only line breaks.
    let count = 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
    }
    this.starts = new Uint32Array(count);
    this.starts[0] = firstLineStart;
    let line = 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) this.starts[line++] = i + 1;
    }
  }

  /** The span from `offset` up to (not including) `end`, both clamped to the text. */
  span(offset: number, end: number): Span {
    const from = Math.min(Math.max(offset, 0), this.text.length);
    const to = Math.min(Math.max(end, from), this.text.length);
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if ((this.starts[mid] ?? 0) <= from) low = mid;
      else high = mid - 1;
    }
    const lineStart = Math.min(this.starts[low] ?? 0, from);
    return { file: this.file, line: low + 1, column: from - lineStart + 1, offset: from, end: to };
  }
}
