import type { DecodedBundle } from './decoded-bundle.js';
import * as F from './format.js';
import { constantKindOf } from './operator-codes.js';

/** Thrown inside validation only; `validateBundle` turns it into its result. */
class Malformed {
  constructor(readonly problem: string) {}
}

function check(ok: boolean, problem: string): void {
  if (!ok) throw new Malformed(problem);
}

/**
 * Checks every index of a decoded bundle against the table it points into, every enumeration against its
 * values, and the orderings readers rely on. Returns the first problem found, or null.
 * INVARIANT: every list except statement-id lists, and every range into CONDITIONS, NUMBERS, IP_BLOCKS,
 * CANDIDATES and RESOURCE_GROUP_SETS, is counted against the size of what it points into, so the lists
 * and ranges add up to at most that size. Statement-id lists may be shared (the encoder stores equal
 * ones once); they are checked in constant time each from prefix counts, and readers take them as views.
 * So validation and every later pass over the bundle take time linear in its size, however forged.
 */
export function validateBundle(b: DecodedBundle): string | null {
  try {
    new BundleChecker(b).run();
    return null;
  } catch (error) {
    if (error instanceof Malformed) return error.problem;
    throw error;
  }
}

class BundleChecker {
  readonly #b: DecodedBundle;
  readonly #used = new Map<string, number>();
  /** `#statementWords[i]`: how many of the first i words of LISTS are statement ids. */
  readonly #statementWords: Int32Array;
  /** `#ascendingPairs[i]`: how many j < i have `lists[j] < lists[j + 1]`. */
  readonly #ascendingPairs: Int32Array;

  constructor(b: DecodedBundle) {
    this.#b = b;
    const lists = b.lists;
    const statements = b.statements.length / F.STATEMENT_WORDS;
    this.#statementWords = new Int32Array(lists.length + 1);
    this.#ascendingPairs = new Int32Array(lists.length + 1);
    for (let i = 0; i < lists.length; i++) {
      const w = lists[i] as number;
      this.#statementWords[i + 1] = (this.#statementWords[i] as number) + (w >= 0 && w < statements ? 1 : 0);
      const ascending = i + 1 < lists.length && w < (lists[i + 1] as number) ? 1 : 0;
      this.#ascendingPairs[i + 1] = (this.#ascendingPairs[i] as number) + ascending;
    }
  }

  run(): void {
    const b = this.#b;
    this.str(b.account, 'the account id');
    this.optionalStr(b.stsPublicKeyPem, 'the STS public key');
    for (let i = 0; i < b.actions.length; i++) {
      this.str(b.actions[i] as number, `action ${i}`);
      if (i > 0)
        check(this.text(b.actions[i - 1]) < this.text(b.actions[i]), 'the actions are not sorted and unique');
    }
    for (let at = 0; at < b.policies.length; at += F.POLICY_WORDS) this.policy(at);
    for (let at = 0; at < b.statements.length; at += F.STATEMENT_WORDS) this.statement(at);
    for (let at = 0; at < b.conditions.length; at += F.CONDITION_WORDS) this.condition(at);
    for (let at = 0; at < b.ipBlocks.length; at += F.IP_BLOCK_WORDS) this.ipBlock(at);
    for (let at = 0; at < b.sets.length; at += F.SET_WORDS) this.set(at);
    for (let at = 0; at < b.principals.length; at += F.PRINCIPAL_WORDS) this.principal(at);
    for (let at = 0; at < b.accessKeys.length; at += F.ACCESS_KEY_WORDS) this.accessKey(at);
  }

  text(id: number | undefined): string {
    return this.#b.strings[id as number] as string;
  }

  str(id: number, what: string): void {
    check(id >= 0 && id < this.#b.strings.length, `${what} names string ${id}, which does not exist`);
  }

  optionalStr(id: number, what: string): void {
    if (id !== F.NONE) this.str(id, what);
  }

  /** A (start, count) pair into a table of `size` records; `pool` names the budget it draws from. */
  range(start: number, count: number, size: number, pool: string, what: string): void {
    check(start >= 0 && count >= 0 && start <= size && count <= size - start, `${what} runs outside ${pool}`);
    const used = (this.#used.get(pool) ?? 0) + count;
    check(used <= size, `the records point into ${pool} more often than it has entries`);
    this.#used.set(pool, used);
  }

  /** A list of words in LISTS; checks each with `each`. */
  list(start: number, count: number, what: string, each: (word: number, i: number) => void): void {
    this.range(start, count, this.#b.lists.length, 'LISTS', what);
    for (let i = 0; i < count; i++) each(this.#b.lists[start + i] as number, i);
  }

  strList(start: number, count: number, what: string): void {
    this.list(start, count, what, (word, i) => this.str(word, `${what} item ${i}`));
  }

  /** Statement indexes, strictly ascending; may be shared, so checked in constant time (see above). */
  statementList(start: number, count: number, what: string): void {
    const size = this.#b.lists.length;
    check(start >= 0 && count >= 0 && start <= size && count <= size - start, `${what} runs outside LISTS`);
    const end = start + count;
    const statements = (this.#statementWords[end] as number) - (this.#statementWords[start] as number);
    const ascending =
      count === 0 ? 0 : (this.#ascendingPairs[end - 1] as number) - (this.#ascendingPairs[start] as number);
    check(
      statements === count && (count === 0 || ascending === count - 1),
      `${what} is not a sorted list of statements`,
    );
  }

  policy(at: number): void {
    const p = this.#b.policies;
    const what = `policy ${at / F.POLICY_WORDS}`;
    this.str(p[at + F.POLICY_NAME] as number, what);
    const type = p[at + F.POLICY_TYPE] as number;
    check(type >= 0 && type <= F.POLICY_TYPE_TRUST, `${what} has policy type ${type}`);
    this.optionalStr(p[at + F.POLICY_VERSION] as number, what);
  }

  statement(at: number): void {
    const s = this.#b.statements;
    const what = `statement ${at / F.STATEMENT_WORDS}`;
    const policy = s[at + F.STATEMENT_POLICY] as number;
    check(policy >= 0 && policy < this.#b.policies.length / F.POLICY_WORDS, `${what} names policy ${policy}`);
    check((s[at + F.STATEMENT_INDEX] as number) >= 0, `${what} has a negative index`);
    this.optionalStr(s[at + F.STATEMENT_SID] as number, `${what} sid`);
    check(
      ((s[at + F.STATEMENT_FLAGS] as number) & ~F.STATEMENT_FLAGS_ALL) === 0,
      `${what} has unknown flags`,
    );
    this.strList(
      s[at + F.STATEMENT_ACTIONS_START] as number,
      s[at + F.STATEMENT_ACTIONS_COUNT] as number,
      `${what} actions`,
    );
    this.strList(
      s[at + F.STATEMENT_RESOURCES_START] as number,
      s[at + F.STATEMENT_RESOURCES_COUNT] as number,
      `${what} resources`,
    );
    const conditions = this.#b.conditions.length / F.CONDITION_WORDS;
    this.range(
      s[at + F.STATEMENT_CONDITIONS_START] as number,
      s[at + F.STATEMENT_CONDITIONS_COUNT] as number,
      conditions,
      'CONDITIONS',
      `${what} conditions`,
    );
    this.str(s[at + F.STATEMENT_ORIGIN_FILE] as number, `${what} origin`);
    check((s[at + F.STATEMENT_ORIGIN_LINE] as number) >= 0, `${what} has a negative line`);
    check((s[at + F.STATEMENT_ORIGIN_COLUMN] as number) >= 0, `${what} has a negative column`);
  }

  condition(at: number): void {
    const c = this.#b.conditions;
    const what = `condition ${at / F.CONDITION_WORDS}`;
    const op = c[at + F.CONDITION_OPERATOR] as number;
    const kind = constantKindOf(op);
    check(kind !== 0, `${what} has operator code ${op}`);
    this.str(c[at + F.CONDITION_KEY] as number, `${what} key`);
    this.strList(
      c[at + F.CONDITION_VALUES_START] as number,
      c[at + F.CONDITION_VALUES_COUNT] as number,
      `${what} values`,
    );
    check(
      c[at + F.CONDITION_CONST_KIND] === kind,
      `${what} has constants of the wrong kind for its operator`,
    );
    const flags = c[at + F.CONDITION_CONST_FLAGS] as number;
    check(
      (flags & ~F.CONST_FLAG_LOOKUP) === 0 && (flags === 0 || kind === F.CONST_STRING),
      `${what} has unknown flags`,
    );
    const start = c[at + F.CONDITION_CONST_START] as number;
    const count = c[at + F.CONDITION_CONST_COUNT] as number;
    const constants = `${what} constants`;
    if (kind === F.CONST_STRING) this.strList(start, count, constants);
    else if (kind === F.CONST_BOOL)
      this.list(start, count, constants, (w) => check(w === 0 || w === 1, `${constants} hold ${w}`));
    else if (kind === F.CONST_NUMBER) this.range(start, count, this.#b.numbers.length, 'NUMBERS', constants);
    else if (kind === F.CONST_IP)
      this.range(start, count, this.#b.ipBlocks.length / F.IP_BLOCK_WORDS, 'IP_BLOCKS', constants);
  }

  ipBlock(at: number): void {
    const family = this.#b.ipBlocks[at + F.IP_BLOCK_FAMILY] as number;
    const prefix = this.#b.ipBlocks[at + F.IP_BLOCK_PREFIX] as number;
    check(family === 4 || family === 6, `IP block ${at / F.IP_BLOCK_WORDS} has family ${family}`);
    check(
      prefix >= 0 && prefix <= (family === 4 ? 32 : 128),
      `IP block ${at / F.IP_BLOCK_WORDS} has prefix ${prefix}`,
    );
  }

  set(at: number): void {
    const s = this.#b.sets;
    const what = `set ${at / F.SET_WORDS}`;
    this.statementList(
      s[at + F.SET_STATEMENTS_START] as number,
      s[at + F.SET_STATEMENTS_COUNT] as number,
      `${what} statements`,
    );
    const start = s[at + F.SET_CANDIDATES_START] as number;
    const count = s[at + F.SET_CANDIDATES_COUNT] as number;
    const c = this.#b.candidates;
    this.range(start, count, c.length / F.CANDIDATE_WORDS, 'CANDIDATES', `${what} candidates`);
    let previous = -1;
    for (let i = start; i < start + count; i++) {
      const row = i * F.CANDIDATE_WORDS;
      const action = c[row + F.CANDIDATE_ACTION] as number;
      check(
        action > previous && action < this.#b.actions.length,
        `${what} candidates are not sorted by known action`,
      );
      previous = action;
      this.statementList(
        c[row + F.CANDIDATE_START] as number,
        c[row + F.CANDIDATE_COUNT] as number,
        `${what} candidates`,
      );
    }
    this.statementList(
      s[at + F.SET_OTHER_START] as number,
      s[at + F.SET_OTHER_COUNT] as number,
      `${what} other candidates`,
    );
  }

  principal(at: number): void {
    const p = this.#b.principals;
    const what = `principal ${at / F.PRINCIPAL_WORDS}`;
    const kind = p[at + F.PRINCIPAL_KIND] as number;
    check(kind === F.PRINCIPAL_USER || kind === F.PRINCIPAL_ROLE, `${what} has kind ${kind}`);
    this.str(p[at + F.PRINCIPAL_NAME] as number, what);
    this.optionalStr(p[at + F.PRINCIPAL_LINKED_SERVICE] as number, `${what} linked service`);
    check((p[at + F.PRINCIPAL_MAX_SESSION] as number) >= 0, `${what} has a negative session duration`);
    const accountSet = p[at + F.PRINCIPAL_ACCOUNT_SET] as number;
    check(
      accountSet === F.NONE || (accountSet >= 0 && accountSet < this.#b.sets.length / F.SET_WORDS),
      `${what} names set ${accountSet}`,
    );
    const start = p[at + F.PRINCIPAL_GROUP_SETS_START] as number;
    const count = p[at + F.PRINCIPAL_GROUP_SETS_COUNT] as number;
    const g = this.#b.groupSets;
    this.range(
      start,
      count,
      g.length / F.GROUP_SET_WORDS,
      'RESOURCE_GROUP_SETS',
      `${what} resource-group sets`,
    );
    for (let i = start; i < start + count; i++) {
      const group = g[i * F.GROUP_SET_WORDS + F.GROUP_SET_GROUP] as number;
      const set = g[i * F.GROUP_SET_WORDS + F.GROUP_SET_SET] as number;
      this.str(group, `${what} resource group`);
      check(set >= 0 && set < this.#b.sets.length / F.SET_WORDS, `${what} names set ${set}`);
      if (i > start) {
        const before = g[(i - 1) * F.GROUP_SET_WORDS + F.GROUP_SET_GROUP];
        check(this.text(before) < this.text(group), `${what} resource groups are not sorted and unique`);
      }
    }
    this.statementList(
      p[at + F.PRINCIPAL_TRUST_START] as number,
      p[at + F.PRINCIPAL_TRUST_COUNT] as number,
      `${what} trust`,
    );
  }

  accessKey(at: number): void {
    const k = this.#b.accessKeys;
    const what = `access key ${at / F.ACCESS_KEY_WORDS}`;
    this.str(k[at + F.ACCESS_KEY_ID] as number, what);
    const principal = k[at + F.ACCESS_KEY_PRINCIPAL] as number;
    const principals = this.#b.principals;
    check(
      principal >= 0 &&
        principal < principals.length / F.PRINCIPAL_WORDS &&
        principals[principal * F.PRINCIPAL_WORDS + F.PRINCIPAL_KIND] === F.PRINCIPAL_USER,
      `${what} does not belong to a user`,
    );
    const active = k[at + F.ACCESS_KEY_ACTIVE] as number;
    check(active === 0 || active === 1, `${what} has status ${active}`);
  }
}
