import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeBase64 } from '../../runtime/sts/base64.js';
import { decodeTokenBody, encodeTokenBody, type TokenClaims } from '../../runtime/sts/token-format.js';
import { type TokenCheck, TokenVerifier } from '../../runtime/sts/token-verifier.js';
import { ACCOUNT, KEYS, OTHER_KEYS } from './fixtures.js';

const ISSUED = Date.UTC(2026, 10, 27, 10, 0, 0) / 1000;

const CLAIMS: TokenClaims = {
  account: ACCOUNT,
  roleName: 'app',
  sessionName: 'session-1',
  accessKeyId: 'STS.AbCdEfGhIjKlMnOpQrStUvWxYz12',
  issuedAt: ISSUED,
  expiration: ISSUED + 3600,
  sessionPolicy: { text: '{"Version":"1"}', bundle: new Uint8Array([1, 2, 3]) },
};

function signed(body: Uint8Array, privateKeyPem = KEYS.privateKeyPem): string {
  const signature = sign(null, body, createPrivateKey(privateKeyPem));
  const bytes = new Uint8Array(body.length + signature.length);
  bytes.set(body);
  bytes.set(signature, body.length);
  return encodeBase64(bytes, 'url');
}

const CHECK: TokenCheck = {
  account: ACCOUNT,
  currentTime: (ISSUED + 1800) * 1000,
  accessKeyId: null,
  roleExists: (name) => name === 'app',
};

function verifier(pem: string | null = KEYS.publicKeyPem): TokenVerifier<string> {
  return new TokenVerifier(pem, (claims) => ({ ok: true, value: `prepared ${claims.sessionName}` }));
}

const TOKEN = signed(encodeTokenBody(CLAIMS));

describe('token body', () => {
  it('reads back what was written', () => {
    expect(decodeTokenBody(encodeTokenBody(CLAIMS))).toEqual({ ok: true, claims: CLAIMS });
    const none = { ...CLAIMS, sessionPolicy: null };
    expect(decodeTokenBody(encodeTokenBody(none))).toEqual({ ok: true, claims: none });
  });

  it('refuses every truncation, extra bytes and a foreign version, without throwing', () => {
    const body = encodeTokenBody(CLAIMS);
    for (let length = 0; length < body.length; length++) {
      expect(decodeTokenBody(body.subarray(0, length)).ok, `length ${length}`).toBe(false);
    }
    expect(decodeTokenBody(new Uint8Array([...body, 0])).ok).toBe(false);
    const future = body.slice();
    future[4] = 2;
    expect(decodeTokenBody(future)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('version 2'),
    });
  });

  it('refuses a policy in one form only', () => {
    const half = encodeTokenBody({ ...CLAIMS, sessionPolicy: { text: 'x', bundle: new Uint8Array(0) } });
    expect(decodeTokenBody(half)).toMatchObject({ ok: false, reason: expect.stringContaining('one form') });
  });
});

describe('TokenVerifier', () => {
  it('accepts a valid token: the session ARN, the claims and the prepared value', () => {
    const result = verifier().verify(TOKEN, CHECK);
    expect(result).toEqual({
      ok: true,
      session: {
        claims: CLAIMS,
        arn: `acs:ram::${ACCOUNT}:role/app/session-1`,
        prepared: 'prepared session-1',
      },
    });
  });

  it('refuses any change to any character of the token', () => {
    const v = verifier();
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let at = 0; at < TOKEN.length; at++) {
      const old = TOKEN[at] as string;
      const replacement = alphabet[(alphabet.indexOf(old) + 1 + (at % 63)) % 64] as string;
      const changed = TOKEN.slice(0, at) + replacement + TOKEN.slice(at + 1);
      const result = v.verify(changed, CHECK);
      expect(result.ok, `character ${at}`).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('InvalidSecurityToken');
    }
  });

  it('refuses a token signed with another key, and says so', () => {
    const result = verifier().verify(signed(encodeTokenBody(CLAIMS), OTHER_KEYS.privateKeyPem), CHECK);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'InvalidSecurityToken', message: expect.stringContaining('another signing key') },
    });
  });

  it('refuses a signed body that is malformed', () => {
    const result = verifier().verify(signed(new TextEncoder().encode('RSTS garbage')), CHECK);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'InvalidSecurityToken', message: expect.stringContaining('malformed') },
    });
  });

  it('checks account, role, AccessKeyId and expiration on every use', () => {
    const v = verifier();
    const code = (check: Partial<TokenCheck>) => {
      const result = v.verify(TOKEN, { ...CHECK, ...check });
      return result.ok ? 'ok' : result.error.code;
    };
    expect(code({ account: '9999999999999999' })).toBe('InvalidSecurityToken');
    expect(code({ roleExists: () => false })).toBe('InvalidSecurityToken');
    expect(code({ accessKeyId: CLAIMS.accessKeyId })).toBe('ok');
    expect(code({ accessKeyId: 'STS.other' })).toBe('InvalidSecurityToken');
    expect(code({ currentTime: CLAIMS.expiration * 1000 - 1 })).toBe('ok');
    expect(code({ currentTime: CLAIMS.expiration * 1000 })).toBe('SecurityTokenExpired');
    expect(code({ currentTime: Number.NaN })).toBe('InvalidSecurityToken');
    expect(code({})).toBe('ok');
  });

  it('says why tokens cannot be verified without an Ed25519 key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    expect(verifier(null).verify(TOKEN, CHECK)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('names no STS public key') },
    });
    expect(verifier(rsa.toString()).verify(TOKEN, CHECK)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('not an Ed25519 public key') },
    });
  });

  it('prepares each token once, and reports a failed preparation', () => {
    let prepared = 0;
    const v = new TokenVerifier<number>(KEYS.publicKeyPem, () => ({ ok: true, value: ++prepared }));
    for (let i = 0; i < 5; i++)
      expect(v.verify(TOKEN, CHECK)).toMatchObject({ ok: true, session: { prepared: 1 } });
    const failing = new TokenVerifier<number>(KEYS.publicKeyPem, () => {
      throw new Error('bad bundle');
    });
    expect(failing.verify(TOKEN, CHECK)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('bad bundle') },
    });
  });

  it('verifies a token once: later uses return the very same result, still checked each time', () => {
    const v = verifier();
    const first = v.verify(TOKEN, CHECK);
    expect(first.ok).toBe(true);
    for (let i = 0; i < 3; i++) expect(v.verify(TOKEN, CHECK)).toBe(first);
    const expired = v.verify(TOKEN, { ...CHECK, currentTime: (CLAIMS.expiration + 1) * 1000 });
    expect(expired).toMatchObject({ ok: false, error: { code: 'SecurityTokenExpired' } });
    expect(v.verify(TOKEN, CHECK)).toBe(first);
  });

  it('gives the preparation the session ARN the claims name', () => {
    const v = new TokenVerifier<string>(KEYS.publicKeyPem, (_claims, arn) => ({ ok: true, value: arn }));
    expect(v.verify(TOKEN, CHECK)).toMatchObject({
      ok: true,
      session: { prepared: `acs:ram::${ACCOUNT}:role/app/session-1` },
    });
  });

  it('never throws on hostile strings', () => {
    const v = verifier();
    for (const token of [
      '',
      '=',
      'A'.repeat(10_000),
      '\u0000'.repeat(90),
      '💥'.repeat(50),
      TOKEN.slice(0, 90),
    ]) {
      expect(v.verify(token, CHECK).ok).toBe(false);
    }
  });
});
