import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { hasErrors } from '../../../compiler/diagnostics.js';
import { loadModel, loadModelFromObject, loadModelFromText } from '../../../compiler/model/load-model.js';

const fixtures = fileURLToPath(new URL('../../fixtures/models/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'ramc-model-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes files under a fresh directory of the scratch area and returns that directory. */
function tree(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('loadModel on a valid model', () => {
  const { model, diagnostics } = loadModel(join(fixtures, 'valid/model.json'));

  it('loads without diagnostics', () => {
    expect(diagnostics).toEqual([]);
    expect(model).not.toBeNull();
  });

  it('reads the account, the STS key and every identity', () => {
    expect(model?.account).toBe('1234567890123456');
    expect(model?.stsPublicKeyPem).toMatch(
      /^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/,
    );
    expect([...(model?.groups.keys() ?? [])]).toEqual(['crypto-users', 'admins']);
    expect(model?.users.get('bob')?.groups).toEqual(['admins', 'crypto-users']);
    expect(model?.users.get('bob')?.accessKeys.map((k) => [k.id, k.status])).toEqual([
      ['LTAI5tBobExample0001', 'Inactive'],
      ['LTAI5tBobExample0002', 'Active'],
    ]);
  });

  it('reads policies from inline documents, files and versions', () => {
    const admin = model?.policies.get('KmsAdmin');
    expect(admin?.defaultVersion).toBe('v2');
    expect(admin?.versions.map((v) => [v.id, v.document.statements.length])).toEqual([
      ['v1', 1],
      ['v2', 2],
    ]);
    const crypto = model?.policies.get('KmsProjectCrypto');
    expect(crypto?.versions.map((v) => v.id)).toEqual(['v1']);
    expect(crypto?.versions[0]?.document.span.file).toBe(
      join(fixtures, 'valid/policies/kms-project-crypto.json'),
    );
    expect(model?.policies.get('DenyOutsideOffice')?.versions[0]?.document.statements[0]?.effect).toBe(
      'Deny',
    );
  });

  it('reads roles: trust policies, session durations and service-linked roles', () => {
    const app = model?.roles.get('app-role');
    expect(app?.maxSessionDuration).toBe(7200);
    expect(app?.trustPolicy?.kind).toBe('trust');
    expect(model?.roles.get('ecs.reader')?.maxSessionDuration).toBe(3600);
    expect(model?.roles.get('ecs.reader')?.trustPolicy?.statements[0]?.principal?.service[0]?.value).toBe(
      'ecs.aliyuncs.com',
    );
    const slr = model?.roles.get('AliyunServiceRoleForKMSKeyStore');
    expect(slr?.serviceLinkedTo).toBe('keystore.kms.aliyuncs.com');
    expect(slr?.trustPolicy).toBeNull();
  });

  it('reads attachments with their defaults', () => {
    expect(model?.attachments[0]).toMatchObject({
      policy: 'KmsProjectCrypto',
      policyType: 'Custom',
      to: { kind: 'group', name: 'crypto-users' },
      resourceGroup: null,
    });
    expect(model?.attachments[1]?.resourceGroup).toBe('rg-aek2examplegroup');
    expect(model?.attachments[1]?.policyType).toBe('System');
  });
});

describe('loadModel on a model full of mistakes', () => {
  const dir = join(fixtures, 'mistakes');
  const { model, diagnostics } = loadModel(join(dir, 'model.json'));
  const found = diagnostics.map((d) => [d.code, d.span.file, d.span.line, d.span.column]);

  it('returns no model', () => {
    expect(model).toBeNull();
  });

  it('reports every planted mistake at its position, in the model or in the policy file', () => {
    const model = join(dir, 'model.json');
    const badEffect = join(dir, 'policies/bad-effect.json');
    const trust = join(dir, 'policies/trust-with-resource.json');
    expect(found).toEqual([
      ['MODEL_ACCOUNT', model, 2, 14],
      ['MODEL_STS_KEY', model, 3, 29],
      ['MODEL_UNKNOWN_MEMBER', model, 4, 3],
      ['MODEL_FILE_UNREADABLE', model, 6, 43],
      ['MODEL_INVALID_NAME', model, 7, 15],
      ['POLICY_EMPTY_STATEMENT', model, 7, 71],
      ['MODEL_RESERVED_POLICY_NAME', model, 9, 15],
      ['MODEL_POLICY_SOURCE', model, 18, 7],
      ['MODEL_DEFAULT_VERSION', model, 22, 25],
      ['MODEL_DUPLICATE_VERSION', model, 26, 17],
      ['MODEL_DUPLICATE_NAME', model, 36, 15],
      ['MODEL_DUPLICATE_NAME', model, 40, 43],
      ['MODEL_UNKNOWN_GROUP', model, 44, 18],
      ['MODEL_ACCESS_KEY_STATUS', model, 47, 51],
      ['MODEL_UNKNOWN_MEMBER', model, 50, 22],
      ['MODEL_DUPLICATE_ACCESS_KEY', model, 50, 64],
      ['MODEL_SESSION_DURATION', model, 53, 49],
      ['MODEL_SLR_IMMUTABLE', model, 57, 7],
      ['MODEL_SLR_NOT_LINKED', model, 60, 15],
      ['MODEL_SLR_NAME', model, 72, 15],
      ['MODEL_ROLE_TRUST_POLICY', model, 73, 5],
      ['MODEL_UNKNOWN_POLICY', model, 76, 17],
      ['MODEL_UNKNOWN_SYSTEM_POLICY', model, 77, 17],
      ['MODEL_UNKNOWN_IDENTITY', model, 78, 34],
      ['MODEL_ATTACHMENT_TARGET', model, 79, 34],
      ['MODEL_SLR_ATTACHMENT', model, 80, 34],
      ['MODEL_DUPLICATE_ATTACHMENT', model, 82, 5],
      ['MODEL_RESOURCE_GROUP', model, 83, 64],
      ['MODEL_POLICY_TYPE', model, 84, 42],
      ['STATEMENT_BAD_EFFECT', badEffect, 3, 29],
      ['STATEMENT_RESOURCE_IN_TRUST', trust, 8, 7],
    ]);
  });

  it('says how to fix things', () => {
    const byCode = (code: string) => diagnostics.find((d) => d.code === code);
    expect(byCode('MODEL_UNKNOWN_MEMBER')?.message).toContain('Did you mean `users`?');
    expect(byCode('MODEL_UNKNOWN_GROUP')?.message).toContain('Did you mean `ops`?');
    expect(byCode('MODEL_UNKNOWN_POLICY')?.help).toContain('"policyType": "System"');
    expect(byCode('MODEL_UNKNOWN_SYSTEM_POLICY')?.message).toContain('Did you mean `AliyunKMSFullAccess`?');
    expect(byCode('MODEL_ATTACHMENT_TARGET')?.message).toContain('Did you mean `user`?');
    expect(byCode('MODEL_STS_KEY')?.message).toContain('private key');
    expect(byCode('MODEL_FILE_UNREADABLE')?.message).toContain(join(dir, 'policies/missing.json'));
    expect(byCode('MODEL_SLR_IMMUTABLE')?.message).toContain(
      "a service-linked role's trust policy and session duration are defined by the service and cannot be changed",
    );
    expect(byCode('MODEL_DUPLICATE_VERSION')?.message).toContain('line 24, column 17');
  });
});

describe('files named by a model', () => {
  it('shows policy files as the model directory as given joined with the path', () => {
    const second = '  "Statement": [ { "Effect": "Allow", "Action": "kms:*", "Resource": "*", } ] }';
    const dir = tree('relative', {
      'model.json': JSON.stringify({ account: '1', policies: [{ name: 'P', file: 'sub/p.json' }] }),
      'sub/p.json': `{ "Version": "1",\n${second}`,
    });
    const { model, diagnostics } = loadModel(join(dir, 'model.json'));
    expect(model).toBeNull();
    expect(diagnostics.map((d) => [d.span.file, d.span.line, d.span.column])).toEqual([
      [join(dir, 'sub/p.json'), 2, second.indexOf(', }') + 1],
    ]);
    expect(diagnostics[0]?.code).toMatch(/^JSON_/);
  });

  it('reports duplicate keys in a policy file as errors in that file', () => {
    const dir = tree('duplicate-keys', {
      'p.json':
        '{"Version": "1", "Version": "1", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}',
    });
    const text = JSON.stringify({ account: '1', policies: [{ name: 'P', file: 'p.json' }] });
    const { model, diagnostics } = loadModelFromText(text, 'in-memory.json', dir);
    expect(model).toBeNull();
    expect(diagnostics.map((d) => [d.code, d.span.file, d.span.column])).toEqual([
      ['JSON_DUPLICATE_KEY', join(dir, 'p.json'), 18],
    ]);
  });

  it('refuses a directory, a missing file and an empty path at the path value', () => {
    const dir = tree('not-files', { 'sub/x.txt': 'x' });
    const text = JSON.stringify({
      account: '1',
      policies: [
        { name: 'A', file: 'sub' },
        { name: 'B', file: 'nope.json' },
        { name: 'C', file: '' },
      ],
    });
    const { diagnostics } = loadModelFromText(text, 'm.json', dir);
    expect(diagnostics.map((d) => [d.code, text.slice(d.span.offset, d.span.end)])).toEqual([
      ['MODEL_FILE_UNREADABLE', '"sub"'],
      ['MODEL_FILE_UNREADABLE', '"nope.json"'],
      ['MODEL_FILE_UNREADABLE', '""'],
    ]);
  });

  it('refuses an oversized file without reading it', () => {
    const dir = tree('huge', { 'big.json': ' '.repeat(1024 * 1024 + 1) });
    const { diagnostics } = loadModelFromObject(
      { account: '1', policies: [{ name: 'P', file: 'big.json' }] },
      dir,
    );
    expect(diagnostics.map((d) => d.code)).toEqual(['MODEL_FILE_TOO_LARGE']);
  });

  it('reads a trust policy file and validates it as a trust policy', () => {
    const dir = tree('trust', {
      't.json': JSON.stringify({
        Version: '1',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
      }),
    });
    const { diagnostics } = loadModelFromObject(
      { account: '1', roles: [{ name: 'r', trustPolicyFile: 't.json' }] },
      dir,
    );
    expect(diagnostics.map((d) => [d.code, d.span.file])).toEqual(
      expect.arrayContaining([['STATEMENT_MISSING_PRINCIPAL', join(dir, 't.json')]]),
    );
  });
});

describe('loading entry points', () => {
  it('reports a missing model file instead of throwing', () => {
    const path = join(scratch, 'does-not-exist.json');
    const { model, diagnostics } = loadModel(path);
    expect(model).toBeNull();
    expect(diagnostics.map((d) => [d.code, d.span.file])).toEqual([['MODEL_FILE_UNREADABLE', path]]);
  });

  it('reports JSON syntax errors of the model and stops', () => {
    const { model, diagnostics } = loadModelFromText('{ "account": "1", }', 'm.json', '.');
    expect(model).toBeNull();
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((d) => d.code.startsWith('JSON_') && d.span.file === 'm.json')).toBe(true);
  });

  it('labels an object model and gives positions in its two-space serialization', () => {
    const { diagnostics } = loadModelFromObject({ account: 'abc' }, '.', '<test>');
    expect(diagnostics.map((d) => [d.code, d.span.file, d.span.line, d.span.column])).toEqual([
      ['MODEL_ACCOUNT', '<test>', 2, 14],
    ]);
  });

  it('refuses objects that are not JSON', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    for (const bad of [circular, undefined, { big: 1n }]) {
      const { model, diagnostics } = loadModelFromObject(bad);
      expect(model).toBeNull();
      expect(diagnostics.map((d) => d.code)).toEqual(['MODEL_WRONG_TYPE']);
    }
  });

  it('rejects a model that is not an object', () => {
    for (const bad of [[], 'model', 42, null]) {
      const { model, diagnostics } = loadModelFromObject(bad);
      expect(model).toBeNull();
      expect(diagnostics.map((d) => d.code)).toEqual(['MODEL_WRONG_TYPE']);
    }
  });

  it('accepts the smallest model', () => {
    const { model, diagnostics } = loadModelFromObject({ account: '1' });
    expect(diagnostics).toEqual([]);
    expect(model).toMatchObject({ account: '1', stsPublicKeyPem: null, attachments: [] });
    expect(hasErrors(diagnostics)).toBe(false);
  });
});
