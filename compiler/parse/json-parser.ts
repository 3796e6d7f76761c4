import { type Diagnostic, diagnostic, hasErrors, syntheticSpan } from '../diagnostics.js';
import type { JsonValue } from './json-ast.js';
import { jsonAstParser } from './json-ast-parser.js';
import { lexJson } from './json-lexer.js';
import { errorOffset, syntaxDiagnostic } from './json-parser-messages.js';
import { checkTokens } from './json-token-checks.js';
import { LineIndex } from './line-index.js';

/** Default limit on nested arrays and objects: `[]` is depth 1, `[[]]` depth 2. */
export const MAX_JSON_DEPTH = 64;

/** The highest `maxDepth` honoured (larger values are lowered to it): deeper recursion could exhaust the stack. */
export const MAX_JSON_DEPTH_CEILING = 256;

/** Largest accepted input, in UTF-16 code units (16 MiB of ASCII text). */
export const MAX_JSON_INPUT_LENGTH = 16 * 1024 * 1024;

/**
 * Most tokens (comments included) accepted: a pretty-printed 16 MiB model has about 1,700,000.
 * The lexer stops there, which bounds the memory of tokens and AST together.
 */
export const MAX_JSON_TOKENS = 2_000_000;

/** Most diagnostics reported; past it one JSON_TOO_MANY_ERRORS says that more were left out. */
export const MAX_JSON_DIAGNOSTICS = 100_000;

export interface JsonParseOptions {
  /** Deepest nesting of arrays and objects accepted; default MAX_JSON_DEPTH, at most MAX_JSON_DEPTH_CEILING. */
  maxDepth?: number;
}

export interface JsonParseResult {
  /** The document, or null as soon as any error was found. */
  value: JsonValue | null;
  /** Every problem found (up to MAX_JSON_DIAGNOSTICS), sorted by position. */
  diagnostics: Diagnostic[];
}

/**
 * Parses strict RFC 8259 JSON with the source span of every key and value. Never throws:
 * every problem (and even an internal failure, JSON_INTERNAL) is a diagnostic. Time and memory are
 * linear in the length of `text`, which is limited; nesting deeper than `maxDepth` is refused
 * before the recursive parser runs.
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

// The stages, each one linear pass: lexing (which stops at the token limit), the line index, the
// token checks (strings, numbers, comments, trailing commas, depth), then the parser, which builds
// the AST and finds duplicate keys. The parser runs only when the nesting is within the limit.
function parseUnguarded(text: string, file: string, maxDepth: number): JsonParseResult {
  if (text.length > MAX_JSON_INPUT_LENGTH) {
    const limit = `${MAX_JSON_INPUT_LENGTH} (${MAX_JSON_INPUT_LENGTH / 1024 / 1024} MiB)`;
    return tooLarge(file, `the input is ${text.length} characters long; the limit is ${limit}`);
  }
  // A byte order mark is skipped: offsets stay those of `text`, and it is not counted as a column.
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lexed = lexJson(text, start, MAX_JSON_TOKENS, MAX_JSON_DIAGNOSTICS);
  if (lexed.stopped === 'tokens') {
    return tooLarge(
      file,
      `the input holds more than ${MAX_JSON_TOKENS} tokens (keys, values, punctuation and comments)`,
    );
  }
  const tokens = lexed.tokens;
  const lines = new LineIndex(text, file, start);
  const checks = checkTokens(tokens, lexed.comments, lines, maxDepth, MAX_JSON_DIAGNOSTICS);
  const diagnostics = checks.diagnostics;
  if (lexed.stopped === 'problems' || checks.truncated) return failed(diagnostics, lines);

  if (tokens.length === 0) {
    const help = 'a JSON document holds exactly one value, e.g. {} for an empty object';
    diagnostics.push(
      diagnostic('JSON_EMPTY', 'error', 'the input holds no JSON value', lines.span(0, text.length), help),
    );
  } else if (!checks.tooDeep) {
    const { value, error, duplicates } = jsonAstParser.parse(tokens, lines, MAX_JSON_DIAGNOSTICS);
    if (error === undefined) {
      for (const d of duplicates) diagnostics.push(d);
      if (value !== undefined && !hasErrors(diagnostics))
        return { value, diagnostics: byPosition(diagnostics) };
    } else if (errorOffset(error, text.length) < checks.disruptedAt) {
      diagnostics.push(syntaxDiagnostic(error, text.length, lines, checks.unclosed));
    }
  }
  return failed(diagnostics, lines);
}

/** The result for a document with errors: its diagnostics by position, at most MAX_JSON_DIAGNOSTICS of them. */
function failed(diagnostics: Diagnostic[], lines: LineIndex): JsonParseResult {
  const sorted = byPosition(diagnostics);
  const firstLeftOut = sorted[MAX_JSON_DIAGNOSTICS];
  if (firstLeftOut !== undefined) {
    sorted.length = MAX_JSON_DIAGNOSTICS;
    const at = lines.span(firstLeftOut.span.offset, firstLeftOut.span.offset);
    sorted.push(
      diagnostic(
        'JSON_TOO_MANY_ERRORS',
        'error',
        `ramc stopped looking for problems here, after the first ${MAX_JSON_DIAGNOSTICS}`,
        at,
        'fix the problems reported so far (the file may not be JSON at all), then check it again',
      ),
    );
  }
  return { value: null, diagnostics: sorted };
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
