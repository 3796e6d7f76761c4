/**
 * The reference engine (interfaces §6, `ramc/reference`): a direct interpreter of the policy ASTs that
 * defines the semantics the compiled engines must match. Readable first; not tuned for speed.
 */

import { errorDecision } from '../../runtime/decision-results.js';
import type { AuthorizeOptions, Authorizer, Decision } from '../../runtime/types.js';
import { formatDiagnostic, sortDiagnostics } from '../diagnostics.js';
import { loadModel, loadModelFromObject } from '../model/load-model.js';
import type { AccountModel } from '../model/types.js';
import { authorizeRequest } from './authorize.js';

export interface ReferenceOptions {
  /** The clock for `acs:CurrentTime` when a request gives none, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

/**
 * An authorizer for one account model: a loaded `AccountModel`, a parsed model.json object (paths in it
 * are relative to the working directory), or the path of a model file. Throws when the model has
 * errors, listing them; `authorize` itself never throws.
 */
export function referenceAuthorizer(
  model: AccountModel | object | string,
  options: ReferenceOptions = {},
): Authorizer {
  const account = toAccountModel(model);
  const now = options.now ?? Date.now;
  return {
    authorize(request: unknown, authorizeOptions: AuthorizeOptions = {}): Decision {
      const explain = authorizeOptions.explain === true;
      try {
        return authorizeRequest(account, request, explain, now);
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        const message = `the reference engine failed on this request (${reason}); please report it as a ramc bug`;
        return errorDecision({ code: 'InvalidRequest', message }, null, null, explain);
      }
    },
  };
}

function toAccountModel(model: AccountModel | object | string): AccountModel {
  if (isAccountModel(model)) return model;
  const loaded = typeof model === 'string' ? loadModel(model) : loadModelFromObject(model);
  if (loaded.model !== null) return loaded.model;
  const errors = sortDiagnostics(loaded.diagnostics).filter((d) => d.severity === 'error');
  throw new Error(`The model has errors:\n${errors.map(formatDiagnostic).join('\n')}`);
}

function isAccountModel(model: unknown): model is AccountModel {
  return typeof model === 'object' && model !== null && (model as AccountModel).users instanceof Map;
}
