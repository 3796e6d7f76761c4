import type {
  Ir,
  IrActionCandidates,
  IrCondition,
  IrConstants,
  IrIpBlock,
  IrPolicy,
  IrPrincipal,
  IrSet,
  IrStatement,
} from '../../../compiler/ir/ir.js';
import type { ConditionOperator } from '../../../compiler/policy/ast.js';
import { forEachCandidateList } from '../../../runtime/candidate-runs.js';
import type { DecodedBundle } from '../../../runtime/decoded-bundle.js';
import * as F from '../../../runtime/format.js';
import { OPERATOR_NAMES } from '../../../runtime/operator-codes.js';
import type { PolicyType } from '../../../runtime/types.js';

const POLICY_TYPES: PolicyType[] = ['System', 'Custom', 'Session', 'Trust'];

/** Rows of a table with `words` words per record. */
function rows(table: Int32Array, words: number): Int32Array[] {
  const out: Int32Array[] = [];
  for (let at = 0; at < table.length; at += words) out.push(table.subarray(at, at + words));
  return out;
}

/**
 * Rebuilds the IR a bundle was encoded from (the inverse of `encodeBundle`), for round-trip tests.
 * `principals[].attached` is not in bundles, so it comes back empty.
 */
/** A set's candidate rows spelt out per action, as the `index-actions` pass made them. */
function candidateLists(b: DecodedBundle, first: number, count: number): IrActionCandidates[] {
  const byAction: IrActionCandidates[] = [];
  forEachCandidateList(b.candidates, first, count, b.actions.length, (action, start, length) => {
    byAction.push({ action, statements: Array.from(b.lists.subarray(start, start + length)) });
  });
  return byAction;
}

export function irFromBundle(b: DecodedBundle): Ir {
  const list = (start: number, count: number): number[] => Array.from(b.lists.subarray(start, start + count));
  const w = (row: Int32Array, field: number): number => row[field] as number;
  const conditions = rows(b.conditions, F.CONDITION_WORDS).map((c): IrCondition => {
    const start = w(c, F.CONDITION_CONST_START);
    const count = w(c, F.CONDITION_CONST_COUNT);
    let constants: IrConstants;
    switch (w(c, F.CONDITION_CONST_KIND)) {
      case F.CONST_STRING:
        constants = {
          kind: 'string',
          values: list(start, count),
          lookup: (w(c, F.CONDITION_CONST_FLAGS) & F.CONST_FLAG_LOOKUP) !== 0,
        };
        break;
      case F.CONST_BOOL:
        constants = { kind: 'bool', values: list(start, count).map((v) => v === 1) };
        break;
      case F.CONST_NUMBER:
        constants = { kind: 'number', values: Array.from(b.numbers.subarray(start, start + count)) };
        break;
      default:
        constants = {
          kind: 'ip',
          blocks: rows(b.ipBlocks, F.IP_BLOCK_WORDS)
            .slice(start, start + count)
            .map(
              (r): IrIpBlock => ({
                family: w(r, F.IP_BLOCK_FAMILY) === 4 ? 4 : 6,
                prefix: w(r, F.IP_BLOCK_PREFIX),
                words: [0, 1, 2, 3].map((n) => w(r, F.IP_BLOCK_WORD0 + n) >>> 0) as IrIpBlock['words'],
              }),
            ),
        };
    }
    return {
      operator: OPERATOR_NAMES[w(c, F.CONDITION_OPERATOR)] as ConditionOperator,
      key: w(c, F.CONDITION_KEY),
      values: list(w(c, F.CONDITION_VALUES_START), w(c, F.CONDITION_VALUES_COUNT)),
      constants,
    };
  });
  const statements = rows(b.statements, F.STATEMENT_WORDS).map((s): IrStatement => {
    const flags = w(s, F.STATEMENT_FLAGS);
    const first = w(s, F.STATEMENT_CONDITIONS_START);
    return {
      policy: w(s, F.STATEMENT_POLICY),
      index: w(s, F.STATEMENT_INDEX),
      sid: w(s, F.STATEMENT_SID),
      effect: flags & F.STATEMENT_FLAG_DENY ? 'Deny' : 'Allow',
      actions: {
        negated: (flags & F.STATEMENT_FLAG_NOT_ACTION) !== 0,
        patterns: list(w(s, F.STATEMENT_ACTIONS_START), w(s, F.STATEMENT_ACTIONS_COUNT)),
      },
      resources: {
        negated: (flags & F.STATEMENT_FLAG_NOT_RESOURCE) !== 0,
        patterns: list(w(s, F.STATEMENT_RESOURCES_START), w(s, F.STATEMENT_RESOURCES_COUNT)),
      },
      conditions: conditions.slice(first, first + w(s, F.STATEMENT_CONDITIONS_COUNT)),
      origin: {
        file: w(s, F.STATEMENT_ORIGIN_FILE),
        line: w(s, F.STATEMENT_ORIGIN_LINE),
        column: w(s, F.STATEMENT_ORIGIN_COLUMN),
      },
    };
  });
  const sets = rows(b.sets, F.SET_WORDS).map((s): IrSet => {
    const start = w(s, F.SET_CANDIDATES_START);
    return {
      statements: list(w(s, F.SET_STATEMENTS_START), w(s, F.SET_STATEMENTS_COUNT)),
      index: {
        byAction: candidateLists(b, start, w(s, F.SET_CANDIDATES_COUNT)),
        other: list(w(s, F.SET_OTHER_START), w(s, F.SET_OTHER_COUNT)),
      },
    };
  });
  const groupSets = rows(b.groupSets, F.GROUP_SET_WORDS);
  const principals = rows(b.principals, F.PRINCIPAL_WORDS).map((p): IrPrincipal => {
    const start = w(p, F.PRINCIPAL_GROUP_SETS_START);
    return {
      kind: w(p, F.PRINCIPAL_KIND) === F.PRINCIPAL_USER ? 'user' : 'role',
      name: w(p, F.PRINCIPAL_NAME),
      serviceLinkedTo: w(p, F.PRINCIPAL_LINKED_SERVICE),
      maxSessionDuration: w(p, F.PRINCIPAL_MAX_SESSION),
      attached: [],
      trust: list(w(p, F.PRINCIPAL_TRUST_START), w(p, F.PRINCIPAL_TRUST_COUNT)),
      accountSet: w(p, F.PRINCIPAL_ACCOUNT_SET),
      resourceGroupSets: groupSets.slice(start, start + w(p, F.PRINCIPAL_GROUP_SETS_COUNT)).map((g) => ({
        resourceGroup: w(g, F.GROUP_SET_GROUP),
        set: w(g, F.GROUP_SET_SET),
      })),
    };
  });
  return {
    irVersion: b.irVersion as Ir['irVersion'],
    account: b.account,
    strings: [...b.strings],
    stsPublicKeyPem: b.stsPublicKeyPem,
    policies: rows(b.policies, F.POLICY_WORDS).map(
      (p): IrPolicy => ({
        name: w(p, F.POLICY_NAME),
        type: POLICY_TYPES[w(p, F.POLICY_TYPE)] as PolicyType,
        version: w(p, F.POLICY_VERSION),
      }),
    ),
    statements,
    principals,
    accessKeys: rows(b.accessKeys, F.ACCESS_KEY_WORDS).map((k) => ({
      id: w(k, F.ACCESS_KEY_ID),
      principal: w(k, F.ACCESS_KEY_PRINCIPAL),
      active: w(k, F.ACCESS_KEY_ACTIVE) === 1,
    })),
    sets,
    actions: Array.from(b.actions),
  };
}
