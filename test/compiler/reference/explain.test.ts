import { describe, expect, test } from 'vitest';
import { ALICE, allow, deny, engine, key, policy } from './fixtures.js';

const K1 = key('key-1');

describe('explanations', () => {
  const authorizer = engine(
    [
      policy(
        'P',
        allow('kms:Encrypt'),
        allow('kms:Decrypt', 'acs:kms:*:*:key/key-2'),
        { Effect: 'Allow', NotAction: 'kms:Decrypt', Resource: '*' },
        allow('kms:Decrypt', '*', { Condition: { StringEquals: { 'kms:tag/Project': 'Apollo' } } }),
        deny('kms:Decrypt', '*', {
          Sid: 'Office',
          Condition: { NotIpAddress: { 'acs:SourceIp': '10.0.0.0/8' } },
        }),
        allow('kms:Decrypt', '*', { Condition: { NumericLessThan: { 'kms:tag/Level': '3' } } }),
      ),
    ],
    [{ policy: 'P', to: 'user/alice' }],
  );
  const request = {
    principal: ALICE,
    action: 'kms:Decrypt',
    resource: K1,
    resourceTags: { Project: 'Gemini', Level: 'high' },
    context: { 'acs:SourceIp': '10.0.0.1' },
  };

  test('every statement with its outcome, position and first failing element', () => {
    const decision = authorizer.authorize(request, { explain: true });
    expect(decision.decision).toBe('ImplicitDeny');
    const statements = decision.explanation?.statements ?? [];
    expect(decision.explanation?.step).toBe('no-statement');
    expect(statements.map((s) => [s.statement, s.outcome, s.failed?.element])).toEqual([
      [0, 'no-match', 'Action'],
      [1, 'no-match', 'Resource'],
      [2, 'no-match', 'NotAction'],
      [3, 'no-match', 'Condition'],
      [4, 'no-match', 'Condition'],
      [5, 'indeterminate', 'Condition'],
    ]);
    for (const s of statements) {
      expect(s.position).toEqual({ file: '<model>', line: expect.any(Number), column: expect.any(Number) });
      expect(s.failed?.position?.line).toBeGreaterThanOrEqual(s.position?.line ?? 0);
    }
    expect(statements[0]?.failed?.reason).toBe(
      'action "kms:Decrypt" matches none of the Action patterns "kms:Encrypt"',
    );
    expect(statements[2]?.failed?.reason).toContain('NotAction pattern "kms:Decrypt"');
    expect(statements[3]?.failed).toMatchObject({ operator: 'StringEquals', key: 'kms:tag/Project' });
    expect(statements[3]?.failed?.reason).toContain('"Gemini"');
    expect(statements[4]).toMatchObject({ sid: 'Office', effect: 'Deny' });
    expect(statements[4]?.failed).toMatchObject({ operator: 'NotIpAddress', key: 'acs:SourceIp' });
    expect(statements[5]?.failed?.reason).toContain('not a decimal number');
  });

  test('positions point at the statement in the model text', () => {
    const decision = authorizer.authorize(request, { explain: true });
    const lines = (decision.explanation?.statements ?? []).map((s) => s.position?.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(new Set(lines).size).toBe(lines.length);
  });

  test('without explain there is no explanation and no positions', () => {
    const decision = authorizer.authorize({ ...request, context: { 'acs:SourceIp': '11.0.0.1' } });
    expect(decision.decision).toBe('ExplicitDeny');
    expect(decision).not.toHaveProperty('explanation');
    expect(decision.deciding).toEqual([
      {
        policy: 'P',
        policyType: 'Custom',
        version: 'v1',
        statement: 4,
        sid: 'Office',
        effect: 'Deny',
        scope: 'account',
      },
    ]);
  });

  test('errors explain with the error step', () => {
    const decision = authorizer.authorize({ action: 'kms:Decrypt' }, { explain: true });
    expect(decision.explanation).toEqual({ step: 'error', statements: [] });
  });
});
