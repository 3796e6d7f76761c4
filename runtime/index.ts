/**
 * `ramc/runtime`: decides requests against a compiled decision bundle (interfaces §6). No dependencies and
 * no Node-only APIs: runs in browsers and edge workers.
 */
import { BundleError } from './bundle-error.js';
import { errorDecision } from './decision-results.js';
import { decodeBundle } from './decode.js';
import { compileProgram } from './evaluate-program.js';
import { RequestEvaluator } from './evaluate-request.js';
import { STATUS_NOT_A_BUNDLE } from './format.js';
import type { AuthorizeOptions, Authorizer, Decision } from './types.js';

export { BundleError, type BundleErrorCode } from './bundle-error.js';
export type {
  AuthorizeOptions,
  Authorizer,
  Check,
  DecidingStatement,
  Decision,
  DecisionError,
  DecisionKind,
  DecisionStep,
  ErrorCode,
  ExplainedStatement,
  Explanation,
  FailedElement,
  PolicyType,
  SourcePosition,
} from './types.js';

export interface LoadBundleOptions {
  /** The clock for `acs:CurrentTime` when a request gives none, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

/**
 * Loads a decision bundle written by `ramc compile`: checks and decodes it once, then returns an
 * `Authorizer` whose `authorize` never throws. Throws a `BundleError` (with a `code`) for bytes that are
 * not a bundle, are truncated or corrupt, exceed the format's maximum sizes, or have another major version.
 */
export function loadBundle(bytes: Uint8Array, options: LoadBundleOptions = {}): Authorizer {
  if (!(bytes instanceof Uint8Array)) {
    throw new BundleError(STATUS_NOT_A_BUNDLE, 'loadBundle needs the bundle as a Uint8Array of its bytes');
  }
  const evaluator = new RequestEvaluator(compileProgram(decodeBundle(bytes)), options.now ?? Date.now);
  return {
    authorize(request: unknown, authorizeOptions?: AuthorizeOptions): Decision {
      let explain = false;
      try {
        explain = authorizeOptions?.explain === true;
      } catch {
        // Options that cannot be read (a throwing getter) ask for nothing: decide without explaining.
      }
      try {
        return evaluator.decide(request, explain);
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message : 'unknown failure';
        const message = `the runtime failed on this request (${reason}); please report it as a ramc bug`;
        return errorDecision({ code: 'InvalidRequest', message }, null, null, explain);
      }
    },
  };
}
