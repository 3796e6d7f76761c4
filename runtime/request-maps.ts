import { REQUEST_LIMITS } from './request-limits.js';
import { type RequestReader, type Scalar, scalarText } from './request-reader.js';
import { parseBool, parseDate, parseIpAddress } from './values/index.js';

/** Reads `resourceTags`: tag key lower-cased → value in string form. Absent → empty. */
export function readResourceTags(reader: RequestReader, raw: unknown): Map<string, string> | null {
  const tags = new Map<string, string>();
  if (raw === undefined) return tags;
  const object = reader.object('resourceTags', raw);
  if (object === null) return null;
  const entries = Object.entries(object);
  if (entries.length > REQUEST_LIMITS.maxResourceTags) {
    return reader.fail('InvalidRequest', `resourceTags has more than ${REQUEST_LIMITS.maxResourceTags} tags`);
  }
  const written = new Map<string, string>();
  for (const [key, value] of entries) {
    if (!reader.key('resourceTags', key)) return null;
    const scalar = reader.scalar(`resourceTags ${JSON.stringify(key)}`, value, 'InvalidRequest');
    if (scalar === null) return null;
    const lower = key.toLowerCase();
    const other = written.get(lower);
    if (other !== undefined) return sameIgnoringCase(reader, 'resourceTags', other, key);
    written.set(lower, key);
    tags.set(lower, scalarText(scalar));
  }
  return tags;
}

/** Reads `context`: key lower-cased → value in string form, typed global keys validated. Absent → empty. */
export function readContext(reader: RequestReader, raw: unknown): Map<string, string> | null {
  const context = new Map<string, string>();
  if (raw === undefined) return context;
  const object = reader.object('context', raw);
  if (object === null) return null;
  const entries = Object.entries(object);
  if (entries.length > REQUEST_LIMITS.maxContextKeys) {
    return reader.fail('InvalidRequest', `context has more than ${REQUEST_LIMITS.maxContextKeys} keys`);
  }
  const written = new Map<string, string>();
  for (const [key, value] of entries) {
    if (!reader.key('context key', key)) return null;
    const lower = key.toLowerCase();
    const other = written.get(lower);
    if (other !== undefined) return sameIgnoringCase(reader, 'context', other, key);
    written.set(lower, key);
    const scalar = reader.scalar(`context value of ${key}`, value, 'InvalidContextValue');
    if (scalar === null) return null;
    const text = readContextValue(reader, key, lower, scalar);
    if (text === null) return null;
    context.set(lower, text);
  }
  return context;
}

function sameIgnoringCase(reader: RequestReader, where: string, first: string, second: string): null {
  return reader.fail(
    'InvalidRequest',
    `${where} has both ${JSON.stringify(first)} and ${JSON.stringify(second)}, which are the same key ignoring case; keep one`,
  );
}

/** Checks one context value against its key's rules and returns its string form. */
function readContextValue(reader: RequestReader, key: string, lower: string, value: Scalar): string | null {
  if (lower === 'acs:principalarn') {
    return reader.fail(
      'InvalidRequest',
      `context may not give ${key}: the engine fills acs:PrincipalARN from the caller`,
    );
  }
  if (lower.startsWith('kms:tag/') || lower.startsWith('acs:resourcetag/')) {
    return reader.fail(
      'InvalidRequest',
      `context may not give ${key}: put the resource's tags in resourceTags, and the engine exposes each as ` +
        'kms:tag/<key> and acs:ResourceTag/<key>',
    );
  }
  switch (lower) {
    case 'acs:sourceip':
      if (typeof value === 'string' && parseIpAddress(value) !== null) return value;
      return invalid(
        reader,
        key,
        value,
        'an IPv4 or IPv6 address such as "203.0.113.7" (a string, no /prefix)',
      );
    case 'acs:currenttime':
      if (typeof value === 'string' && parseDate(value) !== null) return value;
      return invalid(reader, key, value, 'a date-time such as "2026-11-27T10:00:00Z"');
    case 'acs:securetransport':
    case 'acs:mfapresent': {
      const flag = typeof value === 'boolean' ? value : typeof value === 'string' ? parseBool(value) : null;
      if (flag !== null) return flag ? 'true' : 'false';
      return invalid(
        reader,
        key,
        value,
        'a boolean: true, false, or the string "true" or "false" in any case',
      );
    }
    default:
      return scalarText(value);
  }
}

function invalid(reader: RequestReader, key: string, value: Scalar, expected: string): null {
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : String(value);
  return reader.fail('InvalidContextValue', `context ${key} is ${shown}; it must be ${expected}`);
}
