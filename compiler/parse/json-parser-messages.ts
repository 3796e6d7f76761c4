import {
  EOF,
  type IParserErrorMessageProvider,
  type IRecognitionException,
  type IToken,
  NotAllInputParsedException,
  type TokenType,
  tokenLabel,
} from 'chevrotain';
import { type Diagnostic, diagnostic } from '../diagnostics.js';
import { shorten } from './json-token-checks.js';
import {
  Colon,
  LCurly,
  LSquare,
  RCurly,
  RSquare,
  SingleQuoted,
  StringLiteral,
  Unexpected,
  Word,
} from './json-tokens.js';
import type { LineIndex } from './line-index.js';

const A_VALUE = 'a value (an object, array, string, number, true, false or null)';
const A_KEY = 'a key in double quotes';

// How a token is named in "but found X": its text, or "the end of the input".
function describeFound(token: IToken): string {
  if (token.tokenType === EOF) return 'the end of the input';
  const image = shorten(token.image);
  if (token.tokenType === StringLiteral) return image;
  if (token.tokenType === SingleQuoted) return `the single-quoted string ${image}`;
  if (token.tokenType === Unexpected && /[^\p{L}\p{N}\p{P}\p{S}]/u.test(image)) {
    const codes = Array.from(
      image,
      (c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
    );
    return `'${image}' (${codes.join(' ')})`;
  }
  return `'${image}'`;
}

function describeExpected(expected: TokenType, previous: IToken, ruleName: string): string {
  const afterOpen = previous.tokenType === LCurly || previous.tokenType === LSquare;
  if (ruleName === 'object' && expected === RCurly) return afterOpen ? `${A_KEY} or '}'` : "',' or '}'";
  if (ruleName === 'array' && expected === RSquare) return afterOpen ? "a value or ']'" : "',' or ']'";
  if (expected === StringLiteral) return A_KEY;
  if (expected === Colon) return "':' after the key";
  return tokenLabel(expected);
}

function describeList(tokens: readonly IToken[]): string {
  const first = tokens[0];
  return first === undefined ? 'the end of the input' : describeFound(first);
}

/**
 * The parser's error messages, all of the form "expected X but found Y"; json-parser.ts adds the
 * position and help. Rule names matter: a missing `}` is described in the `object` rule, a missing
 * `]` in the `array` rule.
 */
export const jsonParserMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual, previous, ruleName }) =>
    `expected ${describeExpected(expected, previous, ruleName)} but found ${describeFound(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) =>
    `expected the end of the input after the value but found ${describeFound(firstRedundant)}`,
  buildNoViableAltMessage: ({ actual }) => `expected ${A_VALUE} but found ${describeList(actual)}`,
  buildEarlyExitMessage: ({ actual }) => `expected ${A_VALUE} but found ${describeList(actual)}`,
};

/** Where a parser error is: the offending token, or the end of the text for the end of the input. */
export function errorOffset(error: IRecognitionException, textLength: number): number {
  return error.token.tokenType === EOF ? textLength : error.token.startOffset;
}

/** The JSON_SYNTAX diagnostic for the parser's error, with a hint for the usual mistakes. */
export function syntaxDiagnostic(
  error: IRecognitionException,
  textLength: number,
  lines: LineIndex,
  unclosed: IToken | undefined,
): Diagnostic {
  const token = error.token;
  const offset = errorOffset(error, textLength);
  const span = lines.span(offset, token.tokenType === EOF ? offset : offset + token.image.length);
  return diagnostic('JSON_SYNTAX', 'error', error.message, span, syntaxHelp(error, lines, unclosed));
}

function syntaxHelp(
  error: IRecognitionException,
  lines: LineIndex,
  unclosed: IToken | undefined,
): string | undefined {
  const token = error.token;
  if (token.tokenType === EOF) {
    if (unclosed === undefined) return undefined;
    const at = lines.span(unclosed.startOffset, unclosed.startOffset + 1);
    return `the '${unclosed.image}' at line ${at.line}, column ${at.column} is never closed`;
  }
  if (error instanceof NotAllInputParsedException) {
    return 'a JSON document holds exactly one value: remove what follows it, or wrap the values in an array';
  }
  const image = token.image;
  if (token.tokenType === Word) {
    if (['true', 'false', 'null'].includes(image.toLowerCase())) {
      return 'JSON literals are lowercase: true, false and null';
    }
    if (image === 'undefined') return 'JSON has no undefined: use null, or leave the member out';
    return `keys and text values must be in double quotes: "${image}"`;
  }
  if (token.tokenType === SingleQuoted) {
    return `JSON strings use double quotes: "${image.replace(/^'|'$/g, '')}"`;
  }
  if (token.tokenType === Unexpected) {
    if (/[\u2018\u2019\u201c\u201d]/.test(image)) {
      return 'replace typographic quotes with straight double quotes (")';
    }
    return 'remove it: outside strings JSON allows only {}[]:, whitespace, numbers, true, false and null';
  }
  return undefined;
}
