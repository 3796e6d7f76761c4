import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AssumeRoleInput, assumeRole } from '../../compiler/sts/assume-role.js';
import { decodeBase64 } from '../../runtime/sts/base64.js';
import { decodeTokenBody, SIGNATURE_BYTES } from '../../runtime/sts/token-format.js';
import { ARN, credentials, KEYS, load, MODEL, NOW, OTHER_KEYS, stsModelObject } from './fixtures.js';

function call(input: Partial<AssumeRoleInput> & { roleArn: string }, privateKeyPem = KEYS.privateKeyPem) {
  return assumeRole(
    MODEL,
    { caller: `${ARN}:user/alice`, roleSessionName: 'session-1', now: NOW, ...input },
    privateKeyPem,
  );
}

function refusal(input: Partial<AssumeRoleInput> & { roleArn: string }, privateKeyPem = KEYS.privateKeyPem) {
  const result = call(input, privateKeyPem);
  if (result.ok) throw new Error('AssumeRole was expected to refuse');
  return result.error;
}

function claimsOf(token: string) {
  const bytes = decodeBase64(token, 'url');
  if (bytes === null) throw new Error('not Base64url');
  const body = decodeTokenBody(bytes.subarray(0, bytes.length - SIGNATURE_BYTES));
  if (!body.ok) throw new Error(body.reason);
  return body.claims;
}

describe('assumeRole: credentials', () => {
  it('returns exactly the documented shape', () => {
    const response = credentials({ roleArn: `${ARN}:role/app` });
    expect(Object.keys(response)).toEqual(['AssumedRoleUser', 'Credentials']);
    expect(Object.keys(response.AssumedRoleUser)).toEqual(['Arn', 'AssumedRoleId']);
    expect(Object.keys(response.Credentials)).toEqual([
      'AccessKeyId',
      'AccessKeySecret',
      'SecurityToken',
      'Expiration',
    ]);
    expect(response.AssumedRoleUser.Arn).toBe(`${ARN}:role/app/session-1`);
    expect(response.AssumedRoleUser.AssumedRoleId).toMatch(/^[1-9][0-9]{17}:session-1$/);
    expect(response.Credentials.AccessKeyId).toMatch(/^STS\.[A-Za-z0-9]{28}$/);
    expect(response.Credentials.AccessKeySecret).toMatch(/^[A-Za-z0-9]{44}$/);
    expect(response.Credentials.SecurityToken).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(response.Credentials.Expiration).toBe('2026-11-27T11:00:00Z');
  });

  it('binds account, role, session, AccessKeyId and times in the token; the role id is stable', () => {
    const first = credentials({ roleArn: `${ARN}:role/app`, now: NOW + 999, durationSeconds: 900 });
    const second = credentials({ roleArn: `${ARN}:role/app` });
    expect(claimsOf(first.Credentials.SecurityToken)).toEqual({
      account: '1234567890123456',
      roleName: 'app',
      sessionName: 'session-1',
      accessKeyId: first.Credentials.AccessKeyId,
      issuedAt: NOW / 1000,
      expiration: NOW / 1000 + 900,
      sessionPolicy: null,
    });
    expect(first.Credentials.Expiration).toBe('2026-11-27T10:15:00Z');
    expect(first.AssumedRoleUser.AssumedRoleId).toBe(second.AssumedRoleUser.AssumedRoleId);
    expect(first.Credentials.AccessKeyId).not.toBe(second.Credentials.AccessKeyId);
  });

  it('carries the session policy as compact JSON and as a bundle', () => {
    const policy =
      '{\n  "Version": "1",\n  "Statement": [ { "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*" } ]\n}\n';
    const claims = claimsOf(credentials({ roleArn: `${ARN}:role/app`, policy }).Credentials.SecurityToken);
    expect(claims.sessionPolicy?.text).toBe(
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}',
    );
    expect(new TextDecoder().decode(claims.sessionPolicy?.bundle.subarray(0, 4))).toBe('RAMC');
  });
});

describe('assumeRole: refusals', () => {
  it('names the half that refused and the deciding statement', () => {
    const denied = refusal({ caller: `${ARN}:user/mallory`, roleArn: `${ARN}:role/admin` });
    expect(denied.code).toBe('NoPermission');
    expect(denied.message).toContain('its permission policies deny sts:AssumeRole');
    expect(denied.message).toContain(
      'statement 0 (Sid "NoAdmin") of policy "DenyAssumeAdmin" (Custom v1, account scope)',
    );

    const untrusted = refusal({ caller: `${ARN}:user/bob`, roleArn: `${ARN}:role/partner` });
    expect(untrusted.message).toContain(
      'the trust policy of role partner does not trust acs:ram::1234567890123456:user/bob',
    );
    expect(untrusted.message).toContain(
      'no statement names it (it trusts acs:ram::1234567890123456:user/alice)',
    );
  });

  it('explains a failed trust condition', () => {
    const missing = refusal({ roleArn: `${ARN}:role/partner` });
    expect(missing.message).toMatch(
      /statement 0 of the trust policy of role "partner" at <model>:\d+:\d+ names acs:ram::1234567890123456:user\/alice, but/,
    );
    expect(missing.message).toContain('no value for sts:ExternalId');
    const wrong = refusal({ roleArn: `${ARN}:role/partner`, externalId: 'wrong-id' });
    expect(wrong.message).toContain('"wrong-id"');
    const mfa = refusal({ roleArn: `${ARN}:role/mfa-only`, context: { 'acs:MFAPresent': false } });
    expect(mfa.message).toContain('acs:MFAPresent');
    expect(call({ roleArn: `${ARN}:role/mfa-only`, context: { 'acs:MFAPresent': true } }).ok).toBe(true);
  });

  it('lists both halves when both refuse, the explicit deny first', () => {
    const error = refusal({ caller: `${ARN}:user/bob`, roleArn: `${ARN}:role/not-bob` });
    expect(error.message).toContain('denies acs:ram::1234567890123456:user/bob: statement 1 (Sid "NotBob")');
    const both = refusal({ caller: `${ARN}:user/dave`, roleArn: `${ARN}:role/partner` });
    expect(both.message).toMatch(
      /no permission policy of .*user\/dave allows sts:AssumeRole.*; also, the trust policy of role partner/,
    );
  });

  it('refuses the root, service-linked roles for anyone but their service, and unknown callers', () => {
    expect(refusal({ caller: `${ARN}:root`, roleArn: `${ARN}:role/app` }).message).toContain('account root');
    expect(refusal({ roleArn: `${ARN}:role/AliyunServiceRoleForKMSKeyStore` }).message).toContain(
      'only that service can assume it',
    );
    expect(refusal({ caller: 'someone', roleArn: `${ARN}:role/app` }).code).toBe('InvalidParameter.Caller');
    expect(refusal({ caller: `${ARN}:user/zed`, roleArn: `${ARN}:role/app` }).code).toBe(
      'InvalidParameter.Caller',
    );
    expect(refusal({ caller: `${ARN}:group/g`, roleArn: `${ARN}:role/app` }).code).toBe(
      'InvalidParameter.Caller',
    );
  });

  it('validates every parameter with its own code', () => {
    expect(refusal({ roleArn: `${ARN}:role/App` }).message).toContain('did you mean "app"');
    expect(refusal({ roleArn: 'app' }).code).toBe('InvalidParameter.RoleArn');
    expect(refusal({ roleArn: `${ARN}:role/app`, roleSessionName: 'x' }).code).toBe(
      'InvalidParameter.RoleSessionName',
    );
    expect(refusal({ roleArn: `${ARN}:role/app`, durationSeconds: 1.5 }).code).toBe(
      'InvalidParameter.DurationSeconds',
    );
    expect(refusal({ roleArn: `${ARN}:role/app`, externalId: 'a' }).code).toBe('InvalidParameter.ExternalId');
    expect(refusal({ roleArn: `${ARN}:role/app`, externalId: 'has space' }).code).toBe(
      'InvalidParameter.ExternalId',
    );
    expect(refusal({ roleArn: `${ARN}:role/app`, context: { 'acs:SourceIp': 'nope' } }).code).toBe(
      'InvalidParameter.Context',
    );
    expect(refusal({ roleArn: `${ARN}:role/app`, context: [1] }).code).toBe('InvalidParameter.Context');
    expect(
      refusal({ roleArn: `${ARN}:role/app`, context: { 'acs:CurrentTime': '2026-01-01T00:00:00Z' } }).message,
    ).toContain('--now');
    expect(
      refusal({ roleArn: `${ARN}:role/app`, context: { 'sts:externalid': 'abc-123' } }).message,
    ).toContain('--external-id');
    expect(refusal({ roleArn: `${ARN}:role/app`, now: Number.NaN }).code).toBe('InvalidParameter.Context');
  });

  it('reports the session policy diagnostics with positions', () => {
    const error = refusal({
      roleArn: `${ARN}:role/app`,
      policy: '{"Version":"1","Statement":[{"Effect":"allow","Action":"kms:Decrypt","Resource":"*"}]}',
      policyFile: 'session.json',
    });
    expect(error.code).toBe('InvalidParameter.PolicyGrammar');
    expect(error.message).toMatch(/session\.json:1:\d+: error \w+/);
    const tooLong = refusal({
      roleArn: `${ARN}:role/app`,
      policy: JSON.stringify({
        Version: '1',
        Statement: [
          { Effect: 'Allow', Action: 'kms:Decrypt', Resource: `acs:kms:*:*:key/${'k'.repeat(2100)}` },
        ],
      }),
    });
    expect(tooLong.message).toContain('at most 2048');
    expect(refusal({ roleArn: `${ARN}:role/app`, policy: '' }).code).toBe('InvalidParameter.PolicyGrammar');
    expect(
      refusal({ roleArn: `${ARN}:role/app`, policy: '{"Version":"1","Statement":[]} trailing' }).code,
    ).toBe('InvalidParameter.PolicyGrammar');
  });

  it('refuses a signing key that is not the model key, not Ed25519, or not a key', () => {
    expect(refusal({ roleArn: `${ARN}:role/app` }, OTHER_KEYS.privateKeyPem).message).toContain(
      "does not belong to the model's STS public key",
    );
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    expect(refusal({ roleArn: `${ARN}:role/app` }, rsa.toString()).message).toContain('rsa key');
    expect(refusal({ roleArn: `${ARN}:role/app` }, 'not a key').code).toBe('InvalidParameter.SigningKey');
    expect(refusal({ roleArn: `${ARN}:role/app` }, KEYS.publicKeyPem).code).toBe(
      'InvalidParameter.SigningKey',
    );
    const { sts: _sts, ...keyless } = stsModelObject();
    const result = assumeRole(
      load(keyless),
      { caller: `${ARN}:user/alice`, roleArn: `${ARN}:role/app`, roleSessionName: 's1', now: NOW },
      KEYS.privateKeyPem,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'InvalidParameter.SigningKey' } });
  });
});
