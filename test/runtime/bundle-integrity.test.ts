import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layOutBundle, type SectionBytes } from '../../compiler/emit/bundle-layout.js';
import { encodeBundle } from '../../compiler/emit/encode.js';
import { BundleError, type BundleErrorCode } from '../../runtime/bundle-error.js';
import {
  FORMAT_MAJOR,
  HEADER_BYTES,
  HEADER_CHECKSUM,
  HEADER_MAJOR,
  HEADER_MINOR,
  HEADER_TOTAL_LENGTH,
  MAX_BUNDLE_BYTES,
} from '../../runtime/format.js';
import { loadBundle } from '../../runtime/index.js';
import { reseal, sectionSpans } from '../forged-bundles.js';
import { ACCOUNT, sampleIr } from './fixtures/sample-ir.js';

const BUNDLE = encodeBundle(sampleIr());

const REQUEST = {
  principal: `acs:ram::${ACCOUNT}:user/alice`,
  action: 'kms:Decrypt',
  resource: `acs:kms:cn-hangzhou:${ACCOUNT}:key/key-1`,
  resourceTags: { Project: 'apollo' },
  context: { 'acs:SourceIp': '10.1.2.3', 'acs:SecureTransport': true },
};

/** The load error code for some bytes, or 'ok' when they load. */
function loadCode(bytes: Uint8Array): BundleErrorCode | 'ok' {
  try {
    loadBundle(bytes);
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).message.length).toBeGreaterThan(10);
    return (error as BundleError).code;
  }
}

/** The bundle's sections, as the encoder laid them out. */
function sectionsOf(bytes: Uint8Array): SectionBytes[] {
  return [...sectionSpans(bytes)].map(([id, { offset, length }]) => ({
    id,
    bytes: bytes.slice(offset, offset + length),
  }));
}

describe('loadBundle integrity checks', () => {
  it('loads the intact bundle, also from a view at an odd offset of a larger buffer', () => {
    expect(loadCode(BUNDLE)).toBe('ok');
    const buffer = new Uint8Array(BUNDLE.length + 3);
    buffer.set(BUNDLE, 1);
    expect(loadBundle(buffer.subarray(1, 1 + BUNDLE.length)).authorize(REQUEST).decision).toBe('Allow');
  });

  it('detects every flipped byte anywhere in the bundle', () => {
    for (let i = 0; i < BUNDLE.length; i++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const bytes = BUNDLE.slice();
        bytes[i] = (bytes[i] as number) ^ mask;
        const code = loadCode(bytes);
        if (code === 'ok') throw new Error(`flipping byte ${i} with ${mask} went unnoticed`);
      }
    }
  });

  it('rejects every truncation, and trailing bytes', () => {
    for (let length = 0; length < BUNDLE.length; length++) {
      expect(['Truncated', 'NotABundle']).toContain(loadCode(BUNDLE.subarray(0, length)));
    }
    const longer = new Uint8Array(BUNDLE.length + 1);
    longer.set(BUNDLE);
    expect(loadCode(longer)).toBe('LengthMismatch');
  });

  it('rejects random bytes, with or without the magic', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.boolean(), (random, withMagic) => {
        const bytes = random.slice();
        if (withMagic) bytes.set([0x52, 0x41, 0x4d, 0x43].slice(0, bytes.length));
        expect(loadCode(bytes)).not.toBe('ok');
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects another major version clearly, even with a valid checksum', () => {
    const bytes = BUNDLE.slice();
    new DataView(bytes.buffer).setUint16(HEADER_MAJOR, FORMAT_MAJOR + 1, true);
    expect(loadCode(bytes)).toBe('UnsupportedVersion');
    expect(loadCode(reseal(bytes))).toBe('UnsupportedVersion');
    expect(() => loadBundle(bytes)).toThrow(
      `format version ${FORMAT_MAJOR + 1}.0, but this runtime reads format ${FORMAT_MAJOR}.x`,
    );
  });

  it('rejects a declared length beyond the maximum', () => {
    const bytes = BUNDLE.slice();
    new DataView(bytes.buffer).setUint32(HEADER_TOTAL_LENGTH, MAX_BUNDLE_BYTES + 8, true);
    expect(loadCode(bytes)).toBe('TooLarge');
  });

  it('rejects what is not a Uint8Array', () => {
    expect(() => loadBundle('RAMC' as unknown as Uint8Array)).toThrow(BundleError);
    expect(() => loadBundle(null as unknown as Uint8Array)).toThrow(BundleError);
  });

  it('skips sections of a later minor version', () => {
    const sections = [...sectionsOf(BUNDLE), { id: 99, bytes: new Uint8Array([1, 2, 3]) }];
    const bytes = layOutBundle(sections);
    new DataView(bytes.buffer).setUint16(HEADER_MINOR, 7, true);
    expect(loadBundle(reseal(bytes)).authorize(REQUEST)).toEqual(loadBundle(BUNDLE).authorize(REQUEST));
  });

  it('names the record and the field a forged bundle breaks', () => {
    const forged = (change: (ir: ReturnType<typeof sampleIr>) => void) => {
      const ir = sampleIr();
      change(ir);
      return encodeBundle(ir);
    };
    const cases: [(ir: ReturnType<typeof sampleIr>) => void, string][] = [
      [
        (ir) => ir.statements[1]?.actions.patterns.splice(1, 1, 99999),
        'statement 1 actions item 1 names string 99999, which does not exist',
      ],
      [(ir) => Object.assign(ir.principals[1] ?? {}, { accountSet: 77 }), 'principal 1 names set 77'],
      [(ir) => ir.actions.push(ir.actions[0] as number), 'the actions are not sorted and unique'],
      [(ir) => Object.assign(ir, { account: 99999 }), 'the account id names string 99999'],
      [
        (ir) => ir.sets[0]?.index?.byAction.push({ action: 99, statements: [3] }),
        // The encoder writes the row for 99 after an empty one for the gap from the last known action.
        'candidate row 6 names action 6, which is not known',
      ],
    ];
    for (const [change, message] of cases) {
      expect(() => loadBundle(forged(change))).toThrow(`the bundle is malformed: ${message}`);
    }
  });

  it('rejects a missing or duplicated section', () => {
    const sections = sectionsOf(BUNDLE);
    expect(loadCode(layOutBundle(sections.slice(1)))).toBe('Malformed');
    expect(loadCode(layOutBundle([...sections, sections[3] as SectionBytes]))).toBe('Malformed');
  });

  it('never misreads a forged bundle: any word changed under a valid checksum is rejected or decides safely', () => {
    const requests = [
      REQUEST,
      { ...REQUEST, action: 'kms:GenerateDataKey', resourceGroup: 'rg-a', context: { 'acme:count': '3' } },
      { ...REQUEST, action: 'kms:ListKeys', resource: '*' },
      { accessKeyId: 'LTAIalice01', action: 'kms:Whatever' },
      { principal: `acs:ram::${ACCOUNT}:role/app/s1`, action: 'kms:Encrypt' },
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: HEADER_BYTES / 4, max: BUNDLE.length / 4 - 1 }),
        fc.oneof(fc.integer({ min: -2, max: 300 }), fc.integer(), fc.constant(0x7fffffff)),
        (word, value) => {
          const bytes = BUNDLE.slice();
          new DataView(bytes.buffer).setInt32(word * 4, value, true);
          if (word * 4 === HEADER_CHECKSUM) return;
          let authorizer: ReturnType<typeof loadBundle>;
          try {
            authorizer = loadBundle(reseal(bytes));
          } catch (error) {
            expect(error).toBeInstanceOf(BundleError);
            return;
          }
          for (const request of requests) {
            for (const explain of [false, true]) {
              const decision = authorizer.authorize(request, { explain });
              expect(['Allow', 'ExplicitDeny', 'ImplicitDeny']).toContain(decision.decision);
              // The authorizer's last-resort guard never fired: the checks at load caught every bad index.
              expect(decision.error?.message ?? '').not.toMatch(/ramc bug/);
            }
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
