import type {
  DecidingStatement,
  ExplainedStatement,
  FailedElement,
  SourcePosition,
} from '../../runtime/types.js';
import type { Span } from '../diagnostics.js';
import type { ResolvedPolicy } from '../model/types.js';
import type { Statement } from '../policy/ast.js';

/** A policy as one evaluation set holds it: the document in force and the scope of its attachment. */
export interface ScopedPolicy {
  policy: ResolvedPolicy;
  /** `account`, a resource group id, `session` or `trust`. */
  scope: string;
}

/** The outcome of one statement for one check (semantics §4.4, §6.1). */
export interface StatementOutcome {
  outcome: 'match' | 'no-match' | 'indeterminate';
  /** For `no-match`, the first element that failed; for `indeterminate`, the first unreadable condition. */
  failed?: FailedElement;
}

/** The file, line and column of a span. */
export function positionOf(span: Span): SourcePosition {
  return { file: span.file, line: span.line, column: span.column };
}

/** A user value quoted for a message, cut to 80 characters. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/** Up to five quoted values, then how many more. */
export function quoteList(values: readonly string[]): string {
  const shown = values.slice(0, 5).map(quote).join(', ');
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
}

/** The statement as a decision reports it; `withPosition` adds where it is written (explain mode). */
export function decidingStatement(
  scoped: ScopedPolicy,
  statement: Statement,
  indeterminate: boolean,
  withPosition: boolean,
): DecidingStatement {
  const { policy, scope } = scoped;
  const deciding: DecidingStatement = {
    policy: policy.name,
    policyType: policy.type,
    version: policy.version,
    statement: statement.index,
    sid: statement.sid,
    effect: statement.effect,
    scope,
  };
  if (indeterminate) deciding.indeterminate = true;
  if (withPosition) deciding.position = positionOf(statement.span);
  return deciding;
}

/** The statement as `--explain` reports it: its identity, outcome and, when it did not match, why. */
export function explainedStatement(
  scoped: ScopedPolicy,
  statement: Statement,
  result: StatementOutcome,
): ExplainedStatement {
  const isIndeterminateDeny = result.outcome === 'indeterminate' && statement.effect === 'Deny';
  const explained: ExplainedStatement = {
    ...decidingStatement(scoped, statement, isIndeterminateDeny, true),
    outcome: result.outcome,
  };
  if (result.failed !== undefined) explained.failed = result.failed;
  return explained;
}
