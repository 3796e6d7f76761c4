import type { DecidingStatement, DecisionKind } from '../../runtime/types.js';
import type { Role } from '../model/types.js';
import type { PrincipalSpec } from '../policy/ast.js';
import { decidingStatement, type ScopedPolicy } from '../reference/explain.js';
import { type CheckInput, evaluateStatement } from '../reference/statement.js';
import type { AssumeRoleCaller } from './assume-role-input.js';
import { describeStatement } from './describe.js';

/** The outcome of one half of the AssumeRole decision. */
export interface HalfOutcome {
  result: DecisionKind;
  /** The Deny statements for ExplicitDeny, the Allow statements for Allow. */
  deciding: DecidingStatement[];
  /** Why this half did not allow, for a person; empty when it allowed. */
  reason: string;
}

/**
 * The trust half of AssumeRole (semantics §7.1): basic evaluation (§6.1) of the role's trust policy over
 * the statements whose `Principal` names the caller, with their action matched against `sts:AssumeRole`
 * and their conditions against the call's context. Statements that do not name the caller do not apply.
 */
export function evaluateTrust(
  account: string,
  role: Role,
  caller: AssumeRoleCaller,
  valueOfKey: (keyLower: string) => string | undefined,
): HalfOutcome {
  const document = role.trustPolicy;
  const who = callerName(caller);
  if (document === null)
    return { result: 'ImplicitDeny', deciding: [], reason: `role ${role.name} has no trust policy` };
  const scoped: ScopedPolicy = {
    policy: { name: role.name, type: 'Trust', version: null, document },
    scope: 'trust',
  };
  const roleArn = `acs:ram::${account}:role/${role.name}`;
  const check: CheckInput = { action: 'sts:AssumeRole', resource: roleArn, valueOf: valueOfKey };
  const denies: DecidingStatement[] = [];
  const allows: DecidingStatement[] = [];
  let firstFailure = '';
  for (const statement of document.statements) {
    if (statement.principal === null || !namesCaller(statement.principal, account, caller)) continue;
    const outcome = evaluateStatement(statement, check);
    if (statement.effect === 'Deny' && outcome.outcome !== 'no-match') {
      denies.push(decidingStatement(scoped, statement, outcome.outcome === 'indeterminate', true));
    } else if (statement.effect === 'Allow' && outcome.outcome === 'match') {
      allows.push(decidingStatement(scoped, statement, false, true));
    } else if (statement.effect === 'Allow' && firstFailure === '') {
      const deciding = decidingStatement(scoped, statement, false, true);
      firstFailure = `${describeStatement(deciding)} names ${who}, but ${outcome.failed?.reason ?? 'it does not apply'}`;
    }
  }
  if (denies.length > 0) {
    const reason = `the trust policy of role ${role.name} denies ${who}: ${denies.map(describeStatement).join('; ')}`;
    return { result: 'ExplicitDeny', deciding: denies, reason };
  }
  if (allows.length > 0) return { result: 'Allow', deciding: allows, reason: '' };
  const reason =
    firstFailure === ''
      ? `the trust policy of role ${role.name} does not trust ${who}: ${trusted(document.statements.map((s) => s.principal))}`
      : `the trust policy of role ${role.name} does not trust ${who}: ${firstFailure}`;
  return { result: 'ImplicitDeny', deciding: [], reason };
}

/**
 * Whether a `Principal` names the caller: `RAM: acs:ram::<acct>:root` every user and role session of the
 * account; `RAM: …:user/<n>` that user; `RAM: …:role/<n>` sessions of that role (role chaining);
 * `Service: <svc>` that service (compared ignoring case, like host names). `Federated` names no caller
 * of AssumeRole. ARNs compare exactly.
 */
function namesCaller(principal: PrincipalSpec, account: string, caller: AssumeRoleCaller): boolean {
  if (caller.kind === 'service') {
    return principal.service.some((s) => s.value.toLowerCase() === caller.service.toLowerCase());
  }
  if (caller.kind === 'root') return false;
  const own = `acs:ram::${account}:${caller.identity.kind}/${caller.identity.name}`;
  return principal.ram.some((r) => r.value === `acs:ram::${account}:root` || r.value === own);
}

function callerName(caller: AssumeRoleCaller): string {
  return caller.kind === 'service' ? `service ${caller.service}` : caller.arn;
}

/** "it trusts acs:ram::…:user/x, service ecs.aliyuncs.com" (at most five), for messages. */
function trusted(principals: readonly (PrincipalSpec | null)[]): string {
  const names = principals.flatMap((p) =>
    p === null ? [] : [...p.ram.map((r) => r.value), ...p.service.map((s) => `service ${s.value}`)],
  );
  const unique = [...new Set(names)];
  if (unique.length === 0) return 'no statement names a RAM principal or a service';
  const shown = unique.slice(0, 5).join(', ');
  return `no statement names it (it trusts ${shown}${unique.length > 5 ? `, and ${unique.length - 5} more` : ''})`;
}
