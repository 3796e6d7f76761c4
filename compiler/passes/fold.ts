import type { Ir, IrCondition, IrPatternList, IrSet, IrStatement } from '../ir/ir.js';

/**
 * Removes what provably never changes a decision (semantics §3–§6):
 * - statements that can never match: `NotAction` or `NotResource` holding `*` (or `**`...), which
 *   excludes every action or resource, so the statement is neither a match nor indeterminate;
 * - repeated conditions in one statement (same operator, key and parsed values): AND is idempotent, and
 *   a repeat is false, true or indeterminate exactly when the first one is.
 * Dropped statements leave `Ir.statements`; every statement id is renumbered.
 */
export function fold(ir: Ir): Ir {
  const keep = ir.statements.map((s) => !neverMatches(ir, s));
  const statements: IrStatement[] = [];
  const newId: number[] = [];
  ir.statements.forEach((s, i) => {
    newId.push(keep[i] ? statements.length : -1);
    if (keep[i]) statements.push(withoutRepeatedConditions(s));
  });
  if (statements.length === ir.statements.length) return { ...ir, statements };
  const remap = (ids: readonly number[]): number[] => {
    const out: number[] = [];
    for (const id of ids) {
      const n = newId[id] ?? -1;
      if (n >= 0) out.push(n);
    }
    return out;
  };
  return {
    ...ir,
    statements,
    principals: ir.principals.map((p) => ({
      ...p,
      attached: p.attached.map((a) => ({ scope: a.scope, statements: remap(a.statements) })),
      trust: remap(p.trust),
    })),
    sets: ir.sets.map(
      (set): IrSet => ({
        statements: remap(set.statements),
        index:
          set.index === null
            ? null
            : {
                byAction: set.index.byAction
                  .map((c) => ({ action: c.action, statements: remap(c.statements) }))
                  .filter((c) => c.statements.length > 0),
                other: remap(set.index.other),
              },
      }),
    ),
  };
}

function neverMatches(ir: Ir, s: IrStatement): boolean {
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
