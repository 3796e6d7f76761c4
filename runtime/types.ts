/**
 * The public contract of every engine (interfaces.md §2–§3): requests in, decisions out.
 * Zero dependencies and no Node APIs: this file is shared by the reference engine, the TS runtime
 * and the Wasm host glue.
 */

/** `System` policies come from the catalog; `Custom` from the model; `Session` and `Trust` from STS and roles. */
export type PolicyType = 'System' | 'Custom' | 'Session' | 'Trust';

export type DecisionKind = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** Error codes a decision can carry (interfaces §3); every one comes with `ImplicitDeny`. */
export type ErrorCode =
  | 'InvalidRequest'
  | 'InvalidContextValue'
  | 'UnknownPrincipal'
  | 'UnknownAccessKey'
  | 'InactiveAccessKey'
  | 'InvalidSecurityToken'
  | 'SecurityTokenExpired'
  | 'UnknownOperation';

/** A position in a policy source, for explanations. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** One statement that decided (or, in explanations, was considered). */
export interface DecidingStatement {
  policy: string;
  policyType: PolicyType;
  version: string | null;
  /** 0-based index in the policy's `Statement` array. */
  statement: number;
  sid: string | null;
  effect: 'Allow' | 'Deny';
  /** `account`, a resource group id, `session` or `trust`. */
  scope: string;
  /** Present and true when a Deny counted because its condition could not be evaluated (semantics §4.4). */
  indeterminate?: boolean;
  /** Where the statement is written, when the engine knows. */
  position?: SourcePosition;
}

/** Why a statement did not match, for `--explain`. */
export interface FailedElement {
  /** `Action`, `NotAction`, `Resource`, `NotResource` or `Condition`. */
  element: 'Action' | 'NotAction' | 'Resource' | 'NotResource' | 'Condition';
  operator?: string;
  key?: string;
  /** A sentence for a person: what was compared with what. */
  reason: string;
  position?: SourcePosition;
}

/** A statement as `--explain` reports it. */
export interface ExplainedStatement extends DecidingStatement {
  outcome: 'match' | 'no-match' | 'indeterminate';
  failed?: FailedElement;
}

/** Which step of the evaluation flow (semantics §6.2) settled the decision. */
export type DecisionStep =
  | 'root'
  | 'cross-account'
  | 'session-policy'
  | 'account-scope'
  | 'resource-group-scope'
  | 'no-statement'
  | 'operation'
  | 'not-access-controlled'
  | 'error';

export interface Explanation {
  step: DecisionStep;
  /** Every statement that was evaluated for the request, in evaluation order. */
  statements: ExplainedStatement[];
}

export interface DecisionError {
  code: ErrorCode;
  message: string;
}

/** The decision on one (action, resource) pair of an operation request. */
export interface Check {
  action: string;
  resource: string;
  decision: DecisionKind;
  deciding: DecidingStatement[];
  explanation?: Explanation;
}

/** What an engine answers for one request (interfaces §3). */
/** A request's `id`, echoed in its decision as given. */
export type RequestId = string | number;

export interface Decision {
  id?: RequestId;
  decision: DecisionKind;
  /** The caller's ARN, once known. */
  principal?: string;
  deciding: DecidingStatement[];
  /** For operation requests: one decision per (action, resource) pair the call needs. */
  checks?: Check[];
  error?: DecisionError;
  explanation?: Explanation;
}

export interface AuthorizeOptions {
  /** Fill `explanation` with every statement considered and why it did or did not match. */
  explain?: boolean;
}

/** The interface every engine implements: reference, TS runtime and Wasm. */
export interface Authorizer {
  /** Decides one request. Never throws: a bad request yields `ImplicitDeny` with an `error`. */
  authorize(request: unknown, options?: AuthorizeOptions): Decision;
}
