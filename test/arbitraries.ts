/**
 * Every fast-check arbitrary of the test suites: patterns, policies, models and requests, aimed at the
 * edges of the semantics (wildcards that overlap, strings one character off a pattern, case variants,
 * mistyped condition values, missing keys, scopes). Generated models are valid by construction; the
 * requests against them may be deliberately invalid. Names come from fixed universes (users `u0`–`u4`,
 * groups `g0`–`g2`, roles `r0`, `r1`), so one request arbitrary serves every model.
 */
import fc from 'fast-check';

export const ACCOUNT = '1234567890123456';
const OTHER_ACCOUNT = '9999999999999999';
const RESOURCE_GROUPS = ['rg-aek2alpha', 'rg-aek2beta'];
const SLR_NAME = 'AliyunServiceRoleForKMSKeyStore';
const SLR_SERVICE = 'keystore.kms.aliyuncs.com';
const USERS = ['u0', 'u1', 'u2', 'u3', 'u4'];
const GROUPS = ['g0', 'g1', 'g2'];
const ROLES = ['r0', 'r1'];
const SYSTEM_POLICIES = ['FullAccess', 'ReadOnlyAccess', 'CryptoAdminAccess', 'CryptoUserAccess']
  .concat('SecretUserAccess', 'SecretAdminAccess')
  .map((name) => `AliyunKMS${name}`)
  .concat('AliyunSTSAssumeRoleAccess');

const KMS_ACTIONS = (
  'Decrypt Encrypt ReEncryptFrom ReEncryptTo GenerateDataKey GenerateDataKeyWithoutPlaintext ListKeys ' +
  'ListAliases ListSecrets DescribeKey DescribeSecret GetSecretValue CreateAlias TagResource ' +
  'GetRandomPassword DescribeRegions FutureThing'
).split(' ');
const OTHER_ACTIONS = ['sts:AssumeRole', 'ram:CreateServiceLinkedRole', 'oss:GetObject'];
const RELATIVE_IDS = (
  'key key/key-hzz62f1cb66fa42qo1 key/key-hzz62f1cb66fa42qo2 key/0b7e3f9c-1234-4c2d-9e8f-a1b2c3d4e5f6 ' +
  'key/key-hzz62f1cb66fa42qo1/extra key/a:b key/* alias alias/Prod alias/prod secret secret/db/password!1 ' +
  'secret/acs/ecs/rotation secret/数据/é secret/😀 certificate/cert-1'
).split(' ');
const FIXED_RESOURCE_PATTERNS = [
  ...['key*', 'alias*', 'secret*', 'secret/acs/ecs/*'].map((tail) => `acs:kms:*:*:${tail}`),
  ...['acs:*:*cn-beijing*:*:*', `acs:kms:*:${ACCOUNT}:*`, 'acs:kms:cn-hangzhou:*', 'acs:**'],
];

const COMPARISONS = ['Equals', 'NotEquals', 'LessThan', 'LessThanEquals', 'GreaterThan', 'GreaterThanEquals'];
/** Condition operators by value family (semantics §4.1). */
const OPERATORS = {
  string: ['Equals', 'NotEquals', 'EqualsIgnoreCase', 'NotEqualsIgnoreCase', 'Like', 'NotLike'].map(
    (o) => `String${o}`,
  ),
  numeric: COMPARISONS.map((o) => `Numeric${o}`),
  date: COMPARISONS.map((o) => `Date${o}`),
  boolean: ['Bool'],
  ip: ['IpAddress', 'NotIpAddress'],
};
type Family = keyof typeof OPERATORS;

/** Policy values of each family; the string pool deliberately holds numbers, wildcards and Unicode. */
const POLICY_VALUES: Record<Family, readonly string[]> = {
  string: [
    ...'Apollo apollo APOLLO Gemini vpc-a1 vpc-* vpc-a? * ? Ä ä İ i̇ ΑΣ ας 数 😀 ?😀 ?? SYMMETRIC_DEFAULT'.split(
      ' ',
    ),
    ...'RSAES_OAEP_SHA_256 LTAIu0k0 STS.* 5 true 10.1.2.3'.split(' '),
    ...['user/u0', 'user/*', 'role/r0/*'].map((tail) => `acs:ram::${ACCOUNT}:${tail}`),
    '',
  ],
  numeric: '0 -0 5 5.0 1e1 10 -3.5 0.1 1E2 3 1e400 100000000000000000001'.split(' '),
  date: [
    ...['2026-11-27T10:00:00Z', '2026-11-27T18:00:00+08:00', '2026-11-27T10:00:00.001Z'],
    ...['2026-12-01T00:00:00Z', '2025-01-01T00:00:00-05:30', '2027-06-01T00:00:00Z'],
  ],
  boolean: ['true', 'false', 'TRUE', 'False'],
  ip: '10.0.0.0/8 10.1.2.3 10.1.2.3/32 10.1.2.255/24 2001:db8::/32 2001:DB8::1 ::ffff:10.1.2.3 0.0.0.0/0 ::/0 192.168.1.0/24'.split(
    ' ',
  ),
};

/** Request values of the right type for each family (IP: addresses only, as `acs:SourceIp` requires). */
const REQUEST_VALUES: Record<Family, readonly (string | number | boolean)[]> = {
  string: POLICY_VALUES.string,
  numeric: [5, '5.0', 10, '1e1', -0, '0', 3.5, '-3.5', 1e21, '1e400'],
  date: [
    ...['2026-11-27T10:00:00Z', '2026-11-27T10:00:00.001Z', '2026-11-27T18:00:00+08:00'],
    ...['2026-11-30T23:59:59.999Z', '2027-06-01T00:00:00Z'],
  ],
  boolean: [true, false, 'TRUE', 'false'],
  ip: ['10.1.2.3', '10.2.0.1', '192.168.1.7', '2001:db8::1', '::ffff:10.1.2.3', '192.0.2.1'],
};

/** Request values that are of no type, or of another type than the key's (or not text at all). */
const MISTYPED_VALUES: readonly (string | number | boolean)[] = [
  ...[5, 5.5, -0, 1e21, true, false, '', ' 16', 'half \ude00 pair'],
  ...'high 0x10 not-an-ip 10.0.0.0/8 2026-01-01 2026-02-30T00:00:00Z 2026-11-27T10:00:00 yes'.split(' '),
];

const TYPED_KEYS: Record<string, Family> = {
  'acs:SourceIp': 'ip',
  'acs:CurrentTime': 'date',
  'acs:SecureTransport': 'boolean',
  'acs:MFAPresent': 'boolean',
};
const STRING_KEYS =
  'acs:SourceVpc acs:AccessId kms:EncryptionAlgorithm custom:Level ram:ServiceName sts:ExternalId'.split(' ');
const TAG_KEYS = ['Project', 'Level', 'acs:rds:instance-encryption', 'a/b', 'a', 'Env'];
const POLICY_KEYS = [
  ...Object.keys(TYPED_KEYS),
  ...STRING_KEYS,
  'acs:PrincipalARN',
  ...TAG_KEYS.map((k) => `kms:tag/${k}`),
  'acs:ResourceTag/Project',
  'acs:ResourceTag/Level',
];

/** `usual`, and one time in `odds + 1` `rare`. */
function rarely<T>(usual: fc.Arbitrary<T>, rare: fc.Arbitrary<T>, odds = 10): fc.Arbitrary<T> {
  return fc.oneof({ weight: odds, arbitrary: usual }, { weight: 1, arbitrary: rare });
}

/** One edit of a string: [kind, position, length]; positions wrap around the string. */
type Edit = [number, number, number];
const editArb: fc.Arbitrary<Edit> = fc.tuple(
  fc.constantFrom(0, 0, 1, 1, 2, 3, 4, 5, 6),
  fc.nat(40),
  fc.nat(3),
);

/**
 * Applies edits that move a string to the edge of a pattern: a span becomes `*` (or `**`), a character
 * becomes `?`, changes case, is replaced, deleted or doubled. `alphabet` gives the replacement characters.
 */
export function applyEdits(text: string, edits: readonly Edit[], alphabet: string): string {
  let s = text;
  for (const [kind, position, length] of edits) {
    const at = s.length === 0 ? 0 : position % s.length;
    const c = s.charAt(at);
    const other = alphabet.charAt(position % alphabet.length);
    const swapped = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
    const replacement = [length === 3 ? '**' : '*', '?', swapped, other, '', c + c, `${other}*`][kind] ?? '';
    s = s.slice(0, at) + replacement + s.slice(at + (kind === 0 ? length : 1));
  }
  return s;
}

/** 0–`max` edits, none two times in three. */
const editsArb = (max: number, edit: fc.Arbitrary<Edit> = editArb): fc.Arbitrary<Edit[]> =>
  rarely(fc.constant([]), fc.array(edit, { minLength: 1, maxLength: max }), 2);

/** A catalogued action of a few hot ones (so statements and requests meet), or any of the others. */
const actionArb = rarely(
  fc.constantFrom('kms:Decrypt', 'kms:ListKeys', 'kms:GetSecretValue'),
  fc.constantFrom(...KMS_ACTIONS.map((a) => `kms:${a}`), ...OTHER_ACTIONS),
  2,
);

/** A request action: catalogued, unknown, of another service, in any case, or one character off. */
export const requestActionArb: fc.Arbitrary<string> = fc
  .tuple(actionArb, editsArb(2, fc.tuple(fc.constantFrom(2, 2, 3, 4), fc.nat(40), fc.constant(0))))
  .map(([action, edits]) => {
    const colon = action.indexOf(':');
    return `${action.slice(0, colon + 1)}${applyEdits(action.slice(colon + 1), edits, 'xyYeİ')}`;
  });

const NAME_PART = /^[A-Za-z0-9_.*?-]+$/;

/** An action pattern: `*`, `kms:*`, or an action with wildcards, case changes and near misses in it. */
export const actionPatternArb: fc.Arbitrary<string> = rarely(
  fc
    .tuple(actionArb, editsArb(1, fc.tuple(fc.constantFrom(0, 1, 2), fc.nat(3), fc.nat(2))), editsArb(3))
    .map(([action, serviceEdits, nameEdits]) => {
      const [service = '', name = ''] = action.split(':');
      const s = applyEdits(service, serviceEdits, 'k');
      const n = applyEdits(name, nameEdits, 'xyY-');
      return `${NAME_PART.test(s) ? s : service}:${NAME_PART.test(n) ? n : '*'}`;
    }),
  fc.constantFrom('*', 'kms:*', 'kms:List*', 'kms:ReEncrypt*', 'kms:*Key*', 'kms:?ncrypt', 'KMS:DECRYPT'),
  3,
);

/** The parts of a requested ARN (`acs:<service>:<region>:<account>:<relative>`). */
const arnPartsArb = fc.record({
  service: rarely(fc.constant('kms'), fc.constant('oss'), 4),
  region: rarely(fc.constant('cn-hangzhou'), fc.constantFrom('cn-shanghai', 'cn-beijing'), 2),
  account: rarely(fc.constant(ACCOUNT), fc.constantFrom(OTHER_ACCOUNT, ''), 4),
  relative: rarely(
    fc.constantFrom('key', 'key/key-hzz62f1cb66fa42qo1', 'secret/db/password!1', 'alias/Prod'),
    fc.constantFrom(...RELATIVE_IDS),
    2,
  ),
});

/** A requested resource ARN (or `*`): own account, another one, an empty account, other services. */
export const resourceArb: fc.Arbitrary<string> = rarely(
  arnPartsArb.map(
    ({ service, region, account, relative }) => `acs:${service}:${region}:${account}:${relative}`,
  ),
  fc.constant('*'),
  8,
);

/**
 * Half of a surrogate pair. Edits and cuts can split `😀`, and validation refuses the half
 * (VALUE_BAD_UNICODE, docs/semantics.md), so generated patterns put `?` in its place.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const keepOrStar = fc.boolean();

/**
 * A resource pattern: `*`, a catalog-style wildcard, or a resource ARN whose segments may be `*` (the
 * relative id cut after a random length and closed with `*`), then nudged by edits.
 */
export const resourcePatternArb: fc.Arbitrary<string> = rarely(
  fc
    .tuple(arnPartsArb, fc.tuple(keepOrStar, keepOrStar, keepOrStar, keepOrStar), fc.nat(12), editsArb(2))
    .map(([p, [service, region, account, relative], cut, edits]) => {
      const tail = relative ? p.relative : `${p.relative.slice(0, cut)}*`;
      const arn = [service ? p.service : '*', region ? p.region : '*', account ? p.account : '*', tail].join(
        ':',
      );
      const edited = `acs:${applyEdits(arn, edits, 'k:/-yY')}`.replace(LONE_SURROGATE, '?');
      return edited.includes('*') || edited.split(':').length >= 5 ? edited : `${edited}*`;
    }),
  fc.constantFrom('*', ...FIXED_RESOURCE_PATTERNS),
  3,
);

/** A list member: a one-element list is sometimes written as a bare string (semantics §2). */
function listValue(values: string[], bare: boolean): string | string[] {
  return bare && values.length === 1 ? (values[0] as string) : values;
}

/** 1–3 distinct policy values; for strings sometimes 8–10, which takes the compiler's lookup-table path. */
function valuesArb(family: Family): fc.Arbitrary<string[]> {
  const few = fc.shuffledSubarray([...POLICY_VALUES[family]], { minLength: 1, maxLength: 3 });
  if (family !== 'string') return few;
  const many = fc.shuffledSubarray([...POLICY_VALUES.string], { minLength: 8, maxLength: 10 });
  return fc.oneof({ weight: 9, arbitrary: few }, { weight: 1, arbitrary: many });
}

const familyArb = fc.constantFrom<Family>('string', 'string', 'numeric', 'date', 'boolean', 'ip');

/** A `Condition` block: 1–2 operators, each with 1–2 keys (case variants included, also of one key) and well-typed values. */
export const conditionArb: fc.Arbitrary<Record<string, Record<string, string | string[]>>> = fc
  .uniqueArray(
    familyArb.chain((family) =>
      fc.record({
        operator: fc.constantFrom(...OPERATORS[family]),
        keys: fc.uniqueArray(
          fc.record({
            key: fc.tuple(fc.constantFrom(...POLICY_KEYS), fc.nat(2)).map(([k, v]) => caseVariant(k, v)),
            values: valuesArb(family),
            bare: fc.boolean(),
          }),
          // Two spellings of one key may share an operator (both are tested); one spelling twice is a JSON duplicate.
          { minLength: 1, maxLength: 2, selector: (k) => k.key },
        ),
      }),
    ),
    { minLength: 1, maxLength: 2, selector: (c) => c.operator },
  )
  .map((clauses) =>
    Object.fromEntries(
      clauses.map(({ operator, keys }) => [
        operator,
        Object.fromEntries(keys.map(({ key, values, bare }) => [key, listValue(values, bare)])),
      ]),
    ),
  );

/** `key` as written (0), lower-cased (1) or upper-cased after its first `:` (2). */
function caseVariant(key: string, variant: number): string {
  if (variant === 1) return key.toLowerCase();
  if (variant === 2) return key.replace(/:(.*)$/, (_, rest: string) => `:${rest.toUpperCase()}`);
  return key;
}

/** One statement of a permission policy, as JSON. */
export const statementArb: fc.Arbitrary<Record<string, unknown>> = fc
  .record(
    {
      Sid: fc.constantFrom('AllowDecrypt', '', 'with space', 'é✓'),
      Effect: fc.constantFrom('Allow', 'Deny'),
      notAction: fc.constantFrom(false, false, true),
      actions: fc.uniqueArray(actionPatternArb, { minLength: 1, maxLength: 3 }),
      notResource: fc.constantFrom(false, false, false, true),
      resources: fc.uniqueArray(resourcePatternArb, { minLength: 1, maxLength: 3 }),
      bare: fc.boolean(),
      Condition: rarely(conditionArb, fc.constant(undefined), 1),
    },
    { requiredKeys: ['Effect', 'notAction', 'actions', 'notResource', 'resources', 'bare', 'Condition'] },
  )
  .map(({ Sid, Effect, notAction, actions, notResource, resources, bare, Condition }) => ({
    ...(Sid === undefined ? {} : { Sid }),
    Effect,
    [notAction ? 'NotAction' : 'Action']: listValue(actions, bare),
    [notResource ? 'NotResource' : 'Resource']: listValue(resources, bare),
    ...(Condition === undefined ? {} : { Condition }),
  }));

/** A custom permission policy document. */
export const policyDocumentArb = fc
  .array(statementArb, { minLength: 1, maxLength: 4 })
  .map((Statement) => ({ Version: '1', Statement }));

/** A model.json object as the generators build it (interfaces §1), everything inline. */
export interface ModelJson {
  account: string;
  policies: Record<string, unknown>[];
  groups: { name: string }[];
  users: { name: string; groups?: string[]; accessKeys?: { id: string; status?: string }[] }[];
  roles: Record<string, unknown>[];
  attachments: { policy: string; policyType?: string; to: string; resourceGroup?: string }[];
  [member: string]: unknown;
}

const TRUST_POLICY = {
  Version: '1',
  Statement: [
    { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${ACCOUNT}:root`] } },
  ],
};

const attachmentArb = fc.record({
  policy: fc.oneof(fc.nat(3), fc.constantFrom(...SYSTEM_POLICIES)),
  kind: fc.constantFrom('user', 'user', 'group', 'role'),
  target: fc.nat(4),
  resourceGroup: fc.constantFrom(undefined, undefined, ...RESOURCE_GROUPS),
});

/**
 * A valid account model: 1–5 users (in 0–2 groups each, with active and inactive AccessKeys), 0–3
 * groups, 0–2 normal roles, sometimes the KMS key-store service-linked role, 1–4 custom policies (some
 * with two versions), and attachments of custom and system policies at account and resource-group scope.
 */
export const modelArb: fc.Arbitrary<ModelJson> = fc
  .record({
    userCount: fc.integer({ min: 1, max: 5 }),
    groupCount: fc.nat(3),
    memberships: fc.array(fc.uniqueArray(fc.nat(2), { maxLength: 2 }), { minLength: 5, maxLength: 5 }),
    keys: fc.array(fc.array(fc.constantFrom('Active', undefined, 'Inactive'), { maxLength: 2 }), {
      minLength: 5,
      maxLength: 5,
    }),
    roleCount: rarely(fc.integer({ min: 1, max: 2 }), fc.constant(0), 3),
    serviceLinkedRole: fc.boolean(),
    policies: fc.array(fc.tuple(fc.array(policyDocumentArb, { minLength: 1, maxLength: 2 }), fc.nat(1)), {
      minLength: 1,
      maxLength: 4,
    }),
    attachments: fc.array(attachmentArb, { maxLength: 10 }),
  })
  .map((shape) => {
    const users = USERS.slice(0, shape.userCount);
    const groups = GROUPS.slice(0, shape.groupCount);
    const roles = ROLES.slice(0, shape.roleCount);
    const targets = { user: users, group: groups, role: roles };
    const attachments = new Map<string, ModelJson['attachments'][number]>();
    for (const a of shape.attachments) {
      const names =
        targets[a.kind as keyof typeof targets].length > 0 ? targets[a.kind as keyof typeof targets] : users;
      const kind = names === users ? 'user' : a.kind;
      const attachment = {
        policy: typeof a.policy === 'number' ? `P${a.policy % shape.policies.length}` : a.policy,
        ...(typeof a.policy === 'number' ? {} : { policyType: 'System' }),
        to: `${kind}/${names[a.target % names.length]}`,
        ...(a.resourceGroup === undefined ? {} : { resourceGroup: a.resourceGroup }),
      };
      attachments.set(JSON.stringify(attachment), attachment);
    }
    return {
      account: ACCOUNT,
      policies: shape.policies.map(([documents, chosen], i) =>
        documents.length === 1
          ? { name: `P${i}`, document: documents[0] }
          : {
              name: `P${i}`,
              defaultVersion: `v${chosen + 1}`,
              versions: documents.map((document, v) => ({ id: `v${v + 1}`, document })),
            },
      ),
      groups: groups.map((name) => ({ name })),
      users: users.map((name, u) => ({
        name,
        groups: [
          ...new Set(
            (shape.memberships[u] ?? []).filter((g) => g < groups.length).map((g) => GROUPS[g] as string),
          ),
        ],
        accessKeys: (shape.keys[u] ?? []).map((status, k) => ({
          id: `LTAI${name}k${k}`,
          ...(status === undefined ? {} : { status }),
        })),
      })),
      roles: [
        ...roles.map((name) => ({ name, trustPolicy: TRUST_POLICY })),
        ...(shape.serviceLinkedRole ? [{ name: SLR_NAME, serviceLinkedTo: SLR_SERVICE }] : []),
      ],
      attachments: [...attachments.values()],
    };
  });

/** Changes to a valid model: `error` ones make it invalid, the others only draw warnings. */
const MODEL_MUTATIONS: Record<string, { error: boolean; apply: (model: ModelJson, n: number) => void }> = {
  'attachment to a missing user': {
    error: true,
    apply: (m) => m.attachments.push({ policy: 'P0', to: 'user/ghost' }),
  },
  'duplicate user': { error: true, apply: (m) => m.users.push({ name: m.users[0]?.name ?? 'u0' }) },
  'attachment to the service-linked role': {
    error: true,
    apply: (m) => {
      if (!m.roles.some((r) => r.name === SLR_NAME))
        m.roles.push({ name: SLR_NAME, serviceLinkedTo: SLR_SERVICE });
      m.attachments.push({ policy: 'AliyunKMSFullAccess', policyType: 'System', to: `role/${SLR_NAME}` });
    },
  },
  'action without a service': { error: true, apply: (m, n) => replaceIn(m, n, { Action: 'Decrypt' }) },
  'unsupported operator': {
    error: true,
    apply: (m, n) =>
      replaceIn(m, n, { Condition: { 'ForAnyValue:StringEquals': { 'kms:tag/Project': 'x' } } }),
  },
  'mistyped policy value': {
    error: true,
    apply: (m, n) => replaceIn(m, n, { Condition: { NumericLessThan: { 'custom:Level': 'high' } } }),
  },
  'AWS policy version': {
    error: true,
    apply: (m) => Object.assign(documentOf(m), { Version: '2012-10-17' }),
  },
  'number as a resource': { error: true, apply: (m, n) => replaceIn(m, n, { Resource: 5 }) },
  'half a surrogate pair': {
    error: true,
    apply: (m, n) => replaceIn(m, n, { Resource: 'acs:kms:*:*:secret/\ud83d*' }),
  },
  'unknown model member': { error: true, apply: (m) => Object.assign(m, { Users: [] }) },
  'custom policy with a system name': {
    error: true,
    apply: (m) => Object.assign(m.policies[0] ?? {}, { name: 'AliyunKMSFullAccess' }),
  },
  'unknown action': { error: false, apply: (m, n) => replaceIn(m, n, { Action: 'kms:Decryptt' }) },
  'empty condition': { error: false, apply: (m, n) => replaceIn(m, n, { Condition: {} }) },
  'unknown condition key': {
    error: false,
    apply: (m, n) => replaceIn(m, n, { Condition: { IpAddress: { 'acs:SourceIpp': '10.0.0.0/8' } } }),
  },
};

function documentOf(model: ModelJson): Record<string, unknown> {
  const policy = model.policies[0] as { document?: object; versions?: { document: object }[] };
  return (policy.document ?? policy.versions?.[0]?.document) as Record<string, unknown>;
}

/** Sets members of statement `n` of the first policy, dropping the `Not` form of any list it sets. */
function replaceIn(model: ModelJson, n: number, members: Record<string, unknown>): void {
  const statements = documentOf(model).Statement as Record<string, unknown>[];
  const statement = statements[n % statements.length] as Record<string, unknown>;
  if ('Action' in members) delete statement.NotAction;
  if ('Resource' in members) delete statement.NotResource;
  Object.assign(statement, members);
}

/**
 * A generated model with 1–2 changes of `MODEL_MUTATIONS`, their names, and whether any of them is an
 * error. Warning-only changes are applied first, so a later error is never overwritten by one.
 */
export const mutatedModelArb: fc.Arbitrary<{ model: ModelJson; mutations: string[]; invalid: boolean }> = fc
  .tuple(
    modelArb,
    fc.array(fc.tuple(fc.constantFrom(...Object.keys(MODEL_MUTATIONS)), fc.nat(3)), {
      minLength: 1,
      maxLength: 2,
    }),
  )
  .map(([generated, changes]) => {
    const model = structuredClone(generated);
    const ordered = [...changes].sort(
      ([a], [b]) => Number(MODEL_MUTATIONS[a]?.error) - Number(MODEL_MUTATIONS[b]?.error),
    );
    for (const [name, n] of ordered) MODEL_MUTATIONS[name]?.apply(model, n);
    const mutations = ordered.map(([name]) => name);
    return { model, mutations, invalid: mutations.some((name) => MODEL_MUTATIONS[name]?.error) };
  });

const ANY_VALUE = fc.constantFrom(...Object.values(REQUEST_VALUES).flat(), ...MISTYPED_VALUES);

/** A value for a context key; for the typed global keys 19 times in 20 of their type (else the request is invalid). */
function contextValueArb(key: string): fc.Arbitrary<string | number | boolean> {
  const family = TYPED_KEYS[key];
  if (family === undefined) return ANY_VALUE;
  return fc.oneof(
    { weight: 19, arbitrary: fc.constantFrom(...REQUEST_VALUES[family]) },
    { weight: 1, arbitrary: ANY_VALUE },
  );
}

/** The key with the case of every letter swapped: equal to it ignoring case, different otherwise. */
function swapCase(key: string): string {
  return [...key].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
}

/**
 * 0–3 entries with keys unique ignoring case. One time in thirty, one more entry that spoils the request:
 * one of `forbidden`, or else a case-colliding copy of the first key.
 */
function caseMapArb(
  keys: readonly string[],
  value: (key: string) => fc.Arbitrary<string | number | boolean>,
  forbidden: readonly string[] = [],
): fc.Arbitrary<Record<string, string | number | boolean>> {
  const entry = fc
    .tuple(fc.constantFrom(...keys), fc.nat(2))
    .chain(([key, variant]) => value(key).map((v) => [caseVariant(key, variant), v] as const));
  return fc
    .tuple(
      fc.uniqueArray(entry, { maxLength: 3, selector: ([k]) => k.toLowerCase() }),
      fc.nat(29),
      fc.constantFrom(null, ...forbidden),
    )
    .map(([entries, spoil, key]) => {
      const first = entries[0];
      if (spoil === 0 && key !== null) return Object.fromEntries([...entries, [key, 'x']]);
      if (spoil === 0 && first !== undefined)
        return Object.fromEntries([...entries, [swapCase(first[0]), first[1]]]);
      return Object.fromEntries(entries);
    });
}

/** Resource tags: tag keys with `:` and `/`, values of every type. */
export const resourceTagsArb = caseMapArb(TAG_KEYS, () => ANY_VALUE);

/** A request context: typed, string and unknown keys in case variants; rarely keys a request may not set. */
export const contextArb = caseMapArb(
  [...Object.keys(TYPED_KEYS), ...Object.keys(TYPED_KEYS), ...STRING_KEYS],
  contextValueArb,
  ['acs:PrincipalARN', 'kms:TAG/project'],
);

/** Who calls: a user (known or not) by ARN or AccessKey, a role session, the root, or something invalid. */
export const callerArb: fc.Arbitrary<Record<string, string>> = fc.oneof(
  {
    weight: 8,
    arbitrary: rarely(fc.constantFrom(...USERS), fc.constant('ghost')).map((u) => ({
      principal: `acs:ram::${ACCOUNT}:user/${u}`,
    })),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...USERS), fc.nat(2))
      .map(([u, k]) => ({ accessKeyId: `LTAI${u}k${k}` })),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        rarely(fc.constantFrom(...ROLES), fc.constantFrom(SLR_NAME, 'nope'), 3),
        rarely(fc.constantFrom('session-1', 'a@b.c'), fc.constantFrom('x', 'bad/session')),
      )
      .map(([role, session]) => ({ principal: `acs:ram::${ACCOUNT}:role/${role}/${session}` })),
  },
  {
    weight: 1,
    arbitrary: rarely<Record<string, string>>(
      fc.constant({ principal: `acs:ram::${ACCOUNT}:root` }),
      fc.constantFrom(
        { principal: `acs:ram::${OTHER_ACCOUNT}:root` },
        { principal: `acs:ram::${ACCOUNT}:group/g0` },
        { principal: `acs:ram::${ACCOUNT}:role/r0` },
        { principal: `acs:ram::${OTHER_ACCOUNT}:user/u0` },
        { securityToken: 'not-a-token' },
      ),
      1,
    ),
  },
);

const KEY_REFS = [
  'key-hzz62f1cb66fa42qo1',
  'alias/Prod',
  `acs:kms:cn-hangzhou:${ACCOUNT}:key/key-hzz62f1cb66fa42qo2`,
  `acs:kms:cn-shanghai:${OTHER_ACCOUNT}:key/key-x`,
];
const SECRET_REFS = [
  'db/password!1',
  'acs/ecs/rotation',
  `acs:kms:cn-hangzhou:${ACCOUNT}:secret/db/password!1`,
];
const keyRefArb = rarely(fc.constantFrom(...KEY_REFS), fc.constantFrom('', 'alias/'));
const secretRefArb = fc.constantFrom(...SECRET_REFS);

/** Parameters of each operation the generator calls (and none for an unknown one). */
const OPERATION_PARAMETERS: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  ReEncrypt: fc.record({ SourceKeyId: keyRefArb, DestinationKeyId: keyRefArb }),
  CreateAlias: fc.record({
    AliasName: fc.constantFrom('alias/Prod', 'alias/prod', 'Prod'),
    KeyId: keyRefArb,
  }),
  DeleteAlias: fc.record({ AliasName: fc.constantFrom('alias/Prod'), KeyId: keyRefArb }),
  GetSecretValue: fc.record(
    { SecretName: secretRefArb, EncryptionKeyId: keyRefArb },
    { requiredKeys: ['SecretName'] },
  ),
  PutSecretValue: fc.record(
    { SecretName: secretRefArb, EncryptionKeyId: keyRefArb },
    { requiredKeys: ['SecretName'] },
  ),
  BatchGetSecretValue: fc.record({ SecretNames: fc.array(secretRefArb, { minLength: 1, maxLength: 3 }) }),
  TagResource: fc.oneof(fc.record({ KeyId: keyRefArb }), fc.record({ SecretName: secretRefArb })),
  Decrypt: fc.record({ KeyId: keyRefArb }),
  ListKeys: fc.constant({}),
  CreateSecret: fc.constant({}),
  DescribeRegions: fc.constant({}),
  GetRandomPassword: fc.constant({}),
  Frobnicate: fc.constant({}),
};

/** An operation request (interfaces §2): the engine expands it into several (action, resource) checks. */
export const operationArb = fc.constantFrom(...Object.keys(OPERATION_PARAMETERS)).chain((operation) =>
  fc.record({
    operation: fc.constant(operation),
    region: fc.constantFrom('cn-hangzhou', 'cn-shanghai'),
    parameters: OPERATION_PARAMETERS[operation] ?? fc.constant({}),
  }),
);

/** A request of interfaces §2: an action (default resource `*`) or an operation, with optional extras. */
export const requestArb: fc.Arbitrary<Record<string, unknown>> = fc
  .record(
    {
      id: fc.constantFrom('r1'),
      caller: callerArb,
      target: fc.oneof(
        {
          weight: 6,
          arbitrary: fc.record(
            { action: requestActionArb, resource: resourceArb },
            { requiredKeys: ['action'] },
          ),
        },
        { weight: 1, arbitrary: operationArb },
      ),
      resourceGroup: fc.constantFrom(...RESOURCE_GROUPS, 'rg-aek2other'),
      resourceTags: resourceTagsArb,
      context: contextArb,
    },
    { requiredKeys: ['caller', 'target'] },
  )
  .map(({ caller, target, ...rest }) => ({ ...caller, ...target, ...rest }));

const USER_ARN = new RegExp(`^acs:ram::${ACCOUNT}:user/u(\\d)$`);
const SESSION_ARN = new RegExp(`^acs:ram::${ACCOUNT}:role/r(\\d)/(.*)$`);
const ACCESS_KEY = /^LTAIu(\d)k(\d)$/;

/**
 * Points a request's caller at an identity the model has: `uN`, `rN` and `LTAIuNkK` name the N-th
 * user, role or key modulo how many the model has. Unknown names (`ghost`, `nope`, another account)
 * and models without roles or keys are left alone, so unknown callers stay, but rare.
 */
function fitCaller(request: Record<string, unknown>, model: ModelJson): Record<string, unknown> {
  const { principal, accessKeyId } = request;
  const users = model.users.map((u) => u.name);
  const roles = model.roles.filter((r) => r.serviceLinkedTo === undefined).map((r) => r.name as string);
  const keys = model.users.flatMap((u) => (u.accessKeys ?? []).map((k) => k.id));
  const nth = (names: readonly string[], n: string | undefined): string | undefined =>
    names[Number(n) % names.length];
  if (typeof principal === 'string') {
    const user = nth(users, USER_ARN.exec(principal)?.[1]);
    if (user !== undefined) return { ...request, principal: `acs:ram::${ACCOUNT}:user/${user}` };
    const session = SESSION_ARN.exec(principal);
    const role = nth(roles.length > 0 ? roles : [SLR_NAME], session?.[1]);
    if (role !== undefined)
      return { ...request, principal: `acs:ram::${ACCOUNT}:role/${role}/${session?.[2]}` };
  }
  const key = typeof accessKeyId === 'string' ? ACCESS_KEY.exec(accessKeyId) : null;
  const fitted = key === null ? undefined : nth(keys, String(Number(key[1]) * 3 + Number(key[2])));
  return fitted === undefined ? request : { ...request, accessKeyId: fitted };
}

/** A valid model and 4–20 requests against it, whose callers are mostly identities of the model. */
export const scenarioArb: fc.Arbitrary<{ model: ModelJson; requests: Record<string, unknown>[] }> = fc
  .tuple(modelArb, fc.array(requestArb, { minLength: 4, maxLength: 20 }))
  .map(([model, requests]) => ({ model, requests: requests.map((r) => fitCaller(r, model)) }));
