/**
 * Reads one request (interfaces §2) into a normalized form every engine shares: the reference
 * interpreter, the TS runtime and the Wasm host. Platform-free; no imports outside runtime/.
 */

import { locateColons } from './request-arn.js';
import { REQUEST_LIMITS } from './request-limits.js';
import { RequestMap, type RequestValues } from './request-map.js';
import { readContext, readResourceTags } from './request-maps.js';
import { readOperation } from './request-operation.js';
import { RequestReader } from './request-reader.js';
import type { DecisionError, RequestId } from './types.js';

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
  /** The request's `id`, echoed in its decision: a string or a finite number, as given. */
  id: RequestId | null;
  caller: RequestCaller;
  target: RequestTarget;
  resourceGroup: string | null;
  /** Tag key lower-cased → tag value in string form. */
  resourceTags: RequestValues;
  /**
   * Context key lower-cased → value in string form (JSON number 5 → `"5"`, booleans and the typed
   * boolean keys → `"true"`/`"false"`). Holds `acs:accessid` when the request names `accessKeyId`.
   */
  context: RequestValues;
}

export type ReadRequestResult =
  | { ok: true; request: NormalizedRequest }
  | { ok: false; error: DecisionError; id?: RequestId };

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

const ACCESS_ID = 'acs:accessid';
const MAX_STRING = REQUEST_LIMITS.maxStringLength;
/** What every ARN starts with; its colon is the ARN's first. */
const ARN_SCHEME = 'acs:';

/**
 * Validates and normalizes one request into a new `NormalizedRequest`. Never throws: any problem is an
 * `InvalidRequest` or `InvalidContextValue` error (semantics §6.4), with the request's `id` when it could
 * be read.
 */
export function readRequest(raw: unknown): ReadRequestResult {
  const buffer = new RequestBuffer();
  const error = buffer.read(raw);
  if (error === null) return { ok: true, request: buffer.request };
  const id = buffer.request.id;
  return id === null ? { ok: false, error } : { ok: false, error, id };
}

type TokenCaller = Extract<RequestCaller, { kind: 'securityToken' }>;

/**
 * Reads request after request into the same objects: what `readRequest` does, for an engine deciding
 * many requests.
 * PERF: the TS runtime reads every request into one buffer, so reading a valid action request allocates
 * nothing: `request`, its caller, its action target and its two maps are reused.
 * INVARIANT: `request` and the objects it holds are valid until the next `read`; nothing that outlives a
 * decision may keep them.
 */
export class RequestBuffer {
  /** The request last read; its `id` is set (or null) even when reading failed. */
  readonly request: NormalizedRequest;
  readonly #reader = new RequestReader();
  readonly #principal: Extract<RequestCaller, { kind: 'principal' }> = { kind: 'principal', arn: '' };
  readonly #accessKey: Extract<RequestCaller, { kind: 'accessKey' }> = { kind: 'accessKey', accessKeyId: '' };
  readonly #token: TokenCaller = { kind: 'securityToken', token: '', accessKeyId: null };
  readonly #action: Extract<RequestTarget, { kind: 'action' }> = {
    kind: 'action',
    action: '',
    resource: '*',
  };
  readonly #tags = new RequestMap();
  readonly #context = new RequestMap();

  constructor() {
    this.request = {
      id: null,
      caller: this.#principal,
      target: this.#action,
      resourceGroup: null,
      resourceTags: this.#tags,
      context: this.#context,
    };
  }

  /** Reads `raw` into `request`: null when it is valid, else why not. Never throws. */
  read(raw: unknown): DecisionError | null {
    const reader = this.#reader;
    reader.reset();
    this.#tags.clear();
    this.#context.clear();
    this.request.id = null;
    try {
      this.#read(raw);
    } catch {
      // Only a hostile JavaScript object (a throwing getter or proxy) gets here; JSON input cannot.
      reader.fail('InvalidRequest', 'the request could not be read as plain JSON data');
    }
    return reader.error;
  }

  /** Sets `acs:AccessId`: the AccessKeyId of the STS credentials that signed the request (semantics §5). */
  setAccessId(accessKeyId: string): void {
    this.#context.set(ACCESS_ID, accessKeyId);
  }

  #read(raw: unknown): void {
    const reader = this.#reader;
    const object = reader.object('the request', raw);
    if (object === null) return;
    // The objects JSON.parse and object literals make (prototype Object.prototype or null) have all their
    // members as own enumerable keys; any other object is read through `plainMembers`.
    // PERF: reading a member first gives V8 the object's map, from which it knows the prototype without a
    // runtime call (valgrind: about 130 instructions fewer); which member it reads does not matter.
    void object.action;
    const prototype = Object.getPrototypeOf(object);
    const source = prototype === Object.prototype || prototype === null ? object : plainMembers(object);
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
      // biome-ignore lint/suspicious/noPrototypeBuiltins: V8 drops it in for-in (runtime/request-maps.ts).
      if (!Object.prototype.hasOwnProperty.call(source, name)) continue;
      // PERF: the members every action request has come first: the cases are compared in order.
      switch (name) {
        case 'principal':
          principal = source[name];
          break;
        case 'action':
          action = source[name];
          break;
        case 'resource':
          resource = source[name];
          break;
        case 'context':
          context = source[name];
          break;
        case 'resourceTags':
          resourceTags = source[name];
          break;
        case 'resourceGroup':
          resourceGroup = source[name];
          break;
        case 'id':
          idValue = source[name];
          break;
        case 'accessKeyId':
          accessKeyId = source[name];
          break;
        case 'securityToken':
          securityToken = source[name];
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
        default:
          unknownName = name;
      }
      if (unknownName !== null) break;
      nameLength += name.length;
    }
    const request = this.request;
    // PERF: members that requests usually leave out are tested for absence here, before a call: V8 does
    // not inline `optionalString` into these functions, and each call costs about 25 instructions.
    request.id = idValue === undefined ? null : readId(reader, idValue);
    if (unknownName !== null) {
      unknownMember(reader, unknownName);
      return;
    }
    reader.count(nameLength);
    if (!this.#readCaller(principal, accessKeyId, securityToken)) return;
    if (!this.#readTarget(action, resource, operation, region, parameters)) return;
    request.resourceGroup =
      resourceGroup === undefined ? null : reader.optionalString('resourceGroup', resourceGroup);
    if (!readResourceTags(reader, resourceTags, this.#tags)) return;
    if (!readContext(reader, context, this.#context)) return;
    if (reader.error === null) this.#complete();
  }

  #readCaller(principalValue: unknown, accessKeyIdValue: unknown, tokenValue: unknown): boolean {
    const reader = this.#reader;
    const principal = memberString(reader, 'principal', principalValue);
    const accessKeyId =
      accessKeyIdValue === undefined ? null : reader.optionalString('accessKeyId', accessKeyIdValue);
    const token =
      tokenValue === undefined
        ? null
        : reader.optionalString('securityToken', tokenValue, REQUEST_LIMITS.maxSecurityTokenLength);
    if (reader.error) return false;
    if (principal !== null && (accessKeyId !== null || token !== null)) {
      return refuse(
        reader,
        'the request names its caller twice; give exactly one of principal, accessKeyId or securityToken ' +
          '(accessKeyId may accompany securityToken)',
      );
    }
    const request = this.request;
    if (principal !== null) {
      this.#principal.arn = principal;
      request.caller = this.#principal;
    } else if (token !== null) {
      this.#token.token = token;
      this.#token.accessKeyId = accessKeyId;
      request.caller = this.#token;
    } else if (accessKeyId !== null) {
      this.#accessKey.accessKeyId = accessKeyId;
      request.caller = this.#accessKey;
    } else {
      return refuse(
        reader,
        'the request names no caller; give one of principal (a caller ARN), accessKeyId or securityToken',
      );
    }
    return true;
  }

  #readTarget(
    actionValue: unknown,
    resourceValue: unknown,
    operationValue: unknown,
    region: unknown,
    parameters: unknown,
  ): boolean {
    const reader = this.#reader;
    const action = memberString(reader, 'action', actionValue);
    const operation =
      operationValue === undefined ? null : reader.optionalString('operation', operationValue);
    if (reader.error) return false;
    if (action !== null && operation !== null) {
      return refuse(
        reader,
        'the request has both action and operation; give an action (with resource) or an operation (with region and parameters)',
      );
    }
    if (operation !== null) {
      const target = readOperation(reader, operation, resourceValue, region, parameters);
      if (target === null) return false;
      this.request.target = target;
      return true;
    }
    if (action === null) {
      return refuse(reader, 'the request has no action; give one such as "kms:Decrypt"');
    }
    if (region !== undefined) return operationMember(reader, 'region');
    if (parameters !== undefined) return operationMember(reader, 'parameters');
    const resource = memberString(reader, 'resource', resourceValue) ?? '*';
    if (reader.error) return false;
    if (!isResourceName(resource)) {
      return refuse(
        reader,
        `resource ${JSON.stringify(resource)} is neither "*" nor an ARN acs:<service>:<region>:<account>:<relative-id>`,
      );
    }
    this.#action.action = action;
    this.#action.resource = resource;
    this.request.target = this.#action;
    return true;
  }

  /** Fills `acs:AccessId` from `accessKeyId`, which must agree with the context if it gives one. */
  #complete(): void {
    // PERF: small, so that V8 inlines it and keeps its inlining budget for the rest of the reading.
    if (this.request.caller.kind !== 'principal') this.#fillAccessId();
  }

  #fillAccessId(): void {
    const caller = this.request.caller;
    if (caller.kind === 'principal' || caller.accessKeyId === null) return;
    const given = this.#context.get(ACCESS_ID);
    if (given !== undefined && given !== caller.accessKeyId) {
      refuse(
        this.#reader,
        `context acs:AccessId ${JSON.stringify(given)} differs from accessKeyId ${JSON.stringify(caller.accessKeyId)}; ` +
          'the engine fills acs:AccessId from accessKeyId, so leave it out of context',
      );
      return;
    }
    this.#context.set(ACCESS_ID, caller.accessKeyId);
  }
}

/**
 * `reader.optionalString(name, raw)`, for the members every action request has.
 * PERF: V8 inlines this small function into the reading functions, where it does not inline
 * `optionalString` (valgrind: about 45 instructions per call), so a valid string skips the call.
 */
function memberString(reader: RequestReader, name: string, raw: unknown): string | null {
  // One comparison for 1 ≤ length ≤ MAX_STRING: the empty string's length − 1 wraps around to 2³² − 1.
  return typeof raw === 'string' && (raw.length - 1) >>> 0 < MAX_STRING
    ? reader.counted(raw)
    : reader.optionalString(name, raw);
}

/**
 * The `id` member: a string (as every member, non-empty and bounded) or a finite number, which hosts
 * that number their requests use; either is echoed unchanged. Null when invalid (recorded).
 */
function readId(reader: RequestReader, raw: unknown): RequestId | null {
  if (typeof raw === 'string') return reader.optionalString('id', raw);
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  const shown =
    typeof raw === 'number'
      ? String(raw)
      : raw === null
        ? 'null'
        : Array.isArray(raw)
          ? 'an array'
          : typeof raw === 'object'
            ? 'an object'
            : `a ${typeof raw}`;
  return reader.fail('InvalidRequest', `id must be a string or a finite number, not ${shown}`);
}

/** Records an InvalidRequest error and returns false, for `return refuse(...)`. */
function refuse(reader: RequestReader, message: string): false {
  reader.fail('InvalidRequest', message);
  return false;
}

/**
 * Any other object (a class instance, an object with a prototype): its own enumerable keys with their
 * values, plus the members it inherits, as plain data, so getters and inherited members read as before.
 */
function plainMembers(object: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = Object.create(null);
  for (const name of Object.keys(object)) copy[name] = object[name];
  for (const name of MEMBERS) {
    if (Object.hasOwn(copy, name)) continue;
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

function operationMember(reader: RequestReader, name: string): false {
  return refuse(reader, `${name} belongs to operation requests; this request names an action`);
}

/**
 * True for `*` and for an `acs:` ARN with at least five `:`-separated segments
 * (`acs:<service>:<region>:<account>:<relative-id>`, region and account may be empty).
 */
export function isResourceName(resource: string): boolean {
  if (resource === '*') return true;
  // PERF: `acs:` compared here, code unit by code unit, rather than by a call that V8 does not inline
  // (valgrind: about 70 instructions per request). The length test keeps every read within the string.
  if (
    resource.length < ARN_SCHEME.length ||
    resource.charCodeAt(0) !== 0x61 ||
    resource.charCodeAt(1) !== 0x63 ||
    resource.charCodeAt(2) !== 0x73 ||
    resource.charCodeAt(3) !== 0x3a
  )
    return false;
  return (locateColons(resource, ARN_SCHEME.length - 1)[3] as number) >= 0;
}
