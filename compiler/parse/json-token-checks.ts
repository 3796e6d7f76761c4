import type { IToken } from 'chevrotain';
import { type Diagnostic, diagnostic } from '../diagnostics.js';
import type { ScannedString } from './json-strings.js';
import { Comma, LCurly, LSquare, NumberLiteral, RCurly, RSquare, StringLiteral } from './json-tokens.js';
import type { LineIndex } from './line-index.js';

/** What one linear pass over the token vector found, before the parser runs. */
export interface TokenCheckResult {
  diagnostics: Diagnostic[];
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

// RFC 8259 section 6, anchored; linear because no quantified group can overlap the next one.
const STRICT_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

/**
 * Reports every malformed string and number, every comment and trailing comma, and the first
 * place where brackets nest deeper than `maxDepth`, without recursion.
 */
export function checkTokens(
  tokens: readonly IToken[],
  comments: readonly IToken[],
  lines: LineIndex,
  maxDepth: number,
): TokenCheckResult {
  const diagnostics: Diagnostic[] = [];
  let disruptedAt = Number.POSITIVE_INFINITY;
  const spanOf = (token: IToken) => lines.span(token.startOffset, token.startOffset + token.image.length);

  for (const comment of comments) {
    const closed =
      !comment.image.startsWith('/*') || (comment.image.length >= 4 && comment.image.endsWith('*/'));
    if (!closed) disruptedAt = Math.min(disruptedAt, comment.startOffset);
    diagnostics.push(
      diagnostic(
        'JSON_COMMENT',
        'error',
        closed
          ? 'comments are not allowed in JSON'
          : 'comments are not allowed in JSON, and this one is never closed',
        spanOf(comment),
        'remove the comment; to document a policy statement, use its "Sid"',
      ),
    );
  }

  // INVARIANT: `open` holds at most maxDepth tokens; depth may exceed it only once, which stops the count.
  const open: IToken[] = [];
  let tooDeep = false;
  let previous: IToken | undefined;
  for (const token of tokens) {
    const type = token.tokenType;
    if (type === StringLiteral) {
      const scanned = token.payload as ScannedString;
      for (const p of scanned.problems) {
        diagnostics.push(
          diagnostic('JSON_BAD_STRING', 'error', p.message, lines.span(p.offset, p.end), p.help),
        );
      }
      if (!scanned.closed) {
        disruptedAt = Math.min(disruptedAt, token.startOffset);
        diagnostics.push(
          diagnostic(
            'JSON_BAD_STRING',
            'error',
            "this string is never closed: its closing '\"' is missing",
            spanOf(token),
            'add the closing quote; a JSON string cannot span lines, so write a line break inside it as \\n',
          ),
        );
      }
    } else if (type === NumberLiteral) {
      if (!STRICT_NUMBER.test(token.image)) {
        diagnostics.push(
          diagnostic(
            'JSON_BAD_NUMBER',
            'error',
            `'${shorten(token.image)}' is not a valid JSON number`,
            spanOf(token),
            numberHelp(token.image),
          ),
        );
      }
    } else if (type === LCurly || type === LSquare) {
      if (!tooDeep && open.length >= maxDepth) {
        tooDeep = true;
        diagnostics.push(
          diagnostic(
            'JSON_TOO_DEEP',
            'error',
            `this '${token.image}' nests values ${maxDepth + 1} levels deep; the limit is ${maxDepth}`,
            spanOf(token),
            'flatten the document: policies and models never need this much nesting',
          ),
        );
      }
      if (!tooDeep) open.push(token);
    } else if (type === RCurly || type === RSquare) {
      if (previous?.tokenType === Comma) {
        disruptedAt = Math.min(disruptedAt, previous.startOffset);
        diagnostics.push(
          diagnostic(
            'JSON_TRAILING_COMMA',
            'error',
            `a comma before '${token.image}' is not allowed in JSON`,
            spanOf(previous),
            `remove this comma: the last ${type === RCurly ? 'member of an object' : 'item of an array'} has no comma after it`,
          ),
        );
      }
      if (!tooDeep) open.pop();
    }
    previous = token;
  }
  return { diagnostics, disruptedAt, tooDeep, unclosed: open.at(-1) };
}

function numberHelp(raw: string): string {
  const body = raw.replace(/^[-+]/, '');
  if (body === 'NaN' || body === 'Infinity') {
    return 'JSON has no NaN or Infinity; use null, or quote the value as a string';
  }
  if (raw.startsWith('+')) return "a JSON number cannot start with '+': remove it";
  if (body === '') return `a '${raw}' sign must be directly followed by digits`;
  if (body.startsWith('.')) return 'a JSON number needs a digit before the decimal point: write 0.5, not .5';
  if (/^\d+\.(?:\D|$)/.test(body))
    return 'a decimal point must be followed by digits: write 1.0 or 1, not 1.';
  if (/^0\d/.test(body)) {
    return 'a JSON number cannot have leading zeros: write 1, not 01 (and quote ids such as account ids: "0123")';
  }
  return 'JSON numbers look like -12, 3.5 or 1e-7; if this value is text, put it in double quotes';
}

/** Cuts long token text for messages. */
export function shorten(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 37)}...`;
}
