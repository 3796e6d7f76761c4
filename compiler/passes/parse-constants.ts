import { parseBool, parseDate, parseDecimal, parseIpBlock } from '../../runtime/values/index.js';
import { StringTable } from '../ir/intern.js';
import type { Ir, IrCondition, IrConstants, IrIpBlock } from '../ir/ir.js';
import type { ConditionOperator } from '../policy/ast.js';

/** From this many distinct values on, a string-equality condition is marked worth hashing. */
export const LOOKUP_THRESHOLD = 8;

const STRING_EQUALITY: ReadonlySet<ConditionOperator> = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
]);

const IGNORE_CASE: ReadonlySet<ConditionOperator> = new Set([
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
]);

/**
 * Parses every condition's values once for its operator's type (semantics §4.1) so engines never parse
 * policy text at request time. Values are de-duplicated (a key's values combine as OR or NOR, so repeats
 * change nothing); IgnoreCase values are lower-cased with `toLowerCase`. A value that does not parse
 * (validation rejects such models, so only a hand-built model can hold one) matches nothing and is left
 * out, which is what it would do at run time.
 */
export function parseConstants(ir: Ir): Ir {
  const table = new StringTable(ir.strings);
  const statements = ir.statements.map((s) =>
    s.conditions.length === 0
      ? s
      : {
          ...s,
          conditions: s.conditions.map((c): IrCondition => ({ ...c, constants: constantsFor(ir, table, c) })),
        },
  );
  return { ...ir, strings: table.strings, statements };
}

function constantsFor(ir: Ir, table: StringTable, c: IrCondition): IrConstants {
  const texts = c.values.map((v) => ir.strings[v] ?? '');
  const op = c.operator;
  if (op.startsWith('String')) {
    const lower = IGNORE_CASE.has(op);
    const values = [...new Set(texts.map((t) => table.intern(lower ? t.toLowerCase() : t)))];
    return { kind: 'string', values, lookup: STRING_EQUALITY.has(op) && values.length >= LOOKUP_THRESHOLD };
  }
  if (op.startsWith('Numeric')) return { kind: 'number', values: parsedUnique(texts, parseDecimal) };
  if (op.startsWith('Date')) return { kind: 'number', values: parsedUnique(texts, parseDate) };
  if (op === 'Bool') return { kind: 'bool', values: parsedUnique(texts, parseBool) };
  return { kind: 'ip', blocks: ipBlocks(texts) };
}

function parsedUnique<T>(texts: readonly string[], parse: (text: string) => T | null): T[] {
  const values = new Set<T>();
  for (const t of texts) {
    const v = parse(t);
    if (v !== null) values.add(v);
  }
  return [...values];
}

function ipBlocks(texts: readonly string[]): IrIpBlock[] {
  const blocks = new Map<string, IrIpBlock>();
  for (const t of texts) {
    const b = parseIpBlock(t);
    if (b === null) continue;
    const words: IrIpBlock['words'] = [b.words[0], b.words[1], b.words[2], b.words[3]];
    blocks.set(`${b.family}/${words.join('.')}/${b.prefix}`, { family: b.family, words, prefix: b.prefix });
  }
  return [...blocks.values()];
}
