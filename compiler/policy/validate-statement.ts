import type { JsonMember, JsonObject, JsonValue } from '../parse/json-ast.js';
import type { Effect, Statement } from './ast.js';
import { codePointLength, SID_MAX_LENGTH } from './policy-limits.js';
import { validateCondition } from './validate-condition.js';
import { describeKind, excerpt, report, type ValidationContext } from './validate-context.js';
import { ACTION_RULE, RESOURCE_RULE, validatePatternList } from './validate-pattern-list.js';
import { validatePrincipal } from './validate-principal.js';
import { didYouMean, didYouMeanSentence } from './validate-suggest.js';

const STATEMENT_MEMBERS = [
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'Condition',
] as const;
type StatementMember = (typeof STATEMENT_MEMBERS)[number];
type Members = Map<string, JsonMember>;

const EFFECTS: readonly Effect[] = ['Allow', 'Deny'];

const UNKNOWN_MEMBER_HELP: Readonly<Record<string, string>> = {
  NotPrincipal: 'RAM does not support `NotPrincipal`: name the trusted principals in `Principal`.',
};
const MEMBER_LIST_HELP =
  'A statement has `Effect`, `Action` or `NotAction`, `Resource` or `NotResource` (not in trust policies), ' +
  '`Principal` (only in trust policies), and optionally `Condition` and `Sid`.';

function isStatementMember(key: string): key is StatementMember {
  return (STATEMENT_MEMBERS as readonly string[]).includes(key);
}

function validateSid(
  ctx: ValidationContext,
  sid: JsonMember | undefined,
): { ok: boolean; sid: string | null } {
  if (sid === undefined) return { ok: true, sid: null };
  const value = sid.value;
  if (value.kind !== 'string') {
    report(
      ctx,
      'SID_NOT_STRING',
      'error',
      `\`Sid\` must be a string, not ${describeKind(value)}.`,
      value.span,
      value.kind === 'number'
        ? `Write it quoted: "${excerpt(value.raw)}".`
        : 'Write it as a string, e.g. `"Sid": "AllowDecrypt"`.',
    );
    return { ok: false, sid: null };
  }
  const length = codePointLength(value.value);
  if (length > SID_MAX_LENGTH) {
    report(
      ctx,
      'SID_TOO_LONG',
      'error',
      `\`Sid\` is ${length} characters long; the limit is ${SID_MAX_LENGTH}.`,
      value.span,
      'Shorten it: a Sid only labels the statement in explanations.',
    );
    return { ok: false, sid: null };
  }
  return { ok: true, sid: value.value };
}

function validateEffect(
  ctx: ValidationContext,
  statement: JsonObject,
  where: string,
  effect: JsonMember | undefined,
  suggested: ReadonlySet<string>,
): Effect | null {
  const help = 'Write `"Effect": "Allow"` or `"Effect": "Deny"` (with a capital letter).';
  if (effect === undefined) {
    if (!suggested.has('Effect')) {
      report(ctx, 'POLICY_MISSING_MEMBER', 'error', `${where} has no \`Effect\`.`, statement.span, help);
    }
    return null;
  }
  const value = effect.value;
  if (value.kind !== 'string') {
    report(
      ctx,
      'VALUE_NOT_STRING',
      'error',
      `\`Effect\` must be a string, not ${describeKind(value)}.`,
      value.span,
      help,
    );
    return null;
  }
  const found = EFFECTS.find((e) => e === value.value);
  if (found !== undefined) return found;
  report(
    ctx,
    'STATEMENT_BAD_EFFECT',
    'error',
    `\`${excerpt(value.value)}\` is not an effect.${didYouMeanSentence(didYouMean(value.value, EFFECTS))}`,
    value.span,
    help,
  );
  return null;
}

/** Resource for permission and session policies; in trust policies `Resource`/`NotResource` are errors. */
function validateResource(
  ctx: ValidationContext,
  statement: JsonObject,
  where: string,
  members: Members,
  suggested: ReadonlySet<string>,
): { ok: boolean; resource: Statement['resource'] } {
  if (ctx.kind !== 'trust') {
    const resource = validatePatternList(ctx, statement, where, members, suggested, RESOURCE_RULE);
    return { ok: resource !== null, resource };
  }
  let ok = true;
  for (const name of RESOURCE_RULE.names) {
    const m = members.get(name);
    if (m === undefined) continue;
    ok = false;
    report(
      ctx,
      'STATEMENT_RESOURCE_IN_TRUST',
      'error',
      `A trust policy statement cannot have \`${name}\`: the resource is always the role itself.`,
      m.keySpan,
      `Remove \`${name}\`; name who may assume the role in \`Principal\`.`,
    );
  }
  return { ok, resource: null };
}

function validateStatementPrincipal(
  ctx: ValidationContext,
  statement: JsonObject,
  where: string,
  principal: JsonMember | undefined,
  suggested: ReadonlySet<string>,
): { ok: boolean; principal: Statement['principal'] } {
  if (ctx.kind !== 'trust') {
    if (principal === undefined) return { ok: true, principal: null };
    report(
      ctx,
      'STATEMENT_PRINCIPAL_NOT_ALLOWED',
      'error',
      `Only trust policies name a \`Principal\`; this is a ${ctx.kind} policy.`,
      principal.keySpan,
      'Remove `Principal`: permission and session policies apply to the identity or session that holds them.',
    );
    return { ok: false, principal: null };
  }
  if (principal === undefined) {
    if (!suggested.has('Principal')) {
      report(
        ctx,
        'STATEMENT_MISSING_PRINCIPAL',
        'error',
        `${where} of a trust policy has no \`Principal\`.`,
        statement.span,
        'Add `"Principal": { "RAM": ["acs:ram::<account-id>:root"] }` (or `Service`/`Federated`) naming who may assume the role.',
      );
    }
    return { ok: false, principal: null };
  }
  const spec = validatePrincipal(ctx, principal);
  return { ok: spec !== null, principal: spec };
}

/** Validates `Statement[index]` (semantics §2); returns its AST, or null when it has an error. */
export function validateStatement(ctx: ValidationContext, value: JsonValue, index: number): Statement | null {
  const where = `Statement[${index}]`;
  if (value.kind !== 'object') {
    report(
      ctx,
      'STATEMENT_NOT_OBJECT',
      'error',
      `${where} must be an object, not ${describeKind(value)}.`,
      value.span,
      'Write each statement as `{ "Effect": "Allow", "Action": [...], "Resource": [...] }`.',
    );
    return null;
  }
  const members: Members = new Map();
  const suggested = new Set<string>();
  let ok = true;
  for (const m of value.members) {
    if (isStatementMember(m.key)) {
      members.set(m.key, m);
      continue;
    }
    ok = false;
    const suggestion = didYouMean(m.key, STATEMENT_MEMBERS);
    if (suggestion !== undefined) suggested.add(suggestion);
    report(
      ctx,
      'POLICY_UNKNOWN_MEMBER',
      'error',
      `\`${excerpt(m.key)}\` is not a statement member (member names are case-sensitive).${didYouMeanSentence(suggestion)}`,
      m.keySpan,
      UNKNOWN_MEMBER_HELP[m.key] ?? MEMBER_LIST_HELP,
    );
  }
  const sid = validateSid(ctx, members.get('Sid'));
  const effect = validateEffect(ctx, value, where, members.get('Effect'), suggested);
  const action = validatePatternList(ctx, value, where, members, suggested, ACTION_RULE);
  const resource = validateResource(ctx, value, where, members, suggested);
  const principal = validateStatementPrincipal(ctx, value, where, members.get('Principal'), suggested);
  const condition = members.get('Condition');
  const conditions = condition === undefined ? [] : validateCondition(ctx, condition);
  if (
    !ok ||
    !sid.ok ||
    effect === null ||
    action === null ||
    !resource.ok ||
    !principal.ok ||
    conditions === null
  ) {
    return null;
  }
  return {
    index,
    sid: sid.sid,
    effect,
    action,
    resource: resource.resource,
    principal: principal.principal,
    conditions,
    span: value.span,
  };
}
