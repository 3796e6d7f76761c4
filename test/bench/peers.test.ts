import { beforeAll, describe, expect, it } from 'vitest';
import type { Contender } from '../../bench/engines/contender.js';
import { type PreparedWorkload, prepareWorkload } from '../../bench/engines/prepare-workload.js';
import { disagreement } from '../../bench/engines/verify.js';
import { cedarContext, cedarPolicy } from '../../bench/peers/cedar-translate.js';
import { cedarPeers } from '../../bench/peers/cedar-wasm.js';
import { awsArn, awsKey, awsPrincipal, iamSimulatePeer } from '../../bench/peers/iam-simulate.js';
import { decideScoped, identityKey } from '../../bench/peers/identity-slices.js';
import { pbacContext, pbacPeer, pbacStatement } from '../../bench/peers/pbac.js';
import { ACCOUNT } from '../../bench/workloads/constants.js';

describe('every peer decides the workload as the reference does', () => {
  let prepared: PreparedWorkload;
  beforeAll(() => {
    prepared = prepareWorkload(100);
  });

  it.each([...cedarPeers, pbacPeer, iamSimulatePeer].map((p) => [p.name, p] as const))('%s', (_, peer) => {
    expect(disagreement(peer.prepare(prepared.workload), prepared)).toBeNull();
  });

  it('reports a disagreement with the request, both answers and where to fix it', () => {
    const flip = (i: number) => (prepared.expected[i] === 'Allow' ? 'ImplicitDeny' : 'Allow');
    const liar: Contender = {
      name: 'liar',
      decide: (i) => (i === 3 ? flip(i) : (prepared.expected[i] ?? 'Allow')),
    };
    expect(disagreement(liar, prepared)).toMatch(
      new RegExp(
        `liar disagrees .* on 1 of 256 requests[\\s\\S]*request #3 \\{[\\s\\S]*liar: ${flip(3)}[\\s\\S]*bench/peers`,
      ),
    );
  });

  it('reports a peer that throws instead of deciding', () => {
    const broken: Contender = {
      name: 'broken',
      decide: () => {
        throw new Error('no such policy set');
      },
    };
    expect(disagreement(broken, prepared)).toMatch(/broken: an exception \(no such policy set\)/);
  });
});

describe('translations', () => {
  it('writes a RAM statement as a Cedar policy with RAM matching rules', () => {
    const text = cedarPolicy(
      {
        Effect: 'Deny',
        Action: ['kms:Decrypt', 'kms:List*'],
        Resource: `acs:kms:*:${ACCOUNT}:key/*`,
        Condition: { NotIpAddress: { 'acs:SourceIp': ['203.0.113.0/24', '2001:db8:1::/48'] } },
      },
      'principal in Group::"ops"',
    );
    expect(text).toBe(
      'forbid (principal in Group::"ops", action, resource)\nwhen { ' +
        '(action == Action::"kms:decrypt" || context.action like "kms:list*") && ' +
        `(context.resource like "acs:kms:*:${ACCOUNT}:key/*") && ` +
        '(!(context has "acs:sourceip") || !(context["acs:sourceip"].isInRange(ip("203.0.113.0/24")) || ' +
        'context["acs:sourceip"].isInRange(ip("2001:db8:1::/48")))) };',
    );
  });

  it('refuses what Cedar cannot express instead of translating it wrongly', () => {
    expect(() =>
      cedarPolicy({ Effect: 'Allow', Action: 'kms:*', Resource: 'acs:kms:?' }, 'principal'),
    ).toThrow(/one-character/);
    const numeric = {
      Effect: 'Allow' as const,
      Action: '*',
      Resource: '*',
      Condition: { NumericLessThan: { 'kms:tag/n': '3' } },
    };
    expect(() => cedarPolicy(numeric, 'principal')).toThrow(/does not support NumericLessThan/);
  });

  it('types Cedar context values by condition key and exposes tags under both key names', () => {
    const context = cedarContext(
      {
        principal: `acs:ram::${ACCOUNT}:user/a`,
        action: 'kms:Decrypt',
        resource: 'r',
        resourceGroup: 'rg-1',
        resourceTags: { Project: 'p' },
        context: {
          'acs:SourceIp': '203.0.113.7',
          'acs:SecureTransport': 'TRUE',
          'acs:CurrentTime': '2026-01-01T00:00:00Z',
        },
      },
      true,
    );
    expect(context).toEqual({
      action: 'kms:decrypt',
      resource: 'r',
      'acs:sourceip': { __extn: { fn: 'ip', arg: '203.0.113.7' } },
      'acs:securetransport': true,
      'acs:currenttime': Date.parse('2026-01-01T00:00:00Z'),
      'kms:tag/project': 'p',
      'acs:resourcetag/project': 'p',
      'ramc:resourcegroup': 'rg-1',
    });
  });

  it('spreads a negated pbac test over operator aliases so that its values are NORed', () => {
    const statement = pbacStatement({
      Effect: 'Deny',
      Action: 'kms:*',
      Resource: '*',
      Condition: { NotIpAddress: { 'acs:SourceIp': ['a', 'b'] }, Bool: { 'acs:SecureTransport': 'TRUE' } },
    });
    expect(statement).toEqual({
      Effect: 'Deny',
      Action: ['kms:*'],
      Resource: ['*'],
      Condition: {
        NotIpAddress: { 'acs:sourceip': ['a'] },
        NotIpAddressIfExists: { 'acs:sourceip': ['b'] },
        Bool: { 'acs:securetransport': ['true'] },
      },
    });
    const five = {
      Effect: 'Deny' as const,
      Action: '*',
      Resource: '*',
      Condition: { StringNotEquals: { 'a:b': ['1', '2', '3', '4', '5'] } },
    };
    expect(() => pbacStatement(five)).toThrow(/cannot express 5 tests/);
    const deep = {
      Effect: 'Deny' as const,
      Action: '*',
      Resource: '*',
      Condition: { StringEquals: { 'kms:tag/a:b': 'x' } },
    };
    expect(() => pbacStatement(deep)).toThrow(/splits condition keys/);
  });

  it('nests the pbac context at the first colon of lower-cased keys', () => {
    const request = {
      principal: 'p',
      action: 'a',
      resource: 'r',
      resourceTags: { Env: 'x' },
      context: { 'acs:SecureTransport': 'False' },
    };
    expect(pbacContext(request)).toEqual({
      acs: { securetransport: 'false', 'resourcetag/env': 'x' },
      kms: { 'tag/env': 'x' },
    });
  });

  it('maps RAM names to AWS names for iam-simulate', () => {
    expect(awsArn(`acs:kms:cn-hangzhou:${ACCOUNT}:key/key-1`, ACCOUNT)).toBe(
      'arn:aws:kms:cn-hangzhou:123456789012:key/key-1',
    );
    expect(awsArn('*', ACCOUNT)).toBe('*');
    expect(awsKey('kms:tag/Project')).toBe('aws:ResourceTag/Project');
    expect(awsKey('ACS:SourceIp')).toBe('aws:SourceIp');
    expect(() => awsKey('acs:SourceVpc')).toThrow(/no AWS equivalent/);
    expect(awsPrincipal(`acs:ram::${ACCOUNT}:role/app/w-1`, ACCOUNT)).toBe(
      'arn:aws:sts::123456789012:assumed-role/app/w-1',
    );
  });
});

describe('identity slices', () => {
  it('names users and role sessions of the account, and nothing else', () => {
    expect(identityKey(`acs:ram::${ACCOUNT}:user/alice`, ACCOUNT)).toBe('user/alice');
    expect(identityKey(`acs:ram::${ACCOUNT}:role/app/s1`, ACCOUNT)).toBe('role/app');
    expect(identityKey(`acs:ram::${ACCOUNT}:role/app`, ACCOUNT)).toBeNull();
    expect(identityKey(`acs:ram::${ACCOUNT}:root`, ACCOUNT)).toBeNull();
    expect(identityKey('acs:ram::999:user/alice', ACCOUNT)).toBeNull();
  });

  it('consults the resource group only when the account scope gives no decision (semantics §6.2)', () => {
    const slice = { account: 'account', byResourceGroup: new Map([['rg-1', 'group']]) };
    const answers = (account: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny') => (set: string) =>
      set === 'account' ? account : 'Allow';
    expect(decideScoped(slice, 'rg-1', answers('ImplicitDeny'))).toBe('Allow');
    expect(decideScoped(slice, 'rg-1', answers('ExplicitDeny'))).toBe('ExplicitDeny');
    expect(decideScoped(slice, 'rg-2', answers('ImplicitDeny'))).toBe('ImplicitDeny');
    expect(decideScoped(slice, undefined, answers('ImplicitDeny'))).toBe('ImplicitDeny');
  });
});
