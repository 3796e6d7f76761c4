import { REQUEST_LIMITS } from './request-limits.js';
import type { DecisionError, ErrorCode } from './types.js';

const MAX_STRING = REQUEST_LIMITS.maxStringLength;
const MAX_TOTAL = REQUEST_LIMITS.maxTotalLength;

/** A JSON scalar as requests carry them in tags, context and parameters. */
export type Scalar = string | number | boolean;

/**
 * Shared checks for reading one request: keeps the first error, counts the total text length against
 * `REQUEST_LIMITS.maxTotalLength`. Every reading method returns null once it has recorded an error.
 */
export class RequestReader {
  error: DecisionError | null = null;
  private total = 0;

  /** Starts reading another request. */
  reset(): void {
    this.error = null;
    this.total = 0;
  }

  /** Records an error (the first one wins) and returns null, so callers can `return reader.fail(...)`. */
  fail(code: ErrorCode, message: string): null {
    if (this.error === null) this.error = { code, message };
    return null;
  }

  /**
   * Forgets the errors recorded since the reader's error was `before`, for a check that comes before
   * them in the order of the rules but was made after them.
   */
  rewind(before: DecisionError | null): void {
    this.error = before;
  }

  /** Adds text to the request's total length. */
  count(length: number): void {
    const total = this.total + length;
    this.total = total;
    if (total > MAX_TOTAL) this.tooLong();
  }

  /** Counts a valid string (`count`) and returns it. */
  counted(text: string): string {
    this.count(text.length);
    return text;
  }

  /** Records that the request holds more text than `REQUEST_LIMITS.maxTotalLength`. */
  private tooLong(): void {
    this.fail(
      'InvalidRequest',
      `the request holds more than ${REQUEST_LIMITS.maxTotalLength} characters of text in all; shorten it`,
    );
  }

  // PERF: the methods below run for every member, key and value of a request, and V8 inlines a call
  // only while the inlined bytecode of the calling function fits a budget. Each keeps just the checks of a
  // valid value and calls out for any message, so that more of them fit (valgrind: about 80 instructions
  // per request for `object`, `optionalString` and `key`).

  /** A JSON object (not an array, not null). */
  object(what: string, raw: unknown): Record<string, unknown> | null {
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) return raw as Record<string, unknown>;
    return this.notObject(what, raw);
  }

  /** An optional non-empty string member; null when absent or invalid. */
  optionalString(name: string, raw: unknown, maxLength: number = MAX_STRING): string | null {
    if (typeof raw !== 'string' || raw.length === 0 || raw.length > maxLength) {
      return raw === undefined ? null : this.notString(name, raw, maxLength);
    }
    this.count(raw.length);
    return raw;
  }

  /** A member name of a map-like object (tags, context, parameters): non-empty and bounded. */
  key(what: string, name: string): boolean {
    const length = name.length;
    if (length === 0 || length > MAX_STRING) return this.badKey(what, length);
    this.count(length);
    return this.error === null;
  }

  /**
   * A string of at most `maxLength` (counted), a finite number or a boolean; null for anything else, with
   * nothing recorded: the caller then names the value in `rejectScalar`.
   * PERF: the message naming the value is built only for a value that is wrong.
   */
  scalar(raw: unknown, maxLength: number = MAX_STRING): Scalar | null {
    if (typeof raw === 'string') {
      if (raw.length > maxLength) return null;
      this.count(raw.length);
      return raw;
    }
    if (typeof raw === 'boolean' || (typeof raw === 'number' && Number.isFinite(raw))) return raw;
    return null;
  }

  private notObject(what: string, raw: unknown): null {
    return this.fail('InvalidRequest', `${what} must be a JSON object, not ${describe(raw)}`);
  }

  private notString(name: string, raw: unknown, maxLength: number): null {
    if (typeof raw !== 'string')
      return this.fail('InvalidRequest', `${name} must be a string, not ${describe(raw)}`);
    if (raw.length === 0) return this.fail('InvalidRequest', `${name} must not be empty`);
    return this.fail('InvalidRequest', `${name} is longer than ${maxLength} characters`);
  }

  private badKey(what: string, length: number): false {
    if (length === 0) this.fail('InvalidRequest', `a ${what} has an empty name`);
    else this.fail('InvalidRequest', `a ${what} name is longer than ${MAX_STRING} characters`);
    return false;
  }

  /** Records why `scalar` refused `raw`, naming it `where`; a wrong type is an error with `code`. */
  rejectScalar(
    where: string,
    raw: unknown,
    code: ErrorCode,
    maxLength: number = REQUEST_LIMITS.maxStringLength,
  ): null {
    if (typeof raw === 'string' && raw.length > maxLength) {
      return this.fail('InvalidRequest', `${where} is longer than ${maxLength} characters`);
    }
    return this.fail(code, `${where} must be a string, number or boolean, not ${describe(raw)}`);
  }
}

/** The string form in which every operator reads a scalar: `5` → `"5"`, `true` → `"true"`. */
export function scalarText(value: Scalar): string {
  return typeof value === 'string' ? value : String(value);
}

/** Names the JSON type of a value for messages. */
function describe(raw: unknown): string {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'an array';
  if (typeof raw === 'object') return 'an object';
  if (typeof raw === 'string') return 'a string';
  if (typeof raw === 'number') {
    if (Number.isFinite(raw)) return 'a number';
    // JSON.parse reads a number too large for a double (1e400) as Infinity.
    return Number.isNaN(raw)
      ? 'NaN'
      : `a number beyond the range of a double (${String(raw)}); write it as a string`;
  }
  if (typeof raw === 'boolean') return 'a boolean';
  return `a ${typeof raw} value`;
}
