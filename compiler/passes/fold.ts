import type { Ir, IrCondition, IrPatternList, IrStatement } from '../ir/ir.js';

/**
 * Folds away what provably never changes a decision (semantics §3–§6):
 * - repeated conditions in one statement (same operator, key and parsed values) are removed: AND is
 *   idempotent, and a repeat is false, true or indeterminate exactly when the first one is;
 * - statements that can never match (`neverMatches`) stay, so that explanations list them, but
 *   `index-actions` puts them in no candidate list, so no decision evaluates them.
 */
export function fold(ir: Ir): Ir {
  return { ...ir, statements: ir.statements.map(withoutRepeatedConditions) };
}

/**
 * True for a statement whose `NotAction` or `NotResource` holds `*` (or `**`...): it excludes every
 * action or resource, so it never matches, and is never indeterminate either.
 */
export function neverMatches(ir: Ir, s: IrStatement): boolean {
  return excludesEverything(ir, s.actions) || excludesEverything(ir, s.resources);
}

function excludesEverything(ir: Ir, list: IrPatternList): boolean {
  return list.negated && list.patterns.some((p) => /^\*+$/.test(ir.strings[p] ?? ''));
}

function withoutRepeatedConditions(s: IrStatement): IrStatement {
  if (s.conditions.length < 2) return s;
  const seen = new Set<string>();
  const conditions = s.conditions.filter((c) => {
    const key = conditionKey(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return conditions.length === s.conditions.length ? s : { ...s, conditions };
}

/** Equal for conditions that always evaluate alike: value order and repeats do not matter (OR / NOR). */
function conditionKey(c: IrCondition): string {
  const k = c.constants;
  const values =
    k === null
      ? c.values
      : k.kind === 'ip'
        ? k.blocks.map((b) => `${b.family}/${b.words.join('.')}/${b.prefix}`)
        : k.values;
  return `${c.operator}\u0000${c.key}\u0000${[...new Set(values.map(String))].sort().join('\u0000')}`;
}
