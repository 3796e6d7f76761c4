/**
 * Checks a bundle's header, checksum, section table and section sizes, and decodes its strings to
 * UTF-16: runtime/decode.ts step for step, with the same status for the same problem (the checks run in
 * the same order, so a bundle with several problems gets the same status from both runtimes).
 */
import {
  ACCESS_KEY_WORDS,
  CANDIDATE_WORDS,
  CONDITION_WORDS,
  FNV_OFFSET_BASIS,
  FNV_PRIME,
  FORMAT_MAJOR,
  GROUP_SET_WORDS,
  HEADER_BYTES,
  HEADER_CHECKSUM,
  HEADER_MAJOR,
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
  STATUS_OK,
  STATUS_TOO_LARGE,
  STATUS_TRUNCATED,
  STATUS_UNSUPPORTED_VERSION,
} from '../runtime/format';
import { LOAD_OUT_OF_MEMORY } from '../runtime/wasm-layout';
import { align8, ensureMemory } from './memory';
import { utf8ToUtf16 } from './utf8';
// biome-ignore lint/style/useImportType: AssemblyScript has no type-only imports
import { View } from './view';

/** Known sections: offset and length per id, and whether the id was seen. */
const KNOWN: usize = memory.data(<i32>SECTION_ID_LIMIT * 12, 8);
/** Every section-table entry as (offset, length), sorted by offset for the overlap check. */
const SPANS: usize = memory.data(<i32>MAX_SECTIONS * 8, 8);

/** Set by `sectionRecords`: where the records of the last section read start, and how many there are. */
let recordsAt: usize = 0;
let recordCount: u32 = 0;

/**
 * Checks and decodes the `length` bytes at `base` into `v`; the decoded strings go from `tablesAt` on,
 * and `v.end` is set past them. Returns STATUS_OK or the status the TS runtime would throw with.
 */
export function decodeInto(v: View, base: usize, length: u32, tablesAt: usize): u32 {
  const header = readHeader(base, length);
  if (header !== STATUS_OK) return header;
  const table = readSectionTable(base, length);
  if (table !== STATUS_OK) return table;
  v.bytes = base;
  v.length = length;

  let status = sectionRecords(base, SECTION_META, META_WORDS, 4);
  if (status !== STATUS_OK) return status;
  if (recordCount !== 1) return STATUS_MALFORMED;
  v.account = load<i32>(recordsAt + <usize>META_ACCOUNT * 4);
  v.stsKey = load<i32>(recordsAt + <usize>META_STS_PUBLIC_KEY * 4);

  status = readStrings(v, base, tablesAt);
  if (status !== STATUS_OK) return status;

  status = sectionRecords(base, SECTION_POLICIES, POLICY_WORDS, 4);
  if (status !== STATUS_OK) return status;
  v.policies = recordsAt;
  v.policyCount = recordCount;
  status = sectionRecords(base, SECTION_STATEMENTS, STATEMENT_WORDS, 4);
  if (status !== STATUS_OK) return status;
  v.statements = recordsAt;
  v.statementCount = recordCount;
  status = sectionRecords(base, SECTION_CONDITIONS, CONDITION_WORDS, 4);
  if (status !== STATUS_OK) return status;
  v.conditions = recordsAt;
  v.conditionCount = recordCount;
  status = sectionRecords(base, SECTION_LISTS, 1, 4);
  if (status !== STATUS_OK) return status;
  v.lists = recordsAt;
  v.listCount = recordCount;
  status = sectionRecords(base, SECTION_NUMBERS, 2, NUMBERS_HEADER_BYTES);
  if (status !== STATUS_OK) return status;
  v.numbers = recordsAt;
  v.numberCount = recordCount;
  status = sectionRecords(base, SECTION_IP_BLOCKS, IP_BLOCK_WORDS, 4);
  if (status !== STATUS_OK) return status;
  v.ipBlocks = recordsAt;
  v.ipBlockCount = recordCount;
  status = sectionRecords(base, SECTION_PRINCIPALS, PRINCIPAL_WORDS, 4);
  if (status !== STATUS_OK) return status;
  v.principals = recordsAt;
  v.principalCount = recordCount;
  status = sectionRecords(base, SECTION_ACCESS_KEYS, ACCESS_KEY_WORDS, 4);
  if (status !== STATUS_OK) return status;
  v.accessKeys = recordsAt;
  v.accessKeyCount = recordCount;
  status = sectionRecords(base, SECTION_SETS, SET_WORDS, 4);
  if (status !== STATUS_OK) return status;
  v.sets = recordsAt;
  v.setCount = recordCount;
  status = sectionRecords(base, SECTION_ACTIONS, 1, 4);
  if (status !== STATUS_OK) return status;
  v.actions = recordsAt;
  v.actionCount = recordCount;
  status = sectionRecords(base, SECTION_CANDIDATES, CANDIDATE_WORDS, 4);
  if (status !== STATUS_OK) return status;
  v.candidates = recordsAt;
  v.candidateCount = recordCount;
  status = sectionRecords(base, SECTION_RESOURCE_GROUP_SETS, GROUP_SET_WORDS, 4);
  if (status !== STATUS_OK) return status;
  v.groupSets = recordsAt;
  v.groupSetCount = recordCount;
  return STATUS_OK;
}

function readHeader(base: usize, length: u32): u32 {
  for (let i: u32 = 0; i < 4 && i < length; i++) {
    if (<u32>load<u8>(base + i) !== ((<u32>MAGIC >> (i * 8)) & 0xff)) return STATUS_NOT_A_BUNDLE;
  }
  if (length < <u32>HEADER_BYTES) return STATUS_TRUNCATED;
  if (<i32>load<u16>(base + HEADER_MAJOR) !== FORMAT_MAJOR) return STATUS_UNSUPPORTED_VERSION;
  const total = load<u32>(base + HEADER_TOTAL_LENGTH);
  if (total > <u32>MAX_BUNDLE_BYTES) return STATUS_TOO_LARGE;
  if (length < total) return STATUS_TRUNCATED;
  if (length > total) return STATUS_LENGTH_MISMATCH;
  if (checksum(base, length) !== load<u32>(base + HEADER_CHECKSUM)) return STATUS_CHECKSUM_MISMATCH;
  return STATUS_OK;
}

/**
 * FNV-1a with one step per little-endian word, skipping the checksum word, then one per byte of a final
 * partial word (runtime/checksum.ts).
 */
function checksum(base: usize, length: u32): u32 {
  let hash = <u32>FNV_OFFSET_BASIS;
  const words = length >>> 2;
  const checksumWord = <u32>HEADER_CHECKSUM >>> 2;
  const head = min<u32>(words, checksumWord);
  for (let i: u32 = 0; i < head; i++) hash = (hash ^ load<u32>(base + ((<usize>i) << 2))) * <u32>FNV_PRIME;
  for (let i: u32 = checksumWord + 1; i < words; i++) {
    hash = (hash ^ load<u32>(base + ((<usize>i) << 2))) * <u32>FNV_PRIME;
  }
  for (let i: u32 = words << 2; i < length; i++) hash = (hash ^ load<u8>(base + i)) * <u32>FNV_PRIME;
  return hash;
}

function readSectionTable(base: usize, total: u32): u32 {
  const count = load<u32>(base + HEADER_SECTION_COUNT);
  if (load<u32>(base + HEADER_RESERVED) !== 0) return STATUS_MALFORMED;
  if (count > <u32>MAX_SECTIONS) return STATUS_TOO_LARGE;
  const tableEnd = <u32>HEADER_BYTES + count * <u32>SECTION_ENTRY_BYTES;
  if (tableEnd > total) return STATUS_MALFORMED;
  memory.fill(KNOWN, 0, <usize>SECTION_ID_LIMIT * 12);
  for (let i: u32 = 0; i < count; i++) {
    const at = base + <usize>HEADER_BYTES + <usize>(i * <u32>SECTION_ENTRY_BYTES);
    const id = load<u32>(at);
    const offset = load<u32>(at + 4);
    const length = load<u32>(at + 8);
    if (offset % <u32>SECTION_ALIGN !== 0 || offset < tableEnd || offset > total || length > total - offset) {
      return STATUS_MALFORMED;
    }
    if (id >= 1 && id < <u32>SECTION_ID_LIMIT) {
      const known = KNOWN + <usize>id * 12;
      if (load<u32>(known + 8) !== 0) return STATUS_MALFORMED;
      store<u32>(known, offset);
      store<u32>(known + 4, length);
      store<u32>(known + 8, 1);
    }
    // Insertion sort by offset: stable, like Array.prototype.sort, so equal offsets keep table order.
    let j = i;
    while (j > 0 && load<u32>(SPANS + <usize>(j - 1) * 8) > offset) {
      store<u64>(SPANS + <usize>j * 8, load<u64>(SPANS + <usize>(j - 1) * 8));
      j--;
    }
    store<u32>(SPANS + <usize>j * 8, offset);
    store<u32>(SPANS + <usize>j * 8 + 4, length);
  }
  for (let i: u32 = 1; i < count; i++) {
    const before = SPANS + <usize>(i - 1) * 8;
    const beforeEnd = <u64>load<u32>(before) + <u64>load<u32>(before + 4);
    if (beforeEnd > <u64>load<u32>(SPANS + <usize>i * 8)) return STATUS_MALFORMED;
  }
  return STATUS_OK;
}

/**
 * Finds section `id` and checks its record count against the maximum and its byte length against
 * `headerBytes` + count records of `words` words (runtime/decode.ts `recordCount`). Sets `recordsAt`
 * (the first record) and `recordCount`.
 */
function sectionRecords(base: usize, id: i32, words: i32, headerBytes: i32): u32 {
  const known = KNOWN + <usize>id * 12;
  if (load<u32>(known + 8) === 0) return STATUS_MALFORMED;
  const offset = load<u32>(known);
  const length = load<u32>(known + 4);
  if (length < 4) return STATUS_MALFORMED;
  const count = load<u32>(base + offset);
  if (count > <u32>MAX_SECTION_COUNT) return STATUS_TOO_LARGE;
  if (<u64>length !== <u64>headerBytes + <u64>count * <u64>words * 4) return STATUS_MALFORMED;
  recordsAt = base + offset + <usize>headerBytes;
  recordCount = count;
  return STATUS_OK;
}

/** STRINGS (runtime/decode.ts `readStrings`), decoded into UTF-16 offsets and a pool at `tablesAt`. */
function readStrings(v: View, base: usize, tablesAt: usize): u32 {
  const known = KNOWN + <usize>SECTION_STRINGS * 12;
  if (load<u32>(known + 8) === 0) return STATUS_MALFORMED;
  const offset = load<u32>(known);
  const length = load<u32>(known + 4);
  if (length < 4) return STATUS_MALFORMED;
  const count = load<u32>(base + offset);
  if (count > <u32>MAX_SECTION_COUNT) return STATUS_TOO_LARGE;
  const blob = <u64>offset + 4 + (<u64>count + 1) * 4;
  if (blob > <u64>offset + <u64>length) return STATUS_MALFORMED;
  const blobLength = <u32>(<u64>offset + <u64>length - blob);
  const blobAt = base + <usize>blob;
  const offsets = tablesAt;
  const pool = <usize>align8(<u64>offsets + (<u64>count + 1) * 4);
  if (!ensureMemory(<u64>pool + <u64>blobLength * 2)) return LOAD_OUT_OF_MEMORY;
  const starts = base + offset + 4;
  let start = load<u32>(starts);
  if (start !== 0) return STATUS_MALFORMED;
  let units: u32 = 0;
  store<u32>(offsets, 0);
  for (let i: u32 = 0; i < count; i++) {
    const end = load<u32>(starts + 4 + <usize>i * 4);
    if (end < start || end > blobLength) return STATUS_MALFORMED;
    if (end - start > <u32>MAX_STRING_BYTES) return STATUS_TOO_LARGE;
    const written = utf8ToUtf16(blobAt + start, end - start, pool + ((<usize>units) << 1));
    if (written < 0) return STATUS_MALFORMED;
    units += <u32>written;
    store<u32>(offsets + <usize>(i + 1) * 4, units);
    start = end;
  }
  if (start !== blobLength) return STATUS_MALFORMED;
  v.strOffsets = offsets;
  v.strPool = pool;
  v.strCount = count;
  v.end = <usize>align8(<u64>pool + <u64>units * 2);
  return STATUS_OK;
}
