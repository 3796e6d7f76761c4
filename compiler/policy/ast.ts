import type { Span } from '../diagnostics.js';

/** The three kinds of policy document (semantics §2). */
export type PolicyKind = 'permission' | 'session' | 'trust';

export type Effect = 'Allow' | 'Deny';

/** A string from the source with its position. */
export interface Located<T = string> {
  value: T;
  span: Span;
}

/** `Action`/`NotAction` or `Resource`/`NotResource`: patterns, and whether the member was the `Not` form. */
export interface PatternList {
  negated: boolean;
  patterns: Located[];
  /** Span of the member name (`"Action"`), for explanations. */
  span: Span;
}

/** Every condition operator RAM supports (semantics §4.1). */
export const CONDITION_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'IpAddress',
  'NotIpAddress',
] as const;

export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** Operators whose several values combine as NOR and that are satisfied by a missing key (semantics §4.2, §4.3). */
export const NEGATED_OPERATORS: ReadonlySet<ConditionOperator> = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'NumericNotEquals',
  'DateNotEquals',
  'NotIpAddress',
]);

/** One operator/key pair of a `Condition` block with its values (all strings, validated for the operator's type). */
export interface ConditionClause {
  operator: ConditionOperator;
  operatorSpan: Span;
  /** The key as written (`acs:SourceIp`); compare with `keyLower`. */
  key: string;
  /** The key lower-cased: condition key names are case-insensitive (semantics §4.2). */
  keyLower: string;
  keySpan: Span;
  values: Located[];
}

/** `Principal` of a trust-policy statement. */
export interface PrincipalSpec {
  ram: Located[];
  service: Located[];
  federated: Located[];
  span: Span;
}

export interface Statement {
  /** 0-based position in the `Statement` array. */
  index: number;
  sid: string | null;
  effect: Effect;
  action: PatternList;
  /** Null only in trust policies, where `Resource` is forbidden. */
  resource: PatternList | null;
  /** Non-null only in trust policies. */
  principal: PrincipalSpec | null;
  /** All must hold (AND), in source order. */
  conditions: ConditionClause[];
  span: Span;
}

/** A validated policy document. Only documents without errors are turned into this. */
export interface PolicyDocument {
  kind: PolicyKind;
  statements: Statement[];
  span: Span;
}
