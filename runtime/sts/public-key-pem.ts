import { decodeBase64 } from './base64.js';
import { decodePublicKey, type PublicKeyResult } from './ed25519-verify.js';

/**
 * The DER of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4) up to the key: SEQUENCE (42 bytes) {
 * SEQUENCE { OID 1.3.101.112 }, BIT STRING (33 bytes, 0 unused bits) }. The 32 key bytes follow.
 */
const SPKI_PREFIX = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];
const SPKI_BYTES = SPKI_PREFIX.length + 32;

const BEGIN = '-----BEGIN PUBLIC KEY-----';
const END = '-----END PUBLIC KEY-----';

/**
 * Reads an Ed25519 public key from PEM text (`-----BEGIN PUBLIC KEY-----`, SPKI, as `ramc sts keygen`
 * and OpenSSL write it): the Base64 body may be split over lines (LF or CRLF) and must be canonical.
 * Any other key type, extra data or malformed text is refused with a reason.
 */
export function parsePublicKeyPem(pem: string): PublicKeyResult {
  const text = pem.trim();
  if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
    return { ok: false, reason: `the key is not PEM text between "${BEGIN}" and "${END}"` };
  }
  const body = text.slice(BEGIN.length, text.length - END.length).replace(/\r?\n/g, '');
  const der = decodeBase64(body, 'standard');
  if (der === null) return { ok: false, reason: 'the PEM body is not valid Base64' };
  const isEd25519 = der.length === SPKI_BYTES && SPKI_PREFIX.every((byte, i) => der[i] === byte);
  if (!isEd25519) {
    return {
      ok: false,
      reason:
        'the key is not an Ed25519 public key; STS tokens are signed with Ed25519 (create a pair with `ramc sts keygen`)',
    };
  }
  return decodePublicKey(der.subarray(SPKI_PREFIX.length));
}
