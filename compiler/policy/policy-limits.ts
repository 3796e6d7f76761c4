import type { JsonValue } from '../parse/json-ast.js';
import type { PolicyKind } from './ast.js';

/**
 * Longest document text per policy kind, in characters of the compact JSON serialization (semantics §9).
 * `permission` is the custom-policy limit; system policies are exempt.
 */
export const POLICY_MAX_LENGTH: Readonly<Record<PolicyKind, number>> = {
  permission: 6_144,
  session: 2_048,
  trust: 4_096,
};

/** Longest `Sid` (semantics §2). */
export const SID_MAX_LENGTH = 128;

/** Characters of a string as the limits count them: Unicode code points (a surrogate pair counts once). */
export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i + 1 < text.length; i++) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      n--;
      i++;
    }
  }
  return n;
}

/** Characters of a string as a JSON string literal, quotes and escapes included. */
function stringLength(text: string): number {
  return codePointLength(JSON.stringify(text));
}

/**
 * Length of the document as compact JSON: what `JSON.stringify` would print, so whitespace outside
 * strings is not counted, strings count with their quotes and canonical escapes (`\u0041` in the source
 * counts as `A`), numbers count as written, and a character is a Unicode code point.
 */
export function compactJsonLength(root: JsonValue): number {
  let total = 0;
  // PERF: an explicit stack, so a deeply nested document cannot overflow the call stack.
  const stack: JsonValue[] = [root];
  for (let value = stack.pop(); value !== undefined; value = stack.pop()) {
    switch (value.kind) {
      case 'object':
        // Braces, one colon per member, commas between members.
        total += 2 + value.members.length + Math.max(0, value.members.length - 1);
        for (const m of value.members) {
          total += stringLength(m.key);
          stack.push(m.value);
        }
        break;
      case 'array':
        total += 2 + Math.max(0, value.items.length - 1);
        for (const item of value.items) stack.push(item);
        break;
      case 'string':
        total += stringLength(value.value);
        break;
      case 'number':
        total += value.raw.length;
        break;
      case 'boolean':
        total += value.value ? 4 : 5;
        break;
      case 'null':
        total += 4;
        break;
    }
  }
  return total;
}
