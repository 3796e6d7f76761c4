import { describe, expect, it } from 'vitest';
import { explainedFromSource } from '../../compiler/cli/source-explanations.js';
import type { Authorizer, Check, Decision, Explanation } from '../../runtime/types.js';

const fixed = (decision: Decision): Authorizer => ({ authorize: () => decision });

const own: Explanation = { step: 'no-statement', statements: [] };
const fromSource: Explanation = {
  step: 'no-statement',
  statements: [
    {
      policy: 'P',
      policyType: 'Custom',
      version: 'v1',
      statement: 0,
      sid: null,
      effect: 'Allow',
      scope: 'account',
      outcome: 'no-match',
    },
  ],
};

describe('explainedFromSource', () => {
  it('takes the explanations of the source when the decisions agree, checks included', () => {
    const check: Check = { action: 'kms:Decrypt', resource: '*', decision: 'ImplicitDeny', deciding: [] };
    const engine = fixed({
      decision: 'ImplicitDeny',
      deciding: [],
      explanation: own,
      checks: [{ ...check }],
    });
    const source = fixed({
      decision: 'ImplicitDeny',
      deciding: [],
      explanation: fromSource,
      checks: [{ ...check, explanation: fromSource }],
    });
    const decision = explainedFromSource(engine, source).authorize({}, { explain: true });
    expect(decision.explanation).toBe(fromSource);
    expect(decision.checks?.[0]?.explanation).toBe(fromSource);
  });

  it("keeps the engine's decision, and its own explanation when the decisions differ", () => {
    const engine = fixed({ decision: 'Allow', deciding: [], explanation: own });
    const source = fixed({ decision: 'ImplicitDeny', deciding: [], explanation: fromSource });
    expect(explainedFromSource(engine, source).authorize({}, { explain: true })).toEqual({
      decision: 'Allow',
      deciding: [],
      explanation: own,
    });
  });

  it('does not ask the source without --explain', () => {
    const engine = fixed({ decision: 'Allow', deciding: [] });
    const source: Authorizer = {
      authorize: () => {
        throw new Error('the source was asked');
      },
    };
    expect(explainedFromSource(engine, source).authorize({}).decision).toBe('Allow');
  });
});
