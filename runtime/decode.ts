import { BundleError } from './bundle-error.js';
import { bundleChecksum } from './checksum.js';
import { validateBundle } from './decode-validate.js';
import type { DecodedBundle } from './decoded-bundle.js';
import {
  ACCESS_KEY_WORDS,
  CANDIDATE_WORDS,
  CONDITION_WORDS,
  FORMAT_MAJOR,
  GROUP_SET_WORDS,
  HEADER_BYTES,
  HEADER_CHECKSUM,
  HEADER_MAJOR,
  HEADER_MINOR,
  HEADER_RESERVED,
  HEADER_SECTION_COUNT,
  HEADER_TOTAL_LENGTH,
  IP_BLOCK_WORDS,
  MAGIC,
  MAX_BUNDLE_BYTES,
  MAX_SECTION_COUNT,
  MAX_SECTIONS,
  MAX_STRING_BYTES,
  META_ACCOUNT,
  META_IR_VERSION,
  META_STS_PUBLIC_KEY,
  META_WORDS,
  NUMBERS_HEADER_BYTES,
  POLICY_WORDS,
  PRINCIPAL_WORDS,
  SECTION_ACCESS_KEYS,
  SECTION_ACTIONS,
  SECTION_ALIGN,
  SECTION_CANDIDATES,
  SECTION_CONDITIONS,
  SECTION_ENTRY_BYTES,
  SECTION_ID_LIMIT,
  SECTION_IP_BLOCKS,
  SECTION_LISTS,
  SECTION_META,
  SECTION_NUMBERS,
  SECTION_POLICIES,
  SECTION_PRINCIPALS,
  SECTION_RESOURCE_GROUP_SETS,
  SECTION_SETS,
  SECTION_STATEMENTS,
  SECTION_STRINGS,
  SET_WORDS,
  STATEMENT_WORDS,
  STATUS_CHECKSUM_MISMATCH,
  STATUS_LENGTH_MISMATCH,
  STATUS_MALFORMED,
  STATUS_NOT_A_BUNDLE,
  STATUS_TOO_LARGE,
  STATUS_TRUNCATED,
  STATUS_UNSUPPORTED_VERSION,
} from './format.js';
import { LITTLE_ENDIAN } from './little-endian.js';

/** Where one section lies in the bundle. */
interface SectionSpan {
  offset: number;
  length: number;
}

const MAGIC_BYTES = [MAGIC & 0xff, (MAGIC >>> 8) & 0xff, (MAGIC >>> 16) & 0xff, MAGIC >>> 24];

/**
 * Checks and decodes a bundle once, at load: header, checksum, section table, every section, and every
 * index between them. Throws a `BundleError` naming what is wrong; never returns a bundle it would misread.
 */
export function decodeBundle(bytes: Uint8Array): DecodedBundle {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { major, minor } = readHeader(bytes, view);
  const sections = readSectionTable(view);
  const meta = readTable(view, section(sections, SECTION_META), META_WORDS, 'META');
  if (meta.length !== META_WORDS)
    fail(STATUS_MALFORMED, `the META section holds ${meta.length / META_WORDS} records instead of 1`);
  const decoded: DecodedBundle = {
    major,
    minor,
    irVersion: meta[META_IR_VERSION] as number,
    account: meta[META_ACCOUNT] as number,
    stsPublicKeyPem: meta[META_STS_PUBLIC_KEY] as number,
    strings: readStrings(bytes, view, section(sections, SECTION_STRINGS)),
    policies: readTable(view, section(sections, SECTION_POLICIES), POLICY_WORDS, 'POLICIES'),
    statements: readTable(view, section(sections, SECTION_STATEMENTS), STATEMENT_WORDS, 'STATEMENTS'),
    conditions: readTable(view, section(sections, SECTION_CONDITIONS), CONDITION_WORDS, 'CONDITIONS'),
    lists: readTable(view, section(sections, SECTION_LISTS), 1, 'LISTS'),
    numbers: readNumbers(view, section(sections, SECTION_NUMBERS)),
    ipBlocks: readTable(view, section(sections, SECTION_IP_BLOCKS), IP_BLOCK_WORDS, 'IP_BLOCKS'),
    principals: readTable(view, section(sections, SECTION_PRINCIPALS), PRINCIPAL_WORDS, 'PRINCIPALS'),
    accessKeys: readTable(view, section(sections, SECTION_ACCESS_KEYS), ACCESS_KEY_WORDS, 'ACCESS_KEYS'),
    sets: readTable(view, section(sections, SECTION_SETS), SET_WORDS, 'SETS'),
    actions: readTable(view, section(sections, SECTION_ACTIONS), 1, 'ACTIONS'),
    candidates: readTable(view, section(sections, SECTION_CANDIDATES), CANDIDATE_WORDS, 'CANDIDATES'),
    groupSets: readTable(
      view,
      section(sections, SECTION_RESOURCE_GROUP_SETS),
      GROUP_SET_WORDS,
      'RESOURCE_GROUP_SETS',
    ),
    longestList: 0,
  };
  const checked = validateBundle(decoded);
  if (typeof checked === 'string')
    fail(STATUS_MALFORMED, `the bundle is malformed: ${checked}; recompile it with ramc`);
  decoded.longestList = checked.longestList;
  return decoded;
}

function fail(status: number, message: string): never {
  throw new BundleError(status, message);
}

function readHeader(bytes: Uint8Array, view: DataView): { major: number; minor: number } {
  for (let i = 0; i < MAGIC_BYTES.length && i < bytes.length; i++) {
    if (bytes[i] !== MAGIC_BYTES[i]) {
      fail(STATUS_NOT_A_BUNDLE, 'these bytes are not a ramc decision bundle (they do not start with "RAMC")');
    }
  }
  if (bytes.length < HEADER_BYTES) {
    fail(
      STATUS_TRUNCATED,
      `the bundle is truncated: ${bytes.length} bytes, shorter than its ${HEADER_BYTES}-byte header`,
    );
  }
  const major = view.getUint16(HEADER_MAJOR, true);
  const minor = view.getUint16(HEADER_MINOR, true);
  if (major !== FORMAT_MAJOR) {
    fail(
      STATUS_UNSUPPORTED_VERSION,
      `the bundle has format version ${major}.${minor}, but this runtime reads format ${FORMAT_MAJOR}.x; ` +
        'compile the model with a ramc of the same major version as the runtime',
    );
  }
  const total = view.getUint32(HEADER_TOTAL_LENGTH, true);
  if (total > MAX_BUNDLE_BYTES) {
    fail(
      STATUS_TOO_LARGE,
      `the bundle declares ${total} bytes, more than the maximum of ${MAX_BUNDLE_BYTES}`,
    );
  }
  if (bytes.length < total) {
    fail(STATUS_TRUNCATED, `the bundle is truncated: ${bytes.length} of its ${total} bytes are present`);
  }
  if (bytes.length > total) {
    fail(
      STATUS_LENGTH_MISMATCH,
      `the bundle is ${bytes.length} bytes long but declares ${total}; pass exactly the bytes ramc compile wrote`,
    );
  }
  const stored = view.getUint32(HEADER_CHECKSUM, true);
  if (bundleChecksum(bytes) !== stored) {
    fail(STATUS_CHECKSUM_MISMATCH, 'the bundle is corrupt: its checksum does not match its bytes');
  }
  return { major, minor };
}

function readSectionTable(view: DataView): Map<number, SectionSpan> {
  const total = view.byteLength;
  const count = view.getUint32(HEADER_SECTION_COUNT, true);
  if (view.getUint32(HEADER_RESERVED, true) !== 0)
    fail(STATUS_MALFORMED, 'the header has a non-zero reserved word');
  if (count > MAX_SECTIONS)
    fail(STATUS_TOO_LARGE, `the bundle has ${count} sections, more than ${MAX_SECTIONS}`);
  const tableEnd = HEADER_BYTES + count * SECTION_ENTRY_BYTES;
  if (tableEnd > total) fail(STATUS_MALFORMED, 'the section table runs past the end of the bundle');
  const known = new Map<number, SectionSpan>();
  const spans: SectionSpan[] = [];
  for (let i = 0; i < count; i++) {
    const at = HEADER_BYTES + i * SECTION_ENTRY_BYTES;
    const id = view.getUint32(at, true);
    const span = { offset: view.getUint32(at + 4, true), length: view.getUint32(at + 8, true) };
    if (span.offset % SECTION_ALIGN !== 0 || span.offset < tableEnd || span.length > total - span.offset) {
      fail(STATUS_MALFORMED, `section ${id} lies outside the bundle or is misaligned`);
    }
    if (id >= 1 && id < SECTION_ID_LIMIT) {
      if (known.has(id)) fail(STATUS_MALFORMED, `section ${id} appears twice`);
      known.set(id, span);
    }
    spans.push(span);
  }
  spans.sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < spans.length; i++) {
    const before = spans[i - 1] as SectionSpan;
    if (before.offset + before.length > (spans[i] as SectionSpan).offset)
      fail(STATUS_MALFORMED, 'two sections overlap');
  }
  return known;
}

function section(sections: Map<number, SectionSpan>, id: number): SectionSpan {
  const span = sections.get(id);
  if (span === undefined) fail(STATUS_MALFORMED, `section ${id} is missing`);
  return span;
}

/** A section's record count, checked against the maximum and the exact byte length of `count` records. */
function recordCount(
  view: DataView,
  span: SectionSpan,
  headerBytes: number,
  recordBytes: number,
  name: string,
): number {
  if (span.length < 4) fail(STATUS_MALFORMED, `the ${name} section is too short to hold its count`);
  const count = view.getUint32(span.offset, true);
  if (count > MAX_SECTION_COUNT) {
    fail(STATUS_TOO_LARGE, `the ${name} section holds ${count} records, more than ${MAX_SECTION_COUNT}`);
  }
  if (recordBytes > 0 && span.length !== headerBytes + count * recordBytes) {
    fail(STATUS_MALFORMED, `the ${name} section is ${span.length} bytes, not the size of ${count} records`);
  }
  return count;
}

function readTable(view: DataView, span: SectionSpan, words: number, name: string): Int32Array {
  const count = recordCount(view, span, 4, words * 4, name);
  const table = new Int32Array(count * words);
  const base = span.offset + 4;
  // A copy, so that changing the bytes after loading cannot change what was checked.
  const at = view.byteOffset + base;
  if (LITTLE_ENDIAN && at % 4 === 0) table.set(new Int32Array(view.buffer, at, table.length));
  else for (let i = 0; i < table.length; i++) table[i] = view.getInt32(base + i * 4, true);
  return table;
}

function readNumbers(view: DataView, span: SectionSpan): Float64Array {
  const count = recordCount(view, span, NUMBERS_HEADER_BYTES, 8, 'NUMBERS');
  const numbers = new Float64Array(count);
  const base = span.offset + NUMBERS_HEADER_BYTES;
  for (let i = 0; i < count; i++) numbers[i] = view.getFloat64(base + i * 8, true);
  return numbers;
}

function readStrings(bytes: Uint8Array, view: DataView, span: SectionSpan): string[] {
  const count = recordCount(view, span, 0, 0, 'STRINGS');
  const blob = span.offset + 4 + (count + 1) * 4;
  if (blob > span.offset + span.length) fail(STATUS_MALFORMED, 'the STRINGS offsets run past their section');
  const blobLength = span.offset + span.length - blob;
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const strings = new Array<string>(count);
  let start = view.getUint32(span.offset + 4, true);
  if (start !== 0) fail(STATUS_MALFORMED, 'the first string offset is not 0');
  for (let i = 0; i < count; i++) {
    const end = view.getUint32(span.offset + 8 + i * 4, true);
    if (end < start || end > blobLength) fail(STATUS_MALFORMED, `string ${i} lies outside the string blob`);
    if (end - start > MAX_STRING_BYTES) {
      fail(STATUS_TOO_LARGE, `string ${i} is ${end - start} bytes, more than ${MAX_STRING_BYTES}`);
    }
    try {
      strings[i] = decoder.decode(bytes.subarray(blob + start, blob + end));
    } catch {
      fail(STATUS_MALFORMED, `string ${i} is not valid UTF-8`);
    }
    start = end;
  }
  if (start !== blobLength) fail(STATUS_MALFORMED, 'the string blob has bytes after the last string');
  return strings;
}
