import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { hasErrors } from '../../../compiler/diagnostics.js';
import { policiesFor } from '../../../compiler/model/attached-policies.js';
import { loadModel, loadModelFromObject } from '../../../compiler/model/load-model.js';

const empty = mkdtempSync(join(tmpdir(), 'ramc-model-fuzz-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

const MEMBERS = [
  'name',
  'policy',
  'to',
  'policyType',
  'resourceGroup',
  'document',
  'file',
  'versions',
  'defaultVersion',
  'id',
  'groups',
  'accessKeys',
  'status',
  'trustPolicy',
  'trustPolicyFile',
  'serviceLinkedTo',
  'maxSessionDuration',
] as const;

const plausible = fc.constantFrom(
  'alice',
  'ops',
  'app',
  'P',
  'user/alice',
  'group/ops',
  'role/app',
  'role/AliyunServiceRoleForKMSKeyStore',
  'AliyunServiceRoleForKMSKeyStore',
  'keystore.kms.aliyuncs.com',
  'AliyunKMSFullAccess',
  'System',
  'Custom',
  'Active',
  'v1',
  'rg-abc',
  3600,
);
const value = fc.oneof(plausible, fc.jsonValue({ maxDepth: 2 }));
const entry = fc.oneof(
  fc.dictionary(fc.constantFrom(...MEMBERS), value, { maxKeys: 5 }),
  fc.jsonValue({ maxDepth: 1 }),
);
const list = fc.oneof(fc.array(entry, { maxLength: 5 }), value);
const modelShaped = fc.record(
  {
    account: fc.oneof(fc.constant('1234'), value),
    sts: fc.oneof(fc.dictionary(fc.constantFrom('publicKey', 'publicKeyFile'), value), value),
    policies: list,
    groups: list,
    users: list,
    roles: list,
    attachments: list,
  },
  { requiredKeys: [] },
);

describe('bad input never crashes the loader', () => {
  it('returns diagnostics, and a model exactly when there is no error', () => {
    fc.assert(
      fc.property(modelShaped, (object) => {
        const { model, diagnostics } = loadModelFromObject(object, empty);
        expect(model === null).toBe(hasErrors(diagnostics));
        for (const d of diagnostics) expect(d.message.length).toBeGreaterThan(0);
        if (model !== null) {
          for (const name of model.users.keys()) policiesFor(model, { kind: 'user', name });
          for (const name of model.roles.keys()) policiesFor(model, { kind: 'role', name });
        }
      }),
      { numRuns: 400 },
    );
  });

  it('keeps messages short whatever the size of a name', () => {
    const name = 'x'.repeat(100_000);
    const { diagnostics } = loadModelFromObject({ account: '1', users: [{ name, groups: [name] }] });
    expect(diagnostics.map((d) => d.code)).toEqual(['MODEL_INVALID_NAME', 'MODEL_UNKNOWN_GROUP']);
    for (const d of diagnostics) expect(d.message.length).toBeLessThan(400);
  });
});

describe('a model path relative to the working directory', () => {
  it('names policy files relative to it too', () => {
    const dir = relative(
      process.cwd(),
      fileURLToPath(new URL('../../fixtures/models/mistakes/', import.meta.url)),
    );
    const files = new Set(loadModel(join(dir, 'model.json')).diagnostics.map((d) => d.span.file));
    expect(files).toEqual(
      new Set([
        join(dir, 'model.json'),
        join(dir, 'policies/bad-effect.json'),
        join(dir, 'policies/trust-with-resource.json'),
      ]),
    );
  });
});
