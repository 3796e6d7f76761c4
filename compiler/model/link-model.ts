import { createPublicKey } from 'node:crypto';
import { hasErrors } from '../diagnostics.js';
import type { JsonObject, JsonString, JsonValue } from '../parse/json-ast.js';
import {
  arrayMember,
  error,
  findMember,
  type ModelContext,
  missing,
  quote,
  readObject,
  stringMember,
  wrongType,
} from './model-fields.js';
import { checkAttachmentLimits } from './model-limits.js';
import { exactlyOne, readReferencedFile } from './policy-source.js';
import { readAttachments } from './read-attachments.js';
import { readGroups, readUsers } from './read-identities.js';
import { readPolicies } from './read-policies.js';
import { readRoles } from './read-roles.js';
import type { AccountModel } from './types.js';

const MODEL_MEMBERS = ['account', 'sts', 'policies', 'groups', 'users', 'roles', 'attachments'] as const;
const STS_MEMBERS = ['publicKeyFile', 'publicKey'] as const;
const ACCOUNT_ID = /^[0-9]{1,32}$/;
const PUBLIC_KEY_PEM = /^-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----$/;

/**
 * Checks a parsed model and links its references (groups of users, identities and policies of
 * attachments). Every problem goes to `ctx.diagnostics`; the model is returned only without errors.
 */
export function linkModel(ctx: ModelContext, root: JsonValue): AccountModel | null {
  const object = readObject(ctx, root, 'the model', MODEL_MEMBERS);
  if (object === null) return null;
  const account = readAccount(ctx, object);
  const stsPublicKeyPem = readSts(ctx, object);
  const list = (key: string) =>
    arrayMember(ctx, object, key, 'the model') ?? { kind: 'array' as const, items: [], span: object.span };
  const policies = readPolicies(ctx, list('policies'));
  const groups = readGroups(ctx, list('groups'));
  const users = readUsers(ctx, list('users'), groups);
  const roles = readRoles(ctx, list('roles'));
  const attachments = readAttachments(ctx, list('attachments'), { policies, users, groups, roles });
  checkAttachmentLimits(ctx, attachments);
  if (account === undefined || hasErrors(ctx.diagnostics)) return null;
  return { account, stsPublicKeyPem, policies, users, groups, roles, attachments };
}

function readAccount(ctx: ModelContext, object: JsonObject): string | undefined {
  const m = findMember(object, 'account');
  if (m === undefined) {
    missing(
      ctx,
      object,
      'account',
      'the model',
      'Give the account id as a string of digits, e.g. `"account": "1234567890123456"`.',
    );
    return undefined;
  }
  if (m.value.kind === 'number') {
    error(
      ctx,
      'MODEL_WRONG_TYPE',
      '`account` must be a string of digits, not a number.',
      m.value.span,
      `Quote it: \`"account": "${m.value.raw}"\`. Long ids lose digits when read as JSON numbers.`,
    );
    return undefined;
  }
  const account = stringMember(ctx, object, 'account', 'the model');
  if (account === undefined) return undefined;
  if (ACCOUNT_ID.test(account.value)) return account.value;
  error(
    ctx,
    'MODEL_ACCOUNT',
    `The account id ${quote(account.value)} is not 1–32 digits.`,
    account.span,
    'An Alibaba Cloud account id is all digits, e.g. `1234567890123456`.',
  );
  return undefined;
}

function readSts(ctx: ModelContext, object: JsonObject): string | null {
  const m = findMember(object, 'sts');
  if (m === undefined) return null;
  const sts = readObject(ctx, m.value, '`sts`', STS_MEMBERS);
  if (sts === null || !exactlyOne(ctx, sts, STS_MEMBERS, '`sts`', 'MODEL_STS_KEY')) return null;
  const inline = findMember(sts, 'publicKey');
  if (inline !== undefined) {
    if (inline.value.kind !== 'string') {
      wrongType(ctx, inline.value, '`publicKey` of `sts`', 'a string (PEM text)');
      return null;
    }
    return checkPublicKey(ctx, inline.value.value, inline.value, 'The `publicKey` of `sts`');
  }
  const file = stringMember(ctx, sts, 'publicKeyFile', '`sts`');
  if (file === undefined) return null;
  const read = readReferencedFile(ctx, file, '`publicKeyFile` of `sts`');
  if (read === undefined) return null;
  return checkPublicKey(ctx, read.text, file, quote(read.path));
}

/** The PEM text, trimmed, when it is a public key; reported at `where` otherwise. */
function checkPublicKey(ctx: ModelContext, text: string, where: JsonString, what: string): string | null {
  const pem = text.trim();
  const help =
    'Give the public key that `ramc sts keygen` writes (`sts-public.pem`), a PEM block `-----BEGIN PUBLIC KEY-----`.';
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    error(
      ctx,
      'MODEL_STS_KEY',
      `${what} holds a private key; a model names only the public key that verifies security tokens.`,
      where.span,
      `${help} Keep the private key out of the model and of every bundle.`,
    );
    return null;
  }
  if (!PUBLIC_KEY_PEM.test(pem) || !parsesAsPublicKey(pem)) {
    error(ctx, 'MODEL_STS_KEY', `${what} is not a PEM public key.`, where.span, help);
    return null;
  }
  return `${pem}\n`;
}

function parsesAsPublicKey(pem: string): boolean {
  try {
    createPublicKey(pem);
    return true;
  } catch {
    return false;
  }
}
