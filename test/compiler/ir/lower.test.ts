import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_STRING } from '../../../compiler/ir/ir.js';
import { lowerModel } from '../../../compiler/ir/lower.js';
import { printIr } from '../../../compiler/ir/print-ir.js';
import { loadModel } from '../../../compiler/model/load-model.js';
import { doc, loweredOf, modelOf, text } from '../passes/fixtures.js';

const ACCOUNT = '1234567890123456';

const SMALL_MODEL = {
  account: ACCOUNT,
  policies: [
    {
      name: 'Crypto',
      document: doc(
        {
          Sid: 'UseKeyA',
          Effect: 'Allow',
          Action: ['kms:Encrypt', 'KMS:Decrypt'],
          Resource: 'acs:kms:*:*:key/Key-A*',
          Condition: { StringEqualsIgnoreCase: { 'kms:EncryptionAlgorithm': 'SYMMETRIC_DEFAULT' } },
        },
        { Effect: 'Deny', NotAction: 'kms:List*', NotResource: ['acs:kms:*:*:key/*', 'acs:kms:*:*:alias/*'] },
      ),
    },
  ],
  groups: [{ name: 'devs' }],
  users: [
    { name: 'alice', groups: ['devs'], accessKeys: [{ id: 'LTAI5tAliceExample01', status: 'Active' }] },
    { name: 'bob', groups: ['devs'], accessKeys: [{ id: 'LTAI5tBobExample0001', status: 'Inactive' }] },
  ],
  roles: [
    {
      name: 'app',
      maxSessionDuration: 7200,
      trustPolicy: {
        Version: '1',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { RAM: [`acs:ram::${ACCOUNT}:root`] },
            Condition: { Bool: { 'acs:MFAPresent': 'true' } },
          },
        ],
      },
    },
  ],
  attachments: [
    { policy: 'Crypto', to: 'group/devs' },
    { policy: 'Crypto', to: 'user/alice' },
    { policy: 'AliyunKMSSecretUserAccess', policyType: 'System', to: 'user/bob', resourceGroup: 'rg-b' },
    { policy: 'Crypto', to: 'role/app' },
  ],
};

describe('lowerModel', () => {
  it('lowers a small model (golden)', () => {
    expect(printIr(lowerModel(modelOf(SMALL_MODEL)))).toBe(GOLDEN);
  });

  it('lowers a policy attached to many identities once', () => {
    const ir = loweredOf(SMALL_MODEL);
    expect(ir.policies.filter((p) => text(ir, p.name) === 'Crypto')).toHaveLength(1);
    // alice has it twice (her own attachment and her group's): lowering keeps both, build-sets dedupes.
    expect(ir.principals.map((p) => p.attached.map((a) => [text(ir, a.scope), a.statements]))).toEqual([
      [['account', [0, 1, 0, 1]]],
      [
        ['rg-b', [2]],
        ['account', [0, 1]],
      ],
      [['account', [0, 1]]],
    ]);
  });

  it('records where each statement is written', () => {
    const ir = loweredOf(SMALL_MODEL);
    const lines = JSON.stringify(SMALL_MODEL, null, 2).split('\n');
    for (const s of ir.statements.filter((st) => text(ir, st.origin.file) === '<model>')) {
      expect(lines[s.origin.line - 1]?.[s.origin.column - 1]).toBe('{');
      expect(lines[s.origin.line]).toMatch(/"(Sid|Effect)"/);
    }
  });

  it('marks principals, trust policies and keys', () => {
    const ir = loweredOf(SMALL_MODEL);
    expect(ir.principals.map((p) => [p.kind, text(ir, p.name), p.maxSessionDuration])).toEqual([
      ['user', 'alice', 0],
      ['user', 'bob', 0],
      ['role', 'app', 7200],
    ]);
    const trust = ir.policies[ir.statements[ir.principals[2]?.trust[0] ?? -1]?.policy ?? -1];
    expect(trust).toEqual({ name: ir.strings.indexOf('app'), type: 'Trust', version: NO_STRING });
    expect(ir.statements[3]?.resources).toEqual({ negated: false, patterns: [] });
    expect(ir.accessKeys.map((k) => [text(ir, k.id), k.principal, k.active])).toEqual([
      ['LTAI5tAliceExample01', 0, true],
      ['LTAI5tBobExample0001', 1, false],
    ]);
    expect(ir.sets).toEqual([]);
    expect(ir.actions).toEqual([]);
    expect(ir.principals.every((p) => p.accountSet === -1 && p.resourceGroupSets.length === 0)).toBe(true);
  });

  it('keeps the STS key and the account', () => {
    const model = { ...modelOf(SMALL_MODEL), stsPublicKeyPem: '-----BEGIN PUBLIC KEY-----\nAA\n' };
    const ir = lowerModel(model);
    expect(text(ir, ir.stsPublicKeyPem)).toBe('-----BEGIN PUBLIC KEY-----\nAA\n');
    expect(text(ir, ir.account)).toBe(ACCOUNT);
  });

  it('gives a service-linked role its catalog policy at account scope', () => {
    const ir = loweredOf({
      account: ACCOUNT,
      roles: [{ name: 'AliyunServiceRoleForKMSKeyStore', serviceLinkedTo: 'keystore.kms.aliyuncs.com' }],
    });
    const [role] = ir.principals;
    expect(text(ir, role?.serviceLinkedTo ?? -1)).toBe('keystore.kms.aliyuncs.com');
    expect(role?.trust).toEqual([]);
    expect(role?.attached.map((a) => text(ir, a.scope))).toEqual(['account']);
    expect(ir.policies.map((p) => [text(ir, p.name), p.type])).toEqual([
      ['AliyunServiceRolePolicyForKMSKeyStore', 'System'],
    ]);
    expect(role?.attached[0]?.statements).toEqual(ir.statements.map((_, i) => i));
  });

  it('lowers the version in force of a multi-version policy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ramc-lower-'));
    try {
      const v = (action: string) => JSON.stringify(doc({ Effect: 'Allow', Action: action, Resource: '*' }));
      writeFileSync(join(dir, 'v1.json'), v('kms:Encrypt'));
      writeFileSync(join(dir, 'v2.json'), v('kms:Decrypt'));
      const model = {
        account: ACCOUNT,
        policies: [
          {
            name: 'Versioned',
            defaultVersion: 'v2',
            versions: [
              { id: 'v1', file: 'v1.json' },
              { id: 'v2', file: 'v2.json' },
            ],
          },
        ],
        users: [{ name: 'carol' }],
        attachments: [{ policy: 'Versioned', to: 'user/carol' }],
      };
      writeFileSync(join(dir, 'model.json'), JSON.stringify(model));
      const loaded = loadModel(join(dir, 'model.json'));
      expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      if (loaded.model === null) throw new Error('model did not load');
      const ir = lowerModel(loaded.model);
      expect(ir.policies.map((p) => text(ir, p.version))).toEqual(['v2']);
      expect(ir.statements.map((s) => s.actions.patterns.map((p) => text(ir, p)))).toEqual([['kms:decrypt']]);
      expect(text(ir, ir.statements[0]?.origin.file ?? -1)).toMatch(/v2\.json$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lowers an empty model', () => {
    const ir = loweredOf({ account: ACCOUNT });
    expect(ir.principals).toEqual([]);
    expect(ir.policies).toEqual([]);
    expect(ir.strings).toEqual([ACCOUNT]);
  });
});

const GOLDEN = `ir v1 account "1234567890123456" sts none
strings 29
policies
  p0 Custom "Crypto" version "v1"
  p1 System "AliyunKMSSecretUserAccess" version "v1"
  p2 Trust "app" version -
statements
  s0 p0[0] Allow sid "UseKeyA" at "<model>":9:11
    Action "kms:encrypt" "kms:decrypt"
    Resource "acs:kms:*:*:key/Key-A*"
    StringEqualsIgnoreCase "kms:encryptionalgorithm" "SYMMETRIC_DEFAULT"
  s1 p0[1] Deny at "<model>":23:11
    NotAction "kms:list*"
    NotResource "acs:kms:*:*:key/*" "acs:kms:*:*:alias/*"
  s2 p1[0] Allow at "<system:AliyunKMSSecretUserAccess>":4:5
    Action "kms:getsecretvalue" "kms:describesecret" "kms:listsecretversionids"
    Resource "*"
  s3 p2[0] Allow at "<model>":73:11
    Action "sts:assumerole"
    Bool "acs:mfapresent" "true"
principals
  0 user "alice"
    attached "account": s0 s1 s0 s1
  1 user "bob"
    attached "rg-b": s2
    attached "account": s0 s1
  2 role "app" max 7200
    attached "account": s0 s1
    trust: s3
access keys
  "LTAI5tAliceExample01" -> 0 active
  "LTAI5tBobExample0001" -> 1 inactive
`;
