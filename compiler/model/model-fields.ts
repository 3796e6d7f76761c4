import { type Diagnostic, diagnostic, type Span } from '../diagnostics.js';
import type { JsonArray, JsonMember, JsonObject, JsonString, JsonValue } from '../parse/json-ast.js';
import { didYouMean } from '../policy/validate-suggest.js';

/** State shared by the readers of one model: where its files are and what went wrong so far. */
export interface ModelContext {
  /** The model's directory as the user gave it; referenced files are shown joined onto it. */
  baseDir: string;
  diagnostics: Diagnostic[];
  /** How many "did you mean" searches are left (see `suggest`). */
  suggestionBudget: number;
}

export function createContext(baseDir: string): ModelContext {
  return { baseDir, diagnostics: [], suggestionBudget: 200 };
}

/** ` Did you mean "x"?` for a misspelt name, or ''. */
export function suggest(ctx: ModelContext, name: string, candidates: Iterable<string>): string {
  // PERF: each search scans every candidate; a budget keeps a model full of typos linear overall.
  if (ctx.suggestionBudget <= 0) return '';
  ctx.suggestionBudget--;
  return meant(name, Array.from(candidates));
}

/** ` Did you mean "x"?` when `name` is close to one of a short fixed list, or ''. */
export function meant(name: string, candidates: readonly string[]): string {
  const suggestion = didYouMean(name, candidates);
  return suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
}

export function error(ctx: ModelContext, code: string, message: string, span: Span, help?: string): void {
  ctx.diagnostics.push(diagnostic(code, 'error', message, span, help));
}

export function warning(ctx: ModelContext, code: string, message: string, span: Span, help?: string): void {
  ctx.diagnostics.push(diagnostic(code, 'warning', message, span, help));
}

const KIND_NAMES: Record<JsonValue['kind'], string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
};

/** Reports a value of the wrong JSON type. `expected` reads like "a string" or "an array of strings". */
export function wrongType(ctx: ModelContext, value: JsonValue, what: string, expected: string): void {
  error(
    ctx,
    'MODEL_WRONG_TYPE',
    `${capitalize(what)} must be ${expected}, but it is ${KIND_NAMES[value.kind]}.`,
    value.span,
  );
}

/**
 * `value` as an object whose members are all in `allowed`; unknown members are reported (member
 * names are case-sensitive) but the object is still returned so its known members get checked.
 */
export function readObject(
  ctx: ModelContext,
  value: JsonValue,
  what: string,
  allowed: readonly string[],
): JsonObject | null {
  if (value.kind !== 'object') {
    wrongType(ctx, value, what, 'an object');
    return null;
  }
  for (const m of value.members) {
    if (allowed.includes(m.key)) continue;
    error(
      ctx,
      'MODEL_UNKNOWN_MEMBER',
      `Unknown member "${m.key}" in ${what}.${meant(m.key, allowed)}`,
      m.keySpan,
      `Member names are case-sensitive. ${capitalize(what)} accepts: ${allowed.join(', ')}.`,
    );
  }
  return value;
}

export function findMember(object: JsonObject, key: string): JsonMember | undefined {
  return object.members.find((m) => m.key === key);
}

/** Reports that `object` lacks the required member `key`. */
export function missing(ctx: ModelContext, object: JsonObject, key: string, what: string, help?: string): void {
  error(ctx, 'MODEL_MISSING_MEMBER', `${capitalize(what)} has no "${key}" member, and it is required.`, object.span, help);
}

/** The string value of member `key`, reporting a wrong type; undefined when absent or wrong. */
export function stringMember(
  ctx: ModelContext,
  object: JsonObject,
  key: string,
  what: string,
): JsonString | undefined {
  const m = findMember(object, key);
  if (m === undefined) return undefined;
  if (m.value.kind !== 'string') {
    wrongType(ctx, m.value, `"${key}" of ${what}`, 'a string');
    return undefined;
  }
  return m.value;
}

/** Like `stringMember`, but a missing member is reported too. */
export function requiredString(
  ctx: ModelContext,
  object: JsonObject,
  key: string,
  what: string,
  help?: string,
): JsonString | undefined {
  if (findMember(object, key) === undefined) {
    missing(ctx, object, key, what, help);
    return undefined;
  }
  return stringMember(ctx, object, key, what);
}

/** The array value of member `key`; an absent member is an empty list. Undefined when the type is wrong. */
export function arrayMember(
  ctx: ModelContext,
  object: JsonObject,
  key: string,
  what: string,
): JsonArray | undefined {
  const m = findMember(object, key);
  if (m === undefined) return { kind: 'array', items: [], span: object.span };
  if (m.value.kind !== 'array') {
    wrongType(ctx, m.value, `"${key}" of ${what}`, 'an array');
    return undefined;
  }
  return m.value;
}

/** Checks a name against a character class and a length range; reports and returns false when it fails. */
export function checkName(
  ctx: ModelContext,
  name: JsonString,
  what: string,
  pattern: RegExp,
  allowedChars: string,
  maxLength: number,
): boolean {
  const { value } = name;
  if (value.length >= 1 && value.length <= maxLength && pattern.test(value)) return true;
  const problem =
    value.length === 0
      ? 'is empty'
      : value.length > maxLength
        ? `is ${value.length} characters long`
        : `contains characters other than ${allowedChars}`;
  error(
    ctx,
    'MODEL_INVALID_NAME',
    `The name "${value}" of ${what} ${problem}.`,
    name.span,
    `Use 1–${maxLength} characters: ${allowedChars}.`,
  );
  return false;
}

/** The sentence-initial form of a description such as `policy "KmsAdmin"`. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
