import {
  CANDIDATE_WORDS,
  CONDITION_WORDS,
  CONST_BOOL,
  CONST_FLAG_LOOKUP,
  CONST_IP,
  CONST_NUMBER,
  CONST_STRING,
  GROUP_SET_WORDS,
  IP_BLOCK_WORDS,
  MAX_SECTION_COUNT,
  MAX_STRING_BYTES,
  NONE,
  POLICY_TYPE_CUSTOM,
  POLICY_TYPE_SESSION,
  POLICY_TYPE_SYSTEM,
  POLICY_TYPE_TRUST,
  PRINCIPAL_ROLE,
  PRINCIPAL_USER,
  SECTION_ACCESS_KEYS,
  SECTION_ACTIONS,
  SECTION_CANDIDATES,
  SECTION_CONDITIONS,
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
  STATEMENT_FLAG_DENY,
  STATEMENT_FLAG_NOT_ACTION,
  STATEMENT_FLAG_NOT_RESOURCE,
} from '../../runtime/format.js';
import { constantKindOf, operatorCode } from '../../runtime/operator-codes.js';
import type { PolicyType } from '../../runtime/types.js';
import type { Ir, IrActionCandidates, IrCondition, IrConstants, IrStatement } from '../ir/ir.js';
import { BundleEncodeError } from './bundle-encode-error.js';
import {
  layOutBundle,
  numbersSection,
  type SectionBytes,
  stringsSection,
  tableSection,
} from './bundle-layout.js';

const POLICY_TYPE_CODES: Record<PolicyType, number> = {
  System: POLICY_TYPE_SYSTEM,
  Custom: POLICY_TYPE_CUSTOM,
  Session: POLICY_TYPE_SESSION,
  Trust: POLICY_TYPE_TRUST,
};

/** The growing record tables of one bundle; lists are appended to `lists` and referenced as (start, count). */
class Tables {
  readonly lists: number[] = [];
  readonly numbers: number[] = [];
  readonly ipBlocks: number[] = [];
  readonly conditions: number[] = [];
  readonly candidates: number[] = [];
  readonly groupSets: number[] = [];

  readonly #statementLists = new Map<string, [number, number]>();
  readonly #statementArrays = new Map<readonly number[], [number, number]>();

  /** Appends a list to LISTS and returns its (start, count) words. */
  list(words: readonly number[]): [number, number] {
    const start = this.lists.length;
    for (const w of words) this.lists.push(w);
    return [start, words.length];
  }

  /**
   * A list of statement ids: stored once however many sets and candidate lists hold it. PERF: the
   * `index-actions` pass hands equal lists over as one array, so identity is checked before content.
   */
  statementList(ids: readonly number[]): [number, number] {
    let range = this.#statementArrays.get(ids);
    if (range !== undefined) return range;
    const key = ids.join(',');
    range = this.#statementLists.get(key);
    if (range === undefined) {
      range = this.list(ids);
      this.#statementLists.set(key, range);
    }
    this.#statementArrays.set(ids, range);
    return range;
  }
}

const NO_STATEMENTS: readonly number[] = [];

/**
 * Appends a set's candidate rows to CANDIDATES as runs (runtime/format.ts): a row only where an action's
 * list differs from the action before it, an empty row where actions without candidates follow ones with.
 * Returns how many rows it wrote. PERF: most sets give most actions the same list (a policy's `kms:*`
 * statement is a candidate for every action), so a bundle holds a few rows per set instead of one per
 * action, which shrinks the bundle and what loading it checks.
 */
function candidateRuns(t: Tables, byAction: readonly IrActionCandidates[], actionCount: number): number {
  const empty = t.statementList(NO_STATEMENTS);
  let rows = 0;
  let previousAction = -1;
  let current = empty;
  for (const { action, statements } of byAction) {
    const list = t.statementList(statements);
    // The run before reaches this action only when it is the very next one; a gap has no candidates.
    if (action !== previousAction + 1 && current[1] > 0) {
      t.candidates.push(previousAction + 1, ...empty);
      rows++;
      current = empty;
    }
    if (list[0] !== current[0] || list[1] !== current[1]) {
      t.candidates.push(action, ...list);
      rows++;
      current = list;
    }
    previousAction = action;
  }
  // The last run would reach the last known action: it ends with an empty row where the lists end.
  if (current[1] > 0 && previousAction + 1 < actionCount) {
    t.candidates.push(previousAction + 1, ...empty);
    rows++;
  }
  return rows;
}

/**
 * Encodes a fully passed IR (sets built, actions indexed, constants parsed) as a decision bundle in the
 * layout of runtime/format.ts. Everything in the IR is written except `principals[].attached`, which only
 * feeds the `build-sets` pass. Throws `BundleEncodeError` when the IR exceeds the format's maximums or holds
 * a string UTF-8 cannot carry, and a plain Error when the IR lacks what the passes fill in (a compiler
 * bug, not a user mistake).
 */
export function encodeBundle(ir: Ir): Uint8Array {
  const t = new Tables();
  const statements = ir.statements.flatMap((s, i) => statementWords(t, s, i));
  const sets = ir.sets.flatMap((set, i) => {
    if (set.index === null)
      throw new Error(`IR set ${i} has no action index; run the index-actions pass first`);
    const candidatesStart = t.candidates.length / CANDIDATE_WORDS;
    const rows = candidateRuns(t, set.index.byAction, ir.actions.length);
    return [...t.statementList(set.statements), candidatesStart, rows, ...t.statementList(set.index.other)];
  });
  const principals = ir.principals.flatMap((p) => {
    const groupsStart = t.groupSets.length / GROUP_SET_WORDS;
    for (const g of p.resourceGroupSets) t.groupSets.push(g.resourceGroup, g.set);
    return [
      p.kind === 'user' ? PRINCIPAL_USER : PRINCIPAL_ROLE,
      p.name,
      p.serviceLinkedTo,
      p.maxSessionDuration,
      p.accountSet < 0 ? NONE : p.accountSet,
      groupsStart,
      p.resourceGroupSets.length,
      ...t.statementList(p.trust),
    ];
  });
  const policies = ir.policies.flatMap((p) => [p.name, POLICY_TYPE_CODES[p.type], p.version]);
  const accessKeys = ir.accessKeys.flatMap((k) => [k.id, k.principal, k.active ? 1 : 0]);
  const sections: SectionBytes[] = [
    tableSection(SECTION_META, 1, [ir.irVersion, ir.account, ir.stsPublicKeyPem]),
    stringsSection(SECTION_STRINGS, ir.strings, MAX_STRING_BYTES),
    tableSection(SECTION_POLICIES, ir.policies.length, policies),
    tableSection(SECTION_STATEMENTS, ir.statements.length, statements),
    tableSection(SECTION_CONDITIONS, t.conditions.length / CONDITION_WORDS, t.conditions),
    tableSection(SECTION_LISTS, t.lists.length, t.lists),
    numbersSection(SECTION_NUMBERS, t.numbers),
    tableSection(SECTION_IP_BLOCKS, t.ipBlocks.length / IP_BLOCK_WORDS, t.ipBlocks),
    tableSection(SECTION_PRINCIPALS, ir.principals.length, principals),
    tableSection(SECTION_ACCESS_KEYS, ir.accessKeys.length, accessKeys),
    tableSection(SECTION_SETS, ir.sets.length, sets),
    tableSection(SECTION_ACTIONS, ir.actions.length, ir.actions),
    tableSection(SECTION_CANDIDATES, t.candidates.length / CANDIDATE_WORDS, t.candidates),
    tableSection(SECTION_RESOURCE_GROUP_SETS, t.groupSets.length / GROUP_SET_WORDS, t.groupSets),
  ];
  for (const s of sections) {
    const count = new DataView(s.bytes.buffer).getUint32(0, true);
    if (count > MAX_SECTION_COUNT) {
      throw new BundleEncodeError(
        `section ${s.id} would hold ${count} entries; the format allows ${MAX_SECTION_COUNT}`,
      );
    }
  }
  return layOutBundle(sections);
}

function statementWords(t: Tables, s: IrStatement, i: number): number[] {
  const flags =
    (s.effect === 'Deny' ? STATEMENT_FLAG_DENY : 0) |
    (s.actions.negated ? STATEMENT_FLAG_NOT_ACTION : 0) |
    (s.resources.negated ? STATEMENT_FLAG_NOT_RESOURCE : 0);
  const conditionsStart = t.conditions.length / CONDITION_WORDS;
  for (const c of s.conditions) conditionWords(t, c, i);
  return [
    s.policy,
    s.index,
    s.sid,
    flags,
    ...t.list(s.actions.patterns),
    ...t.list(s.resources.patterns),
    conditionsStart,
    s.conditions.length,
    s.origin.file,
    s.origin.line,
    s.origin.column,
  ];
}

function conditionWords(t: Tables, c: IrCondition, statement: number): void {
  const op = operatorCode(c.operator);
  const where = `IR statement ${statement} condition ${c.operator}`;
  if (op === 0) throw new Error(`${where}: unknown operator`);
  if (c.constants === null) throw new Error(`${where} has no constants; run the parse-constants pass first`);
  const kind = constantKindOf(op);
  if (kindCode(c.constants) !== kind) throw new Error(`${where} holds ${c.constants.kind} constants`);
  const [constStart, constCount] = constantWords(t, c.constants);
  const flags = c.constants.kind === 'string' && c.constants.lookup ? CONST_FLAG_LOOKUP : 0;
  t.conditions.push(op, c.key, ...t.list(c.values), kind, flags, constStart, constCount);
}

function kindCode(constants: IrConstants): number {
  switch (constants.kind) {
    case 'string':
      return CONST_STRING;
    case 'number':
      return CONST_NUMBER;
    case 'bool':
      return CONST_BOOL;
    case 'ip':
      return CONST_IP;
  }
}

function constantWords(t: Tables, constants: IrConstants): [number, number] {
  switch (constants.kind) {
    case 'string':
      return t.list(constants.values);
    case 'bool':
      return t.list(constants.values.map((v) => (v ? 1 : 0)));
    case 'number': {
      const start = t.numbers.length;
      t.numbers.push(...constants.values);
      return [start, constants.values.length];
    }
    case 'ip': {
      const start = t.ipBlocks.length / IP_BLOCK_WORDS;
      for (const b of constants.blocks) t.ipBlocks.push(b.family, b.prefix, ...b.words);
      return [start, constants.blocks.length];
    }
  }
}
