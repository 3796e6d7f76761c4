import type { Span } from '../diagnostics.js';
import type { JsonArray, JsonObject, JsonString } from '../parse/json-ast.js';
import { isReservedPolicyName } from './builtin-policies.js';
import {
  arrayMember,
  checkName,
  error,
  findMember,
  type ModelContext,
  readObject,
  requiredString,
  capitalize,
} from './model-fields.js';
import { exactlyOne, readPolicySource } from './policy-source.js';
import type { CustomPolicy, CustomPolicyVersion } from './types.js';

const POLICY_MEMBERS = ['name', 'document', 'file', 'versions', 'defaultVersion'] as const;
const VERSION_MEMBERS = ['id', 'document', 'file'] as const;
const POLICY_NAME = /^[A-Za-z0-9-]+$/;
const VERSION_ID = /^v[1-9][0-9]{0,8}$/;
/** A custom policy keeps at most five versions (interfaces §1). */
export const MAX_POLICY_VERSIONS = 5;

/**
 * Reads `policies[]` into custom policies by name. INVARIANT: every uniquely named policy is in the
 * map, even when its documents are invalid (so attachments to it are not also reported as
 * dangling); a model with any error is discarded, so a partial entry never reaches an engine.
 */
export function readPolicies(ctx: ModelContext, list: JsonArray): Map<string, CustomPolicy> {
  const policies = new Map<string, CustomPolicy>();
  list.items.forEach((item, index) => {
    const object = readObject(ctx, item, `policies[${index}]`, POLICY_MEMBERS);
    if (object === null) return;
    const name = requiredString(ctx, object, 'name', `policies[${index}]`);
    const what = name === undefined ? `policies[${index}]` : `policy "${name.value}"`;
    const versions = readVersions(ctx, object, what);
    if (name === undefined || !checkPolicyName(ctx, name, policies)) return;
    policies.set(name.value, { name: name.value, ...versions, span: object.span });
  });
  return policies;
}

function checkPolicyName(ctx: ModelContext, name: JsonString, policies: Map<string, CustomPolicy>): boolean {
  if (!checkName(ctx, name, 'a policy', POLICY_NAME, 'letters, digits and "-"', 128)) return false;
  const reserved = isReservedPolicyName(name.value);
  if (reserved !== undefined) {
    error(
      ctx,
      'MODEL_RESERVED_POLICY_NAME',
      `The custom policy "${name.value}" takes the name of the system policy "${reserved}"; system policies cannot be redefined.`,
      name.span,
      `Give the custom policy another name, or attach the system policy with "policyType": "System".`,
    );
    return false;
  }
  const first = policies.get(name.value);
  if (first !== undefined) {
    duplicateName(ctx, 'policy', name, first.span);
    return false;
  }
  return true;
}

/** Reports a second definition of a name, pointing back at the first. */
export function duplicateName(ctx: ModelContext, kind: string, name: JsonString, first: Span): void {
  error(
    ctx,
    'MODEL_DUPLICATE_NAME',
    `A ${kind} named "${name.value}" is already defined at line ${first.line}, column ${first.column}.`,
    name.span,
    `Names are unique per kind; rename or remove one of the two ${kind} definitions.`,
  );
}

function readVersions(
  ctx: ModelContext,
  object: JsonObject,
  what: string,
): { versions: CustomPolicyVersion[]; defaultVersion: string } {
  if (!exactlyOne(ctx, object, ['document', 'file', 'versions'], what, 'MODEL_POLICY_SOURCE')) {
    return { versions: [], defaultVersion: 'v1' };
  }
  const defaultMember = findMember(object, 'defaultVersion');
  if (findMember(object, 'versions') === undefined) {
    if (defaultMember !== undefined) {
      error(
        ctx,
        'MODEL_DEFAULT_VERSION',
        `${capitalize(what)} has "defaultVersion" but no "versions".`,
        defaultMember.keySpan,
        'A single-document policy is version v1; remove "defaultVersion", or list the versions under "versions".',
      );
    }
    const document = readPolicySource(ctx, object, { document: 'document', file: 'file' }, 'permission', what);
    return { versions: document === undefined ? [] : [{ id: 'v1', document }], defaultVersion: 'v1' };
  }
  const list = arrayMember(ctx, object, 'versions', what);
  if (list === undefined) return { versions: [], defaultVersion: 'v1' };
  const versions = readVersionList(ctx, list, what);
  const defaultVersion = requiredString(
    ctx,
    object,
    'defaultVersion',
    what,
    'A policy with "versions" names the version in force with "defaultVersion", e.g. "v1".',
  );
  if (defaultVersion === undefined) return { versions, defaultVersion: 'v1' };
  const ids = list.items.flatMap((item) => {
    const id = item.kind === 'object' ? findMember(item, 'id') : undefined;
    return id?.value.kind === 'string' ? [id.value.value] : [];
  });
  if (!ids.includes(defaultVersion.value)) {
    error(
      ctx,
      'MODEL_DEFAULT_VERSION',
      `The default version "${defaultVersion.value}" of ${what} is not one of its versions.`,
      defaultVersion.span,
      ids.length === 0 ? 'List the versions under "versions".' : `Its versions are: ${ids.join(', ')}.`,
    );
  }
  return { versions, defaultVersion: defaultVersion.value };
}

function readVersionList(ctx: ModelContext, list: JsonArray, what: string): CustomPolicyVersion[] {
  if (list.items.length === 0) {
    error(ctx, 'MODEL_POLICY_VERSIONS', `${capitalize(what)} has an empty "versions" list.`, list.span, 'List 1–5 versions.');
  } else if (list.items.length > MAX_POLICY_VERSIONS) {
    error(
      ctx,
      'MODEL_POLICY_VERSIONS',
      `${capitalize(what)} has ${list.items.length} versions; a policy keeps at most ${MAX_POLICY_VERSIONS}.`,
      list.span,
      'Remove the versions that are no longer needed (RAM deletes the oldest non-default version).',
    );
  }
  const versions: CustomPolicyVersion[] = [];
  const seen = new Map<string, Span>();
  list.items.forEach((item, index) => {
    const where = `version ${index} of ${what}`;
    const object = readObject(ctx, item, where, VERSION_MEMBERS);
    if (object === null) return;
    const id = requiredString(ctx, object, 'id', where, 'Version ids are "v1", "v2", ...');
    const versionWhat = id === undefined ? where : `version "${id.value}" of ${what}`;
    const document = exactlyOne(ctx, object, ['document', 'file'], versionWhat, 'MODEL_POLICY_SOURCE')
      ? readPolicySource(ctx, object, { document: 'document', file: 'file' }, 'permission', versionWhat)
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
      `The version id "${id.value}" of ${what} is not of the form "v<number>".`,
      id.span,
      'RAM names policy versions "v1", "v2", ...; use those ids.',
    );
    return false;
  }
  const first = seen.get(id.value);
  if (first !== undefined) {
    error(
      ctx,
      'MODEL_VERSION_ID',
      `${capitalize(what)} has two versions with id "${id.value}" (the first at line ${first.line}).`,
      id.span,
      'Version ids are unique within a policy.',
    );
    return false;
  }
  seen.set(id.value, id.span);
  return true;
}

