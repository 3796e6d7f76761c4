import { createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { refuse, type StsError } from './sts-errors.js';

export type SigningKeyResult = { ok: true; key: KeyObject } | { ok: false; error: StsError };

/**
 * Reads the PEM private key that signs tokens and checks it against the model's STS public key: a token
 * signed with any other key would be refused by every engine, so issuing one is refused up front.
 */
export function readSigningKey(privateKeyPem: string, modelPublicKeyPem: string | null): SigningKeyResult {
  if (modelPublicKeyPem === null) {
    return refuse(
      'InvalidParameter.SigningKey',
      'the model names no STS public key, so no engine could verify a token; add "sts": { "publicKeyFile": ' +
        '"keys/sts-public.pem" } to the model (create the pair with `ramc sts keygen`)',
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch {
    return refuse(
      'InvalidParameter.SigningKey',
      'the signing key is not a PEM private key; give the sts-private.pem written by `ramc sts keygen`',
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    return refuse(
      'InvalidParameter.SigningKey',
      `the signing key is an ${key.asymmetricKeyType ?? 'unknown'} key; STS tokens are signed with Ed25519 (\`ramc sts keygen\`)`,
    );
  }
  const derived = spki(createPublicKey(key));
  let expected: Buffer;
  try {
    expected = spki(createPublicKey(modelPublicKeyPem));
  } catch {
    return refuse('InvalidParameter.SigningKey', "the model's STS public key cannot be read");
  }
  if (!derived.equals(expected)) {
    return refuse(
      'InvalidParameter.SigningKey',
      "the signing key does not belong to the model's STS public key (sts.publicKeyFile), so no engine " +
        'would accept its tokens; use the private key of that pair',
    );
  }
  return { ok: true, key };
}

function spki(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

/** The Ed25519 signature (64 bytes) of `body`. */
export function signBody(key: KeyObject, body: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, body, key));
}
