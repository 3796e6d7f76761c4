import PBAC from 'pbac';
import type { DecisionKind } from '../../runtime/types.js';
import type { Contender, Peer } from '../engines/contender.js';
import type { BenchRequest, RamStatement, Workload } from '../workloads/types.js';
import { decideScoped, type ScopedPolicy, sliceFor, sliceIdentities } from './identity-slices.js';

/** What pbac's `filterPoliciesBy` takes, once per effect; built before timing. */
interface PbacQuery {
  deny: { effect: 'Deny'; action: string; resource: string; context: object; principal: object };
  allow: { effect: 'Allow'; action: string; resource: string; context: object; principal: object };
}

const NEGATED = new Set(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'NotIpAddress']);
const SUPPORTED = new Set([
  ...NEGATED,
  'StringEquals',
  'StringEqualsIgnoreCase',
  'StringLike',
  'Bool',
  'IpAddress',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
]);
const BOOLEAN_KEYS = new Set(['acs:securetransport', 'acs:mfapresent']);

const list = (value: string | string[]) => (typeof value === 'string' ? [value] : value);

/** Operators pbac evaluates alike for one present value: lets one statement test a key several times. */
const aliases = (operator: string) => [
  operator,
  `${operator}IfExists`,
  `ForAllValues:${operator}`,
  `ForAnyValue:${operator}`,
];

/** A RAM condition key as pbac looks it up: `prefix:rest`, lower-cased (RAM keys are case-insensitive). */
function pbacKey(key: string): string {
  const lower = key.toLowerCase();
  if (lower.indexOf(':') !== lower.lastIndexOf(':')) {
    throw new Error(`pbac splits condition keys at every ':', so it cannot look up ${key}`);
  }
  return lower;
}

/** One RAM statement as a pbac statement (see `differences` for each adaptation). */
export function pbacStatement(statement: RamStatement): object {
  const condition: Record<string, Record<string, string[]>> = {};
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    if (!SUPPORTED.has(operator)) throw new Error(`the pbac translation does not support ${operator}`);
    const tests: [string, string[]][] = [];
    for (const [key, value] of Object.entries(keys)) {
      const values = list(value).map((v) => (operator === 'Bool' ? v.toLowerCase() : v));
      if (NEGATED.has(operator)) for (const v of values) tests.push([pbacKey(key), [v]]);
      else tests.push([pbacKey(key), values]);
    }
    const names = aliases(operator);
    tests.forEach(([key, values], i) => {
      const name = names[i];
      if (name === undefined)
        throw new Error(`pbac cannot express ${tests.length} tests of ${operator} in one statement`);
      condition[name] = { [key]: values };
    });
  }
  return {
    Effect: statement.Effect,
    Action: list(statement.Action).map((a) => a.toLowerCase()),
    Resource: list(statement.Resource),
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  };
}

function pbacSet(policies: ScopedPolicy[]): PBAC {
  return new PBAC(
    policies.map((p) => ({
      Version: p.document.Version,
      Statement: p.document.Statement.map(pbacStatement),
    })),
  );
}

/** A request's context as pbac reads it: nested at the first ':' of each lower-cased key. */
export function pbacContext(request: BenchRequest): Record<string, Record<string, string>> {
  const context: Record<string, Record<string, string>> = {};
  const put = (key: string, value: string) => {
    const lower = key.toLowerCase();
    const colon = lower.indexOf(':');
    const prefix = lower.slice(0, colon);
    const inner = context[prefix] ?? {};
    inner[lower.slice(colon + 1)] = BOOLEAN_KEYS.has(lower) ? value.toLowerCase() : value;
    context[prefix] = inner;
  };
  for (const [key, value] of Object.entries(request.context)) put(key, value);
  for (const [tag, value] of Object.entries(request.resourceTags ?? {})) {
    put(`kms:tag/${tag}`, value);
    put(`acs:ResourceTag/${tag}`, value);
  }
  return context;
}

function decideSet(set: PBAC, query: PbacQuery): DecisionKind {
  if (set.filterPoliciesBy(query.deny) !== undefined) return 'ExplicitDeny';
  return set.filterPoliciesBy(query.allow) !== undefined ? 'Allow' : 'ImplicitDeny';
}

/** pbac 0.3.2: an AWS-IAM-style JSON policy evaluator in plain JavaScript. */
export const pbacPeer: Peer = {
  name: 'pbac',
  packageName: 'pbac',
  differences: [
    'No users, groups or attachment scopes: the host resolves the caller to its attached policies (one pbac instance per identity and scope, built before timing) and applies RAM resource-group precedence itself, asking the resource group’s set only when the account-scope set gives no decision.',
    '`evaluate` only answers true/false, so the benchmark calls pbac’s `filterPoliciesBy` for Deny and then Allow (what `evaluate` does) to tell explicit from implicit denies.',
    'Action matching is case-sensitive in pbac: actions in policies and requests are lower-cased.',
    'pbac ORs the values of every operator, negated ones included (RAM: none may match), and reads only the first key under an operator: a negated test with several values, or several keys under one operator, is spread over the operator’s aliases (`X`, `XIfExists`, `ForAllValues:X`, `ForAnyValue:X`), which pbac evaluates alike for one present value.',
    'Context keys are nested at the first `:` and looked up case-sensitively, so keys are lower-cased; tag keys containing `:` cannot be expressed. A missing key reads as its own name, so tests on it fail and `NotIpAddress` holds, as in RAM.',
    '`Bool` values are lower-cased (RAM compares them case-insensitively, pbac exactly).',
  ],
  prepare(workload: Workload): Contender {
    const { model, requests } = workload;
    const slices = sliceIdentities(model, new Set(requests.map((r) => r.principal)), pbacSet);
    const prepared = requests.map((request) => {
      const base = {
        action: request.action.toLowerCase(),
        resource: request.resource,
        context: pbacContext(request),
      };
      const query: PbacQuery = {
        deny: { ...base, effect: 'Deny', principal: {} },
        allow: { ...base, effect: 'Allow', principal: {} },
      };
      return {
        slice: sliceFor(slices, request.principal, model.account),
        group: request.resourceGroup,
        query,
      };
    });
    return {
      name: 'pbac',
      decide(index) {
        const { slice, group, query } = prepared[index] as (typeof prepared)[number];
        return decideScoped(slice, group, (set) => decideSet(set, query));
      },
    };
  },
};
