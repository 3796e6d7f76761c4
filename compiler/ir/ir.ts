import type { PolicyType } from '../../runtime/types.js';
import type { ConditionOperator } from '../policy/ast.js';

/**
 * The intermediate representation between the checked account model and the bundle encoder.
 * Plain, versioned, string-interned data: every string lives once in `strings` and is named by its
 * index. Lowering (compiler/ir/lower.ts) builds it from the AST; the passes (compiler/passes/) fill
 * the derived members (`constants`, `sets`, `index`); the encoder (compiler/emit/) writes it to bytes.
 * INVARIANT: nothing here points back into the AST or the model.
 */
export const IR_VERSION = 1;

/** Index into `Ir.strings`. */
export type StrId = number;

/** The StrId meaning "no string" (no Sid, no resource group, no STS key...). */
export const NO_STRING = -1;

export interface Ir {
  irVersion: typeof IR_VERSION;
  /** The account id. */
  account: StrId;
  strings: string[];
  /** PEM text of the STS public key, or NO_STRING. */
  stsPublicKeyPem: StrId;
  /** Every policy in force, once (a policy attached to many identities is lowered once). */
  policies: IrPolicy[];
  statements: IrStatement[];
  /** Users and roles, in model order. */
  principals: IrPrincipal[];
  accessKeys: IrAccessKey[];
  /**
   * Sets of statements that basic evaluation (semantics §6.1) decides together: one per (principal, scope),
   * identical sets shared. Filled by the `build-sets` pass; empty right after lowering.
   */
  sets: IrSet[];
  /**
   * Every action name known at compile time (the catalog's actions and every literal action written in a
   * policy), lower-cased, sorted, unique. Filled by the `index-actions` pass.
   */
  actions: StrId[];
}

export interface IrPolicy {
  name: StrId;
  type: PolicyType;
  /** The version in force, or NO_STRING (session and trust policies). */
  version: StrId;
}

export interface IrPatternList {
  /** True for `NotAction` / `NotResource`. */
  negated: boolean;
  /** Action patterns lower-cased (actions match case-insensitively); resource patterns as written. */
  patterns: StrId[];
}

/** Where a statement was written, for decisions and explanations. */
export interface IrOrigin {
  file: StrId;
  line: number;
  column: number;
}

export interface IrStatement {
  /** Index into `Ir.policies`. */
  policy: number;
  /** 0-based index in the policy's `Statement` array. */
  index: number;
  sid: StrId;
  effect: 'Allow' | 'Deny';
  actions: IrPatternList;
  /** Trust-policy statements have none: `{ negated: false, patterns: [] }`. */
  resources: IrPatternList;
  /** All must hold (AND). */
  conditions: IrCondition[];
  origin: IrOrigin;
}

export interface IrIpBlock {
  family: 4 | 6;
  /** The network address as four big-endian 32-bit words (IPv4 uses words[0] only, others 0). Host bits zeroed. */
  words: [number, number, number, number];
  prefix: number;
}

/** Condition values parsed once at compile time for the operator's type (the `parse-constants` pass). */
export type IrConstants =
  /** String operators; IgnoreCase operators hold lower-cased values. `lookup` marks a set worth hashing. */
  | { kind: 'string'; values: StrId[]; lookup: boolean }
  /** Numeric operators (the double) and date operators (epoch milliseconds). */
  | { kind: 'number'; values: number[] }
  | { kind: 'bool'; values: boolean[] }
  | { kind: 'ip'; blocks: IrIpBlock[] };

export interface IrCondition {
  operator: ConditionOperator;
  /** The condition key, lower-cased (key names are case-insensitive). */
  key: StrId;
  /** The values as written. */
  values: StrId[];
  /** Null right after lowering; filled by `parse-constants`. */
  constants: IrConstants | null;
}

export interface IrScopedSet {
  /** A resource group id. */
  resourceGroup: StrId;
  set: number;
}

export interface IrPrincipal {
  kind: 'user' | 'role';
  name: StrId;
  /** The linked service of a service-linked role, else NO_STRING. */
  serviceLinkedTo: StrId;
  /** Roles only (3,600–43,200); 0 for users. */
  maxSessionDuration: number;
  /** Statement ids of each attached policy, per scope, straight from lowering (input of `build-sets`). */
  attached: { scope: StrId; statements: number[] }[];
  /** Trust-policy statement ids (roles with a trust policy), else []. */
  trust: number[];
  /** Index into `Ir.sets` of the account-scope set, or -1 before `build-sets`. */
  accountSet: number;
  /** Sets attached at resource-group scope, sorted by the group's string. */
  resourceGroupSets: IrScopedSet[];
}

export interface IrAccessKey {
  id: StrId;
  /** Index into `Ir.principals` (always a user). */
  principal: number;
  active: boolean;
}

/** A candidate list: the statements of a set that can match one action, ascending. */
export interface IrActionCandidates {
  /** Index into `Ir.actions`. */
  action: number;
  statements: number[];
}

export interface IrActionIndex {
  /** For each known action that has candidates in this set (sorted by `action`). */
  byAction: IrActionCandidates[];
  /**
   * Candidates for an action NOT in `Ir.actions`: the statements whose action list has a wildcard or is
   * negated (a literal pattern can only match a known action). These are glob-matched at run time.
   */
  other: number[];
}

export interface IrSet {
  /** Statement ids, ascending, unique. */
  statements: number[];
  /** Filled by `index-actions`; null before. */
  index: IrActionIndex | null;
}
