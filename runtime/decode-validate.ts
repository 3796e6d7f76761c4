import type { DecodedBundle } from './decoded-bundle.js';
import * as F from './format.js';
import { constantKindOf } from './operator-codes.js';

/** Thrown inside validation only; `validateBundle` turns it into its result. */
class Malformed {
  constructor(readonly problem: string) {}
}

function malformed(problem: string): never {
  throw new Malformed(problem);
}

/** The tables that lists and ranges draw from, each counted against its size (see `validateBundle`). */
const POOL_LISTS = 0;
const POOL_CONDITIONS = 1;
const POOL_NUMBERS = 2;
const POOL_IP_BLOCKS = 3;
const POOL_CANDIDATES = 4;
const POOL_RESOURCE_GROUP_SETS = 5;
const POOL_NAMES = ['LISTS', 'CONDITIONS', 'NUMBERS', 'IP_BLOCKS', 'CANDIDATES', 'RESOURCE_GROUP_SETS'];

/**
 * Checks every index of a decoded bundle against the table it points into, every enumeration against its
 * values, and the orderings readers rely on. Returns the first problem found, or what evaluation needs to
 * know of the lists (`DecodedBundle.longestList`).
 * INVARIANT: every list except statement-id lists, and every range into CONDITIONS, NUMBERS, IP_BLOCKS,
 * CANDIDATES and RESOURCE_GROUP_SETS, is counted against the size of what it points into, so the lists
 * and ranges add up to at most that size. Statement-id lists may be shared (the encoder stores equal
 * ones once); they are checked in constant time each from prefix counts, and readers take them as views.
 * So validation and every later pass over the bundle take time linear in its size, however forged.
 * PERF: a message is built only for the problem found: the checks name the record they are in by its
 * kind and index, and put them into words only when one fails.
 */
export function validateBundle(b: DecodedBundle): string | { longestList: number } {
  try {
    const checker = new BundleChecker(b);
    checker.run();
    return { longestList: checker.longestList };
  } catch (error) {
    if (error instanceof Malformed) return error.problem;
    throw error;
  }
}

class BundleChecker {
  readonly #b: DecodedBundle;
  /** How many records each pool's lists and ranges have drawn so far, by POOL_ index. */
  readonly #used = new Array<number>(POOL_NAMES.length).fill(0);
  /** `#statementWords[i]`: how many of the first i words of LISTS are statement ids. */
  readonly #statementWords: Int32Array;
  /** `#ascendingPairs[i]`: how many j < i have `lists[j] < lists[j + 1]`. */
  readonly #ascendingPairs: Int32Array;
  /** The longest statement list seen so far in a set, a candidate row or an other list. */
  longestList = 0;
  /** The record being checked, as messages name it: its kind ("statement", or none) and index. */
  #record = '';
  #index = 0;

  constructor(b: DecodedBundle) {
    this.#b = b;
    const lists = b.lists;
    const statements = b.statements.length / F.STATEMENT_WORDS;
    const statementWords = new Int32Array(lists.length + 1);
    const ascendingPairs = new Int32Array(lists.length + 1);
    // PERF: the running counts live in locals, not re-read from the arrays (or the fields) every step.
    let words = 0;
    let pairs = 0;
    for (let i = 0; i < lists.length; i++) {
      const w = lists[i] as number;
      if (w >= 0 && w < statements) words++;
      if (i + 1 < lists.length && w < (lists[i + 1] as number)) pairs++;
      statementWords[i + 1] = words;
      ascendingPairs[i + 1] = pairs;
    }
    this.#statementWords = statementWords;
    this.#ascendingPairs = ascendingPairs;
  }

  run(): void {
    const b = this.#b;
    this.str(b.account, 'the account id');
    this.optionalStr(b.stsPublicKeyPem, 'the STS public key');
    for (let i = 0; i < b.actions.length; i++) {
      this.#at('action', i);
      this.str(b.actions[i] as number, '');
      if (i > 0 && !(this.text(b.actions[i - 1]) < this.text(b.actions[i])))
        malformed('the actions are not sorted and unique');
    }
    for (let at = 0; at < b.policies.length; at += F.POLICY_WORDS) this.policy(at);
    for (let at = 0; at < b.statements.length; at += F.STATEMENT_WORDS) this.statement(at);
    for (let at = 0; at < b.conditions.length; at += F.CONDITION_WORDS) this.condition(at);
    for (let at = 0; at < b.ipBlocks.length; at += F.IP_BLOCK_WORDS) this.ipBlock(at);
    this.candidateRows();
    for (let at = 0; at < b.sets.length; at += F.SET_WORDS) this.set(at);
    for (let at = 0; at < b.principals.length; at += F.PRINCIPAL_WORDS) this.principal(at);
    for (let at = 0; at < b.accessKeys.length; at += F.ACCESS_KEY_WORDS) this.accessKey(at);
  }

  /** Messages from here on name record `index` of `kind`. */
  #at(kind: string, index: number): void {
    this.#record = kind;
    this.#index = index;
  }

  /** The checked thing a message names: the current record, and `part` of it ("statement 3 actions"). */
  #what(part: string): string {
    const record = this.#record === '' ? '' : `${this.#record} ${this.#index}`;
    if (part === '') return record;
    return record === '' ? part : `${record} ${part}`;
  }

  /** Fails with `problem` about `part` of the current record (`#what`). */
  #fail(part: string, problem: string): never {
    return malformed(`${this.#what(part)} ${problem}`);
  }

  text(id: number | undefined): string {
    return this.#b.strings[id as number] as string;
  }

  str(id: number, part: string): void {
    if (!(id >= 0 && id < this.#b.strings.length))
      this.#fail(part, `names string ${id}, which does not exist`);
  }

  optionalStr(id: number, part: string): void {
    if (id !== F.NONE) this.str(id, part);
  }

  /** A (start, count) pair into a table of `size` records; `pool` (POOL_) names the budget it draws from. */
  range(start: number, count: number, size: number, pool: number, part: string): void {
    if (!(start >= 0 && count >= 0 && start <= size && count <= size - start))
      this.#fail(part, `runs outside ${POOL_NAMES[pool]}`);
    const used = (this.#used[pool] as number) + count;
    if (used > size) malformed(`the records point into ${POOL_NAMES[pool]} more often than it has entries`);
    this.#used[pool] = used;
  }

  /** A list of string ids in LISTS. */
  strList(start: number, count: number, part: string): void {
    const lists = this.#b.lists;
    this.range(start, count, lists.length, POOL_LISTS, part);
    const strings = this.#b.strings.length;
    for (let i = 0; i < count; i++) {
      const id = lists[start + i] as number;
      if (!(id >= 0 && id < strings)) this.#fail(part, `item ${i} names string ${id}, which does not exist`);
    }
  }

  /** A list of booleans (0 or 1) in LISTS. */
  boolList(start: number, count: number, part: string): void {
    const lists = this.#b.lists;
    this.range(start, count, lists.length, POOL_LISTS, part);
    for (let i = 0; i < count; i++) {
      const w = lists[start + i] as number;
      if (w !== 0 && w !== 1) this.#fail(part, `hold ${w}`);
    }
  }

  /** Statement indexes, strictly ascending; may be shared, so checked in constant time (see above). */
  statementList(start: number, count: number, part: string): void {
    const size = this.#b.lists.length;
    if (!(start >= 0 && count >= 0 && start <= size && count <= size - start))
      this.#fail(part, 'runs outside LISTS');
    const end = start + count;
    const statements = (this.#statementWords[end] as number) - (this.#statementWords[start] as number);
    const ascending =
      count === 0 ? 0 : (this.#ascendingPairs[end - 1] as number) - (this.#ascendingPairs[start] as number);
    if (!(statements === count && (count === 0 || ascending === count - 1)))
      this.#fail(part, 'is not a sorted list of statements');
  }

  policy(at: number): void {
    const p = this.#b.policies;
    this.#at('policy', at / F.POLICY_WORDS);
    this.str(p[at + F.POLICY_NAME] as number, '');
    const type = p[at + F.POLICY_TYPE] as number;
    if (!(type >= 0 && type <= F.POLICY_TYPE_TRUST)) this.#fail('', `has policy type ${type}`);
    this.optionalStr(p[at + F.POLICY_VERSION] as number, '');
  }

  statement(at: number): void {
    const s = this.#b.statements;
    this.#at('statement', at / F.STATEMENT_WORDS);
    const policy = s[at + F.STATEMENT_POLICY] as number;
    if (!(policy >= 0 && policy < this.#b.policies.length / F.POLICY_WORDS))
      this.#fail('', `names policy ${policy}`);
    if ((s[at + F.STATEMENT_INDEX] as number) < 0) this.#fail('', 'has a negative index');
    this.optionalStr(s[at + F.STATEMENT_SID] as number, 'sid');
    if (((s[at + F.STATEMENT_FLAGS] as number) & ~F.STATEMENT_FLAGS_ALL) !== 0)
      this.#fail('', 'has unknown flags');
    this.strList(
      s[at + F.STATEMENT_ACTIONS_START] as number,
      s[at + F.STATEMENT_ACTIONS_COUNT] as number,
      'actions',
    );
    this.strList(
      s[at + F.STATEMENT_RESOURCES_START] as number,
      s[at + F.STATEMENT_RESOURCES_COUNT] as number,
      'resources',
    );
    this.range(
      s[at + F.STATEMENT_CONDITIONS_START] as number,
      s[at + F.STATEMENT_CONDITIONS_COUNT] as number,
      this.#b.conditions.length / F.CONDITION_WORDS,
      POOL_CONDITIONS,
      'conditions',
    );
    this.str(s[at + F.STATEMENT_ORIGIN_FILE] as number, 'origin');
    if ((s[at + F.STATEMENT_ORIGIN_LINE] as number) < 0) this.#fail('', 'has a negative line');
    if ((s[at + F.STATEMENT_ORIGIN_COLUMN] as number) < 0) this.#fail('', 'has a negative column');
  }

  condition(at: number): void {
    const c = this.#b.conditions;
    this.#at('condition', at / F.CONDITION_WORDS);
    const op = c[at + F.CONDITION_OPERATOR] as number;
    const kind = constantKindOf(op);
    if (kind === 0) this.#fail('', `has operator code ${op}`);
    this.str(c[at + F.CONDITION_KEY] as number, 'key');
    this.strList(
      c[at + F.CONDITION_VALUES_START] as number,
      c[at + F.CONDITION_VALUES_COUNT] as number,
      'values',
    );
    if (c[at + F.CONDITION_CONST_KIND] !== kind)
      this.#fail('', 'has constants of the wrong kind for its operator');
    const flags = c[at + F.CONDITION_CONST_FLAGS] as number;
    if (!((flags & ~F.CONST_FLAG_LOOKUP) === 0 && (flags === 0 || kind === F.CONST_STRING)))
      this.#fail('', 'has unknown flags');
    const start = c[at + F.CONDITION_CONST_START] as number;
    const count = c[at + F.CONDITION_CONST_COUNT] as number;
    if (kind === F.CONST_STRING) this.strList(start, count, 'constants');
    else if (kind === F.CONST_BOOL) this.boolList(start, count, 'constants');
    else if (kind === F.CONST_NUMBER)
      this.range(start, count, this.#b.numbers.length, POOL_NUMBERS, 'constants');
    else if (kind === F.CONST_IP)
      this.range(start, count, this.#b.ipBlocks.length / F.IP_BLOCK_WORDS, POOL_IP_BLOCKS, 'constants');
  }

  ipBlock(at: number): void {
    const family = this.#b.ipBlocks[at + F.IP_BLOCK_FAMILY] as number;
    const prefix = this.#b.ipBlocks[at + F.IP_BLOCK_PREFIX] as number;
    this.#at('IP block', at / F.IP_BLOCK_WORDS);
    if (family !== 4 && family !== 6) this.#fail('', `has family ${family}`);
    if (!(prefix >= 0 && prefix <= (family === 4 ? 32 : 128))) this.#fail('', `has prefix ${prefix}`);
  }

  /**
   * Every row of CANDIDATES: a known action and a sorted list of statements. PERF: one loop over the whole
   * table with no call per row (a bundle has tens of thousands of rows, and a fresh process runs this
   * before V8 has compiled it); `set` then checks only the order of each set's rows. Rows no set points at
   * are checked too, though the encoder writes none.
   */
  candidateRows(): void {
    const c = this.#b.candidates;
    const actions = this.#b.actions.length;
    const size = this.#b.lists.length;
    const words = this.#statementWords;
    const pairs = this.#ascendingPairs;
    let longest = this.longestList;
    for (let row = 0; row < c.length; row += F.CANDIDATE_WORDS) {
      const action = c[row + F.CANDIDATE_ACTION] as number;
      const start = c[row + F.CANDIDATE_START] as number;
      const count = c[row + F.CANDIDATE_COUNT] as number;
      const end = start + count;
      const valid =
        action >= 0 &&
        action < actions &&
        start >= 0 &&
        count >= 0 &&
        start <= size &&
        count <= size - start &&
        (words[end] as number) - (words[start] as number) === count &&
        (count === 0 || (pairs[end - 1] as number) - (pairs[start] as number) === count - 1);
      if (valid) {
        if (count > longest) longest = count;
        continue;
      }
      this.#at('candidate row', row / F.CANDIDATE_WORDS);
      if (!(action >= 0 && action < actions)) this.#fail('', `names action ${action}, which is not known`);
      this.statementList(start, count, 'statements');
      // Unreachable while the test above and statementList agree; if they ever do not, refuse the bundle.
      this.#fail('', 'is invalid');
    }
    this.longestList = longest;
  }

  set(at: number): void {
    const s = this.#b.sets;
    this.#at('set', at / F.SET_WORDS);
    this.statementList(
      s[at + F.SET_STATEMENTS_START] as number,
      s[at + F.SET_STATEMENTS_COUNT] as number,
      'statements',
    );
    const start = s[at + F.SET_CANDIDATES_START] as number;
    const count = s[at + F.SET_CANDIDATES_COUNT] as number;
    const c = this.#b.candidates;
    this.range(start, count, c.length / F.CANDIDATE_WORDS, POOL_CANDIDATES, 'candidates');
    // The rows themselves were checked by `candidateRows`: here only their order.
    let previous = -1;
    for (let i = start; i < start + count; i++) {
      const action = c[i * F.CANDIDATE_WORDS + F.CANDIDATE_ACTION] as number;
      if (action <= previous) this.#fail('candidates', 'are not sorted by known action');
      previous = action;
    }
    this.statementList(
      s[at + F.SET_OTHER_START] as number,
      s[at + F.SET_OTHER_COUNT] as number,
      'other candidates',
    );
    this.longestList = Math.max(
      this.longestList,
      s[at + F.SET_STATEMENTS_COUNT] as number,
      s[at + F.SET_OTHER_COUNT] as number,
    );
  }

  principal(at: number): void {
    const p = this.#b.principals;
    this.#at('principal', at / F.PRINCIPAL_WORDS);
    const kind = p[at + F.PRINCIPAL_KIND] as number;
    if (kind !== F.PRINCIPAL_USER && kind !== F.PRINCIPAL_ROLE) this.#fail('', `has kind ${kind}`);
    this.str(p[at + F.PRINCIPAL_NAME] as number, '');
    this.optionalStr(p[at + F.PRINCIPAL_LINKED_SERVICE] as number, 'linked service');
    if ((p[at + F.PRINCIPAL_MAX_SESSION] as number) < 0) this.#fail('', 'has a negative session duration');
    const sets = this.#b.sets.length / F.SET_WORDS;
    const accountSet = p[at + F.PRINCIPAL_ACCOUNT_SET] as number;
    if (!(accountSet === F.NONE || (accountSet >= 0 && accountSet < sets)))
      this.#fail('', `names set ${accountSet}`);
    const start = p[at + F.PRINCIPAL_GROUP_SETS_START] as number;
    const count = p[at + F.PRINCIPAL_GROUP_SETS_COUNT] as number;
    const g = this.#b.groupSets;
    this.range(start, count, g.length / F.GROUP_SET_WORDS, POOL_RESOURCE_GROUP_SETS, 'resource-group sets');
    for (let i = start; i < start + count; i++) {
      const group = g[i * F.GROUP_SET_WORDS + F.GROUP_SET_GROUP] as number;
      const set = g[i * F.GROUP_SET_WORDS + F.GROUP_SET_SET] as number;
      this.str(group, 'resource group');
      if (!(set >= 0 && set < sets)) this.#fail('', `names set ${set}`);
      if (i > start) {
        const before = g[(i - 1) * F.GROUP_SET_WORDS + F.GROUP_SET_GROUP];
        if (!(this.text(before) < this.text(group)))
          this.#fail('', 'resource groups are not sorted and unique');
      }
    }
    this.statementList(
      p[at + F.PRINCIPAL_TRUST_START] as number,
      p[at + F.PRINCIPAL_TRUST_COUNT] as number,
      'trust',
    );
  }

  accessKey(at: number): void {
    const k = this.#b.accessKeys;
    this.#at('access key', at / F.ACCESS_KEY_WORDS);
    this.str(k[at + F.ACCESS_KEY_ID] as number, '');
    const principal = k[at + F.ACCESS_KEY_PRINCIPAL] as number;
    const principals = this.#b.principals;
    if (
      !(
        principal >= 0 &&
        principal < principals.length / F.PRINCIPAL_WORDS &&
        principals[principal * F.PRINCIPAL_WORDS + F.PRINCIPAL_KIND] === F.PRINCIPAL_USER
      )
    )
      this.#fail('', 'does not belong to a user');
    const active = k[at + F.ACCESS_KEY_ACTIVE] as number;
    if (active !== 0 && active !== 1) this.#fail('', `has status ${active}`);
  }
}
