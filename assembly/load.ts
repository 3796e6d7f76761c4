/**
 * Loading one bundle into a view: decode (header, checksum, sections, strings), validate (every index),
 * then derive the tables the evaluator reads (each condition key's source, the scratch size).
 */
import {
  CANDIDATE_COUNT,
  CANDIDATE_WORDS,
  CONDITION_KEY,
  CONDITION_WORDS,
  SET_CANDIDATES_COUNT,
  SET_CANDIDATES_START,
  SET_OTHER_COUNT,
  SET_WORDS,
  STATUS_OK,
} from '../runtime/format';
import { LOAD_OUT_OF_MEMORY } from '../runtime/wasm-layout';
import { actionTableBytes, indexActions } from './actions';
import { SOURCE_CONTEXT, SOURCE_RESOURCE_TAG } from './conditions';
import { decodeInto } from './decode';
import { indexStars } from './glob';
import { align8, ensureMemory, unitsEqual } from './memory';
import { validateView } from './validate';
// biome-ignore lint/style/useImportType: AssemblyScript has no type-only imports
import { clearView, strLength, strPtr, View } from './view';

const KMS_TAG = 'kms:tag/';
const RESOURCE_TAG = 'acs:resourcetag/';

/** Loads the `length` bytes at `at` into `v`, its tables from `tablesAt` on. Returns a load status. */
export function loadView(v: View, at: usize, length: u32, tablesAt: usize): u32 {
  clearView(v);
  let status = decodeInto(v, at, length, tablesAt);
  if (status === STATUS_OK) status = validateView(v, v.end);
  if (status === STATUS_OK) status = derive(v);
  if (status !== STATUS_OK) {
    clearView(v);
    return status;
  }
  v.loaded = 1;
  return STATUS_OK;
}

/** The tables the evaluator reads besides the bundle: condition key sources, star positions, action hash. */
function derive(v: View): u32 {
  const sources = v.end;
  const stars = align8(<u64>sources + <u64>v.conditionCount * 4);
  const actions = stars + ((<u64>v.strCount) << 3);
  if (!ensureMemory(actions + actionTableBytes(v))) return LOAD_OUT_OF_MEMORY;
  for (let c: u32 = 0; c < v.conditionCount; c++) {
    const key = load<i32>(v.conditions + <usize>c * CONDITION_WORDS * 4 + CONDITION_KEY * 4);
    store<u32>(sources + ((<usize>c) << 2), keySource(strPtr(v, key), strLength(v, key)));
  }
  v.conditionSources = sources;
  indexStars(v, <usize>stars);
  v.end = indexActions(v, <usize>actions);
  // The buffers hold the longest list an evaluation walks: a set's other list or one of its rows.
  let most: u32 = 0;
  for (let s: u32 = 0; s < v.setCount; s++) {
    const set = v.sets + <usize>s * SET_WORDS * 4;
    const other = load<u32>(set + SET_OTHER_COUNT * 4);
    if (other > most) most = other;
    const first = load<u32>(set + SET_CANDIDATES_START * 4);
    const candidates = load<u32>(set + SET_CANDIDATES_COUNT * 4);
    for (let c = first; c < first + candidates; c++) {
      const count = load<u32>(v.candidates + <usize>c * CANDIDATE_WORDS * 4 + CANDIDATE_COUNT * 4);
      if (count > most) most = count;
    }
  }
  v.maxCandidates = most;
  return STATUS_OK;
}

/**
 * Where a lower-cased condition key's value comes from (runtime/request-context.ts `resourceTagKey`):
 * a resource tag (the tag key follows the first `/`, stored as its offset << 2), else the context.
 */
function keySource(key: usize, length: u32): u32 {
  if (startsWith(key, length, KMS_TAG)) return SOURCE_RESOURCE_TAG | ((<u32>KMS_TAG.length) << 2);
  if (startsWith(key, length, RESOURCE_TAG)) return SOURCE_RESOURCE_TAG | ((<u32>RESOURCE_TAG.length) << 2);
  return SOURCE_CONTEXT;
}

function startsWith(text: usize, length: u32, prefix: string): bool {
  const units = <u32>prefix.length;
  return length >= units && unitsEqual(text, changetype<usize>(prefix), units);
}
