import {
  CstParser,
  EOF,
  type IOrAlt,
  type IParserErrorMessageProvider,
  type IToken,
  type TokenType,
  tokenLabel,
} from 'chevrotain';
import { shorten } from './json-token-checks.js';
import {
  Colon,
  Comma,
  False,
  JSON_TOKENS,
  LCurly,
  LSquare,
  Null,
  NumberLiteral,
  RCurly,
  RSquare,
  SingleQuoted,
  StringLiteral,
  True,
  Unexpected,
} from './json-tokens.js';

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

// Every message has the form "expected X but found Y"; json-parser.ts adds the position and help.
const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual, previous, ruleName }) =>
    `expected ${describeExpected(expected, previous, ruleName)} but found ${describeFound(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) =>
    `expected the end of the input after the value but found ${describeFound(firstRedundant)}`,
  buildNoViableAltMessage: ({ actual }) => `expected ${A_VALUE} but found ${describeList(actual)}`,
  buildEarlyExitMessage: ({ actual }) => `expected ${A_VALUE} but found ${describeList(actual)}`,
};

function describeList(tokens: readonly IToken[]): string {
  const first = tokens[0];
  return first === undefined ? 'the end of the input' : describeFound(first);
}

/**
 * The RFC 8259 grammar as a chevrotain CST parser (rules are class fields). Recovery is off:
 * the first error stops the parse. Built once; reuse `jsonCstParser`.
 */
export class JsonCstParser extends CstParser {
  constructor() {
    super(JSON_TOKENS, { recoveryEnabled: false, maxLookahead: 1, errorMessageProvider: errorMessages });
    this.performSelfAnalysis();
  }

  json = this.RULE('json', () => {
    this.SUBRULE(this.value);
  });

  object = this.RULE('object', () => {
    this.CONSUME(LCurly);
    this.OPTION(() => {
      this.SUBRULE(this.member);
      this.MANY(() => {
        this.CONSUME(Comma);
        this.SUBRULE2(this.member);
      });
    });
    this.CONSUME(RCurly);
  });

  member = this.RULE('member', () => {
    this.CONSUME(StringLiteral);
    this.CONSUME(Colon);
    this.SUBRULE(this.value);
  });

  array = this.RULE('array', () => {
    this.CONSUME(LSquare);
    this.OPTION(() => {
      this.SUBRULE(this.value);
      this.MANY(() => {
        this.CONSUME(Comma);
        this.SUBRULE2(this.value);
      });
    });
    this.CONSUME(RSquare);
  });

  value = this.RULE('value', () => {
    this.OR(this.valueAlternatives);
  });

  // PERF: built once rather than on every call of `value` (chevrotain's advice for hot alternations).
  private readonly valueAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.SUBRULE(this.object) },
    { ALT: () => this.SUBRULE(this.array) },
    { ALT: () => this.CONSUME(StringLiteral) },
    { ALT: () => this.CONSUME(NumberLiteral) },
    { ALT: () => this.CONSUME(True) },
    { ALT: () => this.CONSUME(False) },
    { ALT: () => this.CONSUME(Null) },
  ];
}

/** The one parser instance: set `input`, call `json()`, read `errors`. Not re-entrant (parsing is synchronous). */
export const jsonCstParser = new JsonCstParser();
