import { type Diagnostic, diagnostic, type Span } from '../diagnostics.js';
import type { JsonArray, JsonMember, JsonObject, JsonString, JsonValue } from '../parse/json-ast.js';
import { describeKind, excerpt } from '../policy/validate-context.js';
import { didYouMean, didYouMeanSentence } from '../policy/validate-suggest.js';

/** State shared by the readers of one model: where its files are and what went wrong so far. */
export interface ModelContext {
  /** The model's directory as the user gave it; referenced files are shown joined onto it. */
  baseDir: string;
  diagnostics: Diagnostic[];
  /** How many "did you mean" searches over model names are left (see `suggest`). */
  suggestionBudget: number;
}

export function createContext(baseDir: string): ModelContext {
  return { baseDir, diagnostics: [], suggestionBudget: 200 };
}

/** User text for a message: shortened, in backticks. */
export function quote(text: string): string {
  return `\`${excerpt(text)}\``;
}

/** The sentence-initial form of a description such as `policy \`KmsAdmin\``. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** ` Did you mean \`x\`?` when `name` is close to one of `candidates`, or ''. */
export function meant(name: string, candidates: readonly string[]): string {
  return didYouMeanSentence(didYouMean(name, candidates));
}

/** Like `meant`, for the model's own (possibly many) names. */
export function suggest(ctx: ModelContext, name: string, candidates: Iterable<string>): string {
  // PERF: each search scans every candidate; a budget keeps a model full of typos linear overall.
  if (ctx.suggestionBudget <= 0) return '';
  ctx.suggestionBudget--;
  return meant(name, Array.from(candidates));
}

export function error(ctx: ModelContext, code: string, message: string, span: Span, help?: string): void {
  ctx.diagnostics.push(diagnostic(code, 'error', message, span, help));
}

export function warning(ctx: ModelContext, code: string, message: string, span: Span, help?: string): void {
  ctx.diagnostics.push(diagnostic(code, 'warning', message, span, help));
}

/**
 * How messages name an element of a list: by its `key` member when it has a string one
 * (`user \`alice\``), else by its position (`\`users[3]\``).
 */
export function itemLabel(item: JsonValue, kind: string, list: string, index: number, key = 'name'): string {
  const named = item.kind === 'object' ? findMember(item, key)?.value : undefined;
  return named?.kind === 'string' ? `${kind} ${quote(named.value)}` : `\`${list}[${index}]\``;
}

/** Reports a value of the wrong JSON type. `expected` reads like "a string" or "an array of strings". */
export function wrongType(ctx: ModelContext, value: JsonValue, what: string, expected: string): void {
  error(
    ctx,
    'MODEL_WRONG_TYPE',
    `${capitalize(what)} must be ${expected}, not ${describeKind(value)}.`,
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
      `${quote(m.key)} is not a member of ${what} (names are case-sensitive).${meant(m.key, allowed)}`,
      m.keySpan,
      `${capitalize(what)} accepts ${allowed.map((a) => `\`${a}\``).join(', ')}.`,
    );
  }
  return value;
}

export function findMember(object: JsonObject, key: string): JsonMember | undefined {
  return object.members.find((m) => m.key === key);
}

/** Reports that `object` lacks the required member `key`. */
export function missing(
  ctx: ModelContext,
  object: JsonObject,
  key: string,
  what: string,
  help?: string,
): void {
  error(
    ctx,
    'MODEL_MISSING_MEMBER',
    `${capitalize(what)} has no \`${key}\`, which is required.`,
    object.span,
    help,
  );
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
    wrongType(ctx, m.value, `\`${key}\` of ${what}`, 'a string');
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
    wrongType(ctx, m.value, `\`${key}\` of ${what}`, 'an array');
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
    `The name ${quote(value)} of ${what} ${problem}.`,
    name.span,
    `A ${what.replace(/^an? /, '')} name is 1–${maxLength} characters: ${allowedChars}.`,
  );
  return false;
}

/** True when no earlier definition of `kind` has this name; reports a repeat, pointing back at the first. */
export function isNewName(
  ctx: ModelContext,
  kind: string,
  name: JsonString,
  defined: ReadonlyMap<string, { span: Span }>,
): boolean {
  const first = defined.get(name.value)?.span;
  if (first === undefined) return true;
  error(
    ctx,
    'MODEL_DUPLICATE_NAME',
    `A ${kind} named ${quote(name.value)} is already defined at line ${first.line}, column ${first.column}.`,
    name.span,
    `${capitalize(kind)} names are unique: rename or remove one of the two.`,
  );
  return false;
}
