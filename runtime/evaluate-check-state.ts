import {
  type CompiledCondition,
  SOURCE_CURRENT_TIME,
  SOURCE_PRINCIPAL_ARN,
  SOURCE_RESOURCE_TAG,
} from './evaluate-condition.js';
import { resourceKey } from './match/resource-index.js';
import type { NormalizedRequest } from './request.js';
import { formatCurrentTime, isTaggableResource } from './request-context.js';

const CURRENT_TIME_KEY = 'acs:currenttime';
/** `resourceKey` returns -1 or a non-negative hash, never this. */
const NOT_HASHED = -2;

const EMPTY_REQUEST: NormalizedRequest = {
  id: null,
  caller: { kind: 'principal', arn: '' },
  target: { kind: 'action', action: '', resource: '*' },
  resourceGroup: null,
  resourceTags: new Map(),
  context: new Map(),
};

/**
 * The (caller, action, resource) pair being decided, and the request values its conditions read.
 * PERF: one instance per authorizer, reset for each check, so deciding allocates nothing for it.
 */
export class CheckState {
  request: NormalizedRequest = EMPTY_REQUEST;
  principalArn = '';
  /** The action, lower-cased. */
  action = '';
  /** The action as the request wrote it, for explanations. */
  actionAsGiven = '';
  /** Index of the action among the bundle's known actions, or -1. */
  actionId = -1;
  resource = '';
  /** Whether the resource has tags (`kms:tag/<k>` and `acs:ResourceTag/<k>` are defined): 1, 0, or -1 for not yet known. */
  #taggable = -1;
  /** The resource's `resourceKey`, once an index has asked for it (NOT_HASHED until then). */
  #resourceKey = NOT_HASHED;
  /** `acs:CurrentTime` from the clock, read at most once per request. */
  #clockTime: string | null = null;
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Starts a new request: forgets the clock reading of the previous one. */
  startRequest(request: NormalizedRequest, principalArn: string): void {
    this.request = request;
    this.principalArn = principalArn;
    this.#clockTime = null;
  }

  /** Names the identified caller, and the request as the engine completed it, keeping the clock reading. */
  identify(request: NormalizedRequest, principalArn: string): void {
    this.request = request;
    this.principalArn = principalArn;
  }

  /** `acs:CurrentTime`: the request's, else the clock read once per request, in the date format. */
  currentTime(): string {
    const given = this.request.context.get(CURRENT_TIME_KEY);
    if (given !== undefined) return given;
    this.#clockTime ??= formatCurrentTime(this.#now());
    return this.#clockTime;
  }

  startCheck(actionAsGiven: string, action: string, actionId: number, resource: string): void {
    this.actionAsGiven = actionAsGiven;
    this.action = action;
    this.actionId = actionId;
    this.resource = resource;
    this.#taggable = -1;
    this.#resourceKey = NOT_HASHED;
  }

  /** What resource indexes file the resource under (runtime/match/resource-index.ts), hashed once per check. */
  resourceKey(): number {
    if (this.#resourceKey === NOT_HASHED) this.#resourceKey = resourceKey(this.resource);
    return this.#resourceKey;
  }

  /**
   * The request value of a condition's key, or undefined when missing: the same rules as `contextValue`
   * of runtime/request-context.ts, with the key's kind resolved once at load.
   */
  valueOf(c: CompiledCondition): string | undefined {
    switch (c.source) {
      case SOURCE_PRINCIPAL_ARN:
        return this.principalArn;
      case SOURCE_RESOURCE_TAG:
        if (this.#taggable < 0) this.#taggable = isTaggableResource(this.resource) ? 1 : 0;
        return this.#taggable === 1 ? this.request.resourceTags.get(c.tagKey) : undefined;
      case SOURCE_CURRENT_TIME:
        return this.currentTime();
      default:
        return this.request.context.get(c.key);
    }
  }
}
