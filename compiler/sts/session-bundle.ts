import { syntheticSpan } from '../diagnostics.js';
import { BundleEncodeError } from '../emit/bundle-encode-error.js';
import { encodeBundle } from '../emit/encode.js';
import { StringTable } from '../ir/intern.js';
import { type Ir, type IrSet, type IrStatement, NO_STRING } from '../ir/ir.js';
import { lowerModel } from '../ir/lower.js';
import type { AccountModel } from '../model/types.js';
import { compareStrings } from '../passes/build-sets.js';
import { PASSES } from '../passes/index.js';
import type { PolicyDocument } from '../policy/ast.js';
import { globMatch } from '../reference/glob.js';
import { SESSION_POLICY_NAME } from './session-policy.js';

const WILDCARD = /[*?]/;
/** The pass replaced here by `indexLiteralActions`. */
const INDEX_ACTIONS_PASS = 'index-actions';

/**
 * Compiles a validated session policy into the decision bundle a token carries, for the engines that
 * cannot run the compiler (TS runtime, Wasm). The bundle is an ordinary one (runtime/format.ts) holding:
 * - policy 0: SESSION_POLICY_NAME, type `Session`, no version;
 * - principal 0: the role, whose account-scope set is exactly the session policy's statements;
 * - an action index over only the literal actions the policy names (`indexLiteralActions`).
 * Null when the policy cannot be encoded (a string UTF-8 cannot carry).
 */
export function compileSessionBundle(
  document: PolicyDocument,
  account: string,
  roleName: string,
): Uint8Array | null {
  let ir = lowerModel(sessionModel(document, account, roleName));
  const session = ir.policies[0];
  if (session === undefined) throw new Error('the session model lowered to no policy');
  ir.policies[0] = { ...session, version: NO_STRING, type: 'Session' };
  for (const pass of PASSES) if (pass.name !== INDEX_ACTIONS_PASS) ir = pass.run(ir);
  try {
    return encodeBundle(indexLiteralActions(ir));
  } catch (error) {
    if (error instanceof BundleEncodeError) return null;
    throw error;
  }
}

/** A one-role model whose only attachment is the session policy (as a custom policy, retyped after lowering). */
function sessionModel(document: PolicyDocument, account: string, roleName: string): AccountModel {
  const span = syntheticSpan('<session-model>');
  return {
    account,
    stsPublicKeyPem: null,
    policies: new Map([
      [
        SESSION_POLICY_NAME,
        { name: SESSION_POLICY_NAME, versions: [{ id: 'v1', document }], defaultVersion: 'v1', span },
      ],
    ]),
    users: new Map(),
    groups: new Map(),
    roles: new Map([
      [
        roleName,
        { name: roleName, maxSessionDuration: 3600, trustPolicy: null, serviceLinkedTo: null, span },
      ],
    ]),
    attachments: [
      {
        policy: SESSION_POLICY_NAME,
        policyType: 'Custom',
        to: { kind: 'role', name: roleName },
        resourceGroup: null,
        span,
      },
    ],
  };
}

/**
 * Fills `Ir.actions` with only the literal action patterns of the policy, and each set's action index
 * over them, as the index-actions pass defines it (docs/compiler.md, "The action index"): per known
 * action, the statements of the set whose action list matches it; `other`, the wildcard and `NotAction`
 * statements. PERF: the pass also lists the ~100 catalogued actions, which would add about 3 KB of names
 * to every token. Only the literals are needed: a literal pattern matches only the action it names, so
 * an action missing from the list can only match a statement of `other`.
 */
function indexLiteralActions(ir: Ir): Ir {
  const table = new StringTable(ir.strings);
  const literals = new Set<string>();
  for (const statement of ir.statements) {
    for (const pattern of statement.actions.patterns) {
      const text = ir.strings[pattern] ?? '*';
      if (!WILDCARD.test(text)) literals.add(text);
    }
  }
  const names = [...literals].sort(compareStrings);
  const actions = names.map((name) => table.intern(name));
  const sets = ir.sets.map((set): IrSet => {
    const statements = set.statements.map((id) => ({ id, statement: ir.statements[id] }));
    const byAction = names.flatMap((name, action) => {
      const matching = statements.filter(
        ({ statement }) => statement !== undefined && matchesAction(ir, statement, name),
      );
      return matching.length === 0 ? [] : [{ action, statements: matching.map(({ id }) => id) }];
    });
    const other = statements
      .filter(({ statement }) => statement !== undefined && isOther(ir, statement))
      .map(({ id }) => id);
    return { statements: set.statements, index: { byAction, other } };
  });
  return { ...ir, strings: table.strings, actions, sets };
}

/** Whether the statement's action list applies to the action (both lower-cased, semantics §3). */
function matchesAction(ir: Ir, statement: IrStatement, action: string): boolean {
  const any = statement.actions.patterns.some((p) => globMatch(ir.strings[p] ?? '', action));
  return statement.actions.negated ? !any : any;
}

function isOther(ir: Ir, statement: IrStatement): boolean {
  return (
    statement.actions.negated || statement.actions.patterns.some((p) => WILDCARD.test(ir.strings[p] ?? '*'))
  );
}
