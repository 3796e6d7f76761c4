/**
 * Action lookups over the catalog (semantics §8.2): find an action, suggest one for a typo, and
 * tell whether an action pattern can match anything at all.
 */
import { closestNames } from '../../runtime/operations.js';
import {
  ACTION_GROUPS,
  CATALOGUED_SERVICES,
  OPERATION_ONLY_NAMES,
  type ResourceType,
} from './action-table.js';
import { kmsConditionKeysFor } from './condition-keys.js';

export type { ResourceType } from './action-table.js';

export interface ActionInfo {
  /** RAM service code, lower case (`kms`). */
  service: string;
  /** The action name without the service (`Decrypt`). */
  name: string;
  /** `service:name` with the catalogued spelling (`kms:Decrypt`). */
  fullName: string;
  resourceTypes: readonly ResourceType[];
  /** Service condition keys the action supports besides the global ones; tag keys as their prefix (`kms:tag/`). */
  conditionKeys: readonly string[];
}

/** Every catalogued action, in catalog order. */
export const ACTIONS: readonly ActionInfo[] = ACTION_GROUPS.flatMap((group) =>
  group.names.map((name) => ({
    service: group.service,
    name,
    fullName: `${group.service}:${name}`,
    resourceTypes: group.resourceTypes,
    conditionKeys:
      group.service === 'kms' ? kmsConditionKeysFor(name, group.resourceTypes) : (group.conditionKeys ?? []),
  })),
);

const BY_LOWER_NAME = new Map(ACTIONS.map((action) => [action.fullName.toLowerCase(), action]));
const FULL_NAMES = ACTIONS.map((action) => action.fullName);
// PERF: no action pattern with more literal characters than the longest action name can match.
const LONGEST_NAME = Math.max(...FULL_NAMES.map((name) => name.length));

/** The action named `fullName` (`kms:Decrypt`), compared case-insensitively like action patterns. */
export function findAction(fullName: string): ActionInfo | undefined {
  return BY_LOWER_NAME.get(fullName.toLowerCase());
}

/**
 * Whether every action of `service` is catalogued, so an unknown action of it is worth a warning.
 * Only `kms`: the few `ram` and `sts` actions are known, their services are not catalogued.
 */
export function isCataloguedService(service: string): boolean {
  return CATALOGUED_SERVICES.includes(service.toLowerCase());
}

/**
 * Up to `max` catalogued actions close to `fullName`, best first ("did you mean"). API names that
 * are not actions (`kms:ReEncrypt`) point at the actions that authorize them. A catalogued name gives [].
 */
export function suggestActions(fullName: string, max = 3): string[] {
  const lower = fullName.toLowerCase();
  if (BY_LOWER_NAME.has(lower)) return [];
  const authorizedBy = OPERATION_ONLY_NAMES.get(lower);
  if (authorizedBy !== undefined) return authorizedBy.slice(0, max);
  return closestNames(fullName, FULL_NAMES, max);
}

/**
 * False only when `pattern` (with `*`/`?`, case-insensitive, whole string) is confined to a
 * catalogued service by a literal service prefix (`kms:…`) and matches none of its catalogued
 * actions, which is what validation warns about (`kms:Decrpyt*`). Patterns that may match
 * actions of other services (`ecs:*`, `k*:Foo`) give true: the catalog cannot judge them.
 */
export function actionPatternMatchesAny(pattern: string): boolean {
  const lower = pattern.toLowerCase();
  let literals = 0;
  for (const c of lower) if (c !== '*') literals++;
  if (literals <= LONGEST_NAME && FULL_NAMES.some((name) => globMatches(lower, name.toLowerCase())))
    return true;
  const colon = lower.indexOf(':');
  const service = lower.slice(0, colon);
  return colon < 0 || /[*?]/.test(service) || !isCataloguedService(service);
}

/** Whole-string glob match: `*` any run (also empty), `?` one character. */
function globMatches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const c = pattern[p];
    if (c === '*') {
      star = p++;
      resume = t;
    } else if (c !== undefined && (c === '?' || c === text[t])) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
