import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { referenceAuthorizer } from '../../compiler/reference/index.js';
import { loadBundle } from '../../runtime/index.js';
import { type ResourceElement, ResourceIndex, resourceKey } from '../../runtime/match/resource-index.js';
import { normalForm } from './decision-normal-form.js';
import { globRegex } from './fixtures/sample-ir.js';

const ACCOUNT = '1234567890123456';
const KEY = (id: string): string => `acs:kms:cn-hangzhou:${ACCOUNT}:key/${id}`;

const patternArb = fc.oneof(
  fc.constantFrom(
    '*',
    `acs:kms:*:${ACCOUNT}:key/*`,
    'acs:kms:*:*:key/key-1?',
    `acs:kms:*:${ACCOUNT}:key/key-?0000001`,
  ),
  fc.integer({ min: 0, max: 20 }).map((i) => `acs:kms:*:${ACCOUNT}:key/key-${i}`),
  fc.integer({ min: 0, max: 20 }).map((i) => KEY(`key-${i}`)),
  fc.integer({ min: 0, max: 20 }).map((i) => `*:key/key-${i}`),
);
const elementArb = fc.record({
  notResource: fc.boolean(),
  resourcePatterns: fc.array(patternArb, { maxLength: 3 }),
});
const resourceArb = fc.oneof(
  fc.integer({ min: 0, max: 20 }).map((i) => KEY(`key-${i}`)),
  fc.constantFrom('*', 'short', KEY('key-10000001'), `acs:kms:cn-shanghai:${ACCOUNT}:key/key-3`),
);

describe('ResourceIndex', () => {
  it('never leaves out a statement whose Resource element can match', () => {
    fc.assert(
      fc.property(
        fc.array(elementArb, { minLength: 1, maxLength: 40 }),
        resourceArb,
        (elements, resource) => {
          const ids = Int32Array.from(elements.keys());
          const index = new ResourceIndex(ids, (id) => elements[id] as ResourceElement);
          const candidates = new Set([...index.rest, ...index.filed(resourceKey(resource))]);
          elements.forEach((e, id) => {
            const some = e.resourcePatterns.some((p) => globRegex(p).test(resource));
            const passes = e.resourcePatterns.length === 0 || (e.notResource ? !some : some);
            if (passes) expect(candidates.has(id), `statement ${id}`).toBe(true);
          });
          expect([...index.rest]).toEqual([...index.rest].sort((a, b) => a - b));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('files statements about one key each under their own tail', () => {
    const elements = Array.from({ length: 100 }, (_, i) => ({
      notResource: false,
      resourcePatterns: [`acs:kms:*:${ACCOUNT}:key/key-${String(i).padStart(8, '0')}`],
    }));
    const index = new ResourceIndex(
      Int32Array.from(elements.keys()),
      (id) => elements[id] as ResourceElement,
    );
    expect(index.rest).toHaveLength(0);
    expect([...index.filed(resourceKey(KEY('key-00000042')))]).toEqual([42]);
    expect([...index.filed(resourceKey(KEY('key-99999999')))]).toEqual([]);
  });

  it('keeps a bundle with many statements of one action deciding as the reference does', () => {
    const statements = Array.from({ length: 60 }, (_, i) => ({
      Effect: i % 9 === 4 ? 'Deny' : 'Allow',
      Action: i % 2 === 0 ? 'kms:Decrypt' : ['kms:Decrypt', 'kms:Encrypt'],
      Resource: i % 10 === 7 ? `acs:kms:*:${ACCOUNT}:key/key-1*` : `acs:kms:*:${ACCOUNT}:key/key-${i}`,
      ...(i % 5 === 3 ? { Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } } : {}),
    }));
    const notResource = {
      Effect: 'Deny',
      Action: 'kms:Decrypt',
      NotResource: `acs:kms:*:${ACCOUNT}:key/key-5*`,
    };
    const model = {
      account: ACCOUNT,
      policies: [
        { name: 'Many', document: { Version: '1', Statement: statements.slice(0, 30) } },
        { name: 'More', document: { Version: '1', Statement: [...statements.slice(30), notResource] } },
      ],
      users: [{ name: 'alice' }],
      attachments: [
        { policy: 'Many', to: 'user/alice' },
        { policy: 'More', to: 'user/alice' },
      ],
    };
    const { bundle } = compile(model);
    if (bundle === null) throw new Error('model does not compile');
    const runtime = loadBundle(bundle);
    const reference = referenceAuthorizer(model);
    for (let i = 0; i < 70; i++) {
      for (const action of ['kms:Decrypt', 'kms:Encrypt', 'kms:Unknown']) {
        for (const ip of ['10.0.0.1', '192.0.2.1']) {
          const request = {
            principal: `acs:ram::${ACCOUNT}:user/alice`,
            action,
            resource: KEY(`key-${i}`),
            context: { 'acs:SourceIp': ip },
          };
          expect(normalForm(runtime.authorize(request))).toEqual(normalForm(reference.authorize(request)));
        }
      }
    }
  });
});
