import type { DecisionKind } from '../../runtime/types.js';

/** How many requests of a mix got each decision. */
export type DecisionMix = Record<DecisionKind, number>;

/** Counts the decisions of a mix. */
export function decisionMix(decisions: readonly DecisionKind[]): DecisionMix {
  const mix: DecisionMix = { Allow: 0, ExplicitDeny: 0, ImplicitDeny: 0 };
  for (const decision of decisions) mix[decision] += 1;
  return mix;
}

/** `Allow 41% · ExplicitDeny 22% · ImplicitDeny 37%` */
export function formatMix(mix: DecisionMix): string {
  const total = mix.Allow + mix.ExplicitDeny + mix.ImplicitDeny;
  const share = (n: number) => `${total === 0 ? 0 : Math.round((100 * n) / total)}%`;
  return `Allow ${share(mix.Allow)} · ExplicitDeny ${share(mix.ExplicitDeny)} · ImplicitDeny ${share(mix.ImplicitDeny)}`;
}
