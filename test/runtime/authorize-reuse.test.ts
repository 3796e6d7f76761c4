import { describe, expect, it } from 'vitest';
import type { Authorizer } from '../../runtime/types.js';
import { ENGINES } from '../engines.js';

/**
 * The TS and Wasm authorizers reuse their request buffer, evaluation buffers and `deciding` entries from
 * decision to decision (docs/bundle-format.md, "Allocation per decision"): nothing of one request may leak
 * into the next, on any engine.
 */

const ACCOUNT = '1234567890123456';
const ALICE = `acs:ram::${ACCOUNT}:user/alice`;
const KEY = `acs:kms:cn-hangzhou:${ACCOUNT}:key/key-1`;

const MODEL = {
  account: ACCOUNT,
  policies: [
    {
      name: 'TaggedCrypto',
      document: {
        Version: '1',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'kms:Decrypt',
            Resource: '*',
            Condition: {
              StringEquals: { 'kms:tag/Project': 'apollo' },
              IpAddress: { 'acs:SourceIp': '203.0.113.0/24' },
            },
          },
        ],
      },
    },
    {
      name: 'GroupAdmin',
      document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }] },
    },
    {
      name: 'DenyAfterDeadline',
      document: {
        Version: '1',
        Statement: [
          {
            Effect: 'Deny',
            Action: 'kms:ScheduleKeyDeletion',
            Resource: '*',
            Condition: { DateGreaterThan: { 'acs:CurrentTime': '2026-12-01T00:00:00Z' } },
          },
          {
            Effect: 'Allow',
            Action: 'kms:ScheduleKeyDeletion',
            Resource: '*',
            Condition: { StringEquals: { 'kms:tag/Project': 'apollo' } },
          },
        ],
      },
    },
  ],
  users: [{ name: 'alice' }],
  attachments: [
    { policy: 'TaggedCrypto', to: 'user/alice' },
    { policy: 'DenyAfterDeadline', to: 'user/alice' },
    { policy: 'GroupAdmin', to: 'user/alice', resourceGroup: 'rg-one' },
    { policy: 'GroupAdmin', to: 'user/alice', resourceGroup: 'rg-two' },
  ],
};

const tagged = {
  principal: ALICE,
  action: 'kms:Decrypt',
  resource: KEY,
  resourceTags: { Project: 'apollo' },
  context: { 'acs:SourceIp': '203.0.113.9' },
};

describe.each(ENGINES)('$name: one authorizer, many requests', (engine) => {
  const authorizer = (now: () => number = Date.now) => engine.prepare(MODEL, { now });

  it('forgets the tags and context of the request before', async () => {
    const a = await authorizer();
    expect(a.authorize(tagged).decision).toBe('Allow');
    expect(a.authorize({ principal: ALICE, action: 'kms:Decrypt', resource: KEY }).decision).toBe(
      'ImplicitDeny',
    );
    expect(a.authorize({ ...tagged, context: {} }).decision).toBe('ImplicitDeny');
    expect(a.authorize({ ...tagged, resourceTags: {} }).decision).toBe('ImplicitDeny');
    expect(a.authorize({ ...tagged, context: { 'acs:SourceIp': '198.51.100.1' } }).decision).toBe(
      'ImplicitDeny',
    );
    expect(a.authorize(tagged).decision).toBe('Allow');
  });

  it('forgets the id and the resource group of the request before', async () => {
    const a = await authorizer();
    const first = a.authorize({ id: 'r1', ...tagged });
    expect(first.id).toBe('r1');
    const second = a.authorize(tagged);
    expect(second).not.toHaveProperty('id');
    const inGroup = { principal: ALICE, action: 'kms:Encrypt', resource: KEY, resourceGroup: 'rg-one' };
    expect(a.authorize(inGroup).decision).toBe('Allow');
    expect(a.authorize({ ...inGroup, resourceGroup: undefined }).decision).toBe('ImplicitDeny');
  });

  it('names each statement in the scope of its own decision, and earlier decisions keep theirs', async () => {
    const a = await authorizer();
    const request = (resourceGroup: string) => ({
      principal: ALICE,
      action: 'kms:Encrypt',
      resource: KEY,
      resourceGroup,
    });
    const one = a.authorize(request('rg-one'));
    const two = a.authorize(request('rg-two'));
    const again = a.authorize(request('rg-one'));
    expect(one.deciding.map((d) => d.scope)).toEqual(['rg-one']);
    expect(two.deciding.map((d) => d.scope)).toEqual(['rg-two']);
    expect(again.deciding.map((d) => d.scope)).toEqual(['rg-one']);
    expect(one.deciding[0]).toMatchObject({ policy: 'GroupAdmin', effect: 'Allow', statement: 0 });
  });

  it('returns a decision and a deciding list of its own every time', async () => {
    const a = await authorizer();
    const first = a.authorize(tagged);
    const second = a.authorize(tagged);
    expect(second).not.toBe(first);
    expect(second.deciding).not.toBe(first.deciding);
    second.deciding.pop();
    expect(a.authorize(tagged).deciding).toHaveLength(1);
    expect(first.deciding).toHaveLength(1);
  });

  it('decides a request made by a getter of another request apart from it', async () => {
    const a = await authorizer();
    let inner: string | undefined;
    // The getter runs while the outer request's tags are being read, after its Project tag was.
    const outer = {
      principal: ALICE,
      action: 'kms:Decrypt',
      resource: KEY,
      resourceTags: {
        Project: 'zeus',
        get Owner(): string {
          inner = a.authorize(tagged).decision;
          return 'team';
        },
      },
    };
    expect(a.authorize(outer)).toMatchObject({ decision: 'ImplicitDeny', deciding: [] });
    expect(a.authorize(outer)).not.toHaveProperty('error');
    expect(inner).toBe('Allow');
    expect(a.authorize(tagged).decision).toBe('Allow');
  });

  it('decides a request made by the clock apart from the one that read it', async () => {
    let a: Authorizer | null = null;
    let inner: string | undefined;
    // The clock is read in the middle of evaluating the outer request, which has no tags.
    a = await authorizer(() => {
      inner ??= a?.authorize({ ...tagged, action: 'kms:ScheduleKeyDeletion' }).decision;
      return Date.parse('2026-11-28T00:00:00Z');
    });
    const deletion = { principal: ALICE, action: 'kms:ScheduleKeyDeletion', resource: KEY };
    expect(a.authorize(deletion).decision).toBe('ImplicitDeny');
    expect(inner).toBe('Allow');
  });
});

/** The bundle engines share one frozen `deciding` entry per statement and scope; the reference builds each. */
describe.each(ENGINES.filter((e) => e.name !== 'reference'))('$name: deciding entries', (engine) => {
  it('are shared and frozen, and explained ones are fresh', async () => {
    const a = await engine.prepare(MODEL);
    const first = a.authorize(tagged);
    expect(Object.isFrozen(first.deciding[0])).toBe(true);
    expect(a.authorize(tagged).deciding[0]).toBe(first.deciding[0]);
    const explained = a.authorize(tagged, { explain: true });
    expect(Object.isFrozen(explained.deciding[0])).toBe(false);
    expect(explained.deciding[0]?.position).toBeDefined();
  });
});
