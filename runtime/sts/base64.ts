/**
 * Strict Base64 (RFC 4648 §4) and Base64url (§5) without platform helpers (`atob` and `Buffer` are not
 * everywhere, and both accept sloppy input). Decoding accepts exactly one spelling of every byte string:
 * no whitespace, padding only where the alphabet uses it, and the unused bits of the last character zero.
 */

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** `standard`: `+/` with `=` padding (PEM). `url`: `-_` without padding (tokens). */
export type Base64Alphabet = 'standard' | 'url';

function reverse(alphabet: string): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}

const DECODE: Record<Base64Alphabet, Int16Array> = { standard: reverse(STANDARD), url: reverse(URL_SAFE) };

/** Encodes bytes; the standard alphabet pads with `=`, the URL alphabet does not. */
export function encodeBase64(bytes: Uint8Array, alphabet: Base64Alphabet): string {
  const chars = alphabet === 'standard' ? STANDARD : URL_SAFE;
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += chars[n >> 18] + (chars[(n >> 12) & 63] as string) + chars[(n >> 6) & 63] + chars[n & 63];
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] as number) << 16) | (rest === 2 ? (bytes[i + 1] as number) << 8 : 0);
    out += (chars[n >> 18] as string) + chars[(n >> 12) & 63];
    if (rest === 2) out += chars[(n >> 6) & 63];
    if (alphabet === 'standard') out += rest === 2 ? '=' : '==';
  }
  return out;
}

/** Decodes canonical text of the alphabet; null for anything else. */
export function decodeBase64(text: string, alphabet: Base64Alphabet): Uint8Array | null {
  let length = text.length;
  if (alphabet === 'standard') {
    if (length % 4 !== 0) return null;
    if (text.endsWith('==')) length -= 2;
    else if (text.endsWith('=')) length -= 1;
  }
  const rest = length % 4;
  if (rest === 1) return null;
  const table = DECODE[alphabet];
  const out = new Uint8Array(Math.floor(length / 4) * 3 + (rest === 0 ? 0 : rest - 1));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? (table[code] as number) : -1;
    if (digit < 0) return null;
    value = ((value << 6) | digit) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  // The bits left over in the last character must be zero, or two texts would decode to the same bytes.
  if ((value & ((1 << bits) - 1)) !== 0) return null;
  return out;
}
