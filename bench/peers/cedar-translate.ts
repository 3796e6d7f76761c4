import type { Context } from '@cedar-policy/cedar-wasm/nodejs';
import type { BenchRequest, RamStatement } from '../workloads/types.js';

/**
 * RAM statements as Cedar policies. RAM's condition keys become context attributes named by the
 * lower-cased key (`context["acs:sourceip"]`), typed by the key: IP addresses as `ip` values, booleans
 * as Bool, times as epoch milliseconds (Long); everything else is a String. The requested resource
 * and the lower-cased action are in `context.resource` and `context.action`, for wildcard patterns.
 */

/** The Cedar context attribute that carries the request's resource group, when a policy set needs it. */
export const RESOURCE_GROUP_KEY = 'ramc:resourcegroup';

const IP_KEYS = new Set(['acs:sourceip']);
const BOOLEAN_KEYS = new Set(['acs:securetransport', 'acs:mfapresent']);
const DATE_KEYS = new Set(['acs:currenttime']);

const list = (value: string | string[]) => (typeof value === 'string' ? [value] : value);
const quote = (text: string) => JSON.stringify(text);
const isLiteral = (pattern: string) => !pattern.includes('*') && !pattern.includes('?');

/** A RAM pattern (`*` wildcards) as a Cedar `like` pattern; Cedar has no single-character wildcard. */
function likePattern(pattern: string): string {
  if (pattern.includes('?')) throw new Error(`Cedar's like has no one-character wildcard: ${pattern}`);
  return `"${pattern.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function actionTest(actions: string[]): { scope: string; condition: string | null } {
  const lower = actions.map((a) => a.toLowerCase());
  if (lower.includes('*')) return { scope: 'action', condition: null };
  const ids = lower.filter(isLiteral).map((a) => `Action::${quote(a)}`);
  const wildcards = lower.filter((a) => !isLiteral(a)).map((a) => `context.action like ${likePattern(a)}`);
  if (wildcards.length === 0) return { scope: `action in [${ids.join(', ')}]`, condition: null };
  const tests = [...ids.map((id) => `action == ${id}`), ...wildcards];
  return { scope: 'action', condition: `(${tests.join(' || ')})` };
}

function resourceTest(resources: string[]): string | null {
  if (resources.includes('*')) return null;
  const tests = resources.map((r) =>
    isLiteral(r) ? `context.resource == ${quote(r)}` : `context.resource like ${likePattern(r)}`,
  );
  return `(${tests.join(' || ')})`;
}

function epochMs(value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${value}`);
  return ms;
}

/** One value test of an operator on attribute expression `c`, and whether the operator is negated. */
function valueTest(operator: string, c: string, value: string): { test: string; negated: boolean } {
  switch (operator) {
    case 'StringEquals':
    case 'StringNotEquals':
      return { test: `${c} == ${quote(value)}`, negated: operator === 'StringNotEquals' };
    case 'StringLike':
    case 'StringNotLike':
      return { test: `${c} like ${likePattern(value)}`, negated: operator === 'StringNotLike' };
    case 'Bool':
      return { test: `${c} == ${value.toLowerCase() === 'true'}`, negated: false };
    case 'IpAddress':
    case 'NotIpAddress':
      return { test: `${c}.isInRange(ip(${quote(value)}))`, negated: operator === 'NotIpAddress' };
    case 'DateLessThan':
      return { test: `${c} < ${epochMs(value)}`, negated: false };
    case 'DateLessThanEquals':
      return { test: `${c} <= ${epochMs(value)}`, negated: false };
    case 'DateGreaterThan':
      return { test: `${c} > ${epochMs(value)}`, negated: false };
    case 'DateGreaterThanEquals':
      return { test: `${c} >= ${epochMs(value)}`, negated: false };
    default:
      throw new Error(`the Cedar translation does not support ${operator}`);
  }
}

/** A condition key's test: any value matches (OR); for negated operators none may (NOR); a missing key satisfies only negated operators. */
function keyTest(operator: string, key: string, values: string[]): string {
  const attribute = key.toLowerCase();
  const c = `context[${quote(attribute)}]`;
  const has = `context has ${quote(attribute)}`;
  const tests = values.map((v) => valueTest(operator, c, v));
  const any = tests.map((t) => t.test).join(' || ');
  return tests[0]?.negated ? `(!(${has}) || !(${any}))` : `(${has} && (${any}))`;
}

/**
 * A RAM statement as one Cedar policy: Allow → `permit`, Deny → `forbid`, with `principalScope`
 * (e.g. `principal in Group::"g"`, or `principal`) and any `extra` conditions ANDed in.
 */
export function cedarPolicy(statement: RamStatement, principalScope: string, extra: string[] = []): string {
  const action = actionTest(list(statement.Action));
  const conditions = [...extra];
  if (action.condition !== null) conditions.push(action.condition);
  const resource = resourceTest(list(statement.Resource));
  if (resource !== null) conditions.push(resource);
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    for (const [key, value] of Object.entries(keys)) conditions.push(keyTest(operator, key, list(value)));
  }
  const effect = statement.Effect === 'Allow' ? 'permit' : 'forbid';
  const when = conditions.length > 0 ? `\nwhen { ${conditions.join(' && ')} }` : '';
  return `${effect} (${principalScope}, ${action.scope}, resource)${when};`;
}

/** The condition that limits a policy attached at a resource group's scope to requests in that group. */
export function resourceGroupCondition(group: string): string {
  return `(context has ${quote(RESOURCE_GROUP_KEY)} && context[${quote(RESOURCE_GROUP_KEY)}] == ${quote(group)})`;
}

/** A request's Cedar context (see the module comment); `withResourceGroup` adds `RESOURCE_GROUP_KEY`. */
export function cedarContext(request: BenchRequest, withResourceGroup: boolean): Context {
  const context: Context = { action: request.action.toLowerCase(), resource: request.resource };
  for (const [key, value] of Object.entries(request.context)) {
    const lower = key.toLowerCase();
    if (IP_KEYS.has(lower)) context[lower] = { __extn: { fn: 'ip', arg: value } };
    else if (BOOLEAN_KEYS.has(lower)) context[lower] = value.toLowerCase() === 'true';
    else if (DATE_KEYS.has(lower)) context[lower] = epochMs(value);
    else context[lower] = value;
  }
  for (const [tag, value] of Object.entries(request.resourceTags ?? {})) {
    context[`kms:tag/${tag.toLowerCase()}`] = value;
    context[`acs:resourcetag/${tag.toLowerCase()}`] = value;
  }
  if (withResourceGroup && request.resourceGroup !== undefined)
    context[RESOURCE_GROUP_KEY] = request.resourceGroup;
  return context;
}
