import type { DecodedBundle } from './decoded-bundle.js';
import { type CompiledCondition, compileCondition } from './evaluate-condition.js';
import type { CompiledStatement } from './evaluate-program.js';
import {
  NONE,
  POLICY_NAME,
  POLICY_TYPE,
  POLICY_VERSION,
  POLICY_WORDS,
  STATEMENT_ACTIONS_COUNT,
  STATEMENT_ACTIONS_START,
  STATEMENT_CONDITIONS_COUNT,
  STATEMENT_CONDITIONS_START,
  STATEMENT_FLAG_DENY,
  STATEMENT_FLAG_NOT_ACTION,
  STATEMENT_FLAG_NOT_RESOURCE,
  STATEMENT_FLAGS,
  STATEMENT_INDEX,
  STATEMENT_ORIGIN_COLUMN,
  STATEMENT_ORIGIN_FILE,
  STATEMENT_ORIGIN_LINE,
  STATEMENT_POLICY,
  STATEMENT_RESOURCES_COUNT,
  STATEMENT_RESOURCES_START,
  STATEMENT_SID,
  STATEMENT_WORDS,
} from './format.js';
import type { Glob } from './match/glob.js';
import type { PolicyType } from './types.js';

const POLICY_TYPES: readonly PolicyType[] = ['System', 'Custom', 'Session', 'Trust'];

/**
 * Compiles statement `id` of a decoded (and therefore fully checked) bundle: its matchers, its conditions
 * and what a decision reports about it. `globOf` compiles (and shares) the pattern string with that index.
 */
export function compileStatement(
  b: DecodedBundle,
  id: number,
  globOf: (pattern: number) => Glob,
): CompiledStatement {
  const strings = b.strings;
  const at = id * STATEMENT_WORDS;
  const word = (field: number): number => b.statements[at + field] as number;
  const list = (start: number, count: number): Int32Array => b.lists.subarray(start, start + count);
  const policyAt = word(STATEMENT_POLICY) * POLICY_WORDS;
  const version = b.policies[policyAt + POLICY_VERSION] as number;
  const sid = word(STATEMENT_SID);
  const flags = word(STATEMENT_FLAGS);
  const conditions: CompiledCondition[] = [];
  const firstCondition = word(STATEMENT_CONDITIONS_START);
  for (let c = 0; c < word(STATEMENT_CONDITIONS_COUNT); c++) {
    conditions.push(compileCondition(b, firstCondition + c, globOf));
  }
  return {
    id,
    deny: (flags & STATEMENT_FLAG_DENY) !== 0,
    notAction: (flags & STATEMENT_FLAG_NOT_ACTION) !== 0,
    actions: Array.from(list(word(STATEMENT_ACTIONS_START), word(STATEMENT_ACTIONS_COUNT)), globOf),
    notResource: (flags & STATEMENT_FLAG_NOT_RESOURCE) !== 0,
    resources: Array.from(list(word(STATEMENT_RESOURCES_START), word(STATEMENT_RESOURCES_COUNT)), globOf),
    conditions,
    policy: strings[b.policies[policyAt + POLICY_NAME] as number] as string,
    policyType: POLICY_TYPES[b.policies[policyAt + POLICY_TYPE] as number] as PolicyType,
    version: version === NONE ? null : (strings[version] as string),
    index: word(STATEMENT_INDEX),
    sid: sid === NONE ? null : (strings[sid] as string),
    origin: {
      file: strings[word(STATEMENT_ORIGIN_FILE)] as string,
      line: word(STATEMENT_ORIGIN_LINE),
      column: word(STATEMENT_ORIGIN_COLUMN),
    },
    named: null,
  };
}
