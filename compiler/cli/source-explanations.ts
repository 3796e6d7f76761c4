import type { Authorizer, Decision } from '../../runtime/types.js';

/**
 * `engine`, whose `--explain` explanations come from `reference` when both reach the same decisions.
 * A bundle keeps a statement's position but not its elements' (action and resource lists, condition keys)
 * nor their spelling; with the model at hand, the reference engine reads them from the policies' source,
 * so `ramc eval --model M --explain` says where each failed element is written, whatever the engine. The
 * decision itself is always `engine`'s; should the two ever decide differently, its own explanation stays.
 */
export function explainedFromSource(engine: Authorizer, reference: Authorizer): Authorizer {
  return {
    authorize(request, options) {
      const decision = engine.authorize(request, options);
      if (options?.explain !== true) return decision;
      return withSourceExplanations(decision, reference.authorize(request, options));
    },
  };
}

function withSourceExplanations(decision: Decision, source: Decision): Decision {
  const checks = decision.checks ?? [];
  const sourceChecks = source.checks ?? [];
  const same =
    decision.decision === source.decision &&
    checks.length === sourceChecks.length &&
    checks.every((c, i) => {
      const s = sourceChecks[i];
      return (
        s !== undefined && s.action === c.action && s.resource === c.resource && s.decision === c.decision
      );
    });
  if (!same) return decision;
  const explained: Decision = { ...decision };
  if (source.explanation !== undefined) explained.explanation = source.explanation;
  if (decision.checks !== undefined) {
    explained.checks = checks.map((c, i) => {
      const explanation = sourceChecks[i]?.explanation;
      return explanation === undefined ? c : { ...c, explanation };
    });
  }
  return explained;
}
