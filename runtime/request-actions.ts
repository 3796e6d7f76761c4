import { lowerCase } from './request-lower-case.js';
import type { DecisionError } from './types.js';

/**
 * Actions that are not access-controlled at all (semantics §8.2): any identified caller may call them,
 * on any resource, whatever its policies say. Lower-cased, since actions compare case-insensitively.
 */
const NOT_ACCESS_CONTROLLED: readonly string[] = ['kms:describeregions'];

/** False for the actions no policy can grant or deny (`kms:DescribeRegions`), true for every other action. */
export function isAccessControlled(action: string): boolean {
  for (const open of NOT_ACCESS_CONTROLLED) {
    // PERF: the length rules out nearly every action before any lower-casing. (Lowering keeps the length of
    // every character but U+0130, which lowers to "i" and a combining dot that no such name holds.)
    if (action.length === open.length && lowerCase(action) === open) return false;
  }
  return true;
}

/** `<service>:<action>`: the characters of policy action patterns (docs/diagnostics.md), no wildcards. */
const ACTION_NAME = /^[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+$/;

/**
 * True when a request's action has the form of an action name. Anything else (`" kms:Decrypt"`,
 * `"kms:*"`, `"Decrypt"`) names no action: deciding it anyway would let `Allow *` grant it while a Deny
 * written for the real action misses it. Every engine refuses it (`notAnActionName`) once it has
 * identified the caller, before deciding anything.
 */
export function isActionName(action: string): boolean {
  return ACTION_NAME.test(action);
}

/** Why a request's action is refused (see `isActionName`). */
export function notAnActionName(action: string): DecisionError {
  return {
    code: 'InvalidRequest',
    message:
      `action ${JSON.stringify(action.slice(0, 80))} is not an action name: write <service>:<action> in ` +
      'letters, digits, _, . and -, such as "kms:Decrypt" (no spaces, no * or ?)',
  };
}
