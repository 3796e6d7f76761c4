import { StringTable } from '../../../compiler/ir/intern.js';
import { IR_VERSION, type Ir, type IrStatement, NO_STRING } from '../../../compiler/ir/ir.js';
import { ACCOUNT_SCOPE, lowerModel } from '../../../compiler/ir/lower.js';
import { loadModelFromObject } from '../../../compiler/model/load-model.js';
import type { AccountModel } from '../../../compiler/model/types.js';
import type { ConditionOperator } from '../../../compiler/policy/ast.js';

/** A statement for `irOf`, written the way a policy would (action patterns already lower-cased). */
export interface StatementSpec {
  effect?: 'Allow' | 'Deny';
  actions: string[];
  notAction?: boolean;
  resources?: string[];
  notResource?: boolean;
  conditions?: { operator: ConditionOperator; key: string; values: string[] }[];
}

/**
 * A hand-built IR as lowering would produce it: one custom policy `P` holding the statements, and one
 * user `u` with every statement attached at account scope. For passes tested on their own.
 */
export function irOf(specs: readonly StatementSpec[]): Ir {
  const t = new StringTable();
  const file = t.intern('p.json');
  const statements = specs.map(
    (s, index): IrStatement => ({
      policy: 0,
      index,
      sid: NO_STRING,
      effect: s.effect ?? 'Allow',
      actions: { negated: s.notAction ?? false, patterns: s.actions.map((a) => t.intern(a)) },
      resources: {
        negated: s.notResource ?? false,
        patterns: (s.resources ?? ['*']).map((r) => t.intern(r)),
      },
      conditions: (s.conditions ?? []).map((c) => ({
        operator: c.operator,
        key: t.intern(c.key),
        values: c.values.map((v) => t.intern(v)),
        constants: null,
      })),
      origin: { file, line: index + 1, column: 1 },
    }),
  );
  return {
    irVersion: IR_VERSION,
    account: t.intern('1234567890123456'),
    strings: t.strings,
    stsPublicKeyPem: NO_STRING,
    policies: [{ name: t.intern('P'), type: 'Custom', version: t.intern('v1') }],
    statements,
    principals: [
      {
        kind: 'user',
        name: t.intern('u'),
        serviceLinkedTo: NO_STRING,
        maxSessionDuration: 0,
        attached: [{ scope: t.intern(ACCOUNT_SCOPE), statements: statements.map((_, i) => i) }],
        trust: [],
        accountSet: -1,
        resourceGroupSets: [],
      },
    ],
    accessKeys: [],
    sets: [],
    actions: [],
  };
}

/** Loads a model object and fails the test on any error diagnostic. */
export function modelOf(object: unknown): AccountModel {
  const { model, diagnostics } = loadModelFromObject(object);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (model === null || errors.length > 0) {
    throw new Error(`test model has errors: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  }
  return model;
}

/** Lowers a model object (see `modelOf`). */
export function loweredOf(object: unknown): Ir {
  return lowerModel(modelOf(object));
}

/** A permission-policy document with these statements. */
export function doc(...statements: object[]): object {
  return { Version: '1', Statement: statements };
}

/** The text of string `id`. */
export function text(ir: Ir, id: number): string {
  const s = ir.strings[id];
  if (s === undefined) throw new Error(`no string ${id}`);
  return s;
}

/** Deep copy, to check that a pass left its input alone. */
export function snapshot(ir: Ir): Ir {
  return structuredClone(ir);
}
