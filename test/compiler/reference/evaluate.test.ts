import { describe, expect, test } from 'vitest';
import {
  ALICE,
  allow,
  asAlice,
  BOB,
  deny,
  engine,
  key,
  OTHER_ACCOUNT,
  policy,
  ROOT,
  secret,
} from './fixtures.js';

const K1 = key('key-1');

describe('basic evaluation (semantics §6.1)', () => {
  test('no policies: ImplicitDeny with step no-statement', () => {
    const decision = engine([], []).authorize(
      { principal: ALICE, action: 'kms:Decrypt', resource: K1 },
      { explain: true },
    );
    expect(decision).toEqual({
      decision: 'ImplicitDeny',
      principal: ALICE,
      deciding: [],
      explanation: { step: 'no-statement', statements: [] },
    });
  });

  test('a user policy and a group policy both grant', () => {
    const viaUser = engine([policy('P', allow('kms:Decrypt'))], [{ policy: 'P', to: 'user/alice' }]);
    const viaGroup = engine([policy('P', allow('kms:Decrypt'))], [{ policy: 'P', to: 'group/crypto-users' }]);
    for (const authorizer of [viaUser, viaGroup]) {
      expect(asAlice(authorizer, 'kms:Decrypt', K1)).toEqual({
        decision: 'Allow',
        principal: ALICE,
        deciding: [
          {
            policy: 'P',
            policyType: 'Custom',
            version: 'v1',
            statement: 0,
            sid: null,
            effect: 'Allow',
            scope: 'account',
          },
        ],
      });
      expect(asAlice(authorizer, 'kms:Encrypt', K1).decision).toBe('ImplicitDeny');
      expect(authorizer.authorize({ principal: BOB, action: 'kms:Decrypt', resource: K1 }).decision).toBe(
        'ImplicitDeny',
      );
    }
  });

  test('a policy attached to the user and its group is reported once', () => {
    const authorizer = engine(
      [policy('P', allow('kms:Decrypt'))],
      [
        { policy: 'P', to: 'user/alice' },
        { policy: 'P', to: 'group/crypto-users' },
      ],
    );
    expect(asAlice(authorizer, 'kms:Decrypt').deciding).toHaveLength(1);
  });

  test('Deny wins whatever the order, and lists every matching Deny', () => {
    const statements = [
      allow('kms:*'),
      deny('kms:Decrypt', K1, { Sid: 'NoDecrypt' }),
      deny('kms:*', 'acs:kms:*:*:key/*'),
    ];
    for (const ordered of [statements, [...statements].reverse()]) {
      const authorizer = engine([policy('P', ...ordered)], [{ policy: 'P', to: 'user/alice' }]);
      const decision = asAlice(authorizer, 'kms:Decrypt', K1);
      expect(decision.decision).toBe('ExplicitDeny');
      expect(decision.deciding.map((d) => d.effect)).toEqual(['Deny', 'Deny']);
      expect(decision.deciding.map((d) => d.sid).sort()).toEqual(['NoDecrypt', null].sort());
      expect(asAlice(authorizer, 'kms:Decrypt', key('key-2', ''))).toMatchObject({
        decision: 'ExplicitDeny',
      });
      expect(asAlice(authorizer, 'kms:ListKeys').decision).toBe('Allow');
    }
  });

  test('NotAction and NotResource', () => {
    const authorizer = engine(
      [
        policy(
          'P',
          { Effect: 'Allow', NotAction: 'kms:Delete*', Resource: '*' },
          { Effect: 'Deny', Action: 'kms:*', NotResource: 'acs:kms:*:*:key/key-1' },
        ),
      ],
      [{ policy: 'P', to: 'user/alice' }],
    );
    expect(asAlice(authorizer, 'kms:Decrypt', K1).decision).toBe('Allow');
    expect(asAlice(authorizer, 'kms:DeleteSecret', K1).decision).toBe('ImplicitDeny');
    expect(asAlice(authorizer, 'kms:Decrypt', key('key-2')).decision).toBe('ExplicitDeny');
    expect(asAlice(authorizer, 'ecs:RunInstances', K1).decision).toBe('Allow');
  });

  test('system policies attach by name', () => {
    const authorizer = engine(
      [],
      [{ policy: 'AliyunKMSCryptoUserAccess', policyType: 'System', to: 'user/alice' }],
    );
    expect(asAlice(authorizer, 'kms:Decrypt', K1).deciding[0]).toMatchObject({
      policy: 'AliyunKMSCryptoUserAccess',
      policyType: 'System',
    });
    expect(asAlice(authorizer, 'kms:CreateKey').decision).toBe('ImplicitDeny');
  });
});

describe('scopes (semantics §6.2 step 4)', () => {
  const P = [policy('Grant', allow('kms:Decrypt')), policy('Block', deny('kms:Decrypt'))];
  const rg = { resourceGroup: 'rg-1' };

  test('resource-group policies apply only to requests in that group', () => {
    const authorizer = engine(P, [{ policy: 'Grant', to: 'user/alice', resourceGroup: 'rg-1' }]);
    expect(asAlice(authorizer, 'kms:Decrypt', K1, rg)).toMatchObject({
      decision: 'Allow',
      deciding: [{ scope: 'rg-1' }],
    });
    expect(asAlice(authorizer, 'kms:Decrypt', K1).decision).toBe('ImplicitDeny');
    expect(asAlice(authorizer, 'kms:Decrypt', K1, { resourceGroup: 'rg-2' }).decision).toBe('ImplicitDeny');
  });

  test('an account-scope Allow settles it: resource-group Denies are not consulted', () => {
    const authorizer = engine(P, [
      { policy: 'Grant', to: 'user/alice' },
      { policy: 'Block', to: 'group/crypto-users', resourceGroup: 'rg-1' },
    ]);
    const decision = authorizer.authorize(
      { principal: ALICE, action: 'kms:Decrypt', ...rg },
      { explain: true },
    );
    expect(decision.decision).toBe('Allow');
    expect(decision.explanation?.step).toBe('account-scope');
    expect(decision.explanation?.statements.map((s) => s.policy)).toEqual(['Grant']);
  });

  test('an account-scope Deny beats a resource-group Allow', () => {
    const authorizer = engine(P, [
      { policy: 'Block', to: 'user/alice' },
      { policy: 'Grant', to: 'user/alice', resourceGroup: 'rg-1' },
    ]);
    expect(asAlice(authorizer, 'kms:Decrypt', K1, rg).decision).toBe('ExplicitDeny');
  });

  test('a resource-group Deny counts when the account scope is silent', () => {
    const authorizer = engine(P, [
      { policy: 'Grant', to: 'user/alice', resourceGroup: 'rg-1' },
      { policy: 'Block', to: 'user/alice', resourceGroup: 'rg-1' },
    ]);
    const decision = authorizer.authorize(
      { principal: ALICE, action: 'kms:Decrypt', ...rg },
      { explain: true },
    );
    expect(decision.decision).toBe('ExplicitDeny');
    expect(decision.explanation?.step).toBe('resource-group-scope');
  });
});

describe('callers (semantics §1, §6.2)', () => {
  const authorizer = engine(
    [policy('P', allow('kms:*'))],
    [
      { policy: 'P', to: 'role/app-role' },
      { policy: 'P', to: 'group/crypto-users' },
    ],
  );

  test('the root is allowed on its own account and on "*", without policies', () => {
    for (const resource of [K1, '*', key('key-1', '')]) {
      expect(
        authorizer.authorize({ principal: ROOT, action: 'ram:DeleteUser', resource }, { explain: true }),
      ).toEqual({
        decision: 'Allow',
        principal: ROOT,
        deciding: [],
        explanation: { step: 'root', statements: [] },
      });
    }
    const elsewhere = authorizer.authorize({
      principal: ROOT,
      action: 'kms:Decrypt',
      resource: key('k', OTHER_ACCOUNT),
    });
    expect(elsewhere.decision).toBe('ImplicitDeny');
  });

  test('role sessions use the role policies', () => {
    const session = `acs:ram::1234567890123456:role/app-role/alice@example.com`;
    expect(authorizer.authorize({ principal: session, action: 'kms:Decrypt', resource: K1 })).toMatchObject({
      decision: 'Allow',
      principal: session,
    });
  });

  test('a service-linked role session uses the catalog policy', () => {
    const session = 'acs:ram::1234567890123456:role/AliyunServiceRoleForKMSSecretsManagerForECS/rotation';
    const get = (resource: string) =>
      authorizer.authorize({ principal: session, action: 'kms:GetSecretValue', resource }).decision;
    expect(get(secret('acs/ecs/db'))).toBe('Allow');
    expect(get(secret('other'))).toBe('ImplicitDeny');
  });

  test.each([
    ['not an ARN', 'alice', 'expected acs:ram::1234567890123456:root'],
    ['another account', `acs:ram::${OTHER_ACCOUNT}:user/alice`, 'model describes account 1234567890123456'],
    ['another account root', `acs:ram::${OTHER_ACCOUNT}:root`, OTHER_ACCOUNT],
    ['an unknown user', 'acs:ram::1234567890123456:user/carol', '"carol"'],
    ['a group', 'acs:ram::1234567890123456:group/crypto-users', 'groups never make requests'],
    ['a bare role', 'acs:ram::1234567890123456:role/app-role', 'role/app-role/<session-name>'],
    ['an unknown role', 'acs:ram::1234567890123456:role/nope/s1', '"nope"'],
    ['a one-letter session name', 'acs:ram::1234567890123456:role/app-role/s', 'session name'],
    ['a session name with a space', 'acs:ram::1234567890123456:role/app-role/a b', 'session name'],
    ['a region in the ARN', 'acs:ram:cn-hangzhou:1234567890123456:user/alice', 'not a caller ARN'],
    ['a user path', 'acs:ram::1234567890123456:user/alice/x', 'not a caller ARN'],
  ])('%s is UnknownPrincipal', (_name, principal, message) => {
    const decision = authorizer.authorize({ id: 'q', principal, action: 'kms:Decrypt' });
    expect(decision).toMatchObject({
      id: 'q',
      decision: 'ImplicitDeny',
      deciding: [],
      error: { code: 'UnknownPrincipal' },
    });
    expect(decision.error?.message).toContain(message);
    expect(decision).not.toHaveProperty('principal');
  });

  test('access keys name their user and fill acs:AccessId', () => {
    const guarded = engine(
      [policy('P', allow('kms:Decrypt', '*', { Condition: { StringLike: { 'acs:AccessId': 'LTAI5t*' } } }))],
      [{ policy: 'P', to: 'user/alice' }],
    );
    expect(guarded.authorize({ accessKeyId: 'LTAI5tAliceActive001', action: 'kms:Decrypt' })).toMatchObject({
      decision: 'Allow',
      principal: ALICE,
    });
    expect(guarded.authorize({ principal: ALICE, action: 'kms:Decrypt' }).decision).toBe('ImplicitDeny');
    expect(
      guarded.authorize({ accessKeyId: 'LTAI5tAliceInactive1', action: 'kms:Decrypt' }).error?.code,
    ).toBe('InactiveAccessKey');
    expect(guarded.authorize({ accessKeyId: 'LTAI5tNobody', action: 'kms:Decrypt' }).error?.code).toBe(
      'UnknownAccessKey',
    );
  });

  test('security tokens are rejected, saying why', () => {
    const decision = authorizer.authorize({ securityToken: 'token', action: 'kms:Decrypt' });
    expect(decision.error).toEqual({
      code: 'InvalidSecurityToken',
      message: "security tokens need the model's sts.publicKeyFile, and this model names no STS public key",
    });
  });
});

describe('cross-account resources (semantics §6.2 step 2)', () => {
  test('never granted, even by "*"', () => {
    const authorizer = engine([policy('P', allow('*'))], [{ policy: 'P', to: 'user/alice' }]);
    const decision = authorizer.authorize(
      { principal: ALICE, action: 'kms:Decrypt', resource: key('k', OTHER_ACCOUNT) },
      { explain: true },
    );
    expect(decision).toMatchObject({ decision: 'ImplicitDeny', explanation: { step: 'cross-account' } });
    expect(asAlice(authorizer, 'kms:Decrypt', key('k', '')).decision).toBe('Allow');
  });
});
