import { describe, expect, test } from 'vitest';
import { referenceAuthorizer } from '../../../compiler/reference/index.js';
import { ALICE, allow, asAlice, deny, engine, key, model, policy, secret } from './fixtures.js';

const K1 = key('key-1');
const TO_ALICE = [{ policy: 'P', to: 'user/alice' }];

function withStatements(...statements: Record<string, unknown>[]) {
  return engine([policy('P', ...statements)], TO_ALICE);
}

describe('condition keys in the engine (semantics §4, §5)', () => {
  test('key names are case-insensitive on both sides', () => {
    const authorizer = withStatements(
      allow('kms:*', '*', { Condition: { IpAddress: { 'ACS:SOURCEIP': '10.0.0.0/8' } } }),
    );
    expect(asAlice(authorizer, 'kms:Decrypt', K1, { context: { 'acs:sourceIp': '10.1.1.1' } }).decision).toBe(
      'Allow',
    );
    expect(asAlice(authorizer, 'kms:Decrypt', K1, { context: { 'acs:SourceIp': '11.1.1.1' } }).decision).toBe(
      'ImplicitDeny',
    );
  });

  test('resource tags are kms:tag/<k> and acs:ResourceTag/<k> on one key or secret only', () => {
    for (const tagKey of ['kms:tag/Project', 'acs:ResourceTag/project']) {
      const authorizer = withStatements(
        allow('kms:*', '*', { Condition: { StringEquals: { [tagKey]: 'Apollo' } } }),
      );
      const tags = { resourceTags: { PROJECT: 'Apollo' } };
      expect(asAlice(authorizer, 'kms:Decrypt', K1, tags).decision).toBe('Allow');
      expect(asAlice(authorizer, 'kms:GetSecretValue', secret('db/prod'), tags).decision).toBe('Allow');
      expect(asAlice(authorizer, 'kms:ListKeys', '*', tags).decision).toBe('ImplicitDeny');
      expect(
        asAlice(authorizer, 'kms:CreateKey', 'acs:kms:cn-hangzhou:1234567890123456:key', tags).decision,
      ).toBe('ImplicitDeny');
      expect(asAlice(authorizer, 'kms:Decrypt', K1, { resourceTags: { Project: 'Gemini' } }).decision).toBe(
        'ImplicitDeny',
      );
    }
  });

  test('a tag key is everything after the first "/"', () => {
    const authorizer = withStatements(
      allow('kms:*', '*', { Condition: { StringEquals: { 'kms:tag/acs:rds:instance-encryption': 'true' } } }),
    );
    const tags = { resourceTags: { 'acs:rds:instance-encryption': true } };
    expect(asAlice(authorizer, 'kms:Decrypt', K1, tags).decision).toBe('Allow');
  });

  test('a missing tag satisfies a negated Deny on "*"', () => {
    const authorizer = withStatements(
      allow('kms:*'),
      deny('kms:*', '*', { Condition: { StringNotEquals: { 'kms:tag/Project': 'Apollo' } } }),
    );
    expect(asAlice(authorizer, 'kms:ListKeys', '*', { resourceTags: { Project: 'Apollo' } }).decision).toBe(
      'ExplicitDeny',
    );
    expect(asAlice(authorizer, 'kms:Decrypt', K1, { resourceTags: { Project: 'Apollo' } }).decision).toBe(
      'Allow',
    );
  });

  test('indeterminate Deny denies and says so; indeterminate Allow grants nothing', () => {
    const denying = withStatements(
      allow('kms:*'),
      deny('kms:*', '*', { Condition: { NumericGreaterThan: { 'kms:tag/Level': '3' } } }),
    );
    const decision = asAlice(denying, 'kms:Decrypt', K1, { resourceTags: { Level: 'high' } });
    expect(decision.decision).toBe('ExplicitDeny');
    expect(decision.deciding).toEqual([expect.objectContaining({ effect: 'Deny', indeterminate: true })]);
    expect(asAlice(denying, 'kms:Decrypt', K1, { resourceTags: { Level: 2 } }).decision).toBe('Allow');

    const allowing = withStatements(
      allow('kms:*', '*', { Condition: { NumericLessThan: { 'kms:tag/Level': '3' } } }),
    );
    expect(asAlice(allowing, 'kms:Decrypt', K1, { resourceTags: { Level: 'high' } }).decision).toBe(
      'ImplicitDeny',
    );
    expect(asAlice(allowing, 'kms:Decrypt', K1, { resourceTags: { Level: '2.5' } }).decision).toBe('Allow');
  });

  test('a false condition beats an indeterminate one in the same statement', () => {
    const authorizer = withStatements(
      allow('kms:*'),
      deny('kms:*', '*', {
        Condition: {
          NumericGreaterThan: { 'kms:tag/Level': '3' },
          StringEquals: { 'kms:tag/Project': 'Apollo' },
        },
      }),
    );
    const tags = { resourceTags: { Level: 'high', Project: 'Gemini' } };
    expect(asAlice(authorizer, 'kms:Decrypt', K1, tags).decision).toBe('Allow');
  });

  test('JSON numbers and booleans are read in string form by string operators', () => {
    const authorizer = withStatements(
      allow('kms:*', '*', { Condition: { StringEquals: { 'my:count': '5', 'my:flag': 'true' } } }),
    );
    expect(
      asAlice(authorizer, 'kms:Decrypt', K1, { context: { 'my:count': 5, 'my:flag': true } }).decision,
    ).toBe('Allow');
    expect(
      asAlice(authorizer, 'kms:Decrypt', K1, { context: { 'my:count': 5.5, 'my:flag': true } }).decision,
    ).toBe('ImplicitDeny');
  });

  test('acs:PrincipalARN is the caller', () => {
    const authorizer = withStatements(
      allow('kms:*', '*', { Condition: { StringLike: { 'acs:PrincipalARN': 'acs:ram::*:user/ali*' } } }),
    );
    expect(asAlice(authorizer, 'kms:Decrypt').decision).toBe('Allow');
  });

  test('acs:CurrentTime comes from the request, else from the injected clock', () => {
    const document = policy(
      'P',
      allow('kms:*', '*', { Condition: { DateLessThan: { 'acs:CurrentTime': '2026-01-01T00:00:00Z' } } }),
    );
    const early = referenceAuthorizer(model([document], TO_ALICE), { now: () => Date.UTC(2025, 0, 1) });
    const late = referenceAuthorizer(model([document], TO_ALICE), { now: () => Date.UTC(2027, 0, 1) });
    expect(asAlice(early, 'kms:Decrypt').decision).toBe('Allow');
    expect(asAlice(late, 'kms:Decrypt').decision).toBe('ImplicitDeny');
    const given = { context: { 'acs:CurrentTime': '2025-06-01T00:00:00+08:00' } };
    expect(asAlice(late, 'kms:Decrypt', '*', given).decision).toBe('Allow');
  });

  test('malformed typed context values are errors, never decisions', () => {
    const authorizer = withStatements(allow('kms:*'));
    const decision = asAlice(authorizer, 'kms:Decrypt', K1, {
      id: 'r9',
      context: { 'acs:SourceIp': '999.1.1.1' },
    });
    expect(decision).toMatchObject({
      id: 'r9',
      decision: 'ImplicitDeny',
      error: { code: 'InvalidContextValue' },
    });
    expect(decision.error?.message).toContain('acs:SourceIp');
  });

  test('the principal is reported as given', () => {
    expect(asAlice(withStatements(allow('kms:*')), 'kms:Decrypt').principal).toBe(ALICE);
  });
});
