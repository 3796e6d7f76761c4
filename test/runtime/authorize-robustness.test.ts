import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { encodeBundle } from '../../compiler/emit/encode.js';
import { loadBundle } from '../../runtime/index.js';
import type { Authorizer, Decision } from '../../runtime/types.js';
import { loadCases } from '../load-cases.js';
import { ACCOUNT, sampleIr } from './fixtures/sample-ir.js';

const sample = loadBundle(encodeBundle(sampleIr()));
const caseBundles: Authorizer[] = loadCases()
  .slice(0, 8)
  .map((file) => compile(file.model).bundle)
  .filter((bundle): bundle is Uint8Array => bundle !== null)
  .map((bundle) => loadBundle(bundle));

/** What every decision must be, whatever the request was. */
function expectWellFormed(decision: Decision): void {
  expect(['Allow', 'ExplicitDeny', 'ImplicitDeny']).toContain(decision.decision);
  expect(Array.isArray(decision.deciding)).toBe(true);
  if (decision.error !== undefined) {
    expect(decision.decision).toBe('ImplicitDeny');
    expect(decision.error.message).not.toMatch(/ramc bug/);
  }
}

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    `acs:ram::${ACCOUNT}:user/alice`,
    `acs:ram::${ACCOUNT}:role/app/s-1`,
    `acs:ram::${ACCOUNT}:root`,
    'kms:Decrypt',
    'kms:*',
    `acs:kms:cn-hangzhou:${ACCOUNT}:key/key-1`,
    '*',
    '10.0.0.1',
    '2026-11-27T10:00:00Z',
  ),
);
const scalar = fc.oneof(text, fc.double(), fc.boolean(), fc.integer());
const value = fc.oneof(
  scalar,
  fc.constant(null),
  fc.array(scalar, { maxLength: 2 }),
  fc.object({ maxDepth: 1 }),
);

/** Requests that look almost right: right member names, any values. */
const nearlyValid = fc.record(
  {
    id: value,
    principal: text,
    accessKeyId: fc.constantFrom('LTAIalice01', 'LTAIalice02', 'nope'),
    action: text,
    resource: text,
    operation: fc.constantFrom('Encrypt', 'ReEncrypt', 'DescribeRegions', 'CreateAlias', 'Nope'),
    region: text,
    parameters: fc.dictionary(
      fc.constantFrom('KeyId', 'AliasName', 'SourceKeyId', 'DestinationKeyId'),
      value,
    ),
    resourceGroup: text,
    resourceTags: fc.dictionary(text, value, { maxKeys: 3 }),
    context: fc.dictionary(
      fc.constantFrom(
        'acs:SourceIp',
        'acs:CurrentTime',
        'acs:SecureTransport',
        'kms:tag/Project',
        'acme:count',
        'x',
      ),
      value,
      { maxKeys: 4 },
    ),
  },
  { requiredKeys: [] },
);

describe('authorize never throws', () => {
  it('on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), fc.boolean(), (request, explain) => {
        expectWellFormed(sample.authorize(request, { explain }));
      }),
      { numRuns: 2000 },
    );
  });

  it('on requests that are nearly valid, against several bundles', () => {
    fc.assert(
      fc.property(nearlyValid, fc.boolean(), (request, explain) => {
        for (const authorizer of [sample, ...caseBundles])
          expectWellFormed(authorizer.authorize(request, { explain }));
      }),
      { numRuns: 2000 },
    );
  });

  it('on hostile objects and odd options', () => {
    const throwing = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    expectWellFormed(sample.authorize(throwing));
    expectWellFormed(sample.authorize({ action: 'kms:Decrypt', principal: 'x' }, throwing as never));
    expectWellFormed(sample.authorize({ action: 'kms:Decrypt', principal: 'x' }, null as never));
  });
});
