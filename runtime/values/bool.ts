/**
 * Parses a boolean condition or request value (semantics §4.1): `true` or `false` in any ASCII case
 * (`TRUE`, `False`). Returns null for anything else, including surrounding spaces.
 */
export function parseBool(text: string): boolean | null {
  if (text.length !== 4 && text.length !== 5) return null;
  // Only ASCII letters are folded, so no Unicode look-alike (e.g. a dotted capital I) can pass.
  let lower = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    lower += String.fromCharCode(c >= 0x41 && c <= 0x5a ? c + 0x20 : c);
  }
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return null;
}
