import { generateKeyPairSync } from 'node:crypto';

/** A new STS signing key pair as PEM text. */
export interface StsKeyPair {
  /** `-----BEGIN PUBLIC KEY-----` (SPKI): goes into the model as `sts.publicKeyFile`. */
  publicKeyPem: string;
  /** `-----BEGIN PRIVATE KEY-----` (PKCS #8): stays with whoever issues tokens; never in a model or bundle. */
  privateKeyPem: string;
}

/** Generates an Ed25519 key pair for signing security tokens (interfaces §5). */
export function generateStsKeyPair(): StsKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}
