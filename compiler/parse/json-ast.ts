import type { Span } from '../diagnostics.js';

/** A JSON value with the source span of every key and value; the only output of the parser. */
export type JsonValue = JsonObject | JsonArray | JsonString | JsonNumber | JsonBoolean | JsonNull;

export interface JsonMember {
  key: string;
  keySpan: Span;
  value: JsonValue;
}

export interface JsonObject {
  kind: 'object';
  /** Members in source order. Keys are unique: the parser reports duplicates as errors. */
  members: JsonMember[];
  span: Span;
}

export interface JsonArray {
  kind: 'array';
  items: JsonValue[];
  span: Span;
}

export interface JsonString {
  kind: 'string';
  /** The decoded string (escapes resolved). */
  value: string;
  span: Span;
}

export interface JsonNumber {
  kind: 'number';
  value: number;
  /** The number exactly as written. */
  raw: string;
  span: Span;
}

export interface JsonBoolean {
  kind: 'boolean';
  value: boolean;
  span: Span;
}

export interface JsonNull {
  kind: 'null';
  span: Span;
}

/** Finds a member of an object by exact (case-sensitive) key. */
export function member(object: JsonObject, key: string): JsonMember | undefined {
  return object.members.find((m) => m.key === key);
}

/** Converts a positioned JSON value back into a plain JavaScript value. */
export function toPlain(value: JsonValue): unknown {
  switch (value.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      // defineProperty, not assignment: a `__proto__` key must stay an ordinary member.
      for (const m of value.members) {
        Object.defineProperty(out, m.key, {
          value: toPlain(m.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    case 'array':
      return value.items.map(toPlain);
    case 'null':
      return null;
    default:
      return value.value;
  }
}
