import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../compiler/parse/json-parser.js';
import type { PolicyKind } from '../../../compiler/policy/ast.js';
import { validatePolicy } from '../../../compiler/policy/validate-policy.js';

function check(text: string, kind: PolicyKind = 'permission', isSystem = false) {
  const parsed = parseJson(text, 'p.json');
  if (parsed.value === null)
    throw new Error(`test setup: the JSON does not parse: ${parsed.diagnostics[0]?.message}`);
  return validatePolicy(parsed.value, kind, { file: 'p.json', isSystem });
}

function codes(text: string, kind: PolicyKind = 'permission'): string[] {
  return check(text, kind).diagnostics.map((d) => d.code);
}

const PLANTED = `{
  "Version": 1,
  "Id": "x",
  "Statement": [
    {
      "Sid": "AllowDecryptFromOffice",
      "Effect": "allow",
      "Actions": "kms:Decrypt",
      "Resource": "acs:kms:cn-hangzhou:1234567890123456:key/*",
      "Principal": { "RAM": "acs:ram::1234567890123456:root" },
      "Condition": {
        "IpAddress": { "acs:SourceIp": ["203.0.113.0/24", "10.0.0.300"] },
        "StringEqualsIfExists": { "acs:SourceVpc": "vpc-1" },
        "ForAnyValue:StringLike": { "kms:tag/Project": "Apollo*" },
        "Null": { "acs:SourceVpc": "true" },
        "stringequals": { "kms:EncryptionAlgorithm": "SYMMETRIC_DEFAULT" },
        "NumericLessThan": { "kms:tag/level": [3] },
        "DateLessThan": { "acs:CurrentTime": "2023-02-29T00:00:00Z", "acs:currenttime": "2026-01-01T00:00:00Z" },
        "Bool": { "acs:SecureTransport": "yes" },
        "IpAddress ": {}
      }
    },
    {
      "Effect": "Deny",
      "Action": ["kms:Decrpyt", "kms:Foo*", "Decrypt", 42],
      "NotAction": "*",
      "Resource": ["arn:aws:kms:us-east-1:1:key/x", "acs:kms:cn-hangzhou"],
      "NotResource": [],
      "Condition": { "IpAddress": { "acs:CurrentTime": "1.2.3.4", "acs:SourceIPAddress": "1.2.3.4" } },
      "Sid": 7
    },
    "not a statement",
    { "Action": "kms:*", "Resource": "*" }
  ]
}`;

describe('validatePolicy on a policy full of mistakes', () => {
  const result = check(PLANTED);

  it('reports every mistake at its exact position, sorted', () => {
    expect(result.diagnostics.map((d) => [d.code, d.span.line, d.span.column])).toEqual([
      ['POLICY_BAD_VERSION', 2, 14],
      ['POLICY_UNKNOWN_MEMBER', 3, 3],
      ['STATEMENT_BAD_EFFECT', 7, 17],
      ['POLICY_UNKNOWN_MEMBER', 8, 7],
      ['STATEMENT_PRINCIPAL_NOT_ALLOWED', 10, 7],
      ['CONDITION_BAD_VALUE', 12, 59],
      ['CONDITION_UNSUPPORTED_OPERATOR', 13, 9],
      ['CONDITION_UNSUPPORTED_OPERATOR', 14, 9],
      ['CONDITION_UNSUPPORTED_OPERATOR', 15, 9],
      ['CONDITION_UNKNOWN_OPERATOR', 16, 9],
      ['VALUE_NOT_STRING', 17, 48],
      ['CONDITION_BAD_VALUE', 18, 46],
      ['CONDITION_DUPLICATE_KEY', 18, 70],
      ['CONDITION_BAD_VALUE', 19, 42],
      ['CONDITION_UNKNOWN_OPERATOR', 20, 9],
      ['ACTION_UNKNOWN', 25, 18],
      ['ACTION_MATCHES_NOTHING', 25, 33],
      ['ACTION_BAD_FORMAT', 25, 45],
      ['VALUE_NOT_STRING', 25, 56],
      ['STATEMENT_ACTION_CONFLICT', 26, 7],
      ['RESOURCE_BAD_FORMAT', 27, 20],
      ['RESOURCE_BAD_FORMAT', 27, 53],
      ['STATEMENT_RESOURCE_CONFLICT', 28, 7],
      ['VALUE_EMPTY_ARRAY', 28, 22],
      ['CONDITION_KEY_TYPE_MISMATCH', 29, 37],
      ['CONDITION_KEY_UNKNOWN', 29, 67],
      ['SID_NOT_STRING', 30, 14],
      ['STATEMENT_NOT_OBJECT', 32, 5],
      ['POLICY_MISSING_MEMBER', 33, 5],
    ]);
  });

  it('builds no document, and gives every diagnostic a help text and the file', () => {
    expect(result.document).toBeNull();
    for (const d of result.diagnostics) {
      expect(d.help, d.code).toBeTruthy();
      expect(d.span.file).toBe('p.json');
    }
  });

  it('marks catalog findings and a key spelt twice as warnings, and the rest as errors', () => {
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.code);
    expect(warnings).toEqual([
      'CONDITION_DUPLICATE_KEY',
      'ACTION_UNKNOWN',
      'ACTION_MATCHES_NOTHING',
      'CONDITION_KEY_TYPE_MISMATCH',
      'CONDITION_KEY_UNKNOWN',
    ]);
  });

  it('suggests the intended spelling', () => {
    const messages = result.diagnostics.map((d) => d.message);
    expect(messages).toContain('`allow` is not an effect. Did you mean `Allow`?');
    expect(messages).toContain(
      '`Actions` is not a statement member (member names are case-sensitive). Did you mean `Action`?',
    );
    expect(messages).toContain(
      '`stringequals` is not a condition operator (names are case-sensitive). Did you mean `StringEquals`?',
    );
    expect(messages).toContain(
      '`IpAddress ` is not a condition operator (names are case-sensitive). Did you mean `IpAddress`?',
    );
    const unknown = result.diagnostics.find((d) => d.code === 'ACTION_UNKNOWN');
    expect(unknown?.help).toContain('`kms:Decrypt`');
    const badFormat = result.diagnostics.find((d) => d.code === 'ACTION_BAD_FORMAT');
    expect(badFormat?.help).toContain('`kms:Decrypt`');
  });

  it('says which format a bad condition value needs', () => {
    const bad = result.diagnostics.filter((d) => d.code === 'CONDITION_BAD_VALUE');
    expect(bad.map((d) => d.message)).toEqual([
      '`10.0.0.300` under `IpAddress` / `acs:SourceIp` is not an IP address.',
      '`2023-02-29T00:00:00Z` under `DateLessThan` / `acs:CurrentTime` is not a date.',
      '`yes` under `Bool` / `acs:SecureTransport` is not a boolean.',
    ]);
    expect(bad[0]?.help).toContain('CIDR');
    expect(bad[1]?.help).toContain('YYYY-MM-DDThh:mm:ss');
    expect(bad[2]?.help).toContain('`true` or `false`');
  });

  it('tells how to quote a number', () => {
    const number = result.diagnostics.find((d) => d.code === 'VALUE_NOT_STRING' && d.span.line === 17);
    expect(number?.help).toContain('write it quoted: "3"');
  });
});

describe('validatePolicy: document structure', () => {
  it.each([
    ['[]', 'POLICY_NOT_OBJECT'],
    ['"policy"', 'POLICY_NOT_OBJECT'],
    ['null', 'POLICY_NOT_OBJECT'],
  ])('rejects %s at the top level', (text, code) => {
    expect(codes(text)).toEqual([code]);
  });

  it('reports both missing members of an empty object', () => {
    expect(codes('{}')).toEqual(['POLICY_MISSING_MEMBER', 'POLICY_MISSING_MEMBER']);
  });

  it('does not also report a member as missing when a misspelling of it is present', () => {
    const r = check(
      '{ "version": "1", "statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] }',
    );
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        'POLICY_UNKNOWN_MEMBER',
        '`version` is not a policy member (member names are case-sensitive). Did you mean `Version`?',
      ],
      [
        'POLICY_UNKNOWN_MEMBER',
        '`statement` is not a policy member (member names are case-sensitive). Did you mean `Statement`?',
      ],
    ]);
  });

  it.each([
    ['"2"', 'Version'],
    ['"1.0"', 'Version'],
    ['"2012-10-17"', 'AWS IAM version'],
    ['1', 'Write it quoted'],
    ['null', 'Version'],
  ])('rejects Version %s', (version, help) => {
    const r = check(
      `{ "Version": ${version}, "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] }`,
    );
    expect(r.diagnostics.map((d) => d.code)).toEqual(['POLICY_BAD_VERSION']);
    expect(r.diagnostics[0]?.help).toContain(help);
  });

  it('rejects an empty Statement array', () => {
    expect(codes('{ "Version": "1", "Statement": [] }')).toEqual(['POLICY_EMPTY_STATEMENT']);
  });

  it('rejects a single statement object but still checks inside it', () => {
    const r = check(
      '{ "Version": "1", "Statement": { "Effect": "Permit", "Action": "*", "Resource": "*" } }',
    );
    expect(r.diagnostics.map((d) => d.code)).toEqual(['POLICY_STATEMENT_NOT_ARRAY', 'STATEMENT_BAD_EFFECT']);
    expect(r.diagnostics[0]?.help).toContain('brackets');
  });

  it('rejects a Statement that is a string', () => {
    expect(codes('{ "Version": "1", "Statement": "Allow everything" }')).toEqual([
      'POLICY_STATEMENT_NOT_ARRAY',
    ]);
  });

  it('reports diagnostics against the file the caller names', () => {
    const parsed = parseJson('{ "Version": "2", "Statement": [] }', '<inline>');
    if (parsed.value === null) throw new Error('test setup');
    const r = validatePolicy(parsed.value, 'permission', { file: 'model.json' });
    expect(r.diagnostics.map((d) => d.span.file)).toEqual(['model.json', 'model.json']);
  });
});

describe('validatePolicy: the AST of valid documents', () => {
  it('builds a permission policy', () => {
    const r = check(`{
      "Version": "1",
      "Statement": [
        { "Sid": "Crypto", "Effect": "Allow", "Action": ["kms:Encrypt", "kms:Decrypt"],
          "Resource": "acs:kms:*:*:key/*",
          "Condition": { "IpAddress": { "acs:SourceIp": "10.0.0.0/8" }, "StringEquals": { "kms:tag/Project": ["A", "B"] } } },
        { "Effect": "Deny", "NotAction": "kms:List*", "NotResource": ["acs:kms:*:*:secret*"] }
      ]
    }`);
    expect(r.diagnostics).toEqual([]);
    const doc = r.document;
    expect(doc?.kind).toBe('permission');
    expect(doc?.statements).toHaveLength(2);
    const [first, second] = doc?.statements ?? [];
    expect(first?.index).toBe(0);
    expect(first?.sid).toBe('Crypto');
    expect(first?.effect).toBe('Allow');
    expect(first?.action.negated).toBe(false);
    expect(first?.action.patterns.map((p) => p.value)).toEqual(['kms:Encrypt', 'kms:Decrypt']);
    expect(first?.action.span.line).toBe(4);
    expect(first?.resource?.patterns.map((p) => p.value)).toEqual(['acs:kms:*:*:key/*']);
    expect(first?.principal).toBeNull();
    expect(
      first?.conditions.map((c) => [c.operator, c.key, c.keyLower, c.values.map((v) => v.value)]),
    ).toEqual([
      ['IpAddress', 'acs:SourceIp', 'acs:sourceip', ['10.0.0.0/8']],
      ['StringEquals', 'kms:tag/Project', 'kms:tag/project', ['A', 'B']],
    ]);
    expect(first?.conditions[0]?.operatorSpan.line).toBe(6);
    expect(second?.index).toBe(1);
    expect(second?.sid).toBeNull();
    expect(second?.effect).toBe('Deny');
    expect(second?.action.negated).toBe(true);
    expect(second?.resource?.negated).toBe(true);
    expect(second?.conditions).toEqual([]);
  });

  it('builds a trust policy with its principal and no resource', () => {
    const r = check(
      `{ "Version": "1", "Statement": [ { "Effect": "Allow", "Action": "sts:AssumeRole",
        "Principal": { "RAM": ["acs:ram::1234567890123456:root"], "Service": "kms.aliyuncs.com" },
        "Condition": { "StringEquals": { "sts:ExternalId": "abc" } } } ] }`,
      'trust',
    );
    expect(r.diagnostics).toEqual([]);
    const statement = r.document?.statements[0];
    expect(statement?.resource).toBeNull();
    expect(statement?.principal?.ram.map((p) => p.value)).toEqual(['acs:ram::1234567890123456:root']);
    expect(statement?.principal?.service.map((p) => p.value)).toEqual(['kms.aliyuncs.com']);
    expect(statement?.principal?.federated).toEqual([]);
  });

  it('keeps the document when there are only warnings', () => {
    const r = check(
      '{ "Version": "1", "Statement": [{ "Effect": "Allow", "Action": "kms:Decrpyt", "Resource": "*" }] }',
    );
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['ACTION_UNKNOWN', 'warning']]);
    expect(r.document?.statements[0]?.action.patterns[0]?.value).toBe('kms:Decrpyt');
  });
});

describe('validatePolicy: document length (semantics §9)', () => {
  /** A policy whose compact JSON is exactly `length` characters, padded through a condition value. */
  function policyOfLength(length: number, pretty: boolean): string {
    const policy = (pad: number) => ({
      Version: '1',
      Statement: [
        {
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { StringEquals: { 'acs:SourceVpc': 'v'.repeat(pad) } },
        },
      ],
    });
    const value = policy(length - JSON.stringify(policy(0)).length);
    expect(JSON.stringify(value).length).toBe(length);
    return pretty ? JSON.stringify(value, null, 4) : JSON.stringify(value);
  }

  it.each([
    ['permission', 6_144],
    ['session', 2_048],
  ] as const)('allows a %s policy of exactly %i characters and rejects one more', (kind, limit) => {
    expect(codes(policyOfLength(limit, false), kind)).toEqual([]);
    expect(codes(policyOfLength(limit + 1, false), kind)).toEqual(['POLICY_TOO_LONG']);
  });

  it('limits trust policies to 4,096 characters', () => {
    const trust = (pad: number) =>
      JSON.stringify({
        Version: '1',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { RAM: ['acs:ram::1234567890123456:root'] },
            Condition: { StringEquals: { 'sts:ExternalId': 'x'.repeat(pad) } },
          },
        ],
      });
    const base = trust(0).length;
    expect(codes(trust(4_096 - base), 'trust')).toEqual([]);
    expect(codes(trust(4_097 - base), 'trust')).toEqual(['POLICY_TOO_LONG']);
  });

  it('does not count whitespace outside strings', () => {
    const pretty = policyOfLength(6_144, true);
    expect(pretty.length).toBeGreaterThan(6_144);
    expect(codes(pretty)).toEqual([]);
  });

  it('exempts system policies', () => {
    expect(check(policyOfLength(7_000, false), 'permission', true).diagnostics).toEqual([]);
  });

  it('says how long the policy is and what the limit is', () => {
    const d = check(policyOfLength(2_049, false), 'session').diagnostics[0];
    expect(d?.message).toBe('The policy is 2049 characters long; a session policy may have at most 2048.');
    expect([d?.span.line, d?.span.column]).toEqual([1, 1]);
  });
});

describe('validatePolicy: robustness', () => {
  const kinds = fc.constantFrom<PolicyKind>('permission', 'session', 'trust');

  it('never throws on arbitrary JSON, and builds a document only without errors', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), kinds, (value, kind) => {
        const r = check(JSON.stringify(value), kind);
        expect(r.document === null).toBe(r.diagnostics.some((d) => d.severity === 'error'));
      }),
    );
  });

  it('never throws on policy-shaped JSON with random members and values', () => {
    const scalar = fc.oneof(
      fc.constantFrom(
        '*',
        'kms:Decrypt',
        'acs:kms:*:*:key/*',
        'Allow',
        '1',
        '10.0.0.0/8',
        '2026-01-01T00:00:00Z',
      ),
      fc.string({ maxLength: 12 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
    const memberName = fc.constantFrom(
      'Sid',
      'Effect',
      'Action',
      'NotAction',
      'Resource',
      'NotResource',
      'Principal',
      'Condition',
      'Actions',
    );
    const condition = fc.dictionary(
      fc.constantFrom(
        'StringEquals',
        'NumericLessThan',
        'DateEquals',
        'Bool',
        'IpAddress',
        'Null',
        'StringLikeX',
      ),
      fc.oneof(
        fc.dictionary(fc.constantFrom('acs:SourceIp', 'acs:sourceip', 'kms:tag/a', 'x', ''), value),
        value,
      ),
    );
    const statement = fc.dictionary(
      memberName,
      fc.oneof(value, condition, fc.dictionary(fc.constantFrom('RAM', 'Service', 'AWS'), value)),
    );
    const policy = fc.record({
      Version: fc.oneof(fc.constant('1'), scalar),
      Statement: fc.array(statement, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(policy, kinds, (p, kind) => {
        const r = check(JSON.stringify(p), kind);
        expect(r.document === null).toBe(r.diagnostics.some((d) => d.severity === 'error'));
        for (const d of r.diagnostics) expect(d.message.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('validatePolicy: large and hostile input', () => {
  it('stays fast on huge values in every position', () => {
    const long = 'a*'.repeat(50_000);
    const statement = {
      Sid: long,
      Effect: long,
      Action: [`kms:${long}`, long, `${long}:${long}`],
      Resource: [`acs:${long}`, long],
      Condition: {
        [long]: { [long]: long },
        IpAddress: { 'acs:SourceIp': long },
        DateEquals: { [long]: long },
      },
    };
    const other = { Effect: 'Allow', Action: '*', Resource: '*', Sid: 0 };
    const text = JSON.stringify({ Version: '1', Statement: [statement, other], [long]: 1 }).replace(
      '"Sid":0',
      `"Sid":${'9'.repeat(100_000)}`,
    );
    const started = performance.now();
    const r = check(text);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(r.document).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toContain('POLICY_TOO_LONG');
    for (const d of r.diagnostics) expect(d.message.length + (d.help?.length ?? 0), d.code).toBeLessThan(800);
  });

  it('validates thousands of statements', () => {
    const statements = Array.from({ length: 5_000 }, (_, i) => ({
      Sid: `S${i}`,
      Effect: i % 2 === 0 ? 'Allow' : 'Deny',
      Action: ['kms:Decrypt', 'kms:List*'],
      Resource: `acs:kms:cn-hangzhou:1234567890123456:key/key-${i}`,
      Condition: { IpAddress: { 'acs:SourceIp': `10.${i % 256}.0.0/16` } },
    }));
    const r = check(JSON.stringify({ Version: '1', Statement: statements }), 'permission', true);
    expect(r.diagnostics).toEqual([]);
    expect(r.document?.statements).toHaveLength(5_000);
    expect(r.document?.statements[4_999]?.index).toBe(4_999);
  });
});
