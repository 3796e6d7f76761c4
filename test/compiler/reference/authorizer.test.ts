import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { loadModelFromObject } from '../../../compiler/model/load-model.js';
import { referenceAuthorizer } from '../../../compiler/reference/index.js';
import type { Decision } from '../../../runtime/types.js';
import { ALICE, APP_SESSION, allow, engine, key, model, policy } from './fixtures.js';

const TO_ALICE = [{ policy: 'P', to: 'user/alice' }];

describe('referenceAuthorizer construction', () => {
  test('accepts a loaded model, a model object and a model path alike', () => {
    const object = model([policy('P', allow('kms:Decrypt'))], TO_ALICE);
    const loaded = loadModelFromObject(object).model;
    if (loaded === null) throw new Error('fixture model should load');
    const dir = mkdtempSync(join(tmpdir(), 'ramc-reference-'));
    const path = join(dir, 'model.json');
    writeFileSync(path, JSON.stringify(object));
    for (const input of [loaded, object, path]) {
      expect(referenceAuthorizer(input).authorize({ principal: ALICE, action: 'kms:Decrypt' }).decision).toBe(
        'Allow',
      );
    }
  });

  test('a model with errors throws, listing every error', () => {
    const broken = model(
      [policy('P', { Effect: 'Permit', Action: 'kms:Decrypt', Resource: '*' })],
      [{ policy: 'Missing', to: 'user/alice' }],
    );
    expect(() => referenceAuthorizer(broken)).toThrow(/The model has errors:\n<model>:\d+:\d+: error /);
    try {
      referenceAuthorizer(broken);
    } catch (cause) {
      expect(
        String(cause)
          .split('\n')
          .filter((line) => line.includes(': error ')).length,
      ).toBeGreaterThanOrEqual(2);
    }
    expect(() => referenceAuthorizer(join(tmpdir(), 'no-such-ramc-model.json'))).toThrow(
      /MODEL_FILE_UNREADABLE/,
    );
  });

  test('an internal failure becomes an error decision', () => {
    const authorizer = referenceAuthorizer(model([], []), {
      now: () => {
        throw new Error('clock broke');
      },
    });
    const decision = authorizer.authorize({ principal: ALICE, action: 'kms:Decrypt' });
    expect(decision).toMatchObject({
      decision: 'ImplicitDeny',
      deciding: [],
      error: { code: 'InvalidRequest' },
    });
    expect(decision.error?.message).toContain('clock broke');
  });
});

describe('garbage never crashes the engine', () => {
  const authorizer = engine(
    [
      policy(
        'P',
        allow('kms:*', '*', { Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } }),
        allow('kms:Decrypt', 'acs:kms:*:*:key/*', {
          Condition: { NumericLessThan: { 'kms:tag/Level': '3' } },
        }),
        {
          Effect: 'Deny',
          NotAction: 'kms:*',
          Resource: '*',
          Condition: { DateGreaterThan: { 'acs:CurrentTime': '2030-01-01T00:00:00Z' } },
        },
      ),
    ],
    [...TO_ALICE, { policy: 'P', to: 'role/app-role', resourceGroup: 'rg-1' }],
  );

  /** Plain checks (not `expect`), so that 10,000 runs stay fast; fast-check reports the failing input. */
  function wellFormed(decision: Decision): boolean {
    const kinds = ['Allow', 'ExplicitDeny', 'ImplicitDeny'];
    if (!kinds.includes(decision.decision) || !Array.isArray(decision.deciding)) return false;
    if (decision.decision === 'ImplicitDeny' && decision.deciding.length > 0) return false;
    if (
      decision.error !== undefined &&
      (decision.decision !== 'ImplicitDeny' || decision.error.message === '')
    ) {
      return false;
    }
    return typeof JSON.stringify(decision) === 'string';
  }

  test('arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3 }), (raw) => {
        return wellFormed(authorizer.authorize(raw, { explain: true }));
      }),
      { numRuns: 4_000 },
    );
  });

  test('request-shaped objects with random members', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        ALICE,
        APP_SESSION,
        'kms:Decrypt',
        'kms:*',
        '*',
        key('k'),
        'Decrypt',
        'cn-hangzhou',
        'rg-1',
      ),
      fc.constantFrom(
        '10.1.2.3',
        '::1',
        '2026-01-01T00:00:00Z',
        'true',
        'TRUE',
        'high',
        '2.5',
        'LTAI5tAliceActive001',
      ),
    );
    const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
    const value = fc.oneof(
      scalar,
      fc.array(scalar, { maxLength: 3 }),
      fc.dictionary(text, scalar, { maxKeys: 3 }),
    );
    const contextKey = fc.constantFrom(
      'acs:SourceIp',
      'acs:CurrentTime',
      'acs:SecureTransport',
      'acs:MFAPresent',
      'acs:AccessId',
      'acs:PrincipalARN',
      'kms:tag/Level',
      'kms:EncryptionAlgorithm',
      'ACS:sourceip',
    );
    const member = fc.constantFrom(
      'id',
      'principal',
      'accessKeyId',
      'securityToken',
      'action',
      'resource',
      'operation',
      'region',
      'parameters',
      'resourceGroup',
      'resourceTags',
      'context',
      'Principal',
    );
    const request = fc.dictionary(
      member,
      fc.oneof(value, fc.dictionary(fc.oneof(contextKey, text), scalar, { maxKeys: 4 })),
      { maxKeys: 7 },
    );
    fc.assert(
      fc.property(request, fc.boolean(), (raw, explain) => {
        return wellFormed(authorizer.authorize(raw, { explain }));
      }),
      { numRuns: 6_000 },
    );
  });

  test('valid callers and actions with random tags and context', () => {
    const caller = fc.constantFrom(
      { principal: ALICE },
      { principal: APP_SESSION },
      { accessKeyId: 'LTAI5tAliceActive001' },
    );
    const scalar = fc.oneof(
      fc.constantFrom('10.1.2.3', '11.0.0.1', '::1', '2031-01-01T00:00:00Z', 'true', 'high', '2.5', '-1e3'),
      fc.string({ maxLength: 8 }),
      fc.integer(),
      fc.boolean(),
    );
    const keys = fc.constantFrom('acs:SourceIp', 'acs:CurrentTime', 'acs:SecureTransport', 'Level', 'my:key');
    const request = fc.record(
      {
        caller,
        action: fc.constantFrom('kms:Decrypt', 'kms:ListKeys', 'ecs:RunInstances'),
        resource: fc.constantFrom('*', key('k'), 'acs:kms:cn-hangzhou:1234567890123456:key'),
        resourceGroup: fc.constantFrom('rg-1', 'rg-2'),
        resourceTags: fc.dictionary(fc.constantFrom('Level', 'level', 'Project'), scalar, { maxKeys: 2 }),
        context: fc.dictionary(keys, scalar, { maxKeys: 3 }),
      },
      { requiredKeys: ['caller', 'action'] },
    );
    let evaluated = 0;
    fc.assert(
      fc.property(request, fc.boolean(), ({ caller: who, ...rest }, explain) => {
        const decision = authorizer.authorize({ ...who, ...rest }, { explain });
        if (decision.error === undefined) evaluated++;
        return wellFormed(decision);
      }),
      { numRuns: 3_000 },
    );
    expect(evaluated).toBeGreaterThan(1_000);
  });
});
