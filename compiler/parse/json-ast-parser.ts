import { EmbeddedActionsParser, type IOrAlt, type IRecognitionException, type IToken } from 'chevrotain';
import { type Diagnostic, diagnostic, type Span } from '../diagnostics.js';
import type { JsonArray, JsonMember, JsonObject, JsonString, JsonValue } from './json-ast.js';
import { jsonParserMessages } from './json-parser-messages.js';
import type { ScannedString } from './json-strings.js';
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
  StringLiteral,
  True,
} from './json-tokens.js';
import { LineIndex } from './line-index.js';

/** What one run of the grammar over a token vector gives. */
export interface AstParseResult {
  /** The positioned value; undefined when there is a syntax error. */
  value: JsonValue | undefined;
  /** The first syntax error: recovery is off, so the parse stops there. */
  error: IRecognitionException | undefined;
  /**
   * The repeated keys (JSON_DUPLICATE_KEY), at most `maxDuplicates` + 1 of them; complete only when
   * there is no syntax error.
   */
  duplicates: Diagnostic[];
}

// Objects with more members than this find repeated keys through a Map; smaller ones by a scan,
// which is faster and allocates nothing.
const KEY_SCAN_LIMIT = 8;

const NO_LINES = new LineIndex('', '<none>');

/**
 * The RFC 8259 grammar as a chevrotain EmbeddedActionsParser (rules are class fields) that builds
 * the positioned AST directly, with no CST. Recovery is off: the first error stops the parse.
 * Built once; reuse `jsonAstParser`.
 *
 * PERF: spans are asked of the LineIndex in source order (an object's span when its `{` is read,
 * its end filled in at `}`), so each costs O(1). Members and items are collected on two shared
 * stacks and copied out at the closing bracket, so every array in the AST has exactly its size, and
 * the repetition bodies are created once, keeping their state (where the current object's members
 * start, its key index) in fields that each object saves and restores.
 *
 * INVARIANT: the actions are safe during chevrotain's grammar recording, when CONSUME returns a
 * placeholder token (offset -1, no payload) and OR returns a placeholder object.
 */
export class JsonAstParser extends EmbeddedActionsParser {
  private lines = NO_LINES;
  private duplicates: Diagnostic[] = [];
  private maxDuplicates = 0;
  private readonly memberStack: JsonMember[] = [];
  private readonly itemStack: JsonValue[] = [];
  /** Where the members of the innermost open object start on memberStack. */
  private memberBase = 0;
  /** The innermost open object's keys once it has many members: key → first member with it. */
  private memberKeys: Map<string, JsonMember> | undefined;

  constructor() {
    super(JSON_TOKENS, { recoveryEnabled: false, maxLookahead: 1, errorMessageProvider: jsonParserMessages });
    this.performSelfAnalysis();
  }

  /** Parses one document's tokens; `lines` must index the text the tokens came from. */
  parse(tokens: IToken[], lines: LineIndex, maxDuplicates: number): AstParseResult {
    this.lines = lines;
    this.maxDuplicates = maxDuplicates;
    this.input = tokens;
    try {
      const value = this.json();
      const error = this.errors[0];
      return { value: error === undefined ? value : undefined, error, duplicates: this.duplicates };
    } finally {
      // Drop this document's data so that the shared instance does not keep it alive; after an
      // error the stacks still hold the values of the objects and arrays left open.
      this.lines = NO_LINES;
      this.duplicates = [];
      this.input = [];
      this.memberStack.length = 0;
      this.itemStack.length = 0;
      this.memberBase = 0;
      this.memberKeys = undefined;
    }
  }

  private readonly json = this.RULE('json', (): JsonValue => this.OR(this.valueAlternatives));

  private readonly object = this.RULE('object', (): JsonObject => {
    const open = this.CONSUME(LCurly);
    const span = this.lines.span(open.startOffset, open.startOffset + 1);
    const outerBase = this.memberBase;
    const outerKeys = this.memberKeys;
    const base = this.memberStack.length;
    this.memberBase = base;
    this.memberKeys = undefined;
    this.MANY_SEP(this.memberRepetition);
    span.end = this.CONSUME(RCurly).startOffset + 1;
    const members = this.memberStack.slice(base);
    this.memberStack.length = base;
    this.memberBase = outerBase;
    this.memberKeys = outerKeys;
    return { kind: 'object', members, span };
  });

  private readonly memberRepetition = {
    SEP: Comma,
    DEF: (): void => {
      const keyToken = this.CONSUME1(StringLiteral);
      const key = stringValue(keyToken);
      const keySpan = this.tokenSpan(keyToken);
      this.CONSUME(Colon);
      const member: JsonMember = { key, keySpan, value: this.OR(this.valueAlternatives) };
      const first = this.firstWithKey(member);
      if (first !== undefined) this.duplicate(key, keySpan, first.keySpan);
      this.memberStack.push(member);
    },
  };

  private readonly array = this.RULE('array', (): JsonArray => {
    const open = this.CONSUME(LSquare);
    const span = this.lines.span(open.startOffset, open.startOffset + 1);
    const base = this.itemStack.length;
    this.MANY_SEP(this.itemRepetition);
    span.end = this.CONSUME(RSquare).startOffset + 1;
    const items = this.itemStack.slice(base);
    this.itemStack.length = base;
    return { kind: 'array', items, span };
  });

  private readonly itemRepetition = {
    SEP: Comma,
    DEF: (): void => {
      this.itemStack.push(this.OR(this.valueAlternatives));
    },
  };

  // PERF: built once rather than on every value (chevrotain's advice for hot alternations), and
  // shared by the three places a value can appear, which saves a rule call per value.
  private readonly valueAlternatives: IOrAlt<JsonValue>[] = [
    { ALT: () => this.SUBRULE(this.object) },
    { ALT: () => this.SUBRULE(this.array) },
    { ALT: () => this.stringNode(this.CONSUME(StringLiteral)) },
    {
      ALT: () => {
        const token = this.CONSUME(NumberLiteral);
        return { kind: 'number', value: Number(token.image), raw: token.image, span: this.tokenSpan(token) };
      },
    },
    { ALT: () => ({ kind: 'boolean', value: true, span: this.tokenSpan(this.CONSUME(True)) }) },
    { ALT: () => ({ kind: 'boolean', value: false, span: this.tokenSpan(this.CONSUME(False)) }) },
    { ALT: () => ({ kind: 'null', span: this.tokenSpan(this.CONSUME(Null)) }) },
  ];

  /**
   * The earlier member of the innermost object with the same key as `member`, if any. Few members
   * are scanned; past KEY_SCAN_LIMIT the keys go into a Map (built once per object).
   */
  private firstWithKey(member: JsonMember): JsonMember | undefined {
    const stack = this.memberStack;
    const base = this.memberBase;
    if (stack.length - base < KEY_SCAN_LIMIT) {
      for (let i = base; i < stack.length; i++) if (stack[i]?.key === member.key) return stack[i];
      return undefined;
    }
    if (this.memberKeys === undefined) {
      this.memberKeys = new Map();
      for (let i = base; i < stack.length; i++) {
        const earlier = stack[i];
        if (earlier !== undefined && !this.memberKeys.has(earlier.key))
          this.memberKeys.set(earlier.key, earlier);
      }
    }
    const first = this.memberKeys.get(member.key);
    if (first === undefined) this.memberKeys.set(member.key, member);
    return first;
  }

  private stringNode(token: IToken): JsonString {
    return { kind: 'string', value: stringValue(token), span: this.tokenSpan(token) };
  }

  private tokenSpan(token: IToken): Span {
    return this.lines.span(token.startOffset, token.startOffset + token.image.length);
  }

  private duplicate(key: string, span: Span, first: Span): void {
    if (this.duplicates.length > this.maxDuplicates) return;
    this.duplicates.push(
      diagnostic(
        'JSON_DUPLICATE_KEY',
        'error',
        `duplicate key ${JSON.stringify(key)}: it is already defined at line ${first.line}, column ${first.column}`,
        span,
        'remove or rename one of them: most JSON parsers silently keep only the last one, so ramc refuses to guess',
      ),
    );
  }
}

/** The decoded value of a string token: a string without escapes carries no payload (see json-tokens.ts). */
function stringValue(token: IToken): string {
  const scanned = token.payload as ScannedString | undefined;
  return scanned === undefined ? token.image.slice(1, -1) : scanned.value;
}

/** The one parser instance. Not re-entrant (parsing is synchronous). */
export const jsonAstParser = new JsonAstParser();
