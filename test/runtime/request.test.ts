import { describe, expect, test } from 'vitest';
import { type NormalizedRequest, RequestBuffer, readRequest } from '../../runtime/request.js';
import { contextValue, formatCurrentTime, isTaggableResource } from '../../runtime/request-context.js';
import { REQUEST_LIMITS } from '../../runtime/request-limits.js';
import { RequestMap } from '../../runtime/request-map.js';

const ALICE = 'acs:ram::1234567890123456:user/alice';
const KEY = 'acs:kms:cn-hangzhou:1234567890123456:key/key-1';

function ok(raw: unknown): NormalizedRequest {
  const result = readRequest(raw);
  if (!result.ok)
    throw new Error(`expected a valid request, got ${result.error.code}: ${result.error.message}`);
  return result.request;
}

function error(raw: unknown): { code: string; message: string; id?: string | number } {
  const result = readRequest(raw);
  if (result.ok) throw new Error('expected an invalid request');
  return result.id === undefined ? { ...result.error } : { ...result.error, id: result.id };
}

describe('readRequest: shape', () => {
  test('a minimal action request gets resource "*" and empty maps', () => {
    const request = ok({ principal: ALICE, action: 'kms:Decrypt' });
    expect({ ...request, resourceTags: [...request.resourceTags], context: [...request.context] }).toEqual({
      id: null,
      caller: { kind: 'principal', arn: ALICE },
      target: { kind: 'action', action: 'kms:Decrypt', resource: '*' },
      resourceGroup: null,
      resourceTags: [],
      context: [],
    });
  });

  test.each([null, [], 'text', 42, true, undefined])('%j is not a request', (raw) => {
    expect(error(raw).code).toBe('InvalidRequest');
  });

  test('unknown members are named', () => {
    const e = error({ principal: ALICE, action: 'kms:Decrypt', Action: 'kms:Encrypt' });
    expect(e.code).toBe('InvalidRequest');
    expect(e.message).toContain('"Action"');
    expect(e.message).toContain('did you mean "action"?');
    expect(error({ principal: ALICE, action: 'a:b', extra: 1 }).message).toContain(
      'the members are id, principal',
    );
  });

  test('the id is echoed on errors when it is a string or a finite number, as given', () => {
    expect(error({ id: 'r7', action: 'kms:Decrypt' })).toMatchObject({ code: 'InvalidRequest', id: 'r7' });
    expect(error({ id: 7, action: 'kms:Decrypt' })).toMatchObject({ code: 'InvalidRequest', id: 7 });
    expect(error({ id: -0.5, action: 'kms:Decrypt' })).toMatchObject({ id: -0.5 });
    for (const id of [true, null, [], {}, Number.POSITIVE_INFINITY, Number.NaN, '']) {
      const refused = error({ id, principal: ALICE, action: 'kms:Decrypt' });
      expect(refused, String(id)).not.toHaveProperty('id');
      expect(refused.message).toMatch(/^id must (be|not be empty)/);
    }
  });

  test('exactly one caller', () => {
    expect(error({ action: 'kms:Decrypt' }).message).toContain('names no caller');
    expect(error({ principal: ALICE, accessKeyId: 'AK', action: 'kms:Decrypt' }).message).toContain('twice');
    expect(error({ principal: ALICE, securityToken: 'T', action: 'kms:Decrypt' }).code).toBe(
      'InvalidRequest',
    );
    expect(ok({ securityToken: 'T', accessKeyId: 'STS.x', action: 'kms:Decrypt' }).caller).toEqual({
      kind: 'securityToken',
      token: 'T',
      accessKeyId: 'STS.x',
    });
    expect(ok({ accessKeyId: 'AK1', action: 'kms:Decrypt' }).caller).toEqual({
      kind: 'accessKey',
      accessKeyId: 'AK1',
    });
  });

  test('action XOR operation, and each with its own members', () => {
    expect(error({ principal: ALICE }).message).toContain('no action');
    expect(error({ principal: ALICE, action: '' }).message).toContain('empty');
    expect(error({ principal: ALICE, action: 5 }).message).toContain('must be a string');
    expect(error({ principal: ALICE, action: 'kms:Decrypt', operation: 'Decrypt' }).message).toContain(
      'both',
    );
    expect(error({ principal: ALICE, action: 'kms:Decrypt', region: 'cn-hangzhou' }).message).toContain(
      'region',
    );
    expect(error({ principal: ALICE, operation: 'Decrypt', resource: KEY }).code).toBe('InvalidRequest');
    expect(error({ principal: ALICE, operation: 'Decrypt' }).message).toContain('region');
    expect(error({ principal: ALICE, operation: 'Decrypt', region: 'r', parameters: [] }).code).toBe(
      'InvalidRequest',
    );
    const request = ok({
      principal: ALICE,
      operation: 'Decrypt',
      region: 'cn-hangzhou',
      parameters: { KeyId: 'k' },
    });
    expect(request.target).toEqual({
      kind: 'operation',
      operation: 'Decrypt',
      region: 'cn-hangzhou',
      parameters: { KeyId: 'k' },
    });
  });

  test('parameters hold scalars and arrays of scalars only', () => {
    const base = { principal: ALICE, operation: 'BatchGetSecretValue', region: 'cn-hangzhou' };
    expect(ok({ ...base, parameters: { SecretNames: ['a', 'b'] } }).target).toMatchObject({
      parameters: { SecretNames: ['a', 'b'] },
    });
    expect(error({ ...base, parameters: { SecretNames: [{}] } }).code).toBe('InvalidRequest');
    expect(error({ ...base, parameters: { X: null } }).code).toBe('InvalidRequest');
    const proto = ok({ ...base, parameters: JSON.parse('{"__proto__": "x"}') });
    expect(proto.target.kind === 'operation' && Object.keys(proto.target.parameters)).toEqual(['__proto__']);
  });

  test('resources are "*" or acs: ARNs with five segments', () => {
    expect(ok({ principal: ALICE, action: 'a:b', resource: KEY }).target).toMatchObject({ resource: KEY });
    expect(ok({ principal: ALICE, action: 'a:b', resource: 'acs:oss:::bucket/x' }).target).toMatchObject({
      resource: 'acs:oss:::bucket/x',
    });
    for (const resource of ['key-1', 'acs:kms:cn-hangzhou:123', 'arn:aws:kms:us-east-1:1:key/x', '']) {
      expect(error({ principal: ALICE, action: 'a:b', resource }).code).toBe('InvalidRequest');
    }
  });
});

describe('readRequest: tags and context', () => {
  test('tag and context keys are stored lower-cased, values in string form', () => {
    const request = ok({
      principal: ALICE,
      action: 'kms:Decrypt',
      resourceTags: { Project: 'Apollo', Level: 3, Secret: true },
      context: { 'Kms:EncryptionAlgorithm': 'SYMMETRIC_DEFAULT', 'my:n': 5, 'my:f': 0.5, 'my:b': false },
    });
    expect([...request.resourceTags]).toEqual([
      ['project', 'Apollo'],
      ['level', '3'],
      ['secret', 'true'],
    ]);
    expect(request.context.get('kms:encryptionalgorithm')).toBe('SYMMETRIC_DEFAULT');
    expect(request.context.get('my:n')).toBe('5');
    expect(request.context.get('my:f')).toBe('0.5');
    expect(request.context.get('my:b')).toBe('false');
  });

  test('keys equal ignoring case are invalid', () => {
    const tags = error({ principal: ALICE, action: 'a:b', resourceTags: { Project: 'a', PROJECT: 'b' } });
    expect(tags.code).toBe('InvalidRequest');
    expect(tags.message).toContain('"PROJECT"');
    const context = error({
      principal: ALICE,
      action: 'a:b',
      context: { 'acs:SourceVpc': 'a', 'ACS:sourcevpc': 'b' },
    });
    expect(context.code).toBe('InvalidRequest');
  });

  test('non-scalar context values are InvalidContextValue naming the key', () => {
    for (const value of [null, [], ['a'], {}]) {
      const e = error({ principal: ALICE, action: 'a:b', context: { 'my:key': value } });
      expect(e.code).toBe('InvalidContextValue');
      expect(e.message).toContain('my:key');
    }
    expect(error({ principal: ALICE, action: 'a:b', resourceTags: { a: null } }).code).toBe('InvalidRequest');
  });

  test('typed global keys are validated', () => {
    const bad: Record<string, unknown>[] = [
      { 'acs:SourceIp': 'not-an-ip' },
      { 'acs:SourceIp': '10.0.0.0/8' },
      { 'acs:sourceip': 17 },
      { 'acs:CurrentTime': '2026-11-27' },
      { 'acs:CurrentTime': 0 },
      { 'acs:SecureTransport': 'yes' },
      { 'acs:SecureTransport': 1 },
      { 'acs:MFAPresent': 'True ' },
    ];
    for (const context of bad) {
      expect(error({ principal: ALICE, action: 'a:b', context }).code).toBe('InvalidContextValue');
    }
    const request = ok({
      principal: ALICE,
      action: 'a:b',
      context: {
        'acs:SourceIp': '2001:db8::1',
        'acs:CurrentTime': '2026-11-27T10:00:00+08:00',
        'acs:SecureTransport': 'TRUE',
        'acs:MFAPresent': false,
      },
    });
    expect(request.context.get('acs:securetransport')).toBe('true');
    expect(request.context.get('acs:mfapresent')).toBe('false');
  });

  test('engine-filled keys cannot be supplied', () => {
    for (const key of ['acs:PrincipalARN', 'kms:tag/Project', 'acs:ResourceTag/Project']) {
      expect(error({ principal: ALICE, action: 'a:b', context: { [key]: 'x' } }).code).toBe('InvalidRequest');
    }
  });

  test('accessKeyId fills acs:AccessId; a different context value is invalid', () => {
    expect(ok({ accessKeyId: 'AK1', action: 'a:b' }).context.get('acs:accessid')).toBe('AK1');
    expect(ok({ accessKeyId: 'AK1', action: 'a:b', context: { 'acs:AccessId': 'AK1' } }).context.size).toBe(
      1,
    );
    expect(error({ accessKeyId: 'AK1', action: 'a:b', context: { 'acs:AccessId': 'AK2' } }).code).toBe(
      'InvalidRequest',
    );
    expect(
      ok({ principal: ALICE, action: 'a:b', context: { 'acs:AccessId': 'AK2' } }).context.get('acs:accessid'),
    ).toBe('AK2');
  });
});

describe('readRequest: bounds', () => {
  const long = 'x'.repeat(REQUEST_LIMITS.maxStringLength + 1);
  test.each([
    ['a long action', { principal: ALICE, action: long }],
    ['a long context value', { principal: ALICE, action: 'a:b', context: { k: long } }],
    ['a long context key', { principal: ALICE, action: 'a:b', context: { [long]: 'v' } }],
    ['an empty context key', { principal: ALICE, action: 'a:b', context: { '': 'v' } }],
    ['a long token', { securityToken: 'x'.repeat(REQUEST_LIMITS.maxSecurityTokenLength + 1), action: 'a:b' }],
    [
      'too many tags',
      {
        principal: ALICE,
        action: 'a:b',
        resourceTags: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`t${i}`, 'v'])),
      },
    ],
    [
      'too many context keys',
      {
        principal: ALICE,
        action: 'a:b',
        context: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v'])),
      },
    ],
    [
      'too much text in all',
      {
        principal: ALICE,
        action: 'a:b',
        context: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'v'.repeat(2000)])),
      },
    ],
  ])('%s is InvalidRequest', (_name, raw) => {
    expect(error(raw).code).toBe('InvalidRequest');
  });

  test('the total counts every member name, key and value: at the limit is valid, one more is not', () => {
    const textLength = (value: unknown): number => {
      if (typeof value === 'string') return value.length;
      if (typeof value !== 'object' || value === null) return 0;
      return Object.entries(value).reduce((sum, [k, v]) => sum + k.length + textLength(v), 0);
    };
    const request = (extra: number, where: 'tag' | 'group') => {
      const raw: Record<string, unknown> = {
        principal: ALICE,
        action: 'a:b',
        context: Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`k${i}`, 'v'.repeat(2_000)])),
        ...(where === 'tag' ? { resourceTags: { t: '' } } : { resourceGroup: '' }),
      };
      const filler = 'x'.repeat(REQUEST_LIMITS.maxTotalLength - textLength(raw) + extra);
      if (where === 'tag') raw.resourceTags = { t: filler };
      else raw.resourceGroup = filler;
      return raw;
    };
    for (const where of ['tag', 'group'] as const) {
      expect(textLength(request(0, where))).toBe(REQUEST_LIMITS.maxTotalLength);
      ok(request(0, where));
      expect(error(request(1, where))).toEqual({
        code: 'InvalidRequest',
        message: `the request holds more than ${REQUEST_LIMITS.maxTotalLength} characters of text in all; shorten it`,
      });
    }
  });

  test('principal, action and resource: 1 to maxStringLength characters, exactly as every other string', () => {
    const max = REQUEST_LIMITS.maxStringLength;
    // A resource of a given length that is an ARN, so that only its length can make it invalid.
    const arn = (length: number) => `acs:kms:r:1:key/${'k'.repeat(length - 16)}`;
    const members = {
      principal: (length: number) => ({ principal: 'p'.repeat(length), action: 'a:b' }),
      action: (length: number) => ({ principal: ALICE, action: 'a'.repeat(length) }),
      resource: (length: number) => ({ principal: ALICE, action: 'a:b', resource: arn(length) }),
    };
    for (const [name, request] of Object.entries(members)) {
      expect(arn(max)).toHaveLength(max);
      ok(request(max));
      expect(error(request(max + 1))).toEqual({
        code: 'InvalidRequest',
        message: `${name} is longer than ${max} characters`,
      });
    }
    for (const name of ['principal', 'action', 'resource']) {
      const base: Record<string, unknown> = { principal: ALICE, action: 'a:b' };
      expect(error({ ...base, [name]: '' }).message).toBe(`${name} must not be empty`);
      expect(error({ ...base, [name]: 7 }).message).toBe(`${name} must be a string, not a number`);
    }
  });

  test('a throwing getter is an error, not a crash', () => {
    const hostile = {
      principal: ALICE,
      get action(): string {
        throw new Error('boom');
      },
    };
    expect(error(hostile).code).toBe('InvalidRequest');
  });
});

describe('RequestBuffer: one buffer read again and again', () => {
  const buffer = new RequestBuffer();
  const read = (raw: unknown) => {
    const error = buffer.read(raw);
    if (error !== null) throw new Error(`expected a valid request, got ${error.code}: ${error.message}`);
    return buffer.request;
  };

  test('a request keeps nothing of the one read before it', () => {
    const first = read({
      id: 'r1',
      accessKeyId: 'AK1',
      action: 'kms:Encrypt',
      resource: KEY,
      resourceGroup: 'rg-1',
      resourceTags: { Project: 'apollo', Owner: 'team' },
      context: { 'acs:SourceIp': '203.0.113.7' },
    });
    expect([...first.context]).toEqual([
      ['acs:sourceip', '203.0.113.7'],
      ['acs:accessid', 'AK1'],
    ]);
    const second = read({ principal: ALICE, action: 'kms:Decrypt', context: { 'my:k': 'v' } });
    expect(second).toBe(first);
    expect(second.id).toBeNull();
    expect(second.caller).toEqual({ kind: 'principal', arn: ALICE });
    expect(second.target).toEqual({ kind: 'action', action: 'kms:Decrypt', resource: '*' });
    expect(second.resourceGroup).toBeNull();
    expect(second.resourceTags.size).toBe(0);
    expect(second.resourceTags.get('project')).toBeUndefined();
    expect([...second.context]).toEqual([['my:k', 'v']]);
  });

  test('an invalid request returns its error and keeps its id; the next valid one reads cleanly', () => {
    const error = buffer.read({ id: 'bad', principal: ALICE, action: 'kms:Decrypt', context: { k: [] } });
    expect(error?.code).toBe('InvalidContextValue');
    expect(buffer.request.id).toBe('bad');
    expect(buffer.read({ principal: ALICE, action: 'kms:Decrypt' })).toBeNull();
    expect(buffer.request.id).toBeNull();
    expect(buffer.request.context.size).toBe(0);
  });

  test('setAccessId replaces acs:AccessId in place', () => {
    read({ securityToken: 'T', accessKeyId: 'STS.a', action: 'kms:Decrypt' });
    buffer.setAccessId('STS.b');
    expect([...buffer.request.context]).toEqual([['acs:accessid', 'STS.b']]);
  });
});

describe('RequestMap', () => {
  test('set appends new keys in order and replaces known ones; clear empties it', () => {
    const map = new RequestMap().set('a', '1').set('b', '2').set('a', '3');
    expect(map.size).toBe(2);
    expect([...map]).toEqual([
      ['a', '3'],
      ['b', '2'],
    ]);
    const seen: string[] = [];
    map.forEach((value, key) => {
      seen.push(`${key}=${value}`);
    });
    expect(seen).toEqual(['a=3', 'b=2']);
    const copy = map.copy();
    map.clear();
    expect(map.size).toBe(0);
    expect(map.has('a')).toBe(false);
    expect(map.get('b')).toBeUndefined();
    expect(copy.get('b')).toBe('2');
    map.set('c', '4');
    expect([...map]).toEqual([['c', '4']]);
  });
});

describe('contextValue', () => {
  const request = ok({
    principal: ALICE,
    action: 'kms:Decrypt',
    resourceTags: { Project: 'Apollo', 'acs:rds:instance-encryption': 'on' },
    context: { 'acs:SourceIp': '10.0.0.1', 'my:n': 5 },
  });
  const filled = (resource: string) => ({
    principalArn: ALICE,
    resource,
    currentTime: '2026-01-01T00:00:00.000Z',
  });

  test('engine-filled and request values', () => {
    expect(contextValue(request, filled(KEY), 'acs:principalarn')).toBe(ALICE);
    expect(contextValue(request, filled(KEY), 'acs:sourceip')).toBe('10.0.0.1');
    expect(contextValue(request, filled(KEY), 'my:n')).toBe('5');
    expect(contextValue(request, filled(KEY), 'acs:sourcevpc')).toBeUndefined();
    expect(contextValue(request, filled(KEY), 'acs:currenttime')).toBe('2026-01-01T00:00:00.000Z');
    const timed = ok({
      principal: ALICE,
      action: 'a:b',
      context: { 'acs:CurrentTime': '2020-01-01T00:00:00Z' },
    });
    expect(contextValue(timed, filled(KEY), 'acs:currenttime')).toBe('2020-01-01T00:00:00Z');
  });

  test('tags are visible as kms:tag and acs:ResourceTag on one key or secret only', () => {
    const secret = 'acs:kms:cn-hangzhou:1234567890123456:secret/db/prod!1';
    for (const resource of [KEY, secret]) {
      expect(contextValue(request, filled(resource), 'kms:tag/project')).toBe('Apollo');
      expect(contextValue(request, filled(resource), 'acs:resourcetag/project')).toBe('Apollo');
      expect(contextValue(request, filled(resource), 'kms:tag/acs:rds:instance-encryption')).toBe('on');
      expect(contextValue(request, filled(resource), 'kms:tag/missing')).toBeUndefined();
    }
    for (const resource of [
      '*',
      'acs:kms:cn-hangzhou:1234567890123456:key',
      'acs:kms:cn-hangzhou:1:alias/a',
    ]) {
      expect(contextValue(request, filled(resource), 'kms:tag/project')).toBeUndefined();
      expect(contextValue(request, filled(resource), 'acs:resourcetag/project')).toBeUndefined();
    }
  });

  test('isTaggableResource', () => {
    expect(isTaggableResource('acs:kms:cn-hangzhou:1:key/k')).toBe(true);
    expect(isTaggableResource('acs:kms:::secret/s')).toBe(true);
    for (const r of ['acs:kms:r:1:key/', 'acs:kms:r:1:secret', 'acs:ecs:r:1:key/k', '*', 'acs:kms:r:key/k']) {
      expect(isTaggableResource(r)).toBe(false);
    }
  });

  test('formatCurrentTime', () => {
    expect(formatCurrentTime(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(formatCurrentTime(Number.NaN)).toBe('invalid clock reading');
    // The last reading is remembered: the same text again, and a new reading gets its own.
    expect(formatCurrentTime(1_000)).toBe('1970-01-01T00:00:01.000Z');
    expect(formatCurrentTime(1_000)).toBe('1970-01-01T00:00:01.000Z');
    expect(formatCurrentTime(Number.NaN)).toBe('invalid clock reading');
    expect(formatCurrentTime(1_001)).toBe('1970-01-01T00:00:01.001Z');
  });
});
