import type { Span } from '../diagnostics.js';
import type { JsonArray, JsonObject, JsonString } from '../parse/json-ast.js';
import { reservedPolicyName } from './builtin-policies.js';
import {
  arrayMember,
  capitalize,
  checkName,
  error,
  findMember,
  isNewName,
  itemLabel,
  type ModelContext,
  quote,
  readObject,
  requiredString,
} from './model-fields.js';
import { exactlyOne, readPolicySource } from './policy-source.js';
import type { CustomPolicy, CustomPolicyVersion } from './types.js';

const POLICY_MEMBERS = ['name', 'document', 'file', 'versions', 'defaultVersion'] as const;
const VERSION_MEMBERS = ['id', 'document', 'file'] as const;
const SOURCE_KEYS = { document: 'document', file: 'file' };
const POLICY_NAME = /^[A-Za-z0-9-]+$/;
const VERSION_ID = /^v[1-9][0-9]{0,8}$/;
/** A custom policy keeps at most five versions (interfaces §1). */
export const MAX_POLICY_VERSIONS = 5;

/**
 * Reads `policies[]` into custom policies by name. INVARIANT: every uniquely named policy is in the
 * map even when its documents are invalid (so attachments to it are not reported as dangling too);
 * a model with any error is discarded, so such a partial entry never reaches an engine.
 */
export function readPolicies(ctx: ModelContext, list: JsonArray): Map<string, CustomPolicy> {
  const policies = new Map<string, CustomPolicy>();
  list.items.forEach((item, index) => {
    const what = itemLabel(item, 'policy', 'policies', index);
    const object = readObject(ctx, item, what, POLICY_MEMBERS);
    if (object === null) return;
    const name = requiredString(ctx, object, 'name', what);
    const versions = readVersions(ctx, object, what);
    if (name === undefined || !checkPolicyName(ctx, name, policies)) return;
    policies.set(name.value, { name: name.value, ...versions, span: object.span });
  });
  return policies;
}

function checkPolicyName(ctx: ModelContext, name: JsonString, policies: Map<string, CustomPolicy>): boolean {
  if (!checkName(ctx, name, 'a policy', POLICY_NAME, 'letters, digits and `-`', 128)) return false;
  const reserved = reservedPolicyName(name.value);
  if (reserved !== undefined) {
    error(
      ctx,
      'MODEL_RESERVED_POLICY_NAME',
      `The custom policy ${quote(name.value)} takes the name of the system policy \`${reserved}\`; system policies cannot be redefined.`,
      name.span,
      'Give the custom policy another name; to use the system policy, attach it with `"policyType": "System"`.',
    );
    return false;
  }
  return isNewName(ctx, 'policy', name, policies);
}

function readVersions(
  ctx: ModelContext,
  object: JsonObject,
  what: string,
): { versions: CustomPolicyVersion[]; defaultVersion: string } {
  const none = { versions: [], defaultVersion: 'v1' };
  if (!exactlyOne(ctx, object, ['document', 'file', 'versions'], what, 'MODEL_POLICY_SOURCE')) return none;
  const defaultMember = findMember(object, 'defaultVersion');
  if (findMember(object, 'versions') === undefined) {
    if (defaultMember !== undefined) {
      error(
        ctx,
        'MODEL_DEFAULT_VERSION',
        `${capitalize(what)} has \`defaultVersion\` but no \`versions\`.`,
        defaultMember.keySpan,
        'A single-document policy is version v1: remove `defaultVersion`, or list the versions under `versions`.',
      );
    }
    const document = readPolicySource(ctx, object, SOURCE_KEYS, 'permission', what);
    return { versions: document === undefined ? [] : [{ id: 'v1', document }], defaultVersion: 'v1' };
  }
  const list = arrayMember(ctx, object, 'versions', what);
  if (list === undefined) return none;
  const versions = readVersionList(ctx, list, what);
  const defaultVersion = requiredString(
    ctx,
    object,
    'defaultVersion',
    what,
    'A policy with `versions` names the version in force with `defaultVersion`, e.g. `"defaultVersion": "v1"`.',
  );
  if (defaultVersion === undefined) return none;
  const ids = [
    ...new Set(
      list.items.flatMap((item) => {
        const id = item.kind === 'object' ? findMember(item, 'id') : undefined;
        return id?.value.kind === 'string' ? [id.value.value] : [];
      }),
    ),
  ];
  if (!ids.includes(defaultVersion.value)) {
    error(
      ctx,
      'MODEL_DEFAULT_VERSION',
      `The default version ${quote(defaultVersion.value)} of ${what} is not one of its versions.`,
      defaultVersion.span,
      ids.length === 0
        ? 'List the versions under `versions`.'
        : `Its versions are ${ids.map(quote).join(', ')}.`,
    );
  }
  return { versions, defaultVersion: defaultVersion.value };
}

function readVersionList(ctx: ModelContext, list: JsonArray, what: string): CustomPolicyVersion[] {
  if (list.items.length === 0) {
    error(
      ctx,
      'MODEL_POLICY_VERSIONS',
      `${capitalize(what)} has an empty \`versions\` list.`,
      list.span,
      'List 1–5 versions.',
    );
  } else if (list.items.length > MAX_POLICY_VERSIONS) {
    error(
      ctx,
      'MODEL_POLICY_VERSIONS',
      `${capitalize(what)} has ${list.items.length} versions; a policy keeps at most ${MAX_POLICY_VERSIONS}.`,
      list.span,
      'Remove versions that are no longer needed (RAM makes you delete a non-default version before adding a sixth).',
    );
  }
  const versions: CustomPolicyVersion[] = [];
  const seen = new Map<string, Span>();
  list.items.forEach((item, index) => {
    const versionWhat = `${itemLabel(item, 'version', 'versions', index, 'id')} of ${what}`;
    const object = readObject(ctx, item, versionWhat, VERSION_MEMBERS);
    if (object === null) return;
    const id = requiredString(ctx, object, 'id', versionWhat, 'Version ids are `v1`, `v2`, ...');
    const document = exactlyOne(ctx, object, ['document', 'file'], versionWhat, 'MODEL_POLICY_SOURCE')
      ? readPolicySource(ctx, object, SOURCE_KEYS, 'permission', versionWhat)
      : undefined;
    if (id === undefined || !checkVersionId(ctx, id, what, seen)) return;
    if (document !== undefined) versions.push({ id: id.value, document });
  });
  return versions;
}

function checkVersionId(ctx: ModelContext, id: JsonString, what: string, seen: Map<string, Span>): boolean {
  if (!VERSION_ID.test(id.value)) {
    error(
      ctx,
      'MODEL_VERSION_ID',
      `The version id ${quote(id.value)} of ${what} is not of the form \`v<number>\`.`,
      id.span,
      'RAM names policy versions `v1`, `v2`, ...: use those ids.',
    );
    return false;
  }
  const first = seen.get(id.value);
  if (first !== undefined) {
    error(
      ctx,
      'MODEL_DUPLICATE_VERSION',
      `${capitalize(what)} has two versions with id ${quote(id.value)} (the first at line ${first.line}, column ${first.column}).`,
      id.span,
      'Version ids are unique within a policy: renumber one of them.',
    );
    return false;
  }
  seen.set(id.value, id.span);
  return true;
}
