import { createToken, type IToken, Lexer, type TokenType } from 'chevrotain';
import type { ScannedString } from './json-strings.js';

// The token vocabulary shared by json-lexer.ts (which makes the tokens) and json-ast-parser.ts
// (whose grammar is written over them). The lexer is deliberately lenient: it also makes tokens of
// malformed strings, numbers, words and comments, so that json-token-checks.ts can report each one
// precisely instead of the lexer giving up at the first odd character. No token type has a pattern:
// the lexer is a hand-written loop (see json-lexer.ts for why).

/** A `//` or `/* *\/` comment (which JSON does not allow); kept apart from the token vector. */
export const Comment = createToken({ name: 'Comment', pattern: Lexer.NA, label: 'a comment' });
/** A double-quoted string; its payload is the ScannedString (decoded value, problems), or none for a plain string. */
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: Lexer.NA, label: 'a string' });
export const SingleQuoted = createToken({
  name: 'SingleQuoted',
  pattern: Lexer.NA,
  label: 'a single-quoted string',
});
/** Anything number-like; json-token-checks.ts rejects what RFC 8259 does not allow (01, .5, +1, NaN, ...). */
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: Lexer.NA, label: 'a number' });
export const True = createToken({ name: 'True', pattern: Lexer.NA, label: "'true'" });
export const False = createToken({ name: 'False', pattern: Lexer.NA, label: "'false'" });
export const Null = createToken({ name: 'Null', pattern: Lexer.NA, label: "'null'" });
/** A bare word other than true, false, null, NaN and Infinity (`True`, `undefined`, an unquoted key). */
export const Word = createToken({ name: 'Word', pattern: Lexer.NA, label: 'a word' });
export const LCurly = createToken({ name: 'LCurly', pattern: Lexer.NA, label: "'{'" });
export const RCurly = createToken({ name: 'RCurly', pattern: Lexer.NA, label: "'}'" });
export const LSquare = createToken({ name: 'LSquare', pattern: Lexer.NA, label: "'['" });
export const RSquare = createToken({ name: 'RSquare', pattern: Lexer.NA, label: "']'" });
export const Comma = createToken({ name: 'Comma', pattern: Lexer.NA, label: "','" });
export const Colon = createToken({ name: 'Colon', pattern: Lexer.NA, label: "':'" });
/** A run of characters that start no token; kept in the vector so the parser reports them in context. */
export const Unexpected = createToken({ name: 'Unexpected', pattern: Lexer.NA, label: 'a character' });

/** Every token type: the parser's vocabulary. */
export const JSON_TOKENS: TokenType[] = [
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

/**
 * A token as the lexer makes it: every one has the same shape, so the parser's property reads stay
 * monomorphic, and no more fields than the parser reads (no end offset, no lines: see LineIndex).
 */
export function makeToken(
  tokenType: TokenType,
  image: string,
  startOffset: number,
  payload: ScannedString | undefined,
): IToken {
  return {
    image,
    startOffset,
    tokenTypeIdx: tokenType.tokenTypeIdx ?? -1,
    tokenType,
    payload,
  };
}
