import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../compiler/parse/json-parser.js';
import { CONDITION_OPERATORS } from '../../../compiler/policy/ast.js';
import { validatePolicy } from '../../../compiler/policy/validate-policy.js';

function check(condition: unknown) {
  const statement = { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: condition };
  const parsed = parseJson(JSON.stringify({ Version: '1', Statement: [statement] }), 'p.json');
  if (parsed.value === null) throw new Error('test setup: the JSON does not parse');
  return validatePolicy(parsed.value, 'permission', { file: 'p.json' });
}

function codes(condition: unknown): string[] {
  return check(condition).diagnostics.map((d) => d.code);
}

/** A key of each type the operators compare, so no type-mismatch warning muddles the value tests. */
const KEY_FOR = {
  string: 'acs:SourceVpc',
  numeric: 'kms:tag/level',
  date: 'acs:CurrentTime',
  boolean: 'acs:SecureTransport',
  ip: 'acs:SourceIp',
} as const;

function keyFor(operator: string): string {
  if (operator.startsWith('String')) return KEY_FOR.string;
  if (operator.startsWith('Numeric')) return KEY_FOR.numeric;
  if (operator.startsWith('Date')) return KEY_FOR.date;
  if (operator === 'Bool') return KEY_FOR.boolean;
  return KEY_FOR.ip;
}

const GOOD_VALUE: Record<string, string> = {
  String: 'vpc-*',
  Numeric: '-1.5e3',
  Date: '2026-11-27T10:00:00+08:00',
  Bool: 'TRUE',
  Ip: '2001:db8::/32',
};

function goodValue(operator: string): string {
  const family = Object.keys(GOOD_VALUE).find(
    (f) => operator.startsWith(f) || operator.startsWith(`Not${f}`),
  );
  return GOOD_VALUE[family ?? 'String'] ?? '';
}

describe('condition operators', () => {
  it.each(CONDITION_OPERATORS.map((op) => [op]))('accepts %s with a value of its type', (operator) => {
    const r = check({ [operator]: { [keyFor(operator)]: goodValue(operator) } });
    expect(r.diagnostics).toEqual([]);
    expect(r.document?.statements[0]?.conditions[0]?.operator).toBe(operator);
  });

  it.each([
    ['StringEqualsIfExists'],
    ['NumericLessThanIfExists'],
    ['stringEqualsIfExists'],
    ['ForAnyValue:StringEquals'],
    ['ForAllValues:StringLike'],
    ['Null'],
    ['ArnLike'],
    ['ArnEquals'],
    ['BinaryEquals'],
  ])('says RAM does not support %s', (operator) => {
    const r = check({ [operator]: { 'acs:SourceVpc': 'vpc-1' } });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['CONDITION_UNSUPPORTED_OPERATOR']);
    expect(r.diagnostics[0]?.message).toContain('RAM does not support');
  });

  it('tells how to test for a missing key instead of Null', () => {
    expect(check({ Null: { 'acs:SourceVpc': 'true' } }).diagnostics[0]?.help).toContain(
      '`StringNotLike` with `*`',
    );
  });

  it.each([
    ['stringequals', 'StringEquals'],
    ['StringEqual', 'StringEquals'],
    ['IpAdress', 'IpAddress'],
    ['NumericLessThanOrEquals', 'NumericLessThanEquals'],
    ['DateGreaterThanEqual', 'DateGreaterThanEquals'],
    ['Boolean', 'Bool'],
    ['NotIpAddresses', 'NotIpAddress'],
  ])('rejects %s and suggests %s', (operator, suggestion) => {
    const r = check({ [operator]: { 'acs:SourceVpc': 'vpc-1' } });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['CONDITION_UNKNOWN_OPERATOR']);
    expect(r.diagnostics[0]?.message).toContain(`Did you mean \`${suggestion}\`?`);
  });

  it('rejects an operator far from any name without a suggestion', () => {
    const r = check({ Matches: { 'acs:SourceVpc': 'vpc-1' } });
    expect(r.diagnostics[0]?.message).toBe(
      '`Matches` is not a condition operator (names are case-sensitive).',
    );
  });
});

describe('condition values', () => {
  it.each([
    ['NumericEquals', ['1.', '+1', '0x10', 'ten', '', ' 1', 'Infinity']],
    [
      'DateLessThan',
      ['2023-02-29T00:00:00Z', '2026-01-01', '2026-01-01T00:00:00', '2026-01-01T00:00:00.1234Z', 'now'],
    ],
    ['Bool', ['yes', '1', '', 'true ']],
    ['IpAddress', ['10.0.0.300', '10.0.0.0/33', 'fe80::1%eth0', 'localhost', '010.0.0.1']],
  ])('rejects malformed %s values', (operator, values) => {
    const r = check({ [operator]: { [keyFor(operator)]: values } });
    expect(r.diagnostics.map((d) => d.code)).toEqual(values.map(() => 'CONDITION_BAD_VALUE'));
    expect(r.document).toBeNull();
  });

  it('accepts any string under string operators', () => {
    expect(codes({ StringLike: { 'acs:SourceVpc': ['', '*', '?', 'a*b?c', ' spaced '] } })).toEqual([]);
  });

  it('keeps every value in the AST in order', () => {
    const r = check({ IpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '192.168.0.1'] } });
    expect(r.document?.statements[0]?.conditions[0]?.values.map((v) => v.value)).toEqual([
      '10.0.0.0/8',
      '192.168.0.1',
    ]);
  });

  it.each([
    [{ StringEquals: { 'acs:SourceVpc': 42 } }, 'VALUE_NOT_STRING'],
    [{ Bool: { 'acs:SecureTransport': true } }, 'VALUE_NOT_STRING'],
    [{ StringEquals: { 'acs:SourceVpc': [] } }, 'VALUE_EMPTY_ARRAY'],
    [{ StringEquals: { 'acs:SourceVpc': { a: 'b' } } }, 'VALUE_NOT_STRING'],
    [{ StringEquals: 'acs:SourceVpc' }, 'CONDITION_NOT_OBJECT'],
    [['StringEquals'], 'CONDITION_NOT_OBJECT'],
    [{ StringEquals: { '': 'x' } }, 'CONDITION_KEY_EMPTY'],
  ])('rejects %j', (condition, code) => {
    expect(codes(condition)).toEqual([code]);
  });

  it('suggests quoting a JSON boolean', () => {
    expect(check({ Bool: { 'acs:SecureTransport': true } }).diagnostics[0]?.help).toContain(
      'write it quoted: "true"',
    );
  });
});

describe('condition keys', () => {
  it('warns about a key twice under one operator, ignoring case, and keeps both', () => {
    const r = check({ StringEquals: { 'acs:SourceVpc': 'vpc-a', 'ACS:SOURCEVPC': 'vpc-b' } });
    expect(r.diagnostics.map((d) => [d.code, d.span.column])).toEqual([['CONDITION_DUPLICATE_KEY', 138]]);
  });

  it('allows the same key under two operators', () => {
    expect(
      codes({ StringLike: { 'acs:SourceVpc': 'vpc-*' }, StringNotEquals: { 'acs:SourceVpc': 'vpc-bad' } }),
    ).toEqual([]);
  });

  it('warns about unknown acs:, kms: and sts: keys only', () => {
    expect(
      codes({ StringEquals: { 'acs:SourceVPCId': 'x', 'kms:KeySpec': 'x', 'sts:RoleSessionName': 'x' } }),
    ).toEqual(['CONDITION_KEY_UNKNOWN', 'CONDITION_KEY_UNKNOWN', 'CONDITION_KEY_UNKNOWN']);
    expect(codes({ StringEquals: { 'oss:Prefix': 'x', 'ram:ServiceName': 'x', custom: 'x' } })).toEqual([]);
  });

  it('accepts known keys in any case and every tag key', () => {
    expect(
      codes({
        IpAddress: { 'ACS:SOURCEIP': '10.0.0.0/8' },
        StringEquals: {
          'kms:tag/acs:rds:instance-encryption': 'x',
          'acs:ResourceTag/Project': 'x',
          'acs:RequestTag/Owner': 'x',
          'kms:EncryptionAlgorithm': 'SYMMETRIC_DEFAULT',
          'sts:ExternalId': 'x',
        },
      }),
    ).toEqual([]);
  });

  it.each([
    [{ IpAddress: { 'acs:CurrentTime': '10.0.0.0/8' } }, 'the `Date*` operators'],
    [{ DateLessThan: { 'acs:SourceIp': '2026-01-01T00:00:00Z' } }, '`IpAddress` or `NotIpAddress`'],
    [{ Bool: { 'acs:SourceVpc': 'true' } }, '`StringEquals`'],
    [{ NumericLessThan: { 'acs:MFAPresent': '1' } }, '`Bool`'],
    [{ StringEquals: { 'acs:SourceIp': '10.0.0.1' } }, '`IpAddress`'],
  ])('warns when %j tests a key of another type', (condition, help) => {
    const r = check(condition);
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['CONDITION_KEY_TYPE_MISMATCH', 'warning'],
    ]);
    expect(r.diagnostics[0]?.help).toContain(help);
    expect(r.document).not.toBeNull();
  });

  it('does not warn for typed operators on tag keys, which are free text', () => {
    expect(
      codes({
        NumericLessThan: { 'kms:tag/level': '3' },
        DateLessThan: { 'acs:ResourceTag/expires': '2026-01-01T00:00:00Z' },
        Bool: { 'acs:RequestTag/public': 'false' },
      }),
    ).toEqual([]);
  });

  it('warns about empty blocks but keeps the document', () => {
    expect(codes({})).toEqual(['CONDITION_EMPTY']);
    const r = check({ StringEquals: {} });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['CONDITION_EMPTY']);
    expect(r.document?.statements[0]?.conditions).toEqual([]);
  });
});
