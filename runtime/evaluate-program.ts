import type { DecodedBundle } from './decoded-bundle.js';
import { type CompiledCondition, compileCondition } from './evaluate-condition.js';
import type { SetOutcome } from './evaluate-set.js';
import {
  ACCESS_KEY_ACTIVE,
  ACCESS_KEY_ID,
  ACCESS_KEY_PRINCIPAL,
  ACCESS_KEY_WORDS,
  CANDIDATE_ACTION,
  CANDIDATE_COUNT,
  CANDIDATE_START,
  CANDIDATE_WORDS,
  GROUP_SET_GROUP,
  GROUP_SET_SET,
  GROUP_SET_WORDS,
  NONE,
  POLICY_NAME,
  POLICY_TYPE,
  POLICY_VERSION,
  POLICY_WORDS,
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
import { Glob } from './match/glob.js';
import type { ResourceIndex } from './match/resource-index.js';
import { isAccessControlled } from './request-actions.js';
import { StringCache } from './request-string-cache.js';
import type { DecidingStatement, PolicyType, SourcePosition } from './types.js';

const POLICY_TYPES: readonly PolicyType[] = ['System', 'Custom', 'Session', 'Trust'];

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
  /** Known action indexes with candidates, ascending; `candidateLists[i]` belongs to `candidateActions[i]`. */
  candidateActions: Int32Array;
  candidateLists: CandidateList[];
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
  groupSets: Map<string, number>;
}

/** What a program knows of an action a request names. */
export interface ActionInfo {
  /** The action lower-cased (actions compare case-insensitively). */
  lower: string;
  /** Its index among the program's known actions, or NONE. */
  id: number;
  /** False for the actions no policy can grant or deny (`kms:DescribeRegions`). */
  accessControlled: boolean;
}

/** Everything `authorize` reads, built once from a decoded bundle. */
export interface Program {
  account: string;
  /** PEM text of the STS public key that verifies security tokens; null when the model names none. */
  stsPublicKeyPem: string | null;
  statements: CompiledStatement[];
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

/** Compiles a decoded (and therefore fully checked) bundle: one Glob per distinct pattern string. */
export function compileProgram(b: DecodedBundle): Program {
  const strings = b.strings;
  const globs = new Map<number, Glob>();
  const globOf = (id: number): Glob => {
    let glob = globs.get(id);
    if (glob === undefined) {
      glob = new Glob(strings[id] as string);
      globs.set(id, glob);
    }
    return glob;
  };
  // Statement-id lists may be shared between sets, so they are views, never copies.
  const list = (start: number, count: number): Int32Array => b.lists.subarray(start, start + count);
  const candidateLists = new Map<string, CandidateList>();
  const candidateList = (start: number, count: number): CandidateList => {
    const key = `${start},${count}`;
    let shared = candidateLists.get(key);
    if (shared === undefined) {
      shared = { ids: list(start, count), index: undefined };
      candidateLists.set(key, shared);
    }
    return shared;
  };
  const statements: CompiledStatement[] = [];
  for (let at = 0, id = 0; at < b.statements.length; at += STATEMENT_WORDS, id++) {
    const s = b.statements.subarray(at, at + STATEMENT_WORDS);
    const policyAt = (s[STATEMENT_POLICY] as number) * POLICY_WORDS;
    const version = b.policies[policyAt + POLICY_VERSION] as number;
    const sid = s[STATEMENT_SID] as number;
    const flags = s[STATEMENT_FLAGS] as number;
    const conditions: CompiledCondition[] = [];
    const firstCondition = s[STATEMENT_CONDITIONS_START] as number;
    for (let c = 0; c < (s[STATEMENT_CONDITIONS_COUNT] as number); c++) {
      conditions.push(compileCondition(b, firstCondition + c, globOf));
    }
    statements.push({
      id,
      deny: (flags & STATEMENT_FLAG_DENY) !== 0,
      notAction: (flags & STATEMENT_FLAG_NOT_ACTION) !== 0,
      actions: Array.from(
        list(s[STATEMENT_ACTIONS_START] as number, s[STATEMENT_ACTIONS_COUNT] as number),
        globOf,
      ),
      notResource: (flags & STATEMENT_FLAG_NOT_RESOURCE) !== 0,
      resources: Array.from(
        list(s[STATEMENT_RESOURCES_START] as number, s[STATEMENT_RESOURCES_COUNT] as number),
        globOf,
      ),
      conditions,
      policy: strings[b.policies[policyAt + POLICY_NAME] as number] as string,
      policyType: POLICY_TYPES[b.policies[policyAt + POLICY_TYPE] as number] as PolicyType,
      version: version === NONE ? null : (strings[version] as string),
      index: s[STATEMENT_INDEX] as number,
      sid: sid === NONE ? null : (strings[sid] as string),
      origin: {
        file: strings[s[STATEMENT_ORIGIN_FILE] as number] as string,
        line: s[STATEMENT_ORIGIN_LINE] as number,
        column: s[STATEMENT_ORIGIN_COLUMN] as number,
      },
      named: null,
    });
  }

  const sets: CompiledSet[] = [];
  for (let at = 0; at < b.sets.length; at += SET_WORDS) {
    const start = b.sets[at + SET_CANDIDATES_START] as number;
    const count = b.sets[at + SET_CANDIDATES_COUNT] as number;
    const candidateActions = new Int32Array(count);
    const lists: CandidateList[] = [];
    for (let i = 0; i < count; i++) {
      const row = (start + i) * CANDIDATE_WORDS;
      candidateActions[i] = b.candidates[row + CANDIDATE_ACTION] as number;
      lists.push(
        candidateList(
          b.candidates[row + CANDIDATE_START] as number,
          b.candidates[row + CANDIDATE_COUNT] as number,
        ),
      );
    }
    sets.push({
      statements: list(
        b.sets[at + SET_STATEMENTS_START] as number,
        b.sets[at + SET_STATEMENTS_COUNT] as number,
      ),
      candidateActions,
      candidateLists: lists,
      other: candidateList(b.sets[at + SET_OTHER_START] as number, b.sets[at + SET_OTHER_COUNT] as number),
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
    const groupSets = new Map<string, number>();
    const start = b.principals[at + PRINCIPAL_GROUP_SETS_START] as number;
    for (let i = 0; i < (b.principals[at + PRINCIPAL_GROUP_SETS_COUNT] as number); i++) {
      const row = (start + i) * GROUP_SET_WORDS;
      groupSets.set(
        strings[b.groupSets[row + GROUP_SET_GROUP] as number] as string,
        b.groupSets[row + GROUP_SET_SET] as number,
      );
    }
    const kind = b.principals[at + PRINCIPAL_KIND] === PRINCIPAL_USER ? 'user' : 'role';
    const name = strings[b.principals[at + PRINCIPAL_NAME] as number] as string;
    const resolved: ResolvedCaller = {
      ok: true,
      arn: `acs:ram::${account}:${kind}/${name}`,
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
    statements,
    sets,
    largestSet: longestList(sets),
    actionIds,
    actions: new StringCache((action) => {
      const lower = action.toLowerCase();
      return { lower, id: actionIds.get(lower) ?? NONE, accessControlled: isAccessControlled(lower) };
    }),
    users,
    userArns,
    roles,
    roleSessions: new Map(),
    accessKeys,
  };
}

function longestList(sets: readonly CompiledSet[]): number {
  let most = 0;
  for (const set of sets) {
    most = Math.max(most, set.statements.length, set.other.ids.length);
    for (const list of set.candidateLists) most = Math.max(most, list.ids.length);
  }
  return most;
}
