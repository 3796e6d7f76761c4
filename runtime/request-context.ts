/**
 * The condition-key values of one check (semantics §5): what the request gave, plus what the engine
 * fills in. Shared by every engine so they all see the same value for every key.
 */
import { hasCodes, prefixCodes } from './match/has-prefix.js';
import type { NormalizedRequest } from './request.js';
import { arnColons } from './request-arn.js';

/** What the engine itself supplies to the context of one (caller, resource) check. */
export interface FilledContext {
  /** The caller's ARN, the value of `acs:PrincipalARN`. */
  principalArn: string;
  /** The resource of this check; decides whether `kms:tag/<k>` and `acs:ResourceTag/<k>` are defined. */
  resource: string;
  /** `acs:CurrentTime` when the request gives none, in the date format (see `formatCurrentTime`). */
  currentTime: string;
}

/**
 * The request value of a condition key (given lower-cased) in the string form operators read, or
 * undefined when the key is missing:
 * - `acs:principalarn`: the caller's ARN (requests may not supply it);
 * - `acs:accessid`: from `accessKeyId` (stored in the context by `readRequest`), else from context;
 * - `kms:tag/<k>` and `acs:resourcetag/<k>`: the resource tag `<k>` (everything after the first `/`,
 *   case-insensitive), only when the resource is one KMS key or secret (`isTaggableResource`);
 * - `acs:currenttime`: from context, else the engine's clock (`filled.currentTime`);
 * - any other key: from context.
 */
export function contextValue(
  request: NormalizedRequest,
  filled: FilledContext,
  keyLower: string,
): string | undefined {
  if (keyLower === 'acs:principalarn') return filled.principalArn;
  const tagKey = resourceTagKey(keyLower);
  if (tagKey !== null) {
    return isTaggableResource(filled.resource) ? request.resourceTags.get(tagKey) : undefined;
  }
  const given = request.context.get(keyLower);
  if (given !== undefined) return given;
  return keyLower === 'acs:currenttime' ? filled.currentTime : undefined;
}

/** The tag key of a lower-cased `kms:tag/<k>` or `acs:resourcetag/<k>` condition key, else null. */
export function resourceTagKey(keyLower: string): string | null {
  if (!keyLower.startsWith('kms:tag/') && !keyLower.startsWith('acs:resourcetag/')) return null;
  return keyLower.slice(keyLower.indexOf('/') + 1);
}

const KMS_ARN = prefixCodes('acs:kms:');
const KEY_ID = prefixCodes('key/');
const SECRET_ID = prefixCodes('secret/');

/**
 * True when the resource is one KMS key (`acs:kms:<region>:<account>:key/<id>`) or one KMS secret
 * (`…:secret/<name>`): the only resources whose tags are defined. `*`, containers (`…:key`), aliases,
 * certificates and other services' resources have no tags.
 */
export function isTaggableResource(resource: string): boolean {
  // After `acs:kms:`, the relative id follows the region's and the account's colons.
  if (!hasCodes(resource, KMS_ARN)) return false;
  const fourth = arnColons(resource)[3] as number;
  if (fourth < 0) return false;
  const relative = fourth + 1;
  const idLength = resource.length - relative;
  return (
    (idLength > KEY_ID.length && hasCodes(resource, KEY_ID, relative)) ||
    (idLength > SECRET_ID.length && hasCodes(resource, SECRET_ID, relative))
  );
}

/** The reading `formatCurrentTime` formatted last (NaN, which equals nothing, before the first). */
const lastClock = new Float64Array([Number.NaN]);
let lastClockText = '';

/**
 * An engine clock reading (epoch milliseconds) in the date format of `acs:CurrentTime`
 * (`2026-11-27T10:00:00.000Z`). A reading that is not a valid time yields text no date operator can
 * read, so date conditions on it are indeterminate.
 */
export function formatCurrentTime(epochMs: number): string {
  // PERF: a clock reads the same millisecond for many requests in a row; format it once.
  if (epochMs === lastClock[0]) return lastClockText;
  const date = new Date(epochMs);
  const text = Number.isNaN(date.getTime()) ? 'invalid clock reading' : date.toISOString();
  lastClock[0] = epochMs;
  lastClockText = text;
  return text;
}
