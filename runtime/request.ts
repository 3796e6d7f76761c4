/**
 * Reads one request (interfaces §2) into a normalized form every engine shares: the reference
 * interpreter, the TS runtime and the Wasm host. Platform-free; no imports outside runtime/.
 */
import { REQUEST_LIMITS } from './request-limits.js';
import { readContext, readResourceTags } from './request-maps.js';
import { RequestReader } from './request-reader.js';
import type { DecisionError } from './types.js';

/** A scalar or a list of scalars, as an operation's `parameters` may hold. */
export type ParameterValue = string | number | boolean | (string | number | boolean)[];

/** Who makes the request: exactly one of the three forms. */
export type RequestCaller =
  | { kind: 'principal'; arn: string }
  | { kind: 'accessKey'; accessKeyId: string }
  | { kind: 'securityToken'; token: string; accessKeyId: string | null };

/** What the request asks for: one action on one resource, or a KMS API call to expand. */
export type RequestTarget =
  | { kind: 'action'; action: string; resource: string }
  | { kind: 'operation'; operation: string; region: string; parameters: Record<string, ParameterValue> };

/** A request that passed every check of `readRequest`. */
export interface NormalizedRequest {
  id: string | null;
  caller: RequestCaller;
  target: RequestTarget;
  resourceGroup: string | null;
  /** Tag key lower-cased → tag value in string form. */
  resourceTags: ReadonlyMap<string, string>;
  /**
   * Context key lower-cased → value in string form (JSON number 5 → `"5"`, booleans and the typed
   * boolean keys → `"true"`/`"false"`). Holds `acs:accessid` when the request names `accessKeyId`.
   */
  context: ReadonlyMap<string, string>;
}

export type ReadRequestResult =
  | { ok: true; request: NormalizedRequest }
  | { ok: false; error: DecisionError; id?: string };

const MEMBERS = [
  'id',
  'principal',
  'accessKeyId',
  'securityToken',
  'action',
  'resource',
  'operation',
  'region',
  'parameters',
  'resourceGroup',
  'resourceTags',
  'context',
];

const MEMBER_SET: ReadonlySet<string> = new Set(MEMBERS);

/**
 * Validates and normalizes one request. Never throws: any problem is an `InvalidRequest` or
 * `InvalidContextValue` error (semantics §6.4), with the request's `id` when it could be read.
 */
export function readRequest(raw: unknown): ReadRequestResult {
  const reader = new RequestReader();
  let id: string | null = null;
  try {
    const object = reader.object('the request', raw);
    if (object === null) return failure(reader, null);
    id = reader.optionalString('id', object.id);
    const request = readMembers(reader, object, id);
    return request === null ? failure(reader, id) : { ok: true, request };
  } catch {
    // Only a hostile JavaScript object (a throwing getter or proxy) gets here; JSON input cannot.
    reader.fail('InvalidRequest', 'the request could not be read as plain JSON data');
    return failure(reader, id);
  }
}

function failure(reader: RequestReader, id: string | null): ReadRequestResult {
  const error = reader.error ?? { code: 'InvalidRequest', message: 'the request is invalid' };
  return id === null ? { ok: false, error } : { ok: false, error, id };
}

function readMembers(
  reader: RequestReader,
  object: Record<string, unknown>,
  id: string | null,
): NormalizedRequest | null {
  for (const name of Object.keys(object)) {
    if (!MEMBER_SET.has(name)) {
      const meant = MEMBERS.find((known) => known.toLowerCase() === name.toLowerCase());
      const hint = meant === undefined ? `the members are ${MEMBERS.join(', ')}` : `did you mean "${meant}"?`;
      return reader.fail(
        'InvalidRequest',
        `unknown member ${JSON.stringify(name.slice(0, 64))} in the request; ${hint}`,
      );
    }
    reader.count(name.length);
  }
  const caller = readCaller(reader, object);
  const target = caller && readTarget(reader, object);
  const resourceGroup = reader.optionalString('resourceGroup', object.resourceGroup);
  const resourceTags = readResourceTags(reader, object.resourceTags);
  const context = readContext(reader, object.context);
  if (reader.error || !caller || !target || !resourceTags || !context) return null;
  if (caller.kind !== 'principal' && caller.accessKeyId !== null) {
    const given = context.get('acs:accessid');
    if (given !== undefined && given !== caller.accessKeyId) {
      return reader.fail(
        'InvalidRequest',
        `context acs:AccessId ${JSON.stringify(given)} differs from accessKeyId ${JSON.stringify(caller.accessKeyId)}; ` +
          'the engine fills acs:AccessId from accessKeyId, so leave it out of context',
      );
    }
    context.set('acs:accessid', caller.accessKeyId);
  }
  return { id, caller, target, resourceGroup, resourceTags, context };
}

function readCaller(reader: RequestReader, object: Record<string, unknown>): RequestCaller | null {
  const principal = reader.optionalString('principal', object.principal);
  const accessKeyId = reader.optionalString('accessKeyId', object.accessKeyId);
  const token = reader.optionalString(
    'securityToken',
    object.securityToken,
    REQUEST_LIMITS.maxSecurityTokenLength,
  );
  if (reader.error) return null;
  if (principal !== null && (accessKeyId !== null || token !== null)) {
    return reader.fail(
      'InvalidRequest',
      'the request names its caller twice; give exactly one of principal, accessKeyId or securityToken ' +
        '(accessKeyId may accompany securityToken)',
    );
  }
  if (principal !== null) return { kind: 'principal', arn: principal };
  if (token !== null) return { kind: 'securityToken', token, accessKeyId };
  if (accessKeyId !== null) return { kind: 'accessKey', accessKeyId };
  return reader.fail(
    'InvalidRequest',
    'the request names no caller; give one of principal (a caller ARN), accessKeyId or securityToken',
  );
}

function readTarget(reader: RequestReader, object: Record<string, unknown>): RequestTarget | null {
  const action = reader.optionalString('action', object.action);
  const operation = reader.optionalString('operation', object.operation);
  if (reader.error) return null;
  if (action !== null && operation !== null) {
    return reader.fail(
      'InvalidRequest',
      'the request has both action and operation; give an action (with resource) or an operation (with region and parameters)',
    );
  }
  if (operation !== null) return readOperation(reader, object, operation);
  if (action === null) {
    return reader.fail('InvalidRequest', 'the request has no action; give one such as "kms:Decrypt"');
  }
  for (const name of ['region', 'parameters'] as const) {
    if (object[name] !== undefined) {
      return reader.fail(
        'InvalidRequest',
        `${name} belongs to operation requests; this request names an action`,
      );
    }
  }
  const resource = reader.optionalString('resource', object.resource) ?? '*';
  if (reader.error) return null;
  if (!isResourceName(resource)) {
    return reader.fail(
      'InvalidRequest',
      `resource ${JSON.stringify(resource)} is neither "*" nor an ARN acs:<service>:<region>:<account>:<relative-id>`,
    );
  }
  return { kind: 'action', action, resource };
}

function readOperation(
  reader: RequestReader,
  object: Record<string, unknown>,
  operation: string,
): RequestTarget | null {
  if (object.resource !== undefined) {
    return reader.fail(
      'InvalidRequest',
      'an operation request has no resource: the engine derives the resources from region and parameters',
    );
  }
  const region = reader.optionalString('region', object.region);
  if (region === null) {
    return reader.fail('InvalidRequest', `operation ${operation} needs a region such as "cn-hangzhou"`);
  }
  const parameters = object.parameters === undefined ? {} : readParameters(reader, object.parameters);
  return parameters && { kind: 'operation', operation, region, parameters };
}

function readParameters(reader: RequestReader, raw: unknown): Record<string, ParameterValue> | null {
  const object = reader.object('parameters', raw);
  if (object === null) return null;
  const entries = Object.entries(object);
  if (entries.length > REQUEST_LIMITS.maxParameters) {
    return reader.fail('InvalidRequest', `parameters has more than ${REQUEST_LIMITS.maxParameters} members`);
  }
  // A prototype-free object, so a member named __proto__ stays an ordinary member.
  const out: Record<string, ParameterValue> = Object.create(null);
  for (const [name, value] of entries) {
    if (!reader.key('parameters member', name)) return null;
    const where = `parameters.${name}`;
    if (Array.isArray(value)) {
      if (value.length > REQUEST_LIMITS.maxParameterItems) {
        return reader.fail(
          'InvalidRequest',
          `${where} has more than ${REQUEST_LIMITS.maxParameterItems} items`,
        );
      }
      const items: (string | number | boolean)[] = [];
      for (const item of value) {
        const scalar = reader.scalar(where, item, 'InvalidRequest', REQUEST_LIMITS.maxParameterStringLength);
        if (scalar === null) return null;
        items.push(scalar);
      }
      out[name] = items;
    } else {
      const scalar = reader.scalar(where, value, 'InvalidRequest', REQUEST_LIMITS.maxParameterStringLength);
      if (scalar === null) return null;
      out[name] = scalar;
    }
  }
  return reader.error ? null : out;
}

/**
 * True for `*` and for an `acs:` ARN with at least five `:`-separated segments
 * (`acs:<service>:<region>:<account>:<relative-id>`, region and account may be empty).
 */
export function isResourceName(resource: string): boolean {
  if (resource === '*') return true;
  return resource.startsWith('acs:') && resource.split(':', 5).length === 5;
}
