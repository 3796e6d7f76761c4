import { describe, expect, it } from 'vitest';
import { disassemble } from '../../compiler/emit/disassemble.js';
import { compileSessionBundle } from '../../compiler/sts/session-bundle.js';
import { sessionPolicyDocument } from '../../compiler/sts/session-policy.js';
import { decodeBundle } from '../../runtime/decode.js';
import { REQUEST_LIMITS } from '../../runtime/request-limits.js';
import { ACCOUNT, ARN, credentials } from './fixtures.js';

function bundleOf(policy: object): Uint8Array {
  const document = sessionPolicyDocument(JSON.stringify(policy));
  if (!document.ok) throw new Error(document.reason);
  const bundle = compileSessionBundle(document.policy.document, ACCOUNT, 'app');
  if (bundle === null) throw new Error('not encodable');
  return bundle;
}

describe('the session policy bundle', () => {
  it('holds one Session policy, the role, and only the literal actions the policy names', () => {
    const bundle = bundleOf({
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:List*'], Resource: '*' },
        { Effect: 'Deny', NotAction: 'kms:Encrypt', Resource: 'acs:kms:*:*:key/key-secret*' },
      ],
    });
    const decoded = decodeBundle(bundle);
    expect(decoded.actions.length).toBe(2);
    const listing = disassemble(bundle);
    expect(listing).toContain('p0 Session "session-policy" version -');
    expect(listing).toContain('0 role "app"');
    expect(listing).toContain('a0 "kms:decrypt"');
    expect(listing).toContain('a1 "kms:encrypt"');
    expect(listing).not.toContain('kms:listkeys');
    expect(bundle.length).toBeLessThan(1_000);
  });

  it('indexes a literal action under every statement that matches it, wildcards and NotAction included', () => {
    const listing = disassemble(
      bundleOf({
        Version: '1',
        Statement: [
          { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
          { Effect: 'Allow', Action: 'kms:*', Resource: '*' },
          { Effect: 'Deny', NotAction: 'kms:Decrypt', Resource: '*' },
        ],
      }),
    );
    expect(listing).toContain('a0 [s0 s1]');
    expect(listing).toContain('other [s1 s2]');
  });

  it('is the same bytes for the same policy (tokens are reproducible apart from their random ids)', () => {
    const policy = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] };
    expect(Buffer.from(bundleOf(policy)).equals(Buffer.from(bundleOf(policy)))).toBe(true);
  });
});

/** Fills a policy up to 2,048 characters of compact JSON with `item(i)`, joined by commas into `wrap`. */
function fill(item: (i: number) => string, wrap: (items: string) => string): string {
  let items: string[] = [];
  for (let i = 0; ; i++) {
    const next = [...items, item(i)];
    if ([...wrap(next.join(','))].length > 2048) return wrap(items.join(','));
    items = next;
  }
}

const statement = (condition: string) => (items: string) =>
  `{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{${condition.replace('ITEMS', items)}}}]}`;

/** One value of as many Deseret capitals (4 bytes in UTF-8, lower-cased to 4 other bytes) as fit. */
function astral(wrap: (items: string) => string): string {
  return wrap('\u{10400}'.repeat(2048 - [...wrap('')].length));
}

/** The largest tokens the shapes of session policies make (docs/sts.md, "Size"). */
const LARGE_POLICIES: Record<string, string> = {
  statements: fill(
    (i) => `{"Effect":"Deny","Action":"k:${i.toString(36)}","Resource":"*"}`,
    (s) => `{"Version":"1","Statement":[${s}]}`,
  ),
  values: fill((i) => `"${i.toString(36)}"`, statement('"StringEquals":{"k":[ITEMS]}')),
  keys: fill((i) => `"${i.toString(36)}":"x"`, statement('"StringEquals":{ITEMS}')),
  ipKeys: fill((i) => `"${i.toString(36)}":"1.2.3.4"`, statement('"IpAddress":{ITEMS}')),
  ignoreCaseKeys: fill((i) => `"K${i.toString(36)}":"A"`, statement('"StringEqualsIgnoreCase":{ITEMS}')),
  astralIgnoreCase: astral(statement('"StringEqualsIgnoreCase":{"k":"ITEMS"}')),
  astralKeys: fill(
    (i) =>
      `"${String.fromCodePoint(0x10400 + (i % 40))}${i.toString(36)}":"${String.fromCodePoint(0x10400 + ((i + 7) % 40))}"`,
    statement('"StringEqualsIgnoreCase":{ITEMS}'),
  ),
};

describe('token size', () => {
  it('stays within the request limit for the largest session policies', () => {
    let largest = 0;
    for (const [shape, policy] of Object.entries(LARGE_POLICIES)) {
      const token = credentials({ roleArn: `${ARN}:role/app`, policy }).Credentials.SecurityToken;
      expect(token.length, shape).toBeLessThanOrEqual(REQUEST_LIMITS.maxSecurityTokenLength);
      largest = Math.max(largest, token.length);
    }
    // The astral IgnoreCase shape is the worst known: text + value + lower-cased value, 4 bytes a character.
    expect(largest).toBeGreaterThan(30_000);
  });

  it('is about a kilobyte for a one-statement policy, and less without one', () => {
    const policy = JSON.stringify({
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }],
    });
    expect(credentials({ roleArn: `${ARN}:role/app`, policy }).Credentials.SecurityToken.length).toBeLessThan(
      1_200,
    );
    expect(credentials({ roleArn: `${ARN}:role/app` }).Credentials.SecurityToken.length).toBeLessThan(250);
  });
});
