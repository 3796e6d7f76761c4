import { describe, expect, test } from 'vitest';
import { ALICE, allow, deny, engine, key, policy, ROOT } from './fixtures.js';

const TO_ALICE = [{ policy: 'P', to: 'user/alice' }];
const REENCRYPT = {
  principal: ALICE,
  operation: 'ReEncrypt',
  region: 'cn-hangzhou',
  parameters: { SourceKeyId: 'key-a', DestinationKeyId: 'key-b' },
};

describe('operation requests (interfaces §2)', () => {
  test('Allow only when every check is Allow, with each check listed', () => {
    const authorizer = engine([policy('P', allow('kms:ReEncrypt*', 'acs:kms:*:*:key/*'))], TO_ALICE);
    const decision = authorizer.authorize({ id: 'op1', ...REENCRYPT });
    expect(decision).toMatchObject({ id: 'op1', decision: 'Allow', principal: ALICE });
    expect(decision.checks?.map((c) => [c.action, c.resource, c.decision])).toEqual([
      ['kms:ReEncryptFrom', key('key-a'), 'Allow'],
      ['kms:ReEncryptTo', key('key-b'), 'Allow'],
    ]);
    expect(decision.deciding).toHaveLength(1);
  });

  test('one implicit denial makes the whole call ImplicitDeny with no deciding statements', () => {
    const authorizer = engine([policy('P', allow('kms:ReEncryptFrom'))], TO_ALICE);
    const decision = authorizer.authorize(REENCRYPT);
    expect(decision.decision).toBe('ImplicitDeny');
    expect(decision.deciding).toEqual([]);
    expect(decision.checks?.map((c) => c.decision)).toEqual(['Allow', 'ImplicitDeny']);
  });

  test('one explicit denial makes it ExplicitDeny, deciding by the denied check', () => {
    const authorizer = engine(
      [policy('P', allow('kms:*'), deny('kms:ReEncryptTo', key('key-b'), { Sid: 'NoB' }))],
      TO_ALICE,
    );
    const decision = authorizer.authorize(REENCRYPT, { explain: true });
    expect(decision.decision).toBe('ExplicitDeny');
    expect(decision.deciding).toEqual([expect.objectContaining({ sid: 'NoB', effect: 'Deny' })]);
    expect(decision.explanation).toEqual({ step: 'operation', statements: [] });
    expect(decision.checks?.[1]?.explanation?.statements.map((s) => s.outcome)).toEqual(['match', 'match']);
  });

  test('tags and context apply to every check', () => {
    const authorizer = engine(
      [policy('P', allow('kms:*', '*', { Condition: { StringEquals: { 'kms:tag/Project': 'Apollo' } } }))],
      TO_ALICE,
    );
    expect(authorizer.authorize({ ...REENCRYPT, resourceTags: { Project: 'Apollo' } }).decision).toBe(
      'Allow',
    );
  });

  test('DescribeRegions is allowed for any identified caller, and for nobody else', () => {
    const authorizer = engine([], []);
    const request = { operation: 'DescribeRegions', region: 'cn-hangzhou' };
    expect(authorizer.authorize({ principal: ALICE, ...request }, { explain: true })).toEqual({
      decision: 'Allow',
      principal: ALICE,
      deciding: [],
      checks: [],
      explanation: { step: 'not-access-controlled', statements: [] },
    });
    expect(authorizer.authorize({ principal: ROOT, ...request }).decision).toBe('Allow');
    const stranger = authorizer.authorize({ principal: 'acs:ram::1234567890123456:user/eve', ...request });
    expect(stranger).toMatchObject({ decision: 'ImplicitDeny', error: { code: 'UnknownPrincipal' } });
  });

  test('the action kms:DescribeRegions is not access-controlled either, in any case', () => {
    const authorizer = engine([policy('P', deny('*'))], TO_ALICE);
    for (const action of ['kms:DescribeRegions', 'KMS:describeregions']) {
      expect(authorizer.authorize({ principal: ALICE, action }, { explain: true })).toMatchObject({
        decision: 'Allow',
        deciding: [],
        explanation: { step: 'not-access-controlled', statements: [] },
      });
    }
    expect(authorizer.authorize({ principal: ALICE, action: 'kms:DescribeRegionsX' }).decision).toBe(
      'ExplicitDeny',
    );
    const stranger = authorizer.authorize({
      principal: 'acs:ram::1234567890123456:user/eve',
      action: 'kms:DescribeRegions',
    });
    expect(stranger.error?.code).toBe('UnknownPrincipal');
  });

  test('unknown operations and bad parameters are errors that still name the caller', () => {
    const authorizer = engine([policy('P', allow('kms:*'))], TO_ALICE);
    const unknown = authorizer.authorize({ principal: ALICE, operation: 'Decrypted', region: 'cn-hangzhou' });
    expect(unknown).toMatchObject({
      decision: 'ImplicitDeny',
      principal: ALICE,
      error: { code: 'UnknownOperation' },
    });
    const missing = authorizer.authorize({ principal: ALICE, operation: 'Decrypt', region: 'cn-hangzhou' });
    expect(missing).toMatchObject({ decision: 'ImplicitDeny', error: { code: 'InvalidRequest' } });
  });
});
