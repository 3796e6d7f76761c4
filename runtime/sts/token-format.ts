/**
 * The security token (interfaces §5): the one source of truth for its layout, shared by the issuer
 * (compiler/sts/) and every verifier. docs/sts.md draws it out.
 *
 * token     = Base64url without padding (RFC 4648 §5) of: body ‖ signature
 * signature = Ed25519 (RFC 8032) signature of the body bytes, 64 bytes
 * body      = every number little-endian:
 *   0  4 bytes  magic "RSTS"
 *   4  u8       TOKEN_VERSION
 *   5  str16    account id
 *      str16    role name
 *      str16    session name
 *      str16    AccessKeyId (`STS.` + letters and digits)
 *      u64      issue time, epoch seconds
 *      u64      expiration, epoch seconds
 *      str32    session policy: compact JSON text, or empty for none
 *      bytes32  session policy compiled into a decision bundle (runtime/format.ts), or empty for none
 * strN: a uN byte length, then that many bytes of UTF-8. bytes32: a u32 length, then the bytes.
 * Nothing may follow the last field. The policy text and its bundle are both present or both empty.
 */

export const TOKEN_MAGIC = [0x52, 0x53, 0x54, 0x53]; // "RSTS"
export const TOKEN_VERSION = 1;
export const SIGNATURE_BYTES = 64;

/** What a token binds, as the issuer writes it and a verifier reads it back. */
export interface TokenClaims {
  account: string;
  roleName: string;
  sessionName: string;
  accessKeyId: string;
  /** Epoch seconds. */
  issuedAt: number;
  /** Epoch seconds; the token is valid strictly before this instant. */
  expiration: number;
  /** The session policy passed to AssumeRole, in both forms; null when none was passed. */
  sessionPolicy: { text: string; bundle: Uint8Array } | null;
}

/** Epoch seconds must stay exact in a double; no date of §4.1 (years 0000–9999) comes near this. */
const MAX_SECONDS = 2 ** 53 - 1;

/** The body bytes of a token, to be signed. */
export function encodeTokenBody(claims: TokenClaims): Uint8Array {
  const encoder = new TextEncoder();
  const text = encoder.encode(claims.sessionPolicy?.text ?? '');
  const bundle = claims.sessionPolicy?.bundle ?? new Uint8Array(0);
  const strings = [claims.account, claims.roleName, claims.sessionName, claims.accessKeyId].map((s) =>
    encoder.encode(s),
  );
  const size = 5 + strings.reduce((n, s) => n + 2 + s.length, 0) + 16 + 4 + text.length + 4 + bundle.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(TOKEN_MAGIC, 0);
  out[4] = TOKEN_VERSION;
  let at = 5;
  for (const s of strings) {
    if (s.length > 0xffff) throw new RangeError('a token string field is longer than 65,535 bytes');
    view.setUint16(at, s.length, true);
    out.set(s, at + 2);
    at += 2 + s.length;
  }
  for (const seconds of [claims.issuedAt, claims.expiration]) {
    if (!Number.isSafeInteger(seconds) || seconds < 0)
      throw new RangeError('token times are whole epoch seconds');
    view.setUint32(at, seconds % 0x1_0000_0000, true);
    view.setUint32(at + 4, Math.floor(seconds / 0x1_0000_0000), true);
    at += 8;
  }
  for (const bytes of [text, bundle]) {
    view.setUint32(at, bytes.length, true);
    out.set(bytes, at + 4);
    at += 4 + bytes.length;
  }
  return out;
}

export type DecodedBody = { ok: true; claims: TokenClaims } | { ok: false; reason: string };

/** Reads a body back, checking every length; a reason says what is malformed. */
export function decodeTokenBody(body: Uint8Array): DecodedBody {
  const reader = new BodyReader(body);
  if (!TOKEN_MAGIC.every((byte, i) => body[i] === byte))
    return malformed('it does not start as a ramc token');
  if (body[4] !== TOKEN_VERSION) {
    return malformed(`it has format version ${String(body[4])}; this ramc reads version ${TOKEN_VERSION}`);
  }
  reader.at = 5;
  const account = reader.string(2);
  const roleName = reader.string(2);
  const sessionName = reader.string(2);
  const accessKeyId = reader.string(2);
  const issuedAt = reader.seconds();
  const expiration = reader.seconds();
  const text = reader.string(4);
  const bundle = reader.bytes(4);
  if (reader.failure !== null) return malformed(reader.failure);
  if (reader.at !== body.length) return malformed('bytes follow its last field');
  if (account === null || roleName === null || sessionName === null || accessKeyId === null) {
    return malformed('a field is missing');
  }
  if (issuedAt === null || expiration === null || text === null || bundle === null) {
    return malformed('a field is missing');
  }
  if ((text === '') !== (bundle.length === 0)) {
    return malformed('it carries a session policy in one form only');
  }
  const sessionPolicy = text === '' ? null : { text, bundle };
  return {
    ok: true,
    claims: { account, roleName, sessionName, accessKeyId, issuedAt, expiration, sessionPolicy },
  };
}

function malformed(reason: string): DecodedBody {
  return { ok: false, reason };
}

/** Bounds-checked sequential reads; the first failure is kept and every later read returns null. */
class BodyReader {
  at = 0;
  failure: string | null = null;
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  readonly #decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  #take(count: number): number | null {
    if (this.failure !== null) return null;
    if (this.at + count > this.#bytes.length) {
      this.failure = 'it ends in the middle of a field';
      return null;
    }
    const start = this.at;
    this.at += count;
    return start;
  }

  #length(width: 2 | 4): number | null {
    const at = this.#take(width);
    if (at === null) return null;
    return width === 2 ? this.#view.getUint16(at, true) : this.#view.getUint32(at, true);
  }

  bytes(width: 2 | 4): Uint8Array | null {
    const length = this.#length(width);
    const at = length === null ? null : this.#take(length);
    return at === null || length === null ? null : new Uint8Array(this.#bytes.subarray(at, at + length));
  }

  string(width: 2 | 4): string | null {
    const bytes = this.bytes(width);
    if (bytes === null) return null;
    try {
      return this.#decoder.decode(bytes);
    } catch {
      this.failure = 'a text field is not valid UTF-8';
      return null;
    }
  }

  seconds(): number | null {
    const at = this.#take(8);
    if (at === null) return null;
    const value = this.#view.getUint32(at, true) + this.#view.getUint32(at + 4, true) * 0x1_0000_0000;
    if (value > MAX_SECONDS) {
      this.failure = 'a time field is out of range';
      return null;
    }
    return value;
  }
}
