import { describe, expect, it } from 'vitest';
import { isActionName } from '../../runtime/request-actions.js';
import { ENGINES } from '../engines.js';

const ACCOUNT = '1234567890123456';
const ALICE = `acs:ram::${ACCOUNT}:user/alice`;
const KEY = `acs:kms:cn-hangzhou:${ACCOUNT}:key/key-a`;

/** Allow everything, but deny kms:Decrypt: a malformed spelling of Decrypt must not slip past the Deny. */
const MODEL = {
  account: ACCOUNT,
  policies: [
    {
      name: 'AllButDecrypt',
      document: {
        Version: '1',
        Statement: [
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*' },
        ],
      },
    },
  ],
  users: [{ name: 'alice' }],
  attachments: [{ policy: 'AllButDecrypt', to: 'user/alice' }],
};

const NOT_NAMES = [
  ' kms:Decrypt',
  'kms:Decrypt ',
  'kms: Decrypt',
  'kms:*',
  'kms:Decr?pt',
  'Decrypt',
  'kms:',
  ':x',
];

describe('request actions that are not action names', () => {
  it('tells action names by their form', () => {
    for (const name of [
      'kms:Decrypt',
      'KMS:decrypt',
      'oss:GetObject',
      'ram:CreateServiceLinkedRole',
      'a-b_c.d:E.f-1_',
    ])
      expect(isActionName(name), name).toBe(true);
    for (const text of [...NOT_NAMES, 'kms:De:crypt', 'kms:Décrypt', ''])
      expect(isActionName(text), JSON.stringify(text)).toBe(false);
  });

  for (const engine of ENGINES) {
    it(`are refused by the ${engine.name} engine, once the caller is known`, async () => {
      const authorizer = await engine.prepare(MODEL);
      for (const action of NOT_NAMES) {
        const decision = authorizer.authorize({ principal: ALICE, action, resource: KEY });
        expect(decision, JSON.stringify(action)).toMatchObject({
          decision: 'ImplicitDeny',
          principal: ALICE,
          deciding: [],
          error: { code: 'InvalidRequest', message: expect.stringContaining('is not an action name') },
        });
      }
      // An unknown caller is reported first.
      const unknown = authorizer.authorize({ principal: `acs:ram::${ACCOUNT}:user/bob`, action: 'kms:*' });
      expect(unknown.error?.code).toBe('UnknownPrincipal');
      expect(authorizer.authorize({ principal: ALICE, action: 'kms:Decrypt', resource: KEY }).decision).toBe(
        'ExplicitDeny',
      );
      expect(authorizer.authorize({ principal: ALICE, action: 'kms:Encrypt', resource: KEY }).decision).toBe(
        'Allow',
      );
    });
  }
});
