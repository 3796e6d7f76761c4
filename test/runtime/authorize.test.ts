import { describe, expect, it } from 'vitest';
import { encodeBundle } from '../../compiler/emit/encode.js';
import { loadBundle } from '../../runtime/index.js';
import type { Decision } from '../../runtime/types.js';
import { ACCOUNT, sampleIr } from './fixtures/sample-ir.js';

const BUNDLE = encodeBundle(sampleIr());
const NOW_2026 = Date.parse('2026-11-27T10:00:00Z');
const authorizer = loadBundle(BUNDLE, { now: () => NOW_2026 });

const ALICE = `acs:ram::${ACCOUNT}:user/alice`;
const KEY = `acs:kms:cn-shanghai:${ACCOUNT}:key/key-1`;

/** A Decrypt by alice that the sample's AllowCrypto statement grants; `more` overrides members. */
function request(more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    principal: ALICE,
    action: 'kms:Decrypt',
    resource: KEY,
    resourceTags: { Project: 'APOLLO' },
    context: { 'acs:SourceIp': '10.1.2.3' },
    ...more,
  };
}

/** `policy[statement]` of each deciding statement. */
function deciders(decision: Decision): string[] {
  return decision.deciding.map((d) => `${d.policy}[${d.statement}]@${d.scope}`);
}

describe('authorize on the sample bundle', () => {
  it('allows through the account-scope set and names the deciding statement', () => {
    expect(authorizer.authorize({ id: 'r1', ...request() })).toEqual({
      id: 'r1',
      decision: 'Allow',
      principal: ALICE,
      deciding: [
        {
          policy: 'KmsCrypto',
          policyType: 'Custom',
          version: 'v1',
          statement: 0,
          sid: 'AllowCrypto',
          effect: 'Allow',
          scope: 'account',
        },
      ],
    });
  });

  it('matches actions case-insensitively and resources case-sensitively', () => {
    expect(authorizer.authorize(request({ action: 'KMS:ENCRYPT' })).decision).toBe('Allow');
    expect(authorizer.authorize(request({ resource: KEY.replace('key/', 'KEY/') })).decision).toBe(
      'ImplicitDeny',
    );
  });

  it('evaluates IP blocks of both families, and IgnoreCase on resource tags', () => {
    expect(authorizer.authorize(request({ context: { 'acs:SourceIp': '11.0.0.1' } })).decision).toBe(
      'ImplicitDeny',
    );
    expect(authorizer.authorize(request({ context: { 'acs:SourceIp': '2001:db8::7' } })).decision).toBe(
      'Allow',
    );
    expect(authorizer.authorize(request({ context: { 'acs:SourceIp': '2001:db9::7' } })).decision).toBe(
      'ImplicitDeny',
    );
    expect(authorizer.authorize(request({ context: {} })).decision).toBe('ImplicitDeny');
    expect(authorizer.authorize(request({ resourceTags: { project: 'Apollo' } })).decision).toBe('Allow');
    expect(authorizer.authorize(request({ resourceTags: { Project: 'Gemini' } })).decision).toBe(
      'ImplicitDeny',
    );
    // Tags are defined only on one key or secret.
    const container = `acs:kms:cn-shanghai:${ACCOUNT}:key`;
    expect(authorizer.authorize(request({ resource: container })).decision).toBe('ImplicitDeny');
  });

  it('lets a matching Deny win, and reports it', () => {
    const denied = authorizer.authorize(
      request({ context: { 'acs:SourceIp': '10.1.2.3', 'acs:SecureTransport': false } }),
    );
    expect(denied.decision).toBe('ExplicitDeny');
    expect(deciders(denied)).toEqual(['KmsCrypto[1]@account']);
  });

  it('applies NotAction and NotResource, and reads acs:CurrentTime from the request or the clock', () => {
    const late = { 'acs:SourceIp': '10.1.2.3', 'acs:CurrentTime': '2031-01-01T00:00:00Z' };
    expect(deciders(authorizer.authorize(request({ context: late })))).toEqual(['KmsCrypto[2]@account']);
    const hangzhou = `acs:kms:cn-hangzhou:${ACCOUNT}:key/key-1`;
    expect(authorizer.authorize(request({ context: late, resource: hangzhou })).decision).toBe('Allow');
    expect(
      authorizer.authorize(request({ context: late, action: 'kms:ListKeys', resource: '*' })).decision,
    ).toBe('Allow');
    const future = loadBundle(BUNDLE, { now: () => Date.parse('2031-06-01T00:00:00Z') });
    expect(future.authorize(request()).decision).toBe('ExplicitDeny');
  });

  it('decides actions the bundle does not know by matching the wildcard statements', () => {
    expect(authorizer.authorize(request({ action: 'kms:ListFutureThings', resource: '*' })).decision).toBe(
      'Allow',
    );
    expect(authorizer.authorize(request({ action: 'kms:FutureAction' })).decision).toBe('ImplicitDeny');
    const insecure = { 'acs:SecureTransport': 'FALSE' };
    expect(
      deciders(authorizer.authorize(request({ action: 'kms:FutureAction', context: insecure }))),
    ).toEqual(['KmsCrypto[1]@account']);
  });

  it('consults the resource group set only when the account scope gives ImplicitDeny', () => {
    const generate = request({
      action: 'kms:GenerateDataKey',
      resourceGroup: 'rg-a',
      context: { 'acme:count': '3', 'acs:SourceVpc': 'vpc-1' },
    });
    const allowed = authorizer.authorize(generate, { explain: true });
    expect(allowed.decision).toBe('Allow');
    expect(deciders(allowed)).toEqual(['KmsCrypto[3]@rg-a']);
    expect(allowed.explanation?.step).toBe('resource-group-scope');
    expect(authorizer.authorize({ ...generate, resourceGroup: 'rg-b' }).decision).toBe('ImplicitDeny');
    const { resourceGroup: _, ...ungrouped } = generate;
    expect(authorizer.authorize(ungrouped).decision).toBe('ImplicitDeny');
    const hashed = { 'acme:count': '999', 'acs:SourceVpc': 'vpc-1', 'acs:AccessId': 'k7' };
    expect(authorizer.authorize({ ...generate, context: hashed }).decision).toBe('ImplicitDeny');
    const other = { ...hashed, 'acs:AccessId': 'k9' };
    expect(authorizer.authorize({ ...generate, context: other }).decision).toBe('Allow');
  });

  it('treats an unreadable value as indeterminate: an Allow grants nothing', () => {
    const generate = request({
      action: 'kms:GenerateDataKey',
      resourceGroup: 'rg-a',
      context: { 'acme:count': 'high', 'acs:SourceVpc': 'vpc-1' },
    });
    const decision = authorizer.authorize(generate, { explain: true });
    expect(decision.decision).toBe('ImplicitDeny');
    const explained = decision.explanation?.statements.find((s) => s.scope === 'rg-a');
    expect(explained?.outcome).toBe('indeterminate');
    expect(explained?.failed?.reason).toMatch(/"high", which is not a decimal number/);
  });

  it('allows the root on its own account and nobody on another account', () => {
    const root = `acs:ram::${ACCOUNT}:root`;
    expect(
      authorizer.authorize({ principal: root, action: 'kms:DeleteEverything' }, { explain: true }),
    ).toEqual({
      decision: 'Allow',
      principal: root,
      deciding: [],
      explanation: { step: 'root', statements: [] },
    });
    const foreign = 'acs:kms:cn-shanghai:999999999999:key/key-1';
    const crossAccount = authorizer.authorize(
      { principal: root, action: 'kms:Decrypt', resource: foreign },
      { explain: true },
    );
    expect(crossAccount.decision).toBe('ImplicitDeny');
    expect(crossAccount.explanation?.step).toBe('cross-account');
    expect(
      authorizer.authorize({ principal: root, action: 'kms:Decrypt', resource: 'acs:kms:r::key/k' }).decision,
    ).toBe('Allow');
  });

  it('identifies callers by ARN, role session or AccessKey, and rejects the others with a code', () => {
    const code = (more: Record<string, unknown>): string | undefined =>
      authorizer.authorize({ action: 'kms:Decrypt', ...more }).error?.code;
    expect(code({ principal: `acs:ram::${ACCOUNT}:role/app/session-1` })).toBeUndefined();
    expect(code({ principal: `acs:ram::${ACCOUNT}:role/app` })).toBe('UnknownPrincipal');
    expect(code({ principal: `acs:ram::${ACCOUNT}:role/app/x` })).toBe('UnknownPrincipal');
    expect(code({ principal: `acs:ram::${ACCOUNT}:role/ghost/s1` })).toBe('UnknownPrincipal');
    expect(code({ principal: `acs:ram::${ACCOUNT}:user/bob` })).toBe('UnknownPrincipal');
    expect(code({ principal: `acs:ram::${ACCOUNT}:group/admins` })).toBe('UnknownPrincipal');
    expect(code({ principal: 'acs:ram::999:user/alice' })).toBe('UnknownPrincipal');
    expect(code({ principal: 'alice' })).toBe('UnknownPrincipal');
    expect(code({ accessKeyId: 'LTAIalice02' })).toBe('InactiveAccessKey');
    expect(code({ accessKeyId: 'LTAInobody' })).toBe('UnknownAccessKey');
    expect(code({ securityToken: 'opaque' })).toBe('InvalidSecurityToken');
    const byKey = authorizer.authorize(request({ principal: undefined, accessKeyId: 'LTAIalice01' }));
    expect(byKey).toMatchObject({ decision: 'Allow', principal: ALICE });
  });

  it('answers invalid requests with ImplicitDeny and an error, echoing the id', () => {
    expect(authorizer.authorize(null)).toMatchObject({
      decision: 'ImplicitDeny',
      error: { code: 'InvalidRequest' },
    });
    expect(authorizer.authorize({ id: 'x', principal: ALICE })).toMatchObject({
      id: 'x',
      decision: 'ImplicitDeny',
      deciding: [],
      error: { code: 'InvalidRequest' },
    });
    const hostile = {
      get action(): string {
        throw new Error('boom');
      },
    };
    expect(authorizer.authorize(hostile).decision).toBe('ImplicitDeny');
  });

  it('allows actions outside access control', () => {
    const decision = authorizer.authorize({
      principal: `acs:ram::${ACCOUNT}:role/app/s1`,
      action: 'kms:DescribeRegions',
    });
    expect(decision).toMatchObject({ decision: 'Allow', deciding: [] });
  });

  it('decides operation requests pair by pair', () => {
    const encrypt = {
      principal: ALICE,
      operation: 'Encrypt',
      region: 'cn-shanghai',
      parameters: { KeyId: 'key-1' },
      resourceTags: { Project: 'apollo' },
      context: { 'acs:SourceIp': '10.0.0.1' },
    };
    expect(authorizer.authorize(encrypt)).toMatchObject({
      decision: 'Allow',
      checks: [{ action: 'kms:Encrypt', resource: KEY, decision: 'Allow' }],
    });
    expect(authorizer.authorize({ ...encrypt, operation: 'Frobnicate' }).error?.code).toBe(
      'UnknownOperation',
    );
  });

  it('explains every statement of the sets it evaluated, with positions from the bundle', () => {
    const decision = authorizer.authorize(request(), { explain: true });
    expect(decision.deciding[0]?.position).toEqual({ file: 'policies/p0.json', line: 3, column: 5 });
    const statements = decision.explanation?.statements ?? [];
    expect(
      statements.map((s) => `${s.policy}[${s.statement}] ${s.outcome} ${s.failed?.element ?? ''}`),
    ).toEqual([
      'KmsCrypto[0] match ',
      'KmsCrypto[1] no-match Condition',
      'KmsCrypto[2] no-match Condition',
      'AliyunKMSReadOnlyAccess[0] no-match Action',
    ]);
    expect(decision.explanation?.step).toBe('account-scope');
  });
});
