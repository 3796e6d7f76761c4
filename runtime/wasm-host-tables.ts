/**
 * The bundle tables the Wasm host reads itself (names for decisions, callers, condition keys), taken
 * from a bundle the core has already checked with the rules of runtime/decode.ts.
 * PERF: the decision tables (sets, candidates, lists, constants) stay in the core; copying and checking
 * them again in JavaScript would take most of a large bundle's load time.
 */
import type { DecodedBundle } from './decoded-bundle.js';
import {
  ACCESS_KEY_WORDS,
  CONDITION_WORDS,
  GROUP_SET_WORDS,
  HEADER_BYTES,
  HEADER_MAJOR,
  HEADER_MINOR,
  HEADER_SECTION_COUNT,
  META_ACCOUNT,
  META_IR_VERSION,
  META_STS_PUBLIC_KEY,
  META_WORDS,
  POLICY_WORDS,
  PRINCIPAL_WORDS,
  SECTION_ACCESS_KEYS,
  SECTION_ACTIONS,
  SECTION_CONDITIONS,
  SECTION_ENTRY_BYTES,
  SECTION_META,
  SECTION_POLICIES,
  SECTION_PRINCIPALS,
  SECTION_RESOURCE_GROUP_SETS,
  SECTION_STATEMENTS,
  SECTION_STRINGS,
  STATEMENT_WORDS,
} from './format.js';

const NOTHING = new Int32Array(0);

/**
 * The tables of `bytes` that the host reads, as a DecodedBundle whose decision tables (LISTS, NUMBERS,
 * IP_BLOCKS, SETS, CANDIDATES) are empty. INVARIANT: the core accepted `bytes` (loadBundle returned
 * STATUS_OK), so every offset and index in them is valid.
 */
export function hostTables(bytes: Uint8Array): DecodedBundle {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sections = new Map<number, number>();
  const count = view.getUint32(HEADER_SECTION_COUNT, true);
  for (let i = 0; i < count; i++) {
    const at = HEADER_BYTES + i * SECTION_ENTRY_BYTES;
    sections.set(view.getUint32(at, true), view.getUint32(at + 4, true));
  }
  const table = (id: number, words: number): Int32Array => {
    const at = sections.get(id) as number;
    const start = at + 4;
    // A copy, since the bytes may not be 4-byte aligned; in the platform's byte order, which WasmCore
    // has checked to be little-endian.
    return new Int32Array(bytes.slice(start, start + view.getUint32(at, true) * words * 4).buffer);
  };
  const meta = table(SECTION_META, META_WORDS);
  return {
    major: view.getUint16(HEADER_MAJOR, true),
    minor: view.getUint16(HEADER_MINOR, true),
    irVersion: meta[META_IR_VERSION] as number,
    account: meta[META_ACCOUNT] as number,
    stsPublicKeyPem: meta[META_STS_PUBLIC_KEY] as number,
    strings: strings(bytes, view, sections.get(SECTION_STRINGS) as number),
    policies: table(SECTION_POLICIES, POLICY_WORDS),
    statements: table(SECTION_STATEMENTS, STATEMENT_WORDS),
    conditions: table(SECTION_CONDITIONS, CONDITION_WORDS),
    lists: NOTHING,
    numbers: new Float64Array(0),
    ipBlocks: NOTHING,
    principals: table(SECTION_PRINCIPALS, PRINCIPAL_WORDS),
    accessKeys: table(SECTION_ACCESS_KEYS, ACCESS_KEY_WORDS),
    sets: NOTHING,
    actions: table(SECTION_ACTIONS, 1),
    candidates: NOTHING,
    groupSets: table(SECTION_RESOURCE_GROUP_SETS, GROUP_SET_WORDS),
    // The core evaluates the sets, so the host holds no evaluation buffers.
    longestList: 0,
  };
}

function strings(bytes: Uint8Array, view: DataView, at: number): string[] {
  const count = view.getUint32(at, true);
  const blob = at + 4 + (count + 1) * 4;
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const out = new Array<string>(count);
  let start = 0;
  for (let i = 0; i < count; i++) {
    const end = view.getUint32(at + 8 + i * 4, true);
    out[i] = decoder.decode(bytes.subarray(blob + start, blob + end));
    start = end;
  }
  return out;
}
