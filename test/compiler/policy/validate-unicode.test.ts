import { describe, expect, it } from 'vitest';
import { compile } from '../../../compiler/compile.js';
import { parseJson } from '../../../compiler/parse/json-parser.js';
import { validatePolicy } from '../../../compiler/policy/validate-policy.js';
import { referenceAuthorizer } from '../../../compiler/reference/index.js';
import { hasLoneSurrogate } from '../../../runtime/values/unicode.js';

function validate(text: string) {
  const { value } = parseJson(text, 'p.json');
  if (value === null) throw new Error('test policy is not JSON');
  return validatePolicy(value, 'permission', { file: 'p.json' });
}

describe('lone surrogates', () => {
  it('detects half pairs but not whole pairs', () => {
    expect(hasLoneSurrogate('key/\ud83d\ude00')).toBe(false);
    expect(hasLoneSurrogate('plain')).toBe(false);
    expect(hasLoneSurrogate('\ud83d')).toBe(true);
    expect(hasLoneSurrogate('\ude00x')).toBe(true);
    expect(hasLoneSurrogate('a\ud83db')).toBe(true);
    expect(hasLoneSurrogate('\ude00\ud83d')).toBe(true);
  });

  it('is a VALUE_BAD_UNICODE error at the string, in values and in member names', () => {
    const text =
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"acs:kms:*:*:key/\\ud800",\n' +
      '"Condition":{"StringEquals":{"kms:tag/\\udc00":"x"}}}]}';
    const { document, diagnostics } = validate(text);
    expect(document).toBeNull();
    const bad = diagnostics.filter((d) => d.code === 'VALUE_BAD_UNICODE');
    expect(bad.map((d) => [d.span.line, d.span.column])).toEqual([
      [1, 81],
      [2, 30],
    ]);
  });

  it('makes every engine refuse the model alike', () => {
    const model = {
      account: '1234567890123456',
      users: [{ name: 'u' }],
      policies: [
        {
          name: 'P',
          document: {
            Version: '1',
            Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'key/\ud83d' }],
          },
        },
      ],
      attachments: [{ policy: 'P', to: 'user/u' }],
    };
    expect(compile(model).bundle).toBeNull();
    expect(() => referenceAuthorizer(model)).toThrow(/surrogate/);
  });
});
