/**
 * Reads one request (interfaces §2) into a normalized form every engine shares: the reference
 * interpreter, the TS runtime and the Wasm host. Platform-free; no imports outside runtime/.
 */

import { hasPrefix } from './match/has-prefix.js';
import { arnColon } from './request-arn.js';
import { REQUEST_LIMITS } from './request-limits.js';
import { readContext, readResourceTags } from './request-maps.js';
import { readOperation } from './request-operation.js';
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

const hasOwn = Object.prototype.hasOwnProperty;

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
    const source = isPlain(object) ? object : plainMembers(object);
    // PERF: one pass over the request's own keys checks every name and picks up the members' values.
    let idValue: unknown;
    let principal: unknown;
    let accessKeyId: unknown;
    let securityToken: unknown;
    let action: unknown;
    let resource: unknown;
    let operation: unknown;
    let region: unknown;
    let parameters: unknown;
    let resourceGroup: unknown;
    let resourceTags: unknown;
    let context: unknown;
    let unknownName: string | null = null;
    let nameLength = 0;
    for (const name in source) {
      if (!hasOwn.call(source, name)) continue;
      switch (name) {
        case 'id':
          idValue = source[name];
          break;
        case 'principal':
          principal = source[name];
          break;
        case 'accessKeyId':
          accessKeyId = source[name];
          break;
        case 'securityToken':
          securityToken = source[name];
          break;
        case 'action':
          action = source[name];
          break;
        case 'resource':
          resource = source[name];
          break;
        case 'operation':
          operation = source[name];
          break;
        case 'region':
          region = source[name];
          break;
        case 'parameters':
          parameters = source[name];
          break;
        case 'resourceGroup':
          resourceGroup = source[name];
          break;
        case 'resourceTags':
          resourceTags = source[name];
          break;
        case 'context':
          context = source[name];
          break;
        default:
          unknownName = name;
      }
      if (unknownName !== null) break;
      nameLength += name.length;
    }
    id = reader.optionalString('id', idValue);
    if (unknownName !== null) {
      unknownMember(reader, unknownName);
      return failure(reader, id);
    }
    reader.count(nameLength);
    const caller = readCaller(reader, principal, accessKeyId, securityToken);
    const target = caller && readTarget(reader, action, resource, operation, region, parameters);
    const group = reader.optionalString('resourceGroup', resourceGroup);
    const tags = readResourceTags(reader, resourceTags);
    const values = readContext(reader, context);
    if (reader.error || !caller || !target || !tags || !values) return failure(reader, id);
    const request = complete(reader, {
      id,
      caller,
      target,
      resourceGroup: group,
      resourceTags: tags,
      context: values,
    });
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

/** True for the objects JSON.parse and object literals make, whose own enumerable keys are all their members. */
function isPlain(object: object): boolean {
  const prototype = Object.getPrototypeOf(object);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Any other object (a class instance, an object with a prototype): its own enumerable keys with their
 * values, plus the members it inherits, as plain data, so getters and inherited members read as before.
 */
function plainMembers(object: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = Object.create(null);
  for (const name of Object.keys(object)) copy[name] = object[name];
  for (const name of MEMBERS) {
    if (hasOwn.call(copy, name)) continue;
    const value = object[name];
    if (value !== undefined) copy[name] = value;
  }
  return copy;
}

function unknownMember(reader: RequestReader, name: string): null {
  const lower = name.toLowerCase();
  const meant = MEMBERS.find((known) => known.toLowerCase() === lower);
  const hint = meant === undefined ? `the members are ${MEMBERS.join(', ')}` : `did you mean "${meant}"?`;
  return reader.fail(
    'InvalidRequest',
    `unknown member ${JSON.stringify(name.slice(0, 64))} in the request; ${hint}`,
  );
}

/** Fills `acs:AccessId` from `accessKeyId`, which must agree with the context if it gives one. */
function complete(reader: RequestReader, request: NormalizedRequest): NormalizedRequest | null {
  const caller = request.caller;
  if (caller.kind !== 'principal' && caller.accessKeyId !== null) {
    const context = request.context as Map<string, string>;
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
  return request;
}

function readCaller(
  reader: RequestReader,
  principalValue: unknown,
  accessKeyIdValue: unknown,
  tokenValue: unknown,
): RequestCaller | null {
  const principal = reader.optionalString('principal', principalValue);
  const accessKeyId = reader.optionalString('accessKeyId', accessKeyIdValue);
  const token = reader.optionalString('securityToken', tokenValue, REQUEST_LIMITS.maxSecurityTokenLength);
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

function readTarget(
  reader: RequestReader,
  actionValue: unknown,
  resourceValue: unknown,
  operationValue: unknown,
  region: unknown,
  parameters: unknown,
): RequestTarget | null {
  const action = reader.optionalString('action', actionValue);
  const operation = reader.optionalString('operation', operationValue);
  if (reader.error) return null;
  if (action !== null && operation !== null) {
    return reader.fail(
      'InvalidRequest',
      'the request has both action and operation; give an action (with resource) or an operation (with region and parameters)',
    );
  }
  if (operation !== null) return readOperation(reader, operation, resourceValue, region, parameters);
  if (action === null) {
    return reader.fail('InvalidRequest', 'the request has no action; give one such as "kms:Decrypt"');
  }
  if (region !== undefined) return operationMember(reader, 'region');
  if (parameters !== undefined) return operationMember(reader, 'parameters');
  const resource = reader.optionalString('resource', resourceValue) ?? '*';
  if (reader.error) return null;
  if (!isResourceName(resource)) {
    return reader.fail(
      'InvalidRequest',
      `resource ${JSON.stringify(resource)} is neither "*" nor an ARN acs:<service>:<region>:<account>:<relative-id>`,
    );
  }
  return { kind: 'action', action, resource };
}

function operationMember(reader: RequestReader, name: string): null {
  return reader.fail('InvalidRequest', `${name} belongs to operation requests; this request names an action`);
}

/**
 * True for `*` and for an `acs:` ARN with at least five `:`-separated segments
 * (`acs:<service>:<region>:<account>:<relative-id>`, region and account may be empty).
 */
export function isResourceName(resource: string): boolean {
  if (resource === '*') return true;
  return hasPrefix(resource, 'acs:') && arnColon(resource, 3) >= 0;
}
