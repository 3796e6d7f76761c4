import type { PolicyType } from '../../runtime/types.js';
import { policiesFor } from '../model/attached-policies.js';
import type { AccountModel, ResolvedPolicy, Role, User } from '../model/types.js';
import type { ConditionClause, PatternList, PolicyDocument, Statement } from '../policy/ast.js';
import { StringTable } from './intern.js';
import {
  IR_VERSION,
  type Ir,
  type IrCondition,
  type IrPatternList,
  type IrPolicy,
  type IrPrincipal,
  type IrStatement,
  NO_STRING,
} from './ir.js';

/** The scope string of an account-scope attachment (anything else is a resource group id). */
export const ACCOUNT_SCOPE = 'account';

/** What lowering is building: the IR's arrays plus the memo of policies already lowered. */
interface Lowering {
  table: StringTable;
  policies: IrPolicy[];
  statements: IrStatement[];
  /** `type \0 name \0 version` → the statement ids of that policy. */
  lowered: Map<string, number[]>;
}

/**
 * Lowers a checked account model to IR: every policy in force once, every statement with its origin,
 * the principals in model order (users, then roles) with their attachments per scope and their trust
 * statements, and the access keys. The derived members (`sets`, `actions`, constants) are left empty
 * for the passes.
 */
export function lowerModel(model: AccountModel): Ir {
  const table = new StringTable();
  const state: Lowering = { table, policies: [], statements: [], lowered: new Map() };
  const account = table.intern(model.account);
  const stsPublicKeyPem = model.stsPublicKeyPem === null ? NO_STRING : table.intern(model.stsPublicKeyPem);
  const principals: IrPrincipal[] = [];
  for (const user of model.users.values()) principals.push(lowerPrincipal(state, model, user, null));
  for (const role of model.roles.values()) principals.push(lowerPrincipal(state, model, role, role));
  const accessKeys = [...model.users.values()].flatMap((user, principal) =>
    user.accessKeys.map((key) => ({ id: table.intern(key.id), principal, active: key.status === 'Active' })),
  );
  return {
    irVersion: IR_VERSION,
    account,
    strings: table.strings,
    stsPublicKeyPem,
    policies: state.policies,
    statements: state.statements,
    principals,
    accessKeys,
    sets: [],
    actions: [],
  };
}

function lowerPrincipal(
  state: Lowering,
  model: AccountModel,
  identity: User | Role,
  role: Role | null,
): IrPrincipal {
  const { table } = state;
  const kind = role === null ? 'user' : 'role';
  const byScope = new Map<string, number[]>();
  for (const { policy, scope } of policiesFor(model, { kind, name: identity.name })) {
    const ids = lowerPolicy(state, policy);
    const list = byScope.get(scope);
    if (list === undefined) byScope.set(scope, [...ids]);
    else for (const id of ids) list.push(id);
  }
  const trust =
    role === null || role.trustPolicy === null
      ? []
      : lowerPolicy(state, { name: role.name, type: 'Trust', version: null, document: role.trustPolicy });
  return {
    kind,
    name: table.intern(identity.name),
    serviceLinkedTo:
      role === null || role.serviceLinkedTo === null ? NO_STRING : table.intern(role.serviceLinkedTo),
    maxSessionDuration: role === null ? 0 : role.maxSessionDuration,
    attached: [...byScope].map(([scope, statements]) => ({ scope: table.intern(scope), statements })),
    trust: [...trust],
    accountSet: -1,
    resourceGroupSets: [],
  };
}

/** Lowers a policy the first time it is seen; returns its statement ids. */
function lowerPolicy(state: Lowering, policy: ResolvedPolicy): readonly number[] {
  const key = policyKey(policy.type, policy.name, policy.version);
  const done = state.lowered.get(key);
  if (done !== undefined) return done;
  const { table } = state;
  const index = state.policies.length;
  state.policies.push({
    name: table.intern(policy.name),
    type: policy.type,
    version: policy.version === null ? NO_STRING : table.intern(policy.version),
  });
  const ids = lowerDocument(state, index, policy.document);
  state.lowered.set(key, ids);
  return ids;
}

function policyKey(type: PolicyType, name: string, version: string | null): string {
  return `${type}\u0000${name}\u0000${version ?? ''}`;
}

function lowerDocument(state: Lowering, policy: number, document: PolicyDocument): number[] {
  const ids: number[] = [];
  for (const statement of document.statements) {
    ids.push(state.statements.length);
    state.statements.push(lowerStatement(state.table, policy, statement));
  }
  return ids;
}

function lowerStatement(table: StringTable, policy: number, statement: Statement): IrStatement {
  const { span } = statement;
  return {
    policy,
    index: statement.index,
    sid: statement.sid === null ? NO_STRING : table.intern(statement.sid),
    effect: statement.effect,
    actions: lowerPatterns(table, statement.action, true),
    resources:
      statement.resource === null
        ? { negated: false, patterns: [] }
        : lowerPatterns(table, statement.resource, false),
    conditions: statement.conditions.map((clause) => lowerCondition(table, clause)),
    origin: { file: table.intern(span.file), line: span.line, column: span.column },
  };
}

/** Action patterns are lower-cased (actions match case-insensitively, semantics §3); resources kept as written. */
function lowerPatterns(table: StringTable, list: PatternList, isAction: boolean): IrPatternList {
  return {
    negated: list.negated,
    patterns: list.patterns.map((p) => table.intern(isAction ? p.value.toLowerCase() : p.value)),
  };
}

function lowerCondition(table: StringTable, clause: ConditionClause): IrCondition {
  return {
    operator: clause.operator,
    key: table.intern(clause.keyLower),
    values: clause.values.map((v) => table.intern(v.value)),
    constants: null,
  };
}
