import { StringTable } from '../ir/intern.js';
import type { Ir, IrPatternList, IrStatement } from '../ir/ir.js';

/** A pattern made only of `*` (`*`, `**`, ...) matches every string, exactly like `*`. */
const ONLY_STARS = /^\*+$/;

/**
 * Canonical pattern lists: duplicates removed (first occurrence kept), and a list holding a pattern
 * that matches everything becomes just `*`. Matching is unchanged: a list matches when any pattern does.
 */
export function canonicalizePatterns(ir: Ir): Ir {
  const table = new StringTable(ir.strings);
  const statements = ir.statements.map((s): IrStatement => {
    const actions = canonicalList(ir.strings, table, s.actions);
    const resources = canonicalList(ir.strings, table, s.resources);
    return actions === s.actions && resources === s.resources ? s : { ...s, actions, resources };
  });
  return { ...ir, strings: table.strings, statements };
}

/** The canonical form of `list`, or `list` itself when it already is canonical. */
function canonicalList(strings: readonly string[], table: StringTable, list: IrPatternList): IrPatternList {
  const { patterns } = list;
  if (patterns.some((p) => ONLY_STARS.test(strings[p] ?? ''))) {
    const star = table.intern('*');
    return patterns.length === 1 && patterns[0] === star ? list : { negated: list.negated, patterns: [star] };
  }
  const unique = [...new Set(patterns)];
  return unique.length === patterns.length ? list : { negated: list.negated, patterns: unique };
}
