import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { loadBundle } from '../../runtime/index.js';

const ACCOUNT = '1234567890123456';

function modelWithResource(resource: string) {
  return {
    account: ACCOUNT,
    users: [{ name: 'u' }],
    policies: [
      {
        name: 'P',
        document: {
          Version: '1',
          Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: resource }],
        },
      },
    ],
    attachments: [{ policy: 'P', to: 'user/u' }],
  };
}

describe('compile', () => {
  it('compiles a model object into a bundle the runtime loads', () => {
    const { bundle, diagnostics } = compile(modelWithResource(`acs:kms:*:${ACCOUNT}:key/*`));
    expect(diagnostics).toEqual([]);
    expect(bundle).not.toBeNull();
    const decision = loadBundle(bundle as Uint8Array).authorize({
      principal: `acs:ram::${ACCOUNT}:user/u`,
      action: 'kms:Decrypt',
      resource: `acs:kms:cn-hangzhou:${ACCOUNT}:key/key-1`,
    });
    expect(decision.decision).toBe('Allow');
  });

  it('writes no bundle and reports an error for a model with errors', () => {
    const { bundle, diagnostics } = compile({ account: 'not-digits' });
    expect(bundle).toBeNull();
    expect(diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('refuses a string no bundle can carry with a diagnostic, not a throw', () => {
    const { bundle, diagnostics } = compile(modelWithResource('acs:kms:*:*:key/\ud800'));
    expect(bundle).toBeNull();
    expect(diagnostics.map((d) => d.code)).toContain('VALUE_BAD_UNICODE');
  });

  it('reports pass timings and IR dumps when asked', () => {
    const timings: { pass: string; ms: number }[] = [];
    const dumps: string[] = [];
    compile(modelWithResource('*'), { timings, dumpAfter: 'all', onDump: (pass) => dumps.push(pass) });
    expect(timings.map((t) => t.pass)).toContain('index-actions');
    expect(dumps).toContain('index-actions');
  });
});
