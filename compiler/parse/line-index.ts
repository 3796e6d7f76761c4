import type { Span } from '../diagnostics.js';

/**
 * Turns 0-based UTF-16 offsets of one text into spans with 1-based lines and columns.
 * Lines end at `\n`, `\r\n` or `\r`; columns count UTF-16 code units. Built once per text in
 * linear time. A lookup on the line of the previous lookup or the next one costs O(1) (the parser
 * asks in source order), any other a binary search.
 */
export class LineIndex {
  private readonly starts: Uint32Array;
  private readonly length: number;
  /** The line (0-based) of the last lookup. */
  private cursor = 0;

  /**
   * @param firstLineStart where line 1 starts, so a skipped byte order mark does not count as a column.
   */
  constructor(
    text: string,
    private readonly file: string,
    firstLineStart = 0,
  ) {
    this.length = text.length;
    // PERF: line starts are found with indexOf, which scans far faster than a charCodeAt loop;
    // a growable buffer keeps one compact array even for a text of only line breaks.
    let starts = new Uint32Array(64);
    let count = 1;
    starts[0] = firstLineStart;
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (lf >= 0 || cr >= 0) {
      // A `\r` right before a `\n` is part of one `\r\n` break; a lone `\r` is a break of its own.
      const at = cr >= 0 && (lf < 0 || cr < lf) && cr + 1 !== lf ? cr : lf;
      if (count === starts.length) {
        const grown = new Uint32Array(count * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[count++] = at + 1;
      if (lf >= 0 && lf <= at) lf = text.indexOf('\n', at + 1);
      if (cr >= 0 && cr <= at) cr = text.indexOf('\r', at + 1);
    }
    this.starts = starts.slice(0, count);
  }

  /** The span from `offset` up to (not including) `end`, both clamped to the text. */
  span(offset: number, end: number): Span {
    const from = Math.min(Math.max(offset, 0), this.length);
    const to = Math.min(Math.max(end, from), this.length);
    const line = this.lineAt(from);
    const lineStart = Math.min(this.starts[line] ?? 0, from);
    return { file: this.file, line: line + 1, column: from - lineStart + 1, offset: from, end: to };
  }

  /** The 0-based line holding `offset`. */
  private lineAt(offset: number): number {
    const starts = this.starts;
    const last = starts.length - 1;
    let line = this.cursor;
    if ((starts[line] ?? 0) <= offset) {
      if (line === last || (starts[line + 1] ?? 0) > offset) return line;
      line++;
      if (line === last || (starts[line + 1] ?? 0) > offset) {
        this.cursor = line;
        return line;
      }
    }
    let low = 0;
    let high = last;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    this.cursor = low;
    return low;
  }
}
