/**
 * How the parameters of a KMS API call name resources: identifiers (key ids, alias names, secret
 * names, certificate ids, or full ARNs) resolved into the ARNs the operation table checks, with
 * every mistake reported as a message. No imports and no Node APIs (see operations.ts).
 */

/** At most this many secrets in one BatchGetSecretValue, and resources in one TagResources-style call. */
export const MAX_BATCH_RESOURCES = 100;
/** Longest accepted identifier parameter (KeyId, SecretName, ...), in UTF-16 code units. */
export const MAX_PARAMETER_LENGTH = 1024;

/** What an identifier parameter names, and so which ARN it becomes. */
export type IdKind = 'key' | 'key-or-alias' | 'alias' | 'secret' | 'certificate';
const ID_HINT: Record<IdKind, string> = {
  key: 'a key id (key-…) or key ARN',
  'key-or-alias': 'a key id (key-…), a key ARN or an alias name (alias/…)',
  alias: 'an alias name (alias/…) or alias ARN',
  secret: 'a secret name or secret ARN',
  certificate: 'a certificate id or certificate ARN',
};

/** What an expander works on: the call's name, its parameters (an own copy) and the ARN prefix. */
export interface Context {
  operation: string;
  parameters: Record<string, unknown>;
  /** `acs:kms:<region>:<account>:` */
  prefix: string;
}

/** A user mistake, reported as data. */
export interface Invalid {
  invalid: string;
}

/** A region id as it appears in ARNs. */
export const REGION = /^[a-z0-9-]{1,64}$/;
const ACCOUNT = /^[0-9]{1,32}$/;

/** The ARN named by `parameter`, or null when the call does not give it. */
export function optionalId(ctx: Context, parameter: string, kind: IdKind): string | Invalid | null {
  const value = ctx.parameters[parameter];
  if (value === undefined) return null;
  if (typeof value === 'string') return resolveId(ctx, parameter, value, kind);
  return {
    invalid: `Parameter ${parameter} of ${ctx.operation} must be a string, ${ID_HINT[kind]}; got ${show(value)}.`,
  };
}

/** The ARN named by `parameter`, which the call must give. */
export function requiredId(ctx: Context, parameter: string, kind: IdKind): string | Invalid {
  return (
    optionalId(ctx, parameter, kind) ?? {
      invalid: `${ctx.operation} needs the parameter ${parameter}: ${ID_HINT[kind]}.`,
    }
  );
}

/** The ARN an identifier names: a full `acs:kms:` ARN as is, otherwise one in the caller's account and region. */
export function resolveId(ctx: Context, parameter: string, id: string, kind: IdKind): string | Invalid {
  const where = `Parameter ${parameter} of ${ctx.operation}`;
  if (id === '' || id.length > MAX_PARAMETER_LENGTH) {
    return {
      invalid: `${where} must be 1 to ${MAX_PARAMETER_LENGTH} characters (${ID_HINT[kind]}); got ${id.length}.`,
    };
  }
  // An identifier names one resource; a wildcard in it would become a pattern-like ARN that a Deny on
  // the real resource does not match.
  if (id.includes('*') || id.includes('?')) {
    return {
      invalid: `${where} names one resource and may not hold * or ? (${ID_HINT[kind]}); got ${show(id)}.`,
    };
  }
  const wrong: Invalid = { invalid: `${where} must be ${ID_HINT[kind]}; got ${show(id)}.` };
  if (id.startsWith('acs:kms:')) {
    const [, , region = '', account = '', ...rest] = id.split(':');
    const relative = rest.join(':');
    const slash = relative.indexOf('/');
    const type = relative.slice(0, slash);
    const allowed = kind === 'key-or-alias' ? type === 'key' || type === 'alias' : type === kind;
    const named = slash > 0 && slash < relative.length - 1;
    return allowed && named && REGION.test(region) && ACCOUNT.test(account) ? id : wrong;
  }
  const isAlias = id.startsWith('alias/');
  if (kind === 'alias' || (kind === 'key-or-alias' && isAlias))
    return isAlias && id.length > 6 ? ctx.prefix + id : wrong;
  if (kind === 'key' && isAlias) return wrong;
  return `${ctx.prefix}${kind === 'key-or-alias' ? 'key' : kind}/${id}`;
}

/** BatchGetSecretValue takes `SecretNames` (an array) or `SecretNameList` (a JSON array in a string). */
export function readSecretNames(ctx: Context): string[] | Invalid {
  const { SecretNames: names, SecretNameList: list } = ctx.parameters;
  if ((names === undefined) === (list === undefined)) {
    return {
      invalid:
        'BatchGetSecretValue needs exactly one of SecretNames (an array of secret names) or SecretNameList (a JSON array in a string).',
    };
  }
  if (names !== undefined) return readStringArray(ctx, 'SecretNames', names);
  if (typeof list !== 'string' || list.length > MAX_BATCH_RESOURCES * (MAX_PARAMETER_LENGTH + 8)) {
    return {
      invalid: `Parameter SecretNameList of BatchGetSecretValue must be a JSON array of names in a string, like '["db-password","api-token"]'; got ${show(list)}.`,
    };
  }
  try {
    return readStringArray(ctx, 'SecretNameList', JSON.parse(list));
  } catch {
    return {
      invalid: `Parameter SecretNameList of BatchGetSecretValue is not valid JSON; write it like '["db-password","api-token"]'.`,
    };
  }
}

/** `value` as an array of 1 to MAX_BATCH_RESOURCES strings. */
export function readStringArray(ctx: Context, parameter: string, value: unknown): string[] | Invalid {
  const where = `Parameter ${parameter} of ${ctx.operation}`;
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_BATCH_RESOURCES) {
    return {
      invalid: `${where} must be an array of 1 to ${MAX_BATCH_RESOURCES} strings; got ${show(value)}.`,
    };
  }
  const index = value.findIndex((item) => typeof item !== 'string');
  if (index >= 0)
    return { invalid: `${where}: element ${index} must be a string; got ${show(value[index])}.` };
  return value as string[];
}

/** A short, safe rendering of a user value for messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} element${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value !== 'string') return `the ${typeof value} ${String(value).slice(0, 40)}`;
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
