import { Glob } from '../../runtime/match/glob.js';
import { ACTIONS } from '../catalog/actions.js';
import { StringTable } from '../ir/intern.js';
import type { Ir, IrActionCandidates, IrSet, IrStatement } from '../ir/ir.js';
import { compareStrings } from './build-sets.js';
import { neverMatches } from './fold.js';

const WILDCARD = /[*?]/;

/**
 * Fills `Ir.actions` (every catalogued action and every literal action pattern, lower-cased, sorted by
 * code unit, unique) and each set's action index: per known action, the statements of the set whose
 * action list matches it (semantics §3); `other`, the statements that may match an unknown action.
 * Statements that can never match (`neverMatches`) are in no candidate list.
 * Identical candidate lists are one shared array, so an encoder can store each once (see
 * docs/compiler.md for the size).
 */
export function indexActions(ir: Ir): Ir {
  const table = new StringTable(ir.strings);
  const names = knownActionNames(ir);
  const actions = names.map((name) => table.intern(name));
  const matcher = new ActionMatcher(ir, names);
  const shared = new Map<number, number[][]>();
  const sets = ir.sets.map((set): IrSet => {
    const buckets = new Map<number, number[]>();
    const other: number[] = [];
    for (const id of set.statements) {
      const statement = ir.statements[id];
      // A statement that can never match is listed by explanations (it is in the set) but never evaluated.
      if (statement === undefined || neverMatches(ir, statement)) continue;
      if (statement.actions.negated || statement.actions.patterns.some((p) => matcher.isWildcard(p))) {
        other.push(id);
      }
      for (const action of matcher.actionsOf(id, statement)) {
        const bucket = buckets.get(action);
        if (bucket === undefined) buckets.set(action, [id]);
        else bucket.push(id);
      }
    }
    const byAction = [...buckets]
      .sort(([a], [b]) => a - b)
      .map(([action, statements]): IrActionCandidates => ({ action, statements: share(shared, statements) }));
    return { statements: set.statements, index: { byAction, other: share(shared, other) } };
  });
  return { ...ir, strings: table.strings, actions, sets };
}

/** The catalog's actions and the policies' literal action patterns, lower-cased, sorted, unique. */
function knownActionNames(ir: Ir): string[] {
  const names = new Set(ACTIONS.map((a) => a.fullName.toLowerCase()));
  for (const s of ir.statements) {
    for (const p of s.actions.patterns) {
      const text = ir.strings[p] ?? '';
      if (!WILDCARD.test(text)) names.add(text);
    }
  }
  return [...names].sort(compareStrings);
}

/** `list` itself, or an equal list seen before (statement ids in a set are sorted, so equal means same). */
function share(shared: Map<number, number[][]>, list: number[]): number[] {
  // PERF: hashed, not joined into a string key: the lists hold every index entry of the model.
  let hash = list.length;
  for (const id of list) hash = (Math.imul(hash, 31) + id) | 0;
  const bucket = shared.get(hash);
  if (bucket === undefined) {
    shared.set(hash, [list]);
    return list;
  }
  const seen = bucket.find((other) => sameList(other, list));
  if (seen !== undefined) return seen;
  bucket.push(list);
  return list;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Which known actions (indices into the sorted names) each pattern and statement matches, memoized. */
class ActionMatcher {
  readonly #strings: readonly string[];
  readonly #names: readonly string[];
  readonly #position: Map<string, number>;
  readonly #byPattern = new Map<number, readonly number[]>();
  readonly #byStatement = new Map<number, readonly number[]>();
  readonly #mark: Uint8Array;

  constructor(ir: Ir, names: readonly string[]) {
    this.#strings = ir.strings;
    this.#names = names;
    this.#position = new Map(names.map((name, i) => [name, i]));
    this.#mark = new Uint8Array(names.length);
  }

  isWildcard(pattern: number): boolean {
    return WILDCARD.test(this.#strings[pattern] ?? '');
  }

  /** The known actions the statement's action list matches, ascending. */
  actionsOf(id: number, statement: IrStatement): readonly number[] {
    let matched = this.#byStatement.get(id);
    if (matched === undefined) {
      matched = this.#compute(statement);
      this.#byStatement.set(id, matched);
    }
    return matched;
  }

  #compute(statement: IrStatement): readonly number[] {
    const { negated, patterns } = statement.actions;
    const first = patterns[0];
    if (!negated && patterns.length === 1 && first !== undefined) return this.#ofPattern(first);
    const mark = this.#mark;
    mark.fill(0);
    for (const p of patterns) for (const i of this.#ofPattern(p)) mark[i] = 1;
    const out: number[] = [];
    const want = negated ? 0 : 1;
    for (let i = 0; i < mark.length; i++) if (mark[i] === want) out.push(i);
    return out;
  }

  /** The known actions one pattern matches, ascending. */
  #ofPattern(pattern: number): readonly number[] {
    let matched = this.#byPattern.get(pattern);
    if (matched === undefined) {
      matched = this.#scan(this.#strings[pattern] ?? '');
      this.#byPattern.set(pattern, matched);
    }
    return matched;
  }

  #scan(text: string): number[] {
    const wildcard = text.search(WILDCARD);
    if (wildcard < 0) {
      const i = this.#position.get(text);
      return i === undefined ? [] : [i];
    }
    // PERF: only names starting with the pattern's literal prefix can match: scan just that range.
    const prefix = text.slice(0, wildcard);
    const glob = new Glob(text);
    const out: number[] = [];
    for (let i = lowerBound(this.#names, prefix); i < this.#names.length; i++) {
      const name = this.#names[i] as string;
      if (!name.startsWith(prefix)) break;
      if (glob.matches(name)) out.push(i);
    }
    return out;
  }
}

/** The first index whose name is not below `key` in code-unit order. */
function lowerBound(names: readonly string[], key: string): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((names[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
