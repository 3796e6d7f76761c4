import { candidateRow } from './candidate-runs.js';
import { compileStatement } from './compile-statement.js';
import type { DecodedBundle } from './decoded-bundle.js';
import type { CompiledCondition } from './evaluate-condition.js';
import type { SetOutcome } from './evaluate-set.js';
import {
  ACCESS_KEY_ACTIVE,
  ACCESS_KEY_ID,
  ACCESS_KEY_PRINCIPAL,
  ACCESS_KEY_WORDS,
  CANDIDATE_COUNT,
  CANDIDATE_START,
  CANDIDATE_WORDS,
  GROUP_SET_GROUP,
  GROUP_SET_SET,
  GROUP_SET_WORDS,
  NONE,
  PRINCIPAL_ACCOUNT_SET,
  PRINCIPAL_GROUP_SETS_COUNT,
  PRINCIPAL_GROUP_SETS_START,
  PRINCIPAL_KIND,
  PRINCIPAL_NAME,
  PRINCIPAL_USER,
  PRINCIPAL_WORDS,
  SET_CANDIDATES_COUNT,
  SET_CANDIDATES_START,
  SET_OTHER_COUNT,
  SET_OTHER_START,
  SET_STATEMENTS_COUNT,
  SET_STATEMENTS_START,
  SET_WORDS,
  STATEMENT_WORDS,
} from './format.js';
import { Glob } from './match/glob.js';
import type { ResourceIndex } from './match/resource-index.js';
import { isAccessControlled, isActionName } from './request-actions.js';
import { StringCache } from './request-string-cache.js';
import type { DecidingStatement, PolicyType, SourcePosition } from './types.js';

/** One statement ready to evaluate: matchers compiled, and what a decision reports about it. */
export interface CompiledStatement {
  id: number;
  deny: boolean;
  notAction: boolean;
  actions: Glob[];
  notResource: boolean;
  resources: Glob[];
  conditions: CompiledCondition[];
  policy: string;
  policyType: PolicyType;
  version: string | null;
  index: number;
  sid: string | null;
  origin: SourcePosition;
  /**
   * How decisions name the statement (no position, not indeterminate) in the scope they last named it in;
   * frozen and shared by those decisions (evaluate-set.ts `decidingStatement`). Null until first named.
   */
  named: Readonly<DecidingStatement> | null;
}

/** Statements that may match a check, ascending; equal lists are one object, whichever sets share them. */
export interface CandidateList {
  ids: Int32Array;
  /** Built on first use for long lists (see `ResourceIndex`); null when not worth it, undefined until then. */
  index: ResourceIndex | null | undefined;
}

/** A set of statements that basic evaluation decides together, indexed by action. */
export interface CompiledSet {
  /** Every statement, ascending (explanations walk them all). */
  statements: Int32Array;
  /**
   * Its rows of the bundle's candidate table, ascending by action: the first and how many. Each row starts
   * a run of known actions and holds the statements whose action element passes for them (`candidatesOf`).
   */
  firstCandidate: number;
  candidateCount: number;
  /**
   * Action id → its candidate list, once `candidatesOf` has looked it up (null until the first lookup).
   * PERF: a later check of the action costs one array read instead of a binary search.
   */
  byAction: (CandidateList | undefined)[] | null;
  /** Candidates for an action the bundle does not know; their action patterns are matched at run time. */
  other: CandidateList;
}

/** A caller identified, as `resolveCaller` returns it. */
export interface ResolvedCaller {
  ok: true;
  arn: string;
  /** Whose policies apply; null for the account root. */
  principal: CompiledPrincipal | null;
  /** Present for STS credentials (semantics §7.2): their session policy and AccessKeyId. */
  session?: ActiveSession;
}

/** The role session of verified STS credentials. */
export interface ActiveSession {
  /** The session policy the token carries, compiled; null when AssumeRole was called without one. */
  policy: SessionPolicy | null;
  /** The credentials' AccessKeyId: the request's `acs:AccessId`. */
  accessKeyId: string;
}

/** A session policy, compiled from the bundle its token carries (docs/sts.md). */
export interface SessionPolicy {
  program: Program;
  /** The set of `program` holding the session policy's statements. */
  set: number;
  /** PERF: evaluation buffers sized for `program`, reused by every request made with the token. */
  outcome: SetOutcome;
}

export interface CompiledPrincipal {
  kind: 'user' | 'role';
  name: string;
  /** A user's caller result (its ARN is fixed), shared by every request it makes. */
  resolved: ResolvedCaller;
  /** Index into `Program.sets`, or NONE for no account-scope policies. */
  accountSet: number;
  /** Resource group id → set index. */
  groupSets: ReadonlyMap<string, number>;
}

/** What a program knows of an action a request names. */
export interface ActionInfo {
  /** The action lower-cased (actions compare case-insensitively). */
  lower: string;
  /** Its index among the program's known actions, or NONE. */
  id: number;
  /** False for the actions no policy can grant or deny (`kms:DescribeRegions`). */
  accessControlled: boolean;
  /** False when the text is not an action name at all (`isActionName`): the request is refused. */
  named: boolean;
}

/** Everything `authorize` reads, built once from a decoded bundle. */
export interface Program {
  account: string;
  /** PEM text of the STS public key that verifies security tokens; null when the model names none. */
  stsPublicKeyPem: string | null;
  /**
   * The decoded bundle. PERF: statements and candidate lists are compiled from it on first use
   * (`statementAt`, `candidatesOf`), so loading does not pay for the statements no request reaches.
   */
  bundle: DecodedBundle;
  /** Statement id → the statement, once `statementAt` has compiled it. */
  compiled: (CompiledStatement | undefined)[];
  /** Pattern string index → its matcher: one Glob per distinct pattern, shared by every statement. */
  globs: Map<number, Glob>;
  /** One CandidateList per distinct (start, count) list, whichever sets and actions share it. */
  candidateLists: Map<number, CandidateList>;
  sets: CompiledSet[];
  /** The longest statement list of any set, candidate list or other list (what evaluation buffers hold). */
  largestSet: number;
  /** Lower-cased known action → its index. */
  actionIds: Map<string, number>;
  /** PERF: an action as requests write it → what the program knows of it, in one lookup. */
  actions: StringCache<ActionInfo>;
  users: Map<string, CompiledPrincipal>;
  /** `acs:ram::<account>:user/<name>` → the user, for names a plain ARN can hold (no `/`). */
  userArns: Map<string, CompiledPrincipal>;
  roles: Map<string, CompiledPrincipal>;
  /**
   * Role session ARNs already identified → their caller (runtime/evaluate-caller.ts fills it, and empties
   * it when it holds `ROLE_SESSIONS_REMEMBERED`), so a session's later requests cost one lookup, as a user's do.
   */
  roleSessions: Map<string, ResolvedCaller>;
  accessKeys: Map<string, { user: CompiledPrincipal; active: boolean }>;
}

const NO_GROUP_SETS: ReadonlyMap<string, number> = new Map();

/**
 * Prepares a decoded (and therefore fully checked) bundle for evaluation: the callers, sets and known
 * actions now; each statement and candidate list when a request first needs it.
 */
export function compileProgram(b: DecodedBundle): Program {
  const strings = b.strings;
  const other = new Map<number, CandidateList>();
  const sets: CompiledSet[] = [];
  for (let at = 0; at < b.sets.length; at += SET_WORDS) {
    const statementsStart = b.sets[at + SET_STATEMENTS_START] as number;
    const otherStart = b.sets[at + SET_OTHER_START] as number;
    sets.push({
      // Statement-id lists may be shared between sets, so they are views, never copies.
      statements: b.lists.subarray(
        statementsStart,
        statementsStart + (b.sets[at + SET_STATEMENTS_COUNT] as number),
      ),
      firstCandidate: b.sets[at + SET_CANDIDATES_START] as number,
      candidateCount: b.sets[at + SET_CANDIDATES_COUNT] as number,
      byAction: null,
      other: sharedList(b, other, otherStart, b.sets[at + SET_OTHER_COUNT] as number),
    });
  }

  const actionIds = new Map<string, number>();
  for (let i = 0; i < b.actions.length; i++) actionIds.set(strings[b.actions[i] as number] as string, i);

  const principals: CompiledPrincipal[] = [];
  const users = new Map<string, CompiledPrincipal>();
  const roles = new Map<string, CompiledPrincipal>();
  const userArns = new Map<string, CompiledPrincipal>();
  const account = strings[b.account] as string;
  for (let at = 0; at < b.principals.length; at += PRINCIPAL_WORDS) {
    const start = b.principals[at + PRINCIPAL_GROUP_SETS_START] as number;
    const groupCount = b.principals[at + PRINCIPAL_GROUP_SETS_COUNT] as number;
    // PERF: most principals have no resource-group policies, and share one empty map.
    const groupSets = groupCount === 0 ? NO_GROUP_SETS : new Map<string, number>();
    for (let i = 0; i < groupCount; i++) {
      const row = (start + i) * GROUP_SET_WORDS;
      (groupSets as Map<string, number>).set(
        strings[b.groupSets[row + GROUP_SET_GROUP] as number] as string,
        b.groupSets[row + GROUP_SET_SET] as number,
      );
    }
    const kind = b.principals[at + PRINCIPAL_KIND] === PRINCIPAL_USER ? 'user' : 'role';
    const name = strings[b.principals[at + PRINCIPAL_NAME] as number] as string;
    const resolved: ResolvedCaller = {
      ok: true,
      // PERF: joined, not concatenated: a template literal makes a rope (V8 "cons string"), and every
      // request's ARN compared with a rope key of `userArns` went to a slow runtime comparison.
      arn: ['acs:ram::', account, ':', kind, '/', name].join(''),
      principal: null,
    };
    const principal: CompiledPrincipal = {
      kind,
      name,
      resolved,
      accountSet: b.principals[at + PRINCIPAL_ACCOUNT_SET] as number,
      groupSets,
    };
    resolved.principal = principal;
    principals.push(principal);
    const byName = kind === 'user' ? users : roles;
    if (!byName.has(name)) byName.set(name, principal);
    if (kind === 'user' && !name.includes('/') && !userArns.has(resolved.arn))
      userArns.set(resolved.arn, principal);
  }

  const accessKeys = new Map<string, { user: CompiledPrincipal; active: boolean }>();
  for (let at = 0; at < b.accessKeys.length; at += ACCESS_KEY_WORDS) {
    const id = strings[b.accessKeys[at + ACCESS_KEY_ID] as number] as string;
    const user = principals[b.accessKeys[at + ACCESS_KEY_PRINCIPAL] as number] as CompiledPrincipal;
    if (!accessKeys.has(id)) accessKeys.set(id, { user, active: b.accessKeys[at + ACCESS_KEY_ACTIVE] === 1 });
  }

  return {
    account,
    stsPublicKeyPem: b.stsPublicKeyPem === NONE ? null : (strings[b.stsPublicKeyPem] as string),
    bundle: b,
    compiled: new Array(b.statements.length / STATEMENT_WORDS),
    globs: new Map(),
    candidateLists: other,
    sets,
    largestSet: b.longestList,
    actionIds,
    actions: new StringCache((action) => {
      const lower = action.toLowerCase();
      return {
        lower,
        id: actionIds.get(lower) ?? NONE,
        accessControlled: isAccessControlled(lower),
        named: isActionName(action),
      };
    }),
    users,
    userArns,
    roles,
    roleSessions: new Map(),
    accessKeys,
  };
}

/**
 * Set `index` of the program; undefined for NONE or out of range.
 * PERF: V8 reads a negative index as the property name "-1", a slow lookup up the prototype chain, so
 * NONE (a caller without group policies, a request without a resource group) is never used as one.
 */
export function setAt(program: Program, index: number): CompiledSet | undefined {
  return index < 0 ? undefined : program.sets[index];
}

/** Statement `id` of the program, compiled on first use. */
export function statementAt(program: Program, id: number): CompiledStatement {
  return program.compiled[id] ?? compileStatementOf(program, id);
}

function compileStatementOf(program: Program, id: number): CompiledStatement {
  const statement = compileStatement(program.bundle, id, (pattern) => globOf(program, pattern));
  program.compiled[id] = statement;
  return statement;
}

function globOf(program: Program, pattern: number): Glob {
  let glob = program.globs.get(pattern);
  if (glob === undefined) {
    glob = new Glob(program.bundle.strings[pattern] as string);
    program.globs.set(pattern, glob);
  }
  return glob;
}

/**
 * The candidates of a set for a known action (`actionId` ≥ 0): the statements whose action element passes
 * for it, found by binary search over the set's rows of the candidate table; `other` for an action the
 * bundle does not know. Empty when no statement of the set can apply to the action.
 */
export function candidatesOf(program: Program, set: CompiledSet, actionId: number): CandidateList {
  if (actionId < 0) return set.other;
  set.byAction ??= new Array(program.bundle.actions.length);
  const byAction = set.byAction;
  let list = byAction[actionId];
  if (list === undefined) {
    list = findCandidates(program, set, actionId);
    byAction[actionId] = list;
  }
  return list;
}

/** `candidatesOf` the first time: the set's row whose run of actions holds the action (`candidateRow`). */
function findCandidates(program: Program, set: CompiledSet, actionId: number): CandidateList {
  const rows = program.bundle.candidates;
  const row = candidateRow(rows, set.firstCandidate, set.candidateCount, actionId);
  if (row < 0) return NO_CANDIDATES;
  const at = row * CANDIDATE_WORDS;
  return sharedList(
    program.bundle,
    program.candidateLists,
    rows[at + CANDIDATE_START] as number,
    rows[at + CANDIDATE_COUNT] as number,
  );
}

const NO_CANDIDATES: CandidateList = { ids: new Int32Array(0), index: null };

/** The one CandidateList of `lists` for the statement ids at `start`, `count` of the list pool. */
function sharedList(
  b: DecodedBundle,
  lists: Map<number, CandidateList>,
  start: number,
  count: number,
): CandidateList {
  // INVARIANT: start and count are at most the pool's length, so the key is exact and unique.
  const key = count * (b.lists.length + 1) + start;
  let list = lists.get(key);
  if (list === undefined) {
    list = { ids: b.lists.subarray(start, start + count), index: undefined };
    lists.set(key, list);
  }
  return list;
}
