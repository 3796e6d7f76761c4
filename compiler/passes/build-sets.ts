import type { Ir, IrPrincipal, IrSet, StrId } from '../ir/ir.js';
import { ACCOUNT_SCOPE } from '../ir/lower.js';

/**
 * Groups each principal's attached statements into the sets basic evaluation decides (semantics §6.2
 * step 4): one for the account scope (always present, maybe empty) and one per resource group that
 * has statements. Identical sets are stored once, so a thousand members of one group share one set.
 */
export function buildSets(ir: Ir): Ir {
  const accountScope = ir.strings.indexOf(ACCOUNT_SCOPE);
  const sets: IrSet[] = [];
  const byKey = new Map<string, number>();
  const setFor = (statements: number[]): number => {
    const key = statements.join(',');
    let id = byKey.get(key);
    if (id === undefined) {
      id = sets.length;
      sets.push({ statements, index: null });
      byKey.set(key, id);
    }
    return id;
  };
  const principals = ir.principals.map((p): IrPrincipal => {
    const byScope = new Map<StrId, number[]>();
    for (const a of p.attached) {
      const list = byScope.get(a.scope);
      if (list === undefined) byScope.set(a.scope, [...a.statements]);
      else list.push(...a.statements);
    }
    const accountSet = setFor(sortedUnique(byScope.get(accountScope) ?? []));
    const resourceGroupSets = [...byScope]
      .filter(([scope, statements]) => scope !== accountScope && statements.length > 0)
      .sort(([a], [b]) => compareStrings(ir.strings[a] ?? '', ir.strings[b] ?? ''))
      .map(([resourceGroup, statements]) => ({ resourceGroup, set: setFor(sortedUnique(statements)) }));
    return { ...p, accountSet, resourceGroupSets };
  });
  return { ...ir, principals, sets };
}

function sortedUnique(ids: number[]): number[] {
  const sorted = [...ids].sort((a, b) => a - b);
  return sorted.filter((id, i) => i === 0 || id !== sorted[i - 1]);
}

/** Code-unit order, the order `Array.prototype.sort` uses for strings (and the runtime can binary-search). */
export function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
