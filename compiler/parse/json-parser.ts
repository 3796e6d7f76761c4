import {
  createTokenInstance,
  EOF,
  type ILexingError,
  type IRecognitionException,
  type IToken,
  NotAllInputParsedException,
} from 'chevrotain';
import { type Diagnostic, diagnostic, hasErrors, syntheticSpan } from '../diagnostics.js';
import type { JsonValue } from './json-ast.js';
import { jsonCstParser } from './json-cst-parser.js';
import { cstToAst } from './json-cst-to-ast.js';
import { checkTokens } from './json-token-checks.js';
import { COMMENTS_GROUP, jsonLexer, SingleQuoted, Unexpected, Word } from './json-tokens.js';
import { LineIndex } from './line-index.js';

/** Default limit on nested arrays and objects: `[]` is depth 1, `[[]]` depth 2. */
export const MAX_JSON_DEPTH = 64;

/** The highest `maxDepth` honoured (larger values are lowered to it): deeper recursion could exhaust the stack. */
export const MAX_JSON_DEPTH_CEILING = 256;

/** Largest accepted input, in UTF-16 code units (4 MiB of ASCII text). */
export const MAX_JSON_INPUT_LENGTH = 4 * 1024 * 1024;

/** Most tokens accepted (a pretty-printed 4 MiB document has about 600,000); bounds the parser's memory. */
export const MAX_JSON_TOKENS = 1_000_000;

export interface JsonParseOptions {
  /** Deepest nesting of arrays and objects accepted; default MAX_JSON_DEPTH, at most MAX_JSON_DEPTH_CEILING. */
  maxDepth?: number;
}

export interface JsonParseResult {
  /** The document, or null as soon as any error was found. */
  value: JsonValue | null;
  /** Every problem found, sorted by position. */
  diagnostics: Diagnostic[];
}

/**
 * Parses strict RFC 8259 JSON with the source span of every key and value. Never throws:
 * every problem (and even an internal failure, JSON_INTERNAL) is a diagnostic. Time is linear in
 * the length of `text`; nesting deeper than `maxDepth` is refused before the recursive parser runs.
 */
export function parseJson(text: string, file: string, options: JsonParseOptions = {}): JsonParseResult {
  try {
    const requested = options.maxDepth ?? MAX_JSON_DEPTH;
    const maxDepth = Number.isNaN(requested) ? MAX_JSON_DEPTH : Math.floor(requested);
    return parseUnguarded(text, file, Math.min(Math.max(maxDepth, 0), MAX_JSON_DEPTH_CEILING));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = `the JSON parser failed unexpectedly: ${reason}`;
    const help = 'this is a bug in ramc: please report it together with the input file';
    return {
      value: null,
      diagnostics: [diagnostic('JSON_INTERNAL', 'error', message, syntheticSpan(file), help)],
    };
  }
}

function parseUnguarded(text: string, file: string, maxDepth: number): JsonParseResult {
  if (text.length > MAX_JSON_INPUT_LENGTH) {
    return tooLarge(
      file,
      `the input is ${text.length} characters long; the limit is ${MAX_JSON_INPUT_LENGTH} (4 MiB)`,
    );
  }
  // A byte order mark is skipped: replaced by a space so offsets stay those of `text`, and not counted as a column.
  const bom = text.charCodeAt(0) === 0xfeff;
  const source = bom ? ` ${text.slice(1)}` : text;
  const lines = new LineIndex(text, file, bom ? 1 : 0);
  const lexed = jsonLexer.tokenize(source);
  const tokens = withUnexpected(lexed.tokens, lexed.errors, source);
  if (tokens.length > MAX_JSON_TOKENS) {
    return tooLarge(file, `the input holds ${tokens.length} tokens; the limit is ${MAX_JSON_TOKENS}`);
  }
  const checks = checkTokens(tokens, lexed.groups[COMMENTS_GROUP] ?? [], lines, maxDepth);
  const diagnostics = checks.diagnostics;

  if (tokens.length === 0) {
    const help = 'a JSON document holds exactly one value, e.g. {} for an empty object';
    diagnostics.push(
      diagnostic('JSON_EMPTY', 'error', 'the input holds no JSON value', lines.span(0, text.length), help),
    );
  } else if (!checks.tooDeep) {
    jsonCstParser.input = tokens;
    const cst = jsonCstParser.json();
    const error = jsonCstParser.errors[0];
    if (error === undefined) {
      const value = cstToAst(cst, lines, diagnostics);
      if (!hasErrors(diagnostics)) return { value, diagnostics: byPosition(diagnostics) };
    } else if (offsetOf(error.token, source) < checks.disruptedAt) {
      diagnostics.push(syntaxDiagnostic(error, source, lines, checks.unclosed));
    }
  }
  return { value: null, diagnostics: byPosition(diagnostics) };
}

// PERF: every diagnostic is in the same file, so sortDiagnostics' per-comparison localeCompare of file names
// (slow for the 100,000 diagnostics of a pathological input) is not needed.
function byPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) => a.span.offset - b.span.offset || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

function tooLarge(file: string, message: string): JsonParseResult {
  const help = 'split the document: no policy, model or request needs to be this large';
  return {
    value: null,
    diagnostics: [diagnostic('JSON_TOO_LARGE', 'error', message, syntheticSpan(file), help)],
  };
}

/** Puts the characters the lexer skipped back into the token vector, so the parser reports them in context. */
function withUnexpected(tokens: IToken[], errors: readonly ILexingError[], source: string): IToken[] {
  if (errors.length === 0) return tokens;
  const merged: IToken[] = [];
  let next = 0;
  for (const error of errors) {
    for (; next < tokens.length; next++) {
      const token = tokens[next];
      if (token === undefined || token.startOffset > error.offset) break;
      merged.push(token);
    }
    const image = source.slice(error.offset, error.offset + error.length);
    const last = error.offset + error.length - 1;
    merged.push(
      createTokenInstance(
        Unexpected,
        image,
        error.offset,
        last,
        Number.NaN,
        Number.NaN,
        Number.NaN,
        Number.NaN,
      ),
    );
  }
  return merged.concat(tokens.slice(next));
}

function offsetOf(token: IToken, source: string): number {
  return token.tokenType === EOF ? source.length : token.startOffset;
}

function syntaxDiagnostic(
  error: IRecognitionException,
  source: string,
  lines: LineIndex,
  unclosed: IToken | undefined,
): Diagnostic {
  const token = error.token;
  const offset = offsetOf(token, source);
  const span = lines.span(offset, token.tokenType === EOF ? offset : offset + token.image.length);
  const help = syntaxHelp(error, lines, unclosed);
  return diagnostic('JSON_SYNTAX', 'error', error.message, span, help);
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
