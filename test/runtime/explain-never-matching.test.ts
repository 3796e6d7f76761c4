import { describe, expect, it } from 'vitest';
import { ENGINES } from '../engines.js';

const ACCOUNT = '1234567890123456';
const ALICE = `acs:ram::${ACCOUNT}:user/alice`;

/** Statements 0 and 1 can never match; 2 allows. The compiler keeps 0 and 1 for explanations only. */
const MODEL = {
  account: ACCOUNT,
  policies: [
    {
      name: 'P',
      document: {
        Version: '1',
        Statement: [
          { Effect: 'Deny', NotAction: '*', Resource: '*' },
          { Effect: 'Deny', Action: 'kms:*', NotResource: ['acs:kms:*', '*'] },
          { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
        ],
      },
    },
  ],
  users: [{ name: 'alice' }],
  attachments: [{ policy: 'P', to: 'user/alice' }],
};

describe('statements that can never match', () => {
  for (const engine of ENGINES) {
    it(`are listed by the ${engine.name} engine's explanation, and change no decision`, async () => {
      const authorizer = await engine.prepare(MODEL);
      const request = {
        principal: ALICE,
        action: 'kms:Decrypt',
        resource: `acs:kms:cn-hangzhou:${ACCOUNT}:key/k`,
      };
      const explained = authorizer.authorize(request, { explain: true });
      expect(explained.decision).toBe('Allow');
      const listed = (explained.explanation?.statements ?? []).map((s) => [
        s.statement,
        s.outcome,
        s.failed?.element,
      ]);
      expect(listed).toEqual([
        [0, 'no-match', 'NotAction'],
        [1, 'no-match', 'NotResource'],
        [2, 'match', undefined],
      ]);
      expect(authorizer.authorize(request).decision).toBe('Allow');
    });
  }
});
