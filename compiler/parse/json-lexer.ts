import type { IToken, TokenType } from 'chevrotain';
import { type ScannedString, scanJsonString } from './json-strings.js';
import {
  Colon,
  Comma,
  Comment,
  False,
  LCurly,
  LSquare,
  makeToken,
  Null,
  NumberLiteral,
  RCurly,
  RSquare,
  SingleQuoted,
  StringLiteral,
  True,
  Unexpected,
  Word,
} from './json-tokens.js';

/** The tokens of one text. */
export interface LexResult {
  /** Every token but comments, in source order; runs of characters that start no token are `Unexpected` tokens. */
  tokens: IToken[];
  comments: IToken[];
  /**
   * Why the lexer stopped before the end: the text holds more than `maxTokens` tokens and
   * comments together, or more than `maxProblems` problems that the lexer can see (comments,
   * unclosed strings, bad escapes and characters in strings). Undefined when it read everything.
   */
  stopped: 'tokens' | 'problems' | undefined;
}

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const DOLLAR = 0x24;
const APOSTROPHE = 0x27;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const SLASH = 0x2f;
const COLON = 0x3a;
const STAR = 0x2a;
const L_SQUARE = 0x5b;
const BACKSLASH = 0x5c;
const R_SQUARE = 0x5d;
const UNDERSCORE = 0x5f;
const L_CURLY = 0x7b;
const R_CURLY = 0x7d;

// PERF: the single-character tokens by character code, looked up without hashing.
const PUNCTUATION_TYPES: (TokenType | undefined)[] = Array.from({ length: 0x80 }, () => undefined);
const PUNCTUATION_IMAGES: string[] = Array.from({ length: 0x80 }, () => '');
for (const [code, type] of [
  [L_CURLY, LCurly],
  [R_CURLY, RCurly],
  [L_SQUARE, LSquare],
  [R_SQUARE, RSquare],
  [COMMA, Comma],
  [COLON, Colon],
] as const) {
  PUNCTUATION_TYPES[code] = type;
  PUNCTUATION_IMAGES[code] = String.fromCharCode(code);
}

const WORDS = new Map<string, TokenType>([
  ['true', True],
  ['false', False],
  ['null', Null],
  ['NaN', NumberLiteral],
  ['Infinity', NumberLiteral],
]);

/**
 * Splits `text` into tokens from `start` on (past a byte order mark), in one linear pass. Never
 * fails; stops early (see LexResult.stopped) so that no input can exhaust memory.
 *
 * PERF: a hand-written loop over character codes, not chevrotain's Lexer: its regular expressions
 * and per-pattern dispatch took a third of the parse time, and it cannot stop at a token limit.
 * The rules are exactly those of the chevrotain token patterns it replaced (first match wins; a
 * longer word beats a keyword):
 * - whitespace is ` \t\n\r`; a comment is `//` up to the line break or `/*` through `*\/` (or the end);
 * - a string runs from `"` to the closing quote or, unclosed, to its line's end (json-strings.ts);
 * - a single-quoted string is `'[^'\n\r]*'?`;
 * - a word is `[A-Za-z_$][A-Za-z0-9_$]*`: `true`, `false`, `null` are literals, `NaN` and `Infinity`
 *   numbers, anything else a Word;
 * - a number is `[-+]?\.?[0-9][A-Za-z0-9_.+-]*`, or else a sign followed by `[A-Za-z0-9_$]*`;
 * - characters that start none of these form one Unexpected token up to the next that does.
 */
export function lexJson(text: string, start: number, maxTokens: number, maxProblems: number): LexResult {
  const tokens: IToken[] = [];
  const comments: IToken[] = [];
  const length = text.length;
  let problems = 0;
  let i = start;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === LF || c === CR || c === TAB) {
      i++;
      continue;
    }
    if (tokens.length + comments.length >= maxTokens) return { tokens, comments, stopped: 'tokens' };
    if (problems > maxProblems) return { tokens, comments, stopped: 'problems' };
    const punctuation = c < 0x80 ? PUNCTUATION_TYPES[c] : undefined;
    if (punctuation !== undefined) {
      tokens.push(makeToken(punctuation, PUNCTUATION_IMAGES[c] ?? '', i, undefined));
      i++;
    } else if (c === QUOTE) {
      const token = lexString(text, i, maxProblems + 1 - problems);
      tokens.push(token);
      i += token.image.length;
      const scanned = token.payload as ScannedString | undefined;
      if (scanned !== undefined) problems += scanned.problems.length + (scanned.closed ? 0 : 1);
    } else if (c === SLASH && isCommentStart(text, i)) {
      const end = commentEnd(text, i);
      comments.push(makeToken(Comment, text.slice(i, end), i, undefined));
      problems++;
      i = end;
    } else {
      i = lexOther(text, i, c, tokens);
    }
  }
  return { tokens, comments, stopped: problems > maxProblems ? 'problems' : undefined };
}

// PERF: most strings hold no escape and no control character. They are found by a plain scan and
// carry no payload: their value is their text without the quotes. Others get the ScannedString.
function lexString(text: string, start: number, maxProblems: number): IToken {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return makeToken(StringLiteral, text.slice(start, i + 1), start, undefined);
    if (c === BACKSLASH || c < SPACE) break;
  }
  const scanned = scanJsonString(text, start, maxProblems);
  return makeToken(StringLiteral, text.slice(start, scanned.end), start, scanned);
}

function isCommentStart(text: string, i: number): boolean {
  const next = text.charCodeAt(i + 1);
  return next === SLASH || next === STAR;
}

function commentEnd(text: string, start: number): number {
  if (text.charCodeAt(start + 1) === STAR) {
    const close = text.indexOf('*/', start + 2);
    return close < 0 ? text.length : close + 2;
  }
  let end = start + 2;
  while (end < text.length && text.charCodeAt(end) !== LF && text.charCodeAt(end) !== CR) end++;
  return end;
}

/** Lexes the single-quoted string, word, number or Unexpected run at `start` (whose code is `c`); returns its end. */
function lexOther(text: string, start: number, c: number, tokens: IToken[]): number {
  let type: TokenType;
  let end = start + 1;
  if (c === APOSTROPHE) {
    while (end < text.length && !isQuoteOrBreak(text.charCodeAt(end))) end++;
    if (text.charCodeAt(end) === APOSTROPHE) end++;
    type = SingleQuoted;
  } else if (isWordStart(c)) {
    while (isWordPart(text.charCodeAt(end))) end++;
    type = WORDS.get(text.slice(start, end)) ?? Word;
  } else {
    end = numberEnd(text, start, c);
    type = NumberLiteral;
    if (end < 0) {
      end = start + 1;
      while (end < text.length && !startsToken(text, end)) end++;
      type = Unexpected;
    }
  }
  tokens.push(makeToken(type, text.slice(start, end), start, undefined));
  return end;
}

function numberEnd(text: string, start: number, c: number): number {
  const signed = c === MINUS || c === PLUS;
  let i = signed ? start + 1 : start;
  if (text.charCodeAt(i) === DOT) i++;
  if (isDigit(text.charCodeAt(i))) {
    i++;
    while (isNumberPart(text.charCodeAt(i))) i++;
    return i;
  }
  if (!signed) return -1;
  i = start + 1;
  while (isWordPart(text.charCodeAt(i))) i++;
  return i;
}

/** Whether some token (or whitespace) starts at `i`: where an Unexpected run ends. */
function startsToken(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === SPACE || c === LF || c === CR || c === TAB || c === QUOTE || c === APOSTROPHE) return true;
  if (
    (c < 0x80 && PUNCTUATION_TYPES[c] !== undefined) ||
    isWordStart(c) ||
    isDigit(c) ||
    c === MINUS ||
    c === PLUS
  )
    return true;
  if (c === DOT) return isDigit(text.charCodeAt(i + 1));
  return c === SLASH && isCommentStart(text, i);
}

function isQuoteOrBreak(c: number): boolean {
  return c === APOSTROPHE || c === LF || c === CR;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isWordStart(c: number): boolean {
  return isLetter(c) || c === UNDERSCORE || c === DOLLAR;
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || isDigit(c);
}

/** `[A-Za-z0-9_.+-]`: what may follow the first digit of a number-like token. */
function isNumberPart(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === UNDERSCORE || c === DOT || c === PLUS || c === MINUS;
}
