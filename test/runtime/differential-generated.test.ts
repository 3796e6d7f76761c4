import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { referenceAuthorizer } from '../../compiler/reference/index.js';
import { loadBundle } from '../../runtime/index.js';
import { bundleStatements, normalForm } from './decision-normal-form.js';

const ACCOUNT = '1234567890123456';
const now = (): number => Date.parse('2026-11-27T10:00:00Z');

const ACTIONS = [
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:ListKeys',
  'kms:GenerateDataKey',
  'kms:FutureThing',
  'KMS:decrypt',
];
const ACTION_PATTERNS = [
  '*',
  'kms:*',
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:List*',
  'kms:*Key*',
  'kms:?ncrypt',
  'kms:Future*',
];
const RESOURCES = [
  '*',
  `acs:kms:cn-hangzhou:${ACCOUNT}:key/key-1`,
  `acs:kms:cn-shanghai:${ACCOUNT}:key/key-2`,
  `acs:kms:cn-hangzhou:${ACCOUNT}:key`,
  `acs:kms:cn-hangzhou:${ACCOUNT}:secret/db/pw`,
  'acs:kms:cn-hangzhou:999:key/key-9',
];
const RESOURCE_PATTERNS = [
  '*',
  'acs:kms:*:*:key*',
  'acs:kms:cn-hangzhou:*',
  'acs:kms:*:*:secret/*',
  `acs:kms:*:${ACCOUNT}:key/key-?`,
];

const CONDITIONS: [string, string, string[]][] = [
  ['StringEquals', 'kms:tag/Project', ['Apollo', 'Gemini']],
  ['StringNotEqualsIgnoreCase', 'acs:ResourceTag/Project', ['apollo']],
  ['StringLike', 'acs:SourceVpc', ['vpc-*']],
  ['StringNotLike', 'acs:SourceVpc', ['vpc-a*']],
  ['IpAddress', 'acs:SourceIp', ['10.0.0.0/8', '2001:db8::/32']],
  ['NotIpAddress', 'acs:SourceIp', ['10.1.0.0/16']],
  ['Bool', 'acs:SecureTransport', ['true']],
  ['NumericLessThan', 'kms:tag/Level', ['5']],
  ['NumericGreaterThanEquals', 'kms:tag/Level', ['2', '7']],
  ['DateLessThan', 'acs:CurrentTime', ['2026-12-01T00:00:00Z']],
  ['DateGreaterThan', 'acs:CurrentTime', ['2027-01-01T00:00:00+08:00']],
  ['StringEquals', 'acs:PrincipalARN', [`acs:ram::${ACCOUNT}:user/u0`]],
];

const statementArb = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  notAction: fc.boolean(),
  actions: fc.uniqueArray(fc.constantFrom(...ACTION_PATTERNS), { minLength: 1, maxLength: 3 }),
  notResource: fc.boolean(),
  resources: fc.uniqueArray(fc.constantFrom(...RESOURCE_PATTERNS), { minLength: 1, maxLength: 2 }),
  conditions: fc.uniqueArray(fc.integer({ min: 0, max: CONDITIONS.length - 1 }), { maxLength: 2 }),
});

type StatementSpec = typeof statementArb extends fc.Arbitrary<infer T> ? T : never;

function statementJson(s: StatementSpec): Record<string, unknown> {
  const condition: Record<string, Record<string, string[]>> = {};
  for (const i of s.conditions) {
    const [operator, key, values] = CONDITIONS[i] as [string, string, string[]];
    condition[operator] = { ...condition[operator], [key]: values };
  }
  return {
    Effect: s.Effect,
    [s.notAction ? 'NotAction' : 'Action']: s.actions,
    [s.notResource ? 'NotResource' : 'Resource']: s.resources,
    ...(s.conditions.length > 0 ? { Condition: condition } : {}),
  };
}

const modelArb = fc
  .record({
    policies: fc.array(fc.array(statementArb, { minLength: 1, maxLength: 4 }), {
      minLength: 1,
      maxLength: 4,
    }),
    attachments: fc.array(
      fc.record({
        policy: fc.nat(),
        to: fc.constantFrom('user/u0', 'user/u1', 'group/g0', 'role/r0'),
        resourceGroup: fc.constantFrom(null, 'rg-a', 'rg-b'),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ policies, attachments }) => ({
    account: ACCOUNT,
    policies: policies.map((statements, i) => ({
      name: `P${i}`,
      document: { Version: '1', Statement: statements.map(statementJson) },
    })),
    groups: [{ name: 'g0' }],
    users: [
      { name: 'u0', groups: ['g0'], accessKeys: [{ id: 'LTAIu0key', status: 'Active' }] },
      { name: 'u1', accessKeys: [{ id: 'LTAIu1key', status: 'Inactive' }] },
    ],
    roles: [
      {
        name: 'r0',
        trustPolicy: {
          Version: '1',
          Statement: [
            { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${ACCOUNT}:root`] } },
          ],
        },
      },
    ],
    attachments: [
      ...new Map(
        attachments.map((a) => {
          const attachment = {
            policy: `P${a.policy % policies.length}`,
            to: a.to,
            ...(a.resourceGroup === null ? {} : { resourceGroup: a.resourceGroup }),
          };
          return [JSON.stringify(attachment), attachment];
        }),
      ).values(),
    ],
  }));

const requestArb = fc.record(
  {
    caller: fc.constantFrom<Record<string, string>>(
      { principal: `acs:ram::${ACCOUNT}:user/u0` },
      { principal: `acs:ram::${ACCOUNT}:user/u1` },
      { principal: `acs:ram::${ACCOUNT}:role/r0/session-1` },
      { principal: `acs:ram::${ACCOUNT}:root` },
      { accessKeyId: 'LTAIu0key' },
      { accessKeyId: 'LTAIu1key' },
    ),
    action: fc.constantFrom(...ACTIONS),
    resource: fc.constantFrom(...RESOURCES),
    resourceGroup: fc.constantFrom(undefined, 'rg-a', 'rg-b'),
    tags: fc.record(
      { Project: fc.constantFrom('Apollo', 'APOLLO', 'Gemini'), Level: fc.constantFrom('1', '5', 'high') },
      { requiredKeys: [] },
    ),
    context: fc.record(
      {
        'acs:SourceIp': fc.constantFrom('10.1.2.3', '10.2.0.1', '192.0.2.1', '2001:db8::1'),
        'acs:SecureTransport': fc.constantFrom(true, false, 'TRUE'),
        'acs:SourceVpc': fc.constantFrom('vpc-a1', 'vpc-b2', 'VPC-1'),
        'acs:CurrentTime': fc.constantFrom('2026-11-30T23:00:00Z', '2027-06-01T00:00:00Z'),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['caller', 'action', 'resource'] },
);

describe('runtime ≡ reference on generated models', () => {
  it('decides every generated request alike', () => {
    let compiled = 0;
    fc.assert(
      fc.property(modelArb, fc.array(requestArb, { minLength: 1, maxLength: 12 }), (model, requests) => {
        const { bundle, diagnostics } = compile(model);
        if (bundle === null)
          throw new Error(`generated model does not compile: ${JSON.stringify(diagnostics)}`);
        compiled++;
        const runtime = loadBundle(bundle, { now });
        const reference = referenceAuthorizer(model, { now });
        const present = bundleStatements(bundle);
        for (const r of requests) {
          const request = {
            ...r.caller,
            action: r.action,
            resource: r.resource,
            ...(r.resourceGroup === undefined ? {} : { resourceGroup: r.resourceGroup }),
            ...(r.tags === undefined ? {} : { resourceTags: r.tags }),
            ...(r.context === undefined ? {} : { context: r.context }),
          };
          for (const explain of [false, true]) {
            expect(normalForm(runtime.authorize(request, { explain }), present)).toEqual(
              normalForm(reference.authorize(request, { explain }), present),
            );
          }
        }
      }),
      { numRuns: 300 },
    );
    expect(compiled).toBe(300);
  });
});
