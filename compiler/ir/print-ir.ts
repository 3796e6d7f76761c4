import type { Ir, IrCondition, IrConstants, IrIpBlock, IrPatternList, IrSet, StrId } from './ir.js';
import { NO_STRING } from './ir.js';

const WRAP_COLUMNS = 100;

/**
 * Renders an IR as stable, readable text for golden tests and `--dump-after`: strings are shown
 * quoted in place of their ids, statements as `s<id>`, sets as `#<id>`, principals by index.
 */
export function printIr(ir: Ir): string {
  const str = (id: StrId): string =>
    id === NO_STRING ? '-' : JSON.stringify(ir.strings[id] ?? `<missing string ${id}>`);
  const out: string[] = [];
  out.push(
    `ir v${ir.irVersion} account ${str(ir.account)} sts ${ir.stsPublicKeyPem === NO_STRING ? 'none' : 'key'}`,
  );
  out.push(`strings ${ir.strings.length}`);

  out.push('policies');
  ir.policies.forEach((p, i) => {
    out.push(`  p${i} ${p.type} ${str(p.name)} version ${str(p.version)}`);
  });

  out.push('statements');
  ir.statements.forEach((s, i) => {
    const sid = s.sid === NO_STRING ? '' : ` sid ${str(s.sid)}`;
    const at = `${str(s.origin.file)}:${s.origin.line}:${s.origin.column}`;
    out.push(`  s${i} p${s.policy}[${s.index}] ${s.effect}${sid} at ${at}`);
    out.push(`    ${patternLine(s.actions, 'Action', str)}`);
    if (s.resources.negated || s.resources.patterns.length > 0) {
      out.push(`    ${patternLine(s.resources, 'Resource', str)}`);
    }
    for (const c of s.conditions) out.push(`    ${conditionLine(c, str)}`);
  });

  out.push('principals');
  ir.principals.forEach((p, i) => {
    const extra =
      p.kind === 'role'
        ? ` max ${p.maxSessionDuration}${p.serviceLinkedTo === NO_STRING ? '' : ` linked ${str(p.serviceLinkedTo)}`}`
        : '';
    out.push(`  ${i} ${p.kind} ${str(p.name)}${extra}`);
    for (const a of p.attached) out.push(`    attached ${str(a.scope)}: ${ids('s', a.statements)}`);
    if (p.trust.length > 0) out.push(`    trust: ${ids('s', p.trust)}`);
    if (p.accountSet >= 0) {
      const groups = p.resourceGroupSets.map((g) => ` ${str(g.resourceGroup)}=#${g.set}`).join('');
      out.push(`    sets account=#${p.accountSet}${groups}`);
    }
  });

  if (ir.accessKeys.length > 0) out.push('access keys');
  for (const k of ir.accessKeys) {
    out.push(`  ${str(k.id)} -> ${k.principal} ${k.active ? 'active' : 'inactive'}`);
  }

  if (ir.sets.length > 0) out.push('sets');
  ir.sets.forEach((set, i) => {
    out.push(`  #${i}: ${ids('s', set.statements)}`);
    out.push(...indexLines(ir, set, str));
  });

  if (ir.actions.length > 0) {
    out.push(`actions ${ir.actions.length}`);
    out.push(...wrap(ir.actions.map((a) => ir.strings[a] ?? `<missing string ${a}>`)));
  }
  return `${out.join('\n')}\n`;
}

function ids(prefix: string, list: readonly number[]): string {
  return list.length === 0 ? '(none)' : list.map((n) => `${prefix}${n}`).join(' ');
}

function patternLine(list: IrPatternList, member: string, str: (id: StrId) => string): string {
  return `${list.negated ? `Not${member}` : member} ${list.patterns.map(str).join(' ')}`;
}

function conditionLine(c: IrCondition, str: (id: StrId) => string): string {
  const head = `${c.operator} ${str(c.key)} ${c.values.map(str).join(' ')}`;
  return c.constants === null ? head : `${head} => ${constantsText(c.constants, str)}`;
}

function constantsText(c: IrConstants, str: (id: StrId) => string): string {
  switch (c.kind) {
    case 'string':
      return `string ${c.values.map(str).join(' ')}${c.lookup ? ' (lookup)' : ''}`;
    case 'number':
      return `number ${c.values.join(' ')}`;
    case 'bool':
      return `bool ${c.values.join(' ')}`;
    case 'ip':
      return `ip ${c.blocks.map(blockText).join(' ')}`;
  }
}

/** `10.0.0.0/8`, or the eight IPv6 groups in hex without compression. */
function blockText(b: IrIpBlock): string {
  if (b.family === 4) {
    const w = b.words[0];
    return `${w >>> 24}.${(w >>> 16) & 255}.${(w >>> 8) & 255}.${w & 255}/${b.prefix}`;
  }
  const groups = b.words.flatMap((w) => [(w >>> 16).toString(16), (w & 0xffff).toString(16)]);
  return `${groups.join(':')}/${b.prefix}`;
}

function indexLines(ir: Ir, set: IrSet, str: (id: StrId) => string): string[] {
  if (set.index === null) return [];
  const lines = set.index.byAction.map(
    (c) => `    ${str(ir.actions[c.action] ?? NO_STRING)}: ${ids('s', c.statements)}`,
  );
  lines.push(`    other: ${ids('s', set.index.other)}`);
  return lines;
}

function wrap(words: readonly string[]): string[] {
  const lines: string[] = [];
  let line = ' ';
  for (const w of words) {
    if (line.length + w.length + 1 > WRAP_COLUMNS && line.length > 1) {
      lines.push(line);
      line = ' ';
    }
    line += ` ${w}`;
  }
  if (line.length > 1) lines.push(line);
  return lines;
}
