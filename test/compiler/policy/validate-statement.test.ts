import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../compiler/parse/json-parser.js';
import type { PolicyKind } from '../../../compiler/policy/ast.js';
import { validatePolicy } from '../../../compiler/policy/validate-policy.js';

function check(statement: Record<string, unknown>, kind: PolicyKind = 'permission') {
  const parsed = parseJson(JSON.stringify({ Version: '1', Statement: [statement] }), 'p.json');
  if (parsed.value === null) throw new Error('test setup: the JSON does not parse');
  return validatePolicy(parsed.value, kind, { file: 'p.json' });
}

function codes(statement: Record<string, unknown>, kind: PolicyKind = 'permission'): string[] {
  return check(statement, kind).diagnostics.map((d) => d.code);
}

const ALLOW_ALL = { Effect: 'Allow', Action: '*', Resource: '*' };
const TRUST = {
  Effect: 'Allow',
  Action: 'sts:AssumeRole',
  Principal: { RAM: 'acs:ram::1234567890123456:root' },
};

describe('statement members', () => {
  it('accepts a minimal statement', () => {
    expect(codes(ALLOW_ALL)).toEqual([]);
  });

  it.each([
    ['Effects', 'Effect'],
    ['effect', 'Effect'],
    ['Actions', 'Action'],
    ['action', 'Action'],
    ['Resources', 'Resource'],
    ['Conditions', 'Condition'],
    ['notAction', 'NotAction'],
    ['SID', 'Sid'],
  ])('rejects `%s` and suggests `%s`', (wrong, right) => {
    const statement: Record<string, unknown> = { ...ALLOW_ALL };
    const value = statement[right] ?? {};
    delete statement[right];
    statement[wrong] = value;
    const r = check(statement);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['POLICY_UNKNOWN_MEMBER']);
    expect(r.diagnostics[0]?.message).toContain(`Did you mean \`${right}\`?`);
  });

  it('explains members AWS has and RAM does not', () => {
    const r = check({ ...ALLOW_ALL, NotPrincipal: { RAM: 'x' } });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['POLICY_UNKNOWN_MEMBER']);
    expect(r.diagnostics[0]?.help).toContain('does not support `NotPrincipal`');
  });

  it('reports a missing Effect', () => {
    expect(codes({ Action: '*', Resource: '*' })).toEqual(['POLICY_MISSING_MEMBER']);
  });
});

describe('Effect', () => {
  it.each(['Allow', 'Deny'])('accepts %s', (effect) => {
    expect(check({ ...ALLOW_ALL, Effect: effect }).document?.statements[0]?.effect).toBe(effect);
  });

  it.each([
    ['allow', 'Allow'],
    ['DENY', 'Deny'],
    ['Alow', 'Allow'],
  ])('rejects %s and suggests %s', (effect, suggestion) => {
    const r = check({ ...ALLOW_ALL, Effect: effect });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['STATEMENT_BAD_EFFECT']);
    expect(r.diagnostics[0]?.message).toContain(`Did you mean \`${suggestion}\`?`);
  });

  it('rejects an effect that is close to nothing without a suggestion', () => {
    const r = check({ ...ALLOW_ALL, Effect: 'Permit' });
    expect(r.diagnostics[0]?.message).toBe('`Permit` is not an effect.');
  });

  it('rejects a non-string effect', () => {
    expect(codes({ ...ALLOW_ALL, Effect: true })).toEqual(['VALUE_NOT_STRING']);
  });
});

describe('Action and NotAction', () => {
  it.each([
    ['*'],
    ['kms:*'],
    ['kms:List*'],
    ['kms:Decrypt'],
    ['kms:decrypt'],
    ['ecs:DescribeInstances'],
    ['kms:ReEncrypt*'],
    ['kms:?ecrypt'],
    ['yundun-hsm:Describe*'],
  ])('accepts %s without diagnostics', (action) => {
    expect(codes({ ...ALLOW_ALL, Action: action })).toEqual([]);
  });

  it.each([
    '',
    'kms',
    'kms:',
    ':Decrypt',
    'kms: Decrypt',
    'kms:Decrypt ',
    'kms:Decrypt:x',
    'kms::Decrypt',
    'acs:kms:*:*:key/*',
    'kms/Decrypt',
  ])('rejects %j', (action) => {
    expect(codes({ ...ALLOW_ALL, Action: action })).toEqual(['ACTION_BAD_FORMAT']);
  });

  it('gives targeted help for common slips', () => {
    const help = (action: string) => check({ ...ALLOW_ALL, Action: action }).diagnostics[0]?.help ?? '';
    expect(help('Decrypt')).toContain('Did you mean `kms:Decrypt`?');
    expect(help('kms: Decrypt')).toContain('Remove the spaces');
    expect(help('acs:kms:*:*:key/*')).toContain('put it under `Resource`');
  });

  it('warns about unknown catalogued actions and suggests close names', () => {
    const r = check({ ...ALLOW_ALL, Action: ['kms:Decrpyt', 'kms:GenerateDataKeys'] });
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['ACTION_UNKNOWN', 'warning'],
      ['ACTION_UNKNOWN', 'warning'],
    ]);
    expect(r.diagnostics[0]?.help).toContain('`kms:Decrypt`');
    expect(r.diagnostics[1]?.help).toContain('`kms:GenerateDataKey`');
    expect(r.document).not.toBeNull();
  });

  it('warns about a wildcard that matches no catalogued action, but not for other services', () => {
    expect(codes({ ...ALLOW_ALL, Action: ['kms:Foo*', 'kms:Lisst*'] })).toEqual([
      'ACTION_MATCHES_NOTHING',
      'ACTION_MATCHES_NOTHING',
    ]);
    expect(codes({ ...ALLOW_ALL, Action: ['oss:Foo*', 'oss:Bar', '*:Foo'] })).toEqual([]);
  });

  it('reports both Action and NotAction on the second one, and neither on the statement', () => {
    const both = check({ Effect: 'Allow', NotAction: 'kms:Decrypt', Action: 'kms:Encrypt', Resource: '*' });
    expect(both.diagnostics.map((d) => [d.code, d.span.column])).toEqual([['STATEMENT_ACTION_CONFLICT', 73]]);
    const neither = check({ Effect: 'Allow', Resource: '*' });
    expect(neither.diagnostics.map((d) => [d.code, d.span.column])).toEqual([
      ['STATEMENT_ACTION_CONFLICT', 29],
    ]);
  });

  it.each([
    [[], 'VALUE_EMPTY_ARRAY'],
    [42, 'VALUE_NOT_STRING'],
    [null, 'VALUE_NOT_STRING'],
    [{ kms: 'Decrypt' }, 'VALUE_NOT_STRING'],
    [[['kms:Decrypt']], 'VALUE_NOT_STRING'],
  ])('rejects the value %j', (action, code) => {
    expect(codes({ ...ALLOW_ALL, Action: action })).toEqual([code]);
  });

  it('still checks the string items of a list with a non-string item', () => {
    expect(codes({ ...ALLOW_ALL, Action: ['kms', true] })).toEqual(['ACTION_BAD_FORMAT', 'VALUE_NOT_STRING']);
  });
});

describe('Resource and NotResource', () => {
  it.each([
    '*',
    'acs:kms:cn-hangzhou:1234567890123456:key/key-abc',
    'acs:kms:*:*:key*',
    'acs:kms:*:*:*',
    'acs:*',
    'acs:kms:*',
    'acs:kms:cn-hangzhou:1234567890123456:key',
    'acs:kms:::key',
    'acs:ram::1234567890123456:role/app',
    'acs:kms:cn-hangzhou:123:secret/a:b',
  ])('accepts %s', (resource) => {
    expect(codes({ ...ALLOW_ALL, Resource: resource })).toEqual([]);
  });

  it.each([
    ['', 'not `*` or an ARN'],
    ['arn:aws:kms:us-east-1:123:key/x', '`acs:`, not `arn:`'],
    ['ACS:kms:*:*:key/*', 'lowercase'],
    ['acs:kms:cn-hangzhou', 'ARN'],
    ['acs:kms:cn-hangzhou:123', 'ARN'],
    ['key/key-abc', 'ARN'],
    ['kms:Decrypt', 'put it under `Action`'],
  ])('rejects %j', (resource, help) => {
    const r = check({ ...ALLOW_ALL, Resource: resource });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['RESOURCE_BAD_FORMAT']);
    expect(`${r.diagnostics[0]?.message} ${r.diagnostics[0]?.help}`).toContain(help);
  });

  it('requires exactly one of Resource and NotResource outside trust policies', () => {
    expect(codes({ Effect: 'Allow', Action: '*' })).toEqual(['STATEMENT_RESOURCE_CONFLICT']);
    expect(codes({ ...ALLOW_ALL, NotResource: '*' }, 'session')).toEqual(['STATEMENT_RESOURCE_CONFLICT']);
    expect(
      check({ Effect: 'Allow', Action: '*', NotResource: 'acs:kms:*:*:secret*' }).document,
    ).not.toBeNull();
  });
});

describe('Sid', () => {
  it('accepts 128 characters and rejects 129', () => {
    expect(codes({ ...ALLOW_ALL, Sid: 'a'.repeat(128) })).toEqual([]);
    expect(codes({ ...ALLOW_ALL, Sid: 'a'.repeat(129) })).toEqual(['SID_TOO_LONG']);
  });

  it('counts a character outside the BMP once', () => {
    expect(codes({ ...ALLOW_ALL, Sid: '😀'.repeat(128) })).toEqual([]);
  });

  it.each([[1], [null], [['a']]])('rejects the Sid %j', (sid) => {
    expect(codes({ ...ALLOW_ALL, Sid: sid })).toEqual(['SID_NOT_STRING']);
  });

  it('keeps the Sid in the AST', () => {
    expect(check({ ...ALLOW_ALL, Sid: 'Crypto' }).document?.statements[0]?.sid).toBe('Crypto');
  });
});

describe('policy kinds', () => {
  it('forbids Principal in permission and session policies', () => {
    expect(codes({ ...ALLOW_ALL, Principal: { RAM: 'x' } })).toEqual(['STATEMENT_PRINCIPAL_NOT_ALLOWED']);
    expect(codes({ ...ALLOW_ALL, Principal: { RAM: 'x' } }, 'session')).toEqual([
      'STATEMENT_PRINCIPAL_NOT_ALLOWED',
    ]);
  });

  it('requires Principal and forbids Resource in trust policies', () => {
    expect(codes(TRUST, 'trust')).toEqual([]);
    expect(codes({ Effect: 'Allow', Action: 'sts:AssumeRole' }, 'trust')).toEqual([
      'STATEMENT_MISSING_PRINCIPAL',
    ]);
    expect(codes({ ...TRUST, Resource: '*' }, 'trust')).toEqual(['STATEMENT_RESOURCE_IN_TRUST']);
    expect(codes({ ...TRUST, Resource: '*', NotResource: '*' }, 'trust')).toEqual([
      'STATEMENT_RESOURCE_IN_TRUST',
      'STATEMENT_RESOURCE_IN_TRUST',
    ]);
  });

  it('does not report a missing Principal when a misspelling of it is present', () => {
    const { Principal, ...rest } = TRUST;
    expect(codes({ ...rest, principal: Principal }, 'trust')).toEqual(['POLICY_UNKNOWN_MEMBER']);
  });
});

describe('Principal', () => {
  const trust = (principal: unknown) => codes({ ...TRUST, Principal: principal }, 'trust');

  it('accepts every principal type and form', () => {
    expect(
      trust({
        RAM: [
          'acs:ram::1234567890123456:root',
          'acs:ram::1234567890123456:user/alice',
          'acs:ram::1234567890123456:role/app-role',
        ],
        Service: ['kms.aliyuncs.com', 'keystore.kms.aliyuncs.com'],
        Federated: 'acs:ram::1234567890123456:saml-provider/idp',
      }),
    ).toEqual([]);
  });

  it.each([
    ['*', 'PRINCIPAL_NOT_OBJECT'],
    [['acs:ram::1:root'], 'PRINCIPAL_NOT_OBJECT'],
    [{}, 'PRINCIPAL_EMPTY'],
    [{ AWS: 'acs:ram::1:root' }, 'PRINCIPAL_UNKNOWN_MEMBER'],
    [{ ram: 'acs:ram::1:root' }, 'PRINCIPAL_UNKNOWN_MEMBER'],
    [{ RAM: [] }, 'VALUE_EMPTY_ARRAY'],
    [{ RAM: 1234567890123456 }, 'VALUE_NOT_STRING'],
  ])('rejects %j', (principal, code) => {
    expect(trust(principal)).toEqual([code]);
  });

  it('suggests the right case of a principal type', () => {
    const r = check({ ...TRUST, Principal: { service: 'kms.aliyuncs.com' } }, 'trust');
    expect(r.diagnostics[0]?.message).toContain('Did you mean `Service`?');
  });

  it.each([
    [{ RAM: '1234567890123456' }],
    [{ RAM: 'acs:ram::1234567890123456:group/ops' }],
    [{ RAM: 'acs:ram::acct:root' }],
    [{ Service: 'kms' }],
    [{ Service: 'kms.amazonaws.com' }],
    [{ Federated: 'acs:ram::1:user/x' }],
  ])('warns about %j, which trusts nobody', (principal) => {
    const r = check({ ...TRUST, Principal: principal }, 'trust');
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['PRINCIPAL_BAD_FORMAT', 'warning']]);
    expect(r.document).not.toBeNull();
  });
});
