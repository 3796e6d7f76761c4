import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadModelFromObject } from '../../../compiler/model/load-model.js';

/** [code, the source text the diagnostic points at] for a model object; objects are shortened to `{…}`. */
function problems(model: unknown): [string, string][] {
  const text = JSON.stringify(model, null, 2);
  return loadModelFromObject(model).diagnostics.map((d) => {
    const at = text.slice(d.span.offset, d.span.end);
    return [d.code, at.startsWith('{') ? '{…}' : at];
  });
}

const ALLOW_ALL = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] };

describe('the account and STS key', () => {
  it('requires the account id as 1–32 digits in a string', () => {
    expect(problems({})).toEqual([['MODEL_MISSING_MEMBER', '{…}']]);
    expect(problems({ account: 1234 })).toEqual([['MODEL_WRONG_TYPE', '1234']]);
    expect(problems({ account: '' })).toEqual([['MODEL_ACCOUNT', '""']]);
    expect(problems({ account: '1'.repeat(33) })).toEqual([['MODEL_ACCOUNT', `"${'1'.repeat(33)}"`]]);
    expect(problems({ account: '1'.repeat(32) })).toEqual([]);
  });

  it('accepts an inline PEM public key and refuses anything else', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const loaded = loadModelFromObject({ account: '1', sts: { publicKey: pem } });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.model?.stsPublicKeyPem).toBe(pem);
    const secret = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(problems({ account: '1', sts: { publicKey: secret } }).map((p) => p[0])).toEqual([
      'MODEL_STS_KEY',
    ]);
    const garbled = pem.replace(/[A-Za-z]{4}/, '!!!!');
    expect(problems({ account: '1', sts: { publicKey: garbled } }).map((p) => p[0])).toEqual([
      'MODEL_STS_KEY',
    ]);
    expect(problems({ account: '1', sts: { publicKey: 'hello' } })).toEqual([['MODEL_STS_KEY', '"hello"']]);
  });

  it('needs exactly one of publicKey and publicKeyFile', () => {
    expect(problems({ account: '1', sts: {} })).toEqual([['MODEL_STS_KEY', '{…}']]);
    expect(problems({ account: '1', sts: { publicKey: 'x', publicKeyFile: 'y' } })).toEqual([
      ['MODEL_STS_KEY', '"publicKeyFile"'],
    ]);
    expect(problems({ account: '1', sts: { publicKeyPath: 'y' } }).map((p) => p[0])).toEqual([
      'MODEL_STS_KEY',
      'MODEL_UNKNOWN_MEMBER',
    ]);
  });
});

describe('members and types', () => {
  it('reports unknown members case-sensitively, with a suggestion', () => {
    const diagnostics = loadModelFromObject({ account: '1', Policies: [] }).diagnostics;
    expect(diagnostics.map((d) => d.code)).toEqual(['MODEL_UNKNOWN_MEMBER']);
    expect(diagnostics[0]?.message).toContain('Did you mean `policies`?');
  });

  it('reports lists and entries of the wrong type', () => {
    expect(problems({ account: '1', users: {} })).toEqual([['MODEL_WRONG_TYPE', '{…}']]);
    expect(problems({ account: '1', groups: ['ops'] })).toEqual([['MODEL_WRONG_TYPE', '"ops"']]);
    expect(problems({ account: '1', groups: [{ name: 7 }] })).toEqual([['MODEL_WRONG_TYPE', '7']]);
    expect(problems({ account: '1', groups: [{}] })).toEqual([['MODEL_MISSING_MEMBER', '{…}']]);
  });
});

describe('policies', () => {
  it('needs exactly one of document, file and versions', () => {
    expect(problems({ account: '1', policies: [{ name: 'P' }] })).toEqual([['MODEL_POLICY_SOURCE', '{…}']]);
    expect(problems({ account: '1', policies: [{ name: 'P', document: ALLOW_ALL, versions: [] }] })).toEqual([
      ['MODEL_POLICY_SOURCE', '"versions"'],
    ]);
  });

  it('checks policy names: characters, length, uniqueness, system names in any case', () => {
    const named = (...names: string[]) => ({
      account: '1',
      policies: names.map((name) => ({ name, document: ALLOW_ALL })),
    });
    expect(problems(named('a'.repeat(128), 'Kms-Admin-2'))).toEqual([]);
    expect(problems(named('a'.repeat(129)))).toEqual([['MODEL_INVALID_NAME', `"${'a'.repeat(129)}"`]]);
    expect(problems(named('', 'kms.admin', 'kms_admin'))).toEqual([
      ['MODEL_INVALID_NAME', '""'],
      ['MODEL_INVALID_NAME', '"kms.admin"'],
      ['MODEL_INVALID_NAME', '"kms_admin"'],
    ]);
    expect(problems(named('P', 'P'))).toEqual([['MODEL_DUPLICATE_NAME', '"P"']]);
    expect(problems(named('aliyunkmsfullaccess', 'AliyunServiceRolePolicyForKMSKeyStore'))).toEqual([
      ['MODEL_RESERVED_POLICY_NAME', '"aliyunkmsfullaccess"'],
      ['MODEL_RESERVED_POLICY_NAME', '"AliyunServiceRolePolicyForKMSKeyStore"'],
    ]);
  });

  it('loads versions and puts the default one in force', () => {
    const versions = [1, 2, 3, 4, 5].map((n) => ({ id: `v${n}`, document: ALLOW_ALL }));
    const { model, diagnostics } = loadModelFromObject({
      account: '1',
      policies: [{ name: 'P', defaultVersion: 'v4', versions }],
    });
    expect(diagnostics).toEqual([]);
    expect(model?.policies.get('P')?.defaultVersion).toBe('v4');
    expect(model?.policies.get('P')?.versions.map((v) => v.id)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5']);
  });

  it('checks versions: count, ids, default, sources', () => {
    const policy = (extra: object) => ({ account: '1', policies: [{ name: 'P', ...extra }] });
    const six = [1, 2, 3, 4, 5, 6].map((n) => ({ id: `v${n}`, document: ALLOW_ALL }));
    expect(problems(policy({ defaultVersion: 'v1', versions: six })).map((p) => p[0])).toEqual([
      'MODEL_POLICY_VERSIONS',
    ]);
    expect(problems(policy({ defaultVersion: 'v1', versions: [] }))).toEqual([
      ['MODEL_DEFAULT_VERSION', '"v1"'],
      ['MODEL_POLICY_VERSIONS', '[]'],
    ]);
    expect(problems(policy({ versions: [{ id: 'v1', document: ALLOW_ALL }] }))).toEqual([
      ['MODEL_MISSING_MEMBER', '{…}'],
    ]);
    expect(problems(policy({ document: ALLOW_ALL, defaultVersion: 'v1' }))).toEqual([
      ['MODEL_DEFAULT_VERSION', '"defaultVersion"'],
    ]);
    expect(
      problems(
        policy({
          defaultVersion: 'v1',
          versions: [
            { id: 'v1', document: ALLOW_ALL },
            { id: 'version2', document: ALLOW_ALL },
            { id: 'v3' },
            { id: 'v4', document: ALLOW_ALL, file: 'x.json' },
          ],
        }),
      ),
    ).toEqual([
      ['MODEL_VERSION_ID', '"version2"'],
      ['MODEL_POLICY_SOURCE', '{…}'],
      ['MODEL_POLICY_SOURCE', '"file"'],
    ]);
  });

  it('validates inline documents as permission policies', () => {
    const { diagnostics } = loadModelFromObject({
      account: '1',
      policies: [
        { name: 'P', document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'kms:*' }] } },
      ],
    });
    expect(diagnostics.map((d) => [d.code, d.span.file])).toEqual([
      ['STATEMENT_RESOURCE_CONFLICT', '<model>'],
    ]);
  });
});

describe('users and groups', () => {
  it('checks identity names', () => {
    expect(problems({ account: '1', users: [{ name: 'a'.repeat(64) }], groups: [{ name: 'g-1' }] })).toEqual(
      [],
    );
    expect(problems({ account: '1', users: [{ name: 'a'.repeat(65) }, { name: 'x.y' }] })).toEqual([
      ['MODEL_INVALID_NAME', `"${'a'.repeat(65)}"`],
      ['MODEL_INVALID_NAME', '"x.y"'],
    ]);
    expect(problems({ account: '1', users: [{ name: 'u' }, { name: 'u' }] })).toEqual([
      ['MODEL_DUPLICATE_NAME', '"u"'],
    ]);
  });

  it('links a user to its groups and rejects missing or repeated ones', () => {
    expect(
      problems({
        account: '1',
        groups: [{ name: 'ops' }],
        users: [{ name: 'u', groups: ['ops', 'ops', 'dev'] }],
      }),
    ).toEqual([
      ['MODEL_DUPLICATE_MEMBERSHIP', '"ops"'],
      ['MODEL_UNKNOWN_GROUP', '"dev"'],
    ]);
  });

  it('warns about a user in more than 5 groups, and still loads', () => {
    const groups = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6'];
    const model = { account: '1', groups: groups.map((name) => ({ name })), users: [{ name: 'u', groups }] };
    const loaded = loadModelFromObject(model);
    expect(loaded.diagnostics.map((d) => [d.code, d.severity])).toEqual([['MODEL_GROUP_LIMIT', 'warning']]);
    expect(problems(model)).toEqual([['MODEL_GROUP_LIMIT', '"g6"']]);
    expect(loaded.model?.users.get('u')?.groups).toEqual(groups);
  });

  it('checks access keys: ids, uniqueness across users, status', () => {
    expect(
      problems({
        account: '1',
        users: [
          { name: 'a', accessKeys: [{ id: 'LTAI1', status: 'Inactive' }, { id: 'STS.abc' }] },
          {
            name: 'b',
            accessKeys: [{ id: 'LTAI1' }, { id: 'LTAI2', status: 'Disabled' }, { status: 'Active' }],
          },
        ],
      }),
    ).toEqual([
      ['MODEL_ACCESS_KEY_ID', '"STS.abc"'],
      ['MODEL_DUPLICATE_ACCESS_KEY', '"LTAI1"'],
      ['MODEL_ACCESS_KEY_STATUS', '"Disabled"'],
      ['MODEL_MISSING_MEMBER', '{…}'],
    ]);
  });

  it('checks an access key id also when its status is wrong', () => {
    expect(
      problems({
        account: '1',
        users: [
          {
            name: 'a',
            accessKeys: [{ id: 'LTAI1' }, { id: 'STS.abc', status: 'active' }, { id: 'LTAI1', status: 'on' }],
          },
        ],
      }),
    ).toEqual([
      ['MODEL_ACCESS_KEY_ID', '"STS.abc"'],
      ['MODEL_ACCESS_KEY_STATUS', '"active"'],
      ['MODEL_DUPLICATE_ACCESS_KEY', '"LTAI1"'],
      ['MODEL_ACCESS_KEY_STATUS', '"on"'],
    ]);
  });
});
