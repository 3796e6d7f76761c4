import { bundleChecksum } from '../../runtime/checksum.js';
import {
  FORMAT_MAJOR,
  FORMAT_MINOR,
  HEADER_BYTES,
  HEADER_CHECKSUM,
  HEADER_MAGIC,
  HEADER_MAJOR,
  HEADER_MINOR,
  HEADER_RESERVED,
  HEADER_SECTION_COUNT,
  HEADER_TOTAL_LENGTH,
  MAGIC,
  MAX_BUNDLE_BYTES,
  NUMBERS_HEADER_BYTES,
  SECTION_ALIGN,
  SECTION_ENTRY_BYTES,
} from '../../runtime/format.js';
import { BundleEncodeError } from './bundle-encode-error.js';

/** One section's id and bytes, before layout. */
export interface SectionBytes {
  id: number;
  bytes: Uint8Array;
}

/** A table section: u32 count, then the records' words (little-endian; negative words are stored as i32). */
export function tableSection(id: number, count: number, words: readonly number[]): SectionBytes {
  const bytes = new Uint8Array(4 + words.length * 4);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, count, true);
  for (let i = 0; i < words.length; i++) view.setInt32(4 + i * 4, words[i] as number, true);
  return { id, bytes };
}

/** The NUMBERS section: u32 count, u32 padding, then the doubles. */
export function numbersSection(id: number, numbers: readonly number[]): SectionBytes {
  const bytes = new Uint8Array(NUMBERS_HEADER_BYTES + numbers.length * 8);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, numbers.length, true);
  for (let i = 0; i < numbers.length; i++)
    view.setFloat64(NUMBERS_HEADER_BYTES + i * 8, numbers[i] as number, true);
  return { id, bytes };
}

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The STRINGS section: u32 count, count + 1 blob offsets, then the UTF-8 blob. */
export function stringsSection(id: number, strings: readonly string[], maxStringBytes: number): SectionBytes {
  const encoder = new TextEncoder();
  const encoded = strings.map((s, i) => {
    if (UNPAIRED_SURROGATE.test(s)) {
      throw new BundleEncodeError(
        `string ${i} (${JSON.stringify(s.slice(0, 40))}) holds an unpaired UTF-16 surrogate, which UTF-8 cannot carry; ` +
          'remove the \\uD800–\\uDFFF escape from the policy',
      );
    }
    const utf8 = encoder.encode(s);
    if (utf8.length > maxStringBytes) {
      throw new BundleEncodeError(
        `string ${i} (${JSON.stringify(s.slice(0, 40))}) is ${utf8.length} bytes of UTF-8; a bundle allows ${maxStringBytes}`,
      );
    }
    return utf8;
  });
  const blobLength = encoded.reduce((sum, e) => sum + e.length, 0);
  const head = 4 + (strings.length + 1) * 4;
  const bytes = new Uint8Array(head + blobLength);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, strings.length, true);
  let offset = 0;
  view.setUint32(4, 0, true);
  encoded.forEach((utf8, i) => {
    bytes.set(utf8, head + offset);
    offset += utf8.length;
    view.setUint32(8 + i * 4, offset, true);
  });
  return { id, bytes };
}

function align(n: number): number {
  return Math.ceil(n / SECTION_ALIGN) * SECTION_ALIGN;
}

/** Lays out header, section table and sections (each 8-aligned, zero-padded), then stamps the checksum. */
export function layOutBundle(sections: readonly SectionBytes[]): Uint8Array {
  let offset = align(HEADER_BYTES + sections.length * SECTION_ENTRY_BYTES);
  const offsets = sections.map((s) => {
    const at = offset;
    offset = align(offset + s.bytes.length);
    return at;
  });
  const total = offset;
  if (total > MAX_BUNDLE_BYTES) {
    throw new BundleEncodeError(
      `the bundle would be ${total} bytes; the format allows at most ${MAX_BUNDLE_BYTES}`,
    );
  }
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint32(HEADER_MAGIC, MAGIC, true);
  view.setUint16(HEADER_MAJOR, FORMAT_MAJOR, true);
  view.setUint16(HEADER_MINOR, FORMAT_MINOR, true);
  view.setUint32(HEADER_TOTAL_LENGTH, total, true);
  view.setUint32(HEADER_SECTION_COUNT, sections.length, true);
  view.setUint32(HEADER_RESERVED, 0, true);
  sections.forEach((s, i) => {
    const entry = HEADER_BYTES + i * SECTION_ENTRY_BYTES;
    view.setUint32(entry, s.id, true);
    view.setUint32(entry + 4, offsets[i] as number, true);
    view.setUint32(entry + 8, s.bytes.length, true);
    bytes.set(s.bytes, offsets[i] as number);
  });
  view.setUint32(HEADER_CHECKSUM, bundleChecksum(bytes), true);
  return bytes;
}
