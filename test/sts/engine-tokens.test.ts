import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { referenceAuthorizer } from '../../compiler/reference/index.js';
import { assumeRole } from '../../compiler/sts/assume-role.js';
import { loadBundle } from '../../runtime/index.js';
import { decodeBase64 } from '../../runtime/sts/base64.js';
import { decodeTokenBody, SIGNATURE_BYTES } from '../../runtime/sts/token-format.js';
import type { Authorizer } from '../../runtime/types.js';
import { contextArb, policyDocumentArb, requestActionArb, resourceArb } from '../arbitraries.js';
import { bundleStatements, normalForm } from '../runtime/decision-normal-form.js';
import { ARN, credentials, KEY, KEYS, MODEL, NOW, stsModelObject } from './fixtures.js';

const DURING = '2026-11-27T10:30:00Z';
const clock = (): number => NOW + 60_000;

function engines(model: object): { name: string; authorizer: Authorizer; bundle: Uint8Array }[] {
  const { bundle } = compile(model);
  if (bundle === null) throw new Error('the model does not compile');
  return [
    { name: 'reference', authorizer: referenceAuthorizer(model, { now: clock }), bundle },
    { name: 'ts', authorizer: loadBundle(bundle, { now: clock }), bundle },
  ];
}

const MODEL_OBJECT = stsModelObject();
const ENGINES = engines(MODEL_OBJECT);

function sessionBundle(token: string): Uint8Array | null {
  const bytes = decodeBase64(token, 'url');
  if (bytes === null) return null;
  const body = decodeTokenBody(bytes.subarray(0, bytes.length - SIGNATURE_BYTES));
  return body.ok ? (body.claims.sessionPolicy?.bundle ?? null) : null;
}

describe('token requests: reference engine ≡ TS runtime', () => {
  it('decide alike for generated session policies and requests, with and without explanations', () => {
    const [reference, ts] = ENGINES as [(typeof ENGINES)[0], (typeof ENGINES)[0]];
    fc.assert(
      fc.property(
        policyDocumentArb,
        fc.array(fc.record({ action: requestActionArb, resource: resourceArb, context: contextArb }), {
          minLength: 1,
          maxLength: 5,
        }),
        (policy, requests) => {
          const result = assumeRole(
            MODEL,
            {
              caller: `${ARN}:user/alice`,
              roleArn: `${ARN}:role/app`,
              roleSessionName: 's1',
              policy: JSON.stringify(policy),
              now: NOW,
            },
            KEYS.privateKeyPem,
          );
          fc.pre(result.ok);
          if (!result.ok) return;
          const token = result.response.Credentials.SecurityToken;
          const present = new Set([
            ...bundleStatements(reference.bundle),
            ...bundleStatements(sessionBundle(token) ?? reference.bundle),
          ]);
          for (const request of requests) {
            const raw = { ...request, securityToken: token };
            for (const explain of [false, true]) {
              const a = normalForm(
                reference.authorizer.authorize(structuredClone(raw), { explain }),
                present,
              );
              const b = normalForm(ts.authorizer.authorize(structuredClone(raw), { explain }), present);
              expect(b, JSON.stringify({ policy, raw, explain })).toEqual(a);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('token requests on every engine', () => {
  for (const { name, authorizer } of ENGINES) {
    it(`${name}: reports session statements first, with positions in the compact session policy`, () => {
      const policy = {
        Version: '1',
        Statement: [{ Sid: 'Only', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }],
      };
      const token = credentials({ roleArn: `${ARN}:role/app`, policy: JSON.stringify(policy) }).Credentials
        .SecurityToken;
      const decision = authorizer.authorize(
        {
          securityToken: token,
          action: 'kms:Decrypt',
          resource: KEY,
          context: { 'acs:CurrentTime': DURING },
        },
        { explain: true },
      );
      expect(decision.decision).toBe('Allow');
      expect(decision.explanation?.statements[0]).toMatchObject({
        policy: 'session-policy',
        policyType: 'Session',
        version: null,
        scope: 'session',
        sid: 'Only',
        outcome: 'match',
        position: { file: '<session-policy>', line: 1, column: 29 },
      });
      expect(decision.deciding.map((d) => d.scope)).toEqual(['session', 'account']);
    });

    it(`${name}: uses the clock for expiry when the request gives no acs:CurrentTime`, () => {
      const token = credentials({ roleArn: `${ARN}:role/app`, durationSeconds: 900 }).Credentials
        .SecurityToken;
      // The clock reads NOW + 60 s: valid. A request at NOW + 900 s: expired.
      expect(
        authorizer.authorize({ securityToken: token, action: 'kms:Decrypt', resource: KEY }).decision,
      ).toBe('Allow');
    });

    it(`${name}: fills acs:AccessId from the token, and refuses a different one`, () => {
      const response = credentials({ roleArn: `${ARN}:role/app` });
      const base = {
        securityToken: response.Credentials.SecurityToken,
        action: 'kms:Decrypt',
        resource: KEY,
      };
      const same = {
        ...base,
        context: { 'acs:CurrentTime': DURING, 'acs:AccessId': response.Credentials.AccessKeyId },
      };
      expect(authorizer.authorize(same).decision).toBe('Allow');
      const other = {
        ...base,
        context: { 'acs:CurrentTime': DURING, 'acs:AccessId': 'LTAI5tSomeoneElse01' },
      };
      expect(authorizer.authorize(other).error?.code).toBe('InvalidSecurityToken');
    });
  }

  it('refuse tokens of a role the model no longer defines, or of another account', () => {
    const token = credentials({ roleArn: `${ARN}:role/chained`, caller: `${ARN}:role/app/s0` }).Credentials
      .SecurityToken;
    const request = {
      securityToken: token,
      action: 'kms:GetSecretValue',
      resource: KEY,
      context: { 'acs:CurrentTime': DURING },
    };
    const withoutRole = {
      ...MODEL_OBJECT,
      roles: (MODEL_OBJECT.roles as { name: string }[]).filter((r) => r.name !== 'chained'),
    };
    const withoutAttachment = {
      ...withoutRole,
      attachments: (MODEL_OBJECT.attachments as { to: string }[]).filter((a) => a.to !== 'role/chained'),
    };
    const otherAccount = JSON.parse(
      JSON.stringify(MODEL_OBJECT).replaceAll('1234567890123456', '9999999999999999'),
    );
    for (const { name, authorizer } of [...engines(withoutAttachment), ...engines(otherAccount)]) {
      const decision = authorizer.authorize(request);
      expect(decision.error?.code, name).toBe('InvalidSecurityToken');
    }
    expect(engines(withoutAttachment)[0]?.authorizer.authorize(request).error?.message).toContain(
      'no longer defines',
    );
    expect(engines(otherAccount)[1]?.authorizer.authorize(request).error?.message).toContain(
      'belongs to account',
    );
  });
});
