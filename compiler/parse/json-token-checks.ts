import type { IToken } from 'chevrotain';
import { type Diagnostic, diagnostic, type Span } from '../diagnostics.js';
import { isStrictNumber, numberHelp } from './json-numbers.js';
import type { ScannedString } from './json-strings.js';
import { Comma, LCurly, LSquare, NumberLiteral, RCurly, RSquare, StringLiteral } from './json-tokens.js';
import type { LineIndex } from './line-index.js';

/** What one linear pass over the token vector found, before the parser runs. */
export interface TokenCheckResult {
  /** In source order; at most `maxDiagnostics` + 1 of them. */
  diagnostics: Diagnostic[];
  /** True when the pass stopped because it found more than `maxDiagnostics` problems. */
  truncated: boolean;
  /**
   * Offset of the first problem after which the parser's view of the input is unreliable
   * (an unclosed string or comment, a trailing comma); a parser error at or after it only repeats it.
   */
  disruptedAt: number;
  /** True when brackets nest deeper than the limit: the parser must not run. */
  tooDeep: boolean;
  /** The innermost `[` or `{` still open at the end of the tokens, for "never closed" hints. */
  unclosed: IToken | undefined;
}

/**
 * Reports every malformed string and number, every comment and trailing comma, and the first
 * place where brackets nest deeper than `maxDepth`, in source order and without recursion.
 * Stops once it has more than `maxDiagnostics`, which bounds memory on pathological input.
 */
export function checkTokens(
  tokens: readonly IToken[],
  comments: readonly IToken[],
  lines: LineIndex,
  maxDepth: number,
  maxDiagnostics: number,
): TokenCheckResult {
  const checker = new TokenChecker(comments, lines, maxDepth);
  const diagnostics = checker.diagnostics;
  for (const token of tokens) {
    checker.commentsBefore(token.startOffset);
    if (diagnostics.length > maxDiagnostics) break;
    checker.token(token);
  }
  checker.commentsBefore(Number.POSITIVE_INFINITY);
  return {
    diagnostics,
    truncated: diagnostics.length > maxDiagnostics,
    disruptedAt: checker.disruptedAt,
    tooDeep: checker.tooDeep,
    unclosed: checker.open.at(-1),
  };
}

class TokenChecker {
  readonly diagnostics: Diagnostic[] = [];
  disruptedAt = Number.POSITIVE_INFINITY;
  tooDeep = false;
  // INVARIANT: holds at most maxDepth tokens; depth may exceed it only once, which stops the count.
  readonly open: IToken[] = [];
  private previous: IToken | undefined;
  private nextComment = 0;

  constructor(
    private readonly comments: readonly IToken[],
    private readonly lines: LineIndex,
    private readonly maxDepth: number,
  ) {}

  /**
   * Checks the comments that start before `offset`. Comments are interleaved with the tokens by
   * position, so that diagnostics come in source order and the LineIndex is always asked forward.
   */
  commentsBefore(offset: number): void {
    for (let c = this.comments[this.nextComment]; c !== undefined && c.startOffset < offset; ) {
      this.comment(c);
      c = this.comments[++this.nextComment];
    }
  }

  private comment(comment: IToken): void {
    const closed =
      !comment.image.startsWith('/*') || (comment.image.length >= 4 && comment.image.endsWith('*/'));
    if (!closed) this.disrupt(comment.startOffset);
    const message = closed
      ? 'comments are not allowed in JSON'
      : 'comments are not allowed in JSON, and this one is never closed';
    this.report(
      'JSON_COMMENT',
      message,
      this.spanOf(comment),
      'remove the comment; to document a policy statement, use its "Sid"',
    );
  }

  token(token: IToken): void {
    const type = token.tokenType;
    if (type === StringLiteral) {
      // A plain string (no payload) is closed and has no problems.
      const scanned = token.payload as ScannedString | undefined;
      if (scanned !== undefined) this.string(token, scanned);
    } else if (type === NumberLiteral) {
      if (!isStrictNumber(token.image)) {
        const message = `'${shorten(token.image)}' is not a valid JSON number`;
        this.report('JSON_BAD_NUMBER', message, this.spanOf(token), numberHelp(token.image));
      }
    } else if (type === LCurly || type === LSquare) {
      this.openBracket(token);
    } else if (type === RCurly || type === RSquare) {
      const previous = this.previous;
      if (previous?.tokenType === Comma) {
        this.disrupt(previous.startOffset);
        const what = type === RCurly ? 'member of an object' : 'item of an array';
        this.report(
          'JSON_TRAILING_COMMA',
          `a comma before '${token.image}' is not allowed in JSON`,
          this.spanOf(previous),
          `remove this comma: the last ${what} has no comma after it`,
        );
      }
      if (!this.tooDeep) this.open.pop();
    }
    this.previous = token;
  }

  private string(token: IToken, scanned: ScannedString): void {
    for (const p of scanned.problems) {
      this.report('JSON_BAD_STRING', p.message, this.lines.span(p.offset, p.end), p.help);
    }
    if (!scanned.closed) {
      this.disrupt(token.startOffset);
      this.report(
        'JSON_BAD_STRING',
        "this string is never closed: its closing '\"' is missing",
        this.spanOf(token),
        'add the closing quote; a JSON string cannot span lines, so write a line break inside it as \\n',
      );
    }
  }

  private openBracket(token: IToken): void {
    if (this.tooDeep) return;
    if (this.open.length < this.maxDepth) {
      this.open.push(token);
      return;
    }
    this.tooDeep = true;
    this.report(
      'JSON_TOO_DEEP',
      `this '${token.image}' nests values ${this.maxDepth + 1} levels deep; the limit is ${this.maxDepth}`,
      this.spanOf(token),
      'flatten the document: policies and models never need this much nesting',
    );
  }

  private disrupt(offset: number): void {
    this.disruptedAt = Math.min(this.disruptedAt, offset);
  }

  private report(code: string, message: string, span: Span, help: string): void {
    this.diagnostics.push(diagnostic(code, 'error', message, span, help));
  }

  private spanOf(token: IToken): Span {
    return this.lines.span(token.startOffset, token.startOffset + token.image.length);
  }
}

/** Cuts long token text for messages. */
export function shorten(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 37)}...`;
}
