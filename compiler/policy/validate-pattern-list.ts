import type { JsonMember, JsonObject } from '../parse/json-ast.js';
import type { Located, PatternList } from './ast.js';
import { report, type ValidationContext } from './validate-context.js';
import { checkActionPattern, checkResourcePattern } from './validate-patterns.js';
import { readStringList } from './validate-values.js';

/** How one pair of list members (`Action`/`NotAction`, `Resource`/`NotResource`) is read. */
export interface PatternRule {
  names: readonly [string, string];
  conflictCode: string;
  check: (ctx: ValidationContext, pattern: Located, member: string) => boolean;
  neitherHelp: string;
}

export const ACTION_RULE: PatternRule = {
  names: ['Action', 'NotAction'],
  conflictCode: 'STATEMENT_ACTION_CONFLICT',
  check: checkActionPattern,
  neitherHelp:
    'Add `"Action": [...]` with the actions the statement is about, e.g. `"Action": "kms:Decrypt"`.',
};

export const RESOURCE_RULE: PatternRule = {
  names: ['Resource', 'NotResource'],
  conflictCode: 'STATEMENT_RESOURCE_CONFLICT',
  check: checkResourcePattern,
  neitherHelp: 'Add `"Resource": [...]` with the resources the statement is about, or `"Resource": "*"`.',
};

/**
 * Reads the one member of a pair a statement must have exactly one of; reports both or neither (unless
 * a misspelling of one was already reported). Null when anything is wrong.
 */
export function validatePatternList(
  ctx: ValidationContext,
  statement: JsonObject,
  where: string,
  members: ReadonlyMap<string, JsonMember>,
  suggested: ReadonlySet<string>,
  rule: PatternRule,
): PatternList | null {
  const [plain, not] = rule.names;
  const positive = members.get(plain);
  const negative = members.get(not);
  if (positive !== undefined && negative !== undefined) {
    const second = positive.keySpan.offset > negative.keySpan.offset ? positive : negative;
    report(
      ctx,
      rule.conflictCode,
      'error',
      `${where} has both \`${plain}\` and \`${not}\`.`,
      second.keySpan,
      `Keep one: \`${plain}\` lists what the statement applies to, \`${not}\` what it applies to everything but.`,
    );
    // Both are still read, so their own mistakes are reported in the same run.
    readPatterns(ctx, positive, where, rule);
    readPatterns(ctx, negative, where, rule);
    return null;
  }
  const chosen = positive ?? negative;
  if (chosen === undefined) {
    if (!suggested.has(plain) && !suggested.has(not)) {
      report(
        ctx,
        rule.conflictCode,
        'error',
        `${where} has neither \`${plain}\` nor \`${not}\`.`,
        statement.span,
        rule.neitherHelp,
      );
    }
    return null;
  }
  const patterns = readPatterns(ctx, chosen, where, rule);
  return patterns === null ? null : { negated: chosen === negative, patterns, span: chosen.keySpan };
}

/** The patterns of one `Action`-like member, each checked; null when any has an error. */
function readPatterns(
  ctx: ValidationContext,
  m: JsonMember,
  where: string,
  rule: PatternRule,
): Located[] | null {
  const list = readStringList(ctx, m.value, `\`${m.key}\` of ${where}`);
  let ok = list.ok;
  for (const p of list.values) if (!rule.check(ctx, p, m.key)) ok = false;
  return ok ? list.values : null;
}
