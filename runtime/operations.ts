/**
 * KMS operation requests (interfaces §2): expanding one API call into every (action, resource)
 * pair it needs, through the table in operation-table.ts (which resolves identifiers with
 * operation-arns.ts). Platform-free, like everything these import: shared by every engine, the
 * browser runtime included.
 */
import { closestNames } from './closest-names.js';
import { REGION, show } from './operation-arns.js';
import { OPERATIONS, type RequiredCheck } from './operation-table.js';

export { closestNames } from './closest-names.js';
export { MAX_BATCH_RESOURCES, MAX_PARAMETER_LENGTH } from './operation-arns.js';
export type { RequiredCheck } from './operation-table.js';

/** An operation request as engines hand it over (the caller's identity is resolved elsewhere). */
export interface OperationRequest {
  operation: string;
  region: string;
  parameters: Record<string, unknown>;
}

export interface OperationError {
  code: 'UnknownOperation' | 'InvalidRequest';
  message: string;
}

/** `checks` is empty only for calls that are not access-controlled (DescribeRegions). */
export type OperationExpansion = { checks: RequiredCheck[] } | { error: OperationError };

/** Every operation name the table knows, sorted. */
export const OPERATION_NAMES: readonly string[] = [...OPERATIONS.keys()].sort();

/**
 * Expands one KMS API call into the (action, resource) pairs it needs, in a stable order without
 * duplicates. `account` is the caller's account id, which owns resources named by bare ids.
 */
export function expandOperation(request: OperationRequest, account: string): OperationExpansion {
  const { operation, region, parameters = {} } = request;
  if (typeof operation !== 'string' || operation === '') {
    return invalid(`"operation" must be a KMS API name such as "Decrypt"; got ${show(operation)}.`);
  }
  const expander = OPERATIONS.get(operation);
  if (expander === undefined)
    return { error: { code: 'UnknownOperation', message: unknownOperation(operation) } };
  if (typeof region !== 'string' || !REGION.test(region)) {
    return invalid(`"region" must be a region id such as "cn-hangzhou" (a-z, 0-9, -); got ${show(region)}.`);
  }
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
    return invalid(`"parameters" of ${operation} must be a JSON object; got ${show(parameters)}.`);
  }
  const own: Record<string, unknown> = Object.create(null);
  for (const [name, value] of Object.entries(parameters)) own[name] = value;
  const result = expander({ operation, parameters: own, prefix: `acs:kms:${region}:${account}:` });
  if (!Array.isArray(result)) return invalid(result.invalid);
  const seen = new Set<string>();
  const checks: RequiredCheck[] = [];
  for (const check of result) {
    const id = `${check.action}\n${check.resource}`;
    if (!seen.has(id)) checks.push(check);
    seen.add(id);
  }
  return { checks };
}

function invalid(message: string): OperationExpansion {
  return { error: { code: 'InvalidRequest', message } };
}

function unknownOperation(operation: string): string {
  const bare = operation.toLowerCase().startsWith('kms:') ? operation.slice(4) : operation;
  const exact = OPERATION_NAMES.find((name) => name.toLowerCase() === bare.toLowerCase());
  if (exact !== undefined) {
    const why =
      bare === operation
        ? 'operation names are case-sensitive API names'
        : 'give the API name, not the action';
    return `Unknown KMS operation ${show(operation)}: ${why}; did you mean "${exact}"?`;
  }
  const close = operation.length <= 64 ? closestNames(bare, OPERATION_NAMES) : [];
  const hint =
    close.length > 0 ? `did you mean ${close.map((n) => `"${n}"`).join(', ')}?` : 'see docs/catalog.md.';
  return `Unknown KMS operation ${show(operation)}: ${hint}`;
}
