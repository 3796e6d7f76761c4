import type { Ir } from '../ir/ir.js';
import { buildSets } from './build-sets.js';
import { canonicalizePatterns } from './canonicalize-patterns.js';
import { fold } from './fold.js';
import { indexActions } from './index-actions.js';
import { parseConstants } from './parse-constants.js';

/** One step of the pipeline: a pure function from IR to IR. */
export interface Pass {
  name: string;
  run: (ir: Ir) => Ir;
}

/** The passes, in the order they run after lowering. */
export const PASSES: readonly Pass[] = [
  // First: every later pass may assume deduplicated lists and a lone `*` for match-everything lists.
  { name: 'canonicalize-patterns', run: canonicalizePatterns },
  // Before fold, which compares conditions by their parsed values.
  { name: 'parse-constants', run: parseConstants },
  // Before the sets are indexed: index-actions asks fold's `neverMatches` which statements to leave out.
  { name: 'fold', run: fold },
  // Needs the final statements; the index is built per set, so sets come first.
  { name: 'build-sets', run: buildSets },
  // Last: indexes each set's final statements by action.
  { name: 'index-actions', run: indexActions },
];
