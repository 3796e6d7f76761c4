/** A deterministic, realistic-looking account model of a given size, for pipeline tests. */

const ACCOUNT = '1234567890123456';
const STATEMENTS_PER_POLICY = 10;
const USERS_PER_GROUP = 10;

const ACTIONS = [
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:List*',
  'kms:Describe*',
  'kms:GetSecretValue',
  'kms:*',
  'oss:GetObject',
];
const CONDITIONS: object[] = [
  { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '192.168.1.0/24'] } },
  { StringEquals: { 'kms:tag/Project': ['Apollo', 'Gemini'] } },
  { Bool: { 'acs:SecureTransport': 'true' } },
  { DateLessThan: { 'acs:CurrentTime': '2030-01-01T00:00:00Z' } },
  { NumericLessThan: { 'acs:ResourceTag/Level': '3' } },
  { StringNotLike: { 'acs:SourceVpc': 'vpc-*' } },
];

/** Statement `i` of policy `p`: a mix of literal, wildcard and NotAction lists, resources and conditions. */
function statement(p: number, i: number): object {
  const n = p * STATEMENTS_PER_POLICY + i;
  const action = ACTIONS[n % ACTIONS.length] as string;
  const base =
    n % 7 === 0 ? { NotAction: [action] } : { Action: [action, ACTIONS[(n + 3) % ACTIONS.length]] };
  const resource =
    n % 5 === 0
      ? { NotResource: `acs:kms:*:${ACCOUNT}:key/key-${n}` }
      : { Resource: `acs:kms:*:${ACCOUNT}:key/key-${n}*` };
  const condition = n % 3 === 0 ? { Condition: CONDITIONS[n % CONDITIONS.length] } : {};
  return { Effect: n % 11 === 0 ? 'Deny' : 'Allow', ...base, ...resource, ...condition };
}

/**
 * About `statements` custom statements in policies of ten, one group per ten policies, ten users per
 * group, every third user with an own policy in a resource group, and one role per group.
 */
export function generatedModel(statements: number): object {
  const policyCount = Math.ceil(statements / STATEMENTS_PER_POLICY);
  const groupCount = Math.ceil(policyCount / 10);
  const policies = Array.from({ length: policyCount }, (_, p) => ({
    name: `policy-${p}`,
    document: {
      Version: '1',
      Statement: Array.from({ length: STATEMENTS_PER_POLICY }, (_, i) => statement(p, i)),
    },
  }));
  const groups = Array.from({ length: groupCount }, (_, g) => ({ name: `group-${g}` }));
  const users = Array.from({ length: groupCount * USERS_PER_GROUP }, (_, u) => ({
    name: `user-${u}`,
    groups: [`group-${Math.floor(u / USERS_PER_GROUP)}`],
    accessKeys: [
      { id: `LTAI5tUser${String(u).padStart(10, '0')}`, status: u % 4 === 0 ? 'Inactive' : 'Active' },
    ],
  }));
  const roles = groups.map((_, g) => ({
    name: `role-${g}`,
    trustPolicy: {
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${ACCOUNT}:root`] } },
      ],
    },
  }));
  const attachments = [
    ...policies.map((_, p) => ({ policy: `policy-${p}`, to: `group/group-${Math.floor(p / 10)}` })),
    ...users
      .filter((_, u) => u % 3 === 0)
      .map((user, u) => ({
        policy: `policy-${u % policyCount}`,
        to: `user/${user.name}`,
        resourceGroup: `rg-${u % 4}`,
      })),
    ...roles.map((role, g) => ({ policy: `policy-${g}`, to: `role/${role.name}` })),
    { policy: 'AliyunKMSReadOnlyAccess', policyType: 'System', to: 'group/group-0' },
  ];
  return { account: ACCOUNT, policies, groups, users, roles, attachments };
}
