import { REQUEST_LIMITS } from './request-limits.js';
import type { DecisionError, ErrorCode } from './types.js';

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
    // PERF: `optionalString`, `key` and `scalar`, which run for every string of a request, add to `total`
    // themselves: V8 did not inline this call into them (valgrind: about 200 instructions per decision).
    this.total += length;
    if (this.total > REQUEST_LIMITS.maxTotalLength) this.tooLong();
  }

  /** Records that the request holds more text than `REQUEST_LIMITS.maxTotalLength`. */
  private tooLong(): void {
    this.fail(
      'InvalidRequest',
      `the request holds more than ${REQUEST_LIMITS.maxTotalLength} characters of text in all; shorten it`,
    );
  }

  /** A JSON object (not an array, not null). */
  object(what: string, raw: unknown): Record<string, unknown> | null {
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) return raw as Record<string, unknown>;
    return this.fail('InvalidRequest', `${what} must be a JSON object, not ${describe(raw)}`);
  }

  /** An optional non-empty string member; null when absent or invalid. */
  optionalString(
    name: string,
    raw: unknown,
    maxLength: number = REQUEST_LIMITS.maxStringLength,
  ): string | null {
    if (raw === undefined) return null;
    if (typeof raw !== 'string') {
      return this.fail('InvalidRequest', `${name} must be a string, not ${describe(raw)}`);
    }
    if (raw.length === 0) return this.fail('InvalidRequest', `${name} must not be empty`);
    if (raw.length > maxLength) {
      return this.fail('InvalidRequest', `${name} is longer than ${maxLength} characters`);
    }
    this.total += raw.length;
    if (this.total > REQUEST_LIMITS.maxTotalLength) this.tooLong();
    return raw;
  }

  /** A member name of a map-like object (tags, context, parameters): non-empty and bounded. */
  key(what: string, name: string): boolean {
    if (name.length === 0) {
      this.fail('InvalidRequest', `a ${what} has an empty name`);
      return false;
    }
    if (name.length > REQUEST_LIMITS.maxStringLength) {
      this.fail(
        'InvalidRequest',
        `a ${what} name is longer than ${REQUEST_LIMITS.maxStringLength} characters`,
      );
      return false;
    }
    this.total += name.length;
    if (this.total > REQUEST_LIMITS.maxTotalLength) this.tooLong();
    return this.error === null;
  }

  /**
   * A string of at most `maxLength` (counted), a finite number or a boolean; null for anything else, with
   * nothing recorded: the caller then names the value in `rejectScalar`.
   * PERF: the message naming the value is built only for a value that is wrong.
   */
  scalar(raw: unknown, maxLength: number = REQUEST_LIMITS.maxStringLength): Scalar | null {
    if (typeof raw === 'string') {
      if (raw.length > maxLength) return null;
      this.total += raw.length;
      if (this.total > REQUEST_LIMITS.maxTotalLength) this.tooLong();
      return raw;
    }
    if (typeof raw === 'boolean') return raw;
    if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
    return null;
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
  if (typeof raw === 'number') return Number.isFinite(raw) ? 'a number' : `the number ${String(raw)}`;
  if (typeof raw === 'boolean') return 'a boolean';
  return `a ${typeof raw} value`;
}
