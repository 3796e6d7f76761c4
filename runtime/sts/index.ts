/**
 * Security tokens (interfaces §5, semantics §7.2) for every engine: the token layout, a pure-TypeScript
 * synchronous Ed25519 verifier and the cached token checks. No imports outside runtime/, no platform APIs
 * beyond TextEncoder/TextDecoder, so the TS runtime, the reference engine and the Wasm host share it.
 */
export { type Base64Alphabet, decodeBase64, encodeBase64 } from './base64.js';
export {
  decodePublicKey,
  Ed25519PublicKey,
  type PublicKeyResult,
  verifyEd25519,
} from './ed25519-verify.js';
export { parsePublicKeyPem } from './public-key-pem.js';
export { sha512 } from './sha512.js';
export {
  type DecodedBody,
  decodeTokenBody,
  encodeTokenBody,
  SIGNATURE_BYTES,
  TOKEN_MAGIC,
  TOKEN_VERSION,
  type TokenClaims,
} from './token-format.js';
export {
  isoSeconds,
  type Prepared,
  TOKEN_CACHE_CHARACTERS,
  TOKEN_CACHE_ENTRIES,
  type TokenCheck,
  type TokenResult,
  TokenVerifier,
  type VerifiedSession,
} from './token-verifier.js';
