import { type CustomPatternMatcherReturn, createToken, Lexer } from 'chevrotain';
import { type ScannedString, scanJsonString } from './json-strings.js';

// The lexer is deliberately lenient: it also accepts malformed strings, numbers, words and comments
// as tokens, so that json-token-checks.ts can report every one of them with a precise message
// instead of the lexer giving up at the first odd character.

/** The name of the token group that collects comments (which JSON does not allow). */
export const COMMENTS_GROUP = 'comments';

function matchString(text: string, offset: number): CustomPatternMatcherReturn | null {
  if (text.charCodeAt(offset) !== 0x22) return null;
  const scanned: ScannedString = scanJsonString(text, offset);
  const match: CustomPatternMatcherReturn = [text.slice(offset, scanned.end)];
  match.payload = scanned;
  return match;
}

function matchComment(text: string, offset: number): CustomPatternMatcherReturn | null {
  if (text.charCodeAt(offset) !== 0x2f) return null;
  const next = text.charCodeAt(offset + 1);
  if (next === 0x2f) {
    let end = offset + 2;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    return [text.slice(offset, end)];
  }
  if (next === 0x2a) {
    const close = text.indexOf('*/', offset + 2);
    return [text.slice(offset, close < 0 ? text.length : close + 2)];
  }
  return null;
}

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\n\r]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
export const Comment = createToken({
  name: 'Comment',
  pattern: { exec: matchComment },
  group: COMMENTS_GROUP,
  line_breaks: true,
  start_chars_hint: ['/'],
});
/** A double-quoted string; its payload is the ScannedString (decoded value, problems). */
export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: { exec: matchString },
  label: 'a string',
  start_chars_hint: ['"'],
});
export const SingleQuoted = createToken({
  name: 'SingleQuoted',
  pattern: /'[^'\n\r]*'?/,
  label: 'a single-quoted string',
});
export const Word = createToken({ name: 'Word', pattern: /[A-Za-z_$][\w$]*/, label: 'a word' });
/** Anything number-like; json-token-checks.ts rejects what RFC 8259 does not allow (01, .5, +1, NaN, ...). */
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /[-+]?\.?\d[\w.+-]*|[-+][\w$]*|Infinity|NaN/,
  label: 'a number',
  longer_alt: Word,
});
export const True = createToken({ name: 'True', pattern: /true/, label: "'true'", longer_alt: Word });
export const False = createToken({ name: 'False', pattern: /false/, label: "'false'", longer_alt: Word });
export const Null = createToken({ name: 'Null', pattern: /null/, label: "'null'", longer_alt: Word });
export const LCurly = createToken({ name: 'LCurly', pattern: /{/, label: "'{'" });
export const RCurly = createToken({ name: 'RCurly', pattern: /}/, label: "'}'" });
export const LSquare = createToken({ name: 'LSquare', pattern: /\[/, label: "'['" });
export const RSquare = createToken({ name: 'RSquare', pattern: /]/, label: "']'" });
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: "','" });
export const Colon = createToken({ name: 'Colon', pattern: /:/, label: "':'" });
/** Characters the lexer could not match; json-parser.ts inserts them so the parser reports them in context. */
export const Unexpected = createToken({ name: 'Unexpected', pattern: Lexer.NA, label: 'a character' });

/** Every token type, in lexer priority order (first match wins, `longer_alt` aside). */
export const JSON_TOKENS = [
  WhiteSpace,
  Comment,
  StringLiteral,
  SingleQuoted,
  NumberLiteral,
  True,
  False,
  Null,
  Word,
  LCurly,
  RCurly,
  LSquare,
  RSquare,
  Comma,
  Colon,
  Unexpected,
];

/** The one lexer instance: stateless between calls. Positions come from LineIndex, so only offsets are tracked. */
export const jsonLexer = new Lexer(JSON_TOKENS, {
  positionTracking: 'onlyOffset',
  ensureOptimizations: true,
});
