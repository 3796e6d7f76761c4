import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { JsonObject, JsonString } from '../parse/json-ast.js';
import { parseJson } from '../parse/json-parser.js';
import type { PolicyDocument, PolicyKind } from '../policy/ast.js';
import { validatePolicy } from '../policy/validate-policy.js';
import { readFileBounded } from '../read-bounded.js';
import { capitalize, error, findMember, type ModelContext, quote, wrongType } from './model-fields.js';

/**
 * Referenced files larger than this are refused unread. A policy document holds at most 6,144
 * characters (semantics §9), so this leaves room for any formatting while bounding memory.
 */
export const MAX_REFERENCED_FILE_BYTES = 1024 * 1024;

/** The path of a referenced file as the user would open it: the model's directory joined with it. */
export function displayPath(ctx: ModelContext, relative: string): string {
  return isAbsolute(relative) ? relative : join(ctx.baseDir, relative);
}

/**
 * Reads the file named by `file` (a path relative to the model); a missing, unreadable or oversized
 * file is reported at the `file` value's position. Returns the path shown to the user and the text.
 */
export function readReferencedFile(
  ctx: ModelContext,
  file: JsonString,
  what: string,
): { path: string; text: string } | undefined {
  if (file.value.trim() === '') {
    error(
      ctx,
      'MODEL_FILE_UNREADABLE',
      `${capitalize(what)} is an empty path.`,
      file.span,
      'Give a path relative to the model file.',
    );
    return undefined;
  }
  const path = displayPath(ctx, file.value);
  const help = `Paths are relative to the directory of the model file; this one is ${quote(path)}.`;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) {
      error(
        ctx,
        'MODEL_FILE_UNREADABLE',
        `${quote(path)}, named by ${what}, is not a file.`,
        file.span,
        help,
      );
      return undefined;
    }
    // Read up to the bound, whatever the file's size said: it may grow between the two calls.
    const bytes = readFileBounded(path, MAX_REFERENCED_FILE_BYTES);
    if (bytes === null) {
      error(
        ctx,
        'MODEL_FILE_TOO_LARGE',
        `${quote(path)}, named by ${what}, holds more than ${MAX_REFERENCED_FILE_BYTES} bytes; a model may name files of at most ${MAX_REFERENCED_FILE_BYTES} bytes.`,
        file.span,
        'A policy document holds at most 6,144 characters: check that the path names the right file.',
      );
      return undefined;
    }
    return { path, text: bytes.toString('utf8') };
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(cause);
    error(
      ctx,
      'MODEL_FILE_UNREADABLE',
      `Cannot read ${quote(path)}, named by ${what}: ${reason}.`,
      file.span,
      help,
    );
    return undefined;
  }
}

/**
 * The policy document of `owner`, given inline under `keys.document` or by path under `keys.file`
 * (the caller has checked that exactly one is present). Undefined when it is invalid (reported).
 */
export function readPolicySource(
  ctx: ModelContext,
  owner: JsonObject,
  keys: { document: string; file: string },
  kind: PolicyKind,
  what: string,
): PolicyDocument | undefined {
  const inline = findMember(owner, keys.document);
  if (inline !== undefined) {
    return validated(ctx, validatePolicy(inline.value, kind, { file: inline.value.span.file }));
  }
  const file = findMember(owner, keys.file);
  if (file === undefined) return undefined;
  if (file.value.kind !== 'string') {
    wrongType(ctx, file.value, `\`${keys.file}\` of ${what}`, 'a string (a path relative to the model file)');
    return undefined;
  }
  const read = readReferencedFile(ctx, file.value, `\`${keys.file}\` of ${what}`);
  if (read === undefined) return undefined;
  const parsed = parseJson(read.text, read.path);
  ctx.diagnostics.push(...parsed.diagnostics);
  if (parsed.value === null) return undefined;
  return validated(ctx, validatePolicy(parsed.value, kind, { file: read.path }));
}

function validated(
  ctx: ModelContext,
  result: { document: PolicyDocument | null; diagnostics: readonly Diagnostic[] },
): PolicyDocument | undefined {
  ctx.diagnostics.push(...result.diagnostics);
  return result.document ?? undefined;
}

/** Reports unless exactly one of `keys` is a member of `owner`; returns whether exactly one is. */
export function exactlyOne(
  ctx: ModelContext,
  owner: JsonObject,
  keys: readonly string[],
  what: string,
  code: string,
): boolean {
  const present = owner.members.filter((m) => keys.includes(m.key));
  const list = keys.map((k) => `\`${k}\``).join(', ');
  const [first, second] = present;
  if (first === undefined) {
    error(ctx, code, `${capitalize(what)} has none of ${list}; it needs exactly one.`, owner.span);
    return false;
  }
  if (second === undefined) return true;
  error(
    ctx,
    code,
    `${capitalize(what)} has both \`${first.key}\` and \`${second.key}\`; it needs exactly one of ${list}.`,
    second.keySpan,
    'Keep one of them and remove the others.',
  );
  return false;
}
