import { dirname } from 'node:path';
import { type Diagnostic, diagnostic, sortDiagnostics, syntheticSpan } from '../diagnostics.js';
import { MAX_JSON_INPUT_LENGTH, parseJson } from '../parse/json-parser.js';
import { readFileBounded } from '../read-bounded.js';
import { linkModel } from './link-model.js';
import { createContext, quote } from './model-fields.js';
import type { AccountModel } from './types.js';

/** A loaded model (null when any diagnostic is an error) and everything found while loading it. */
export interface LoadedModel {
  model: AccountModel | null;
  diagnostics: Diagnostic[];
}

/**
 * The largest model file read, in bytes: a longer one holds more than `MAX_JSON_INPUT_LENGTH` characters
 * (a UTF-8 character takes at most 3 bytes per UTF-16 code unit), which the parser refuses anyway.
 */
export const MAX_MODEL_FILE_BYTES = 3 * MAX_JSON_INPUT_LENGTH;

/** Reads and checks the model file at `path`; files it names are read relative to its directory. */
export function loadModel(path: string): LoadedModel {
  let text: string;
  try {
    const bytes = readFileBounded(path, MAX_MODEL_FILE_BYTES);
    if (bytes === null) return tooLarge(path);
    text = bytes.toString('utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(cause);
    return {
      model: null,
      diagnostics: [
        diagnostic(
          'MODEL_FILE_UNREADABLE',
          'error',
          `Cannot read the model file ${quote(path)}: ${reason}.`,
          syntheticSpan(path),
        ),
      ],
    };
  }
  return loadModelFromText(text, path, dirname(path));
}

function tooLarge(path: string): LoadedModel {
  return {
    model: null,
    diagnostics: [
      diagnostic(
        'MODEL_FILE_TOO_LARGE',
        'error',
        `The model file ${quote(path)} holds more than ${MAX_MODEL_FILE_BYTES} bytes (${MAX_MODEL_FILE_BYTES / 1024 / 1024} MiB), more than a model may; it was not read.`,
        syntheticSpan(path),
      ),
    ],
  };
}

/**
 * Checks model text that came from `file` (used in diagnostics); paths in it are relative to
 * `baseDir`, and files they name are shown to the user joined onto `baseDir` as given.
 */
export function loadModelFromText(text: string, file: string, baseDir: string): LoadedModel {
  const parsed = parseJson(text, file);
  if (parsed.value === null) return { model: null, diagnostics: parsed.diagnostics };
  const ctx = createContext(baseDir);
  ctx.diagnostics.push(...parsed.diagnostics);
  const model = linkModel(ctx, parsed.value);
  return { model, diagnostics: sortDiagnostics(ctx.diagnostics) };
}

/**
 * Checks a model given as a JavaScript object. It is serialized with two-space indentation and
 * parsed, so diagnostics carry positions in that text under the file name `label`.
 */
export function loadModelFromObject(object: unknown, baseDir = '.', label = '<model>'): LoadedModel {
  let text: string | undefined;
  try {
    text = JSON.stringify(object, null, 2);
  } catch (cause) {
    return notJson(label, `it cannot be serialized as JSON (${String(cause)})`);
  }
  if (text === undefined) return notJson(label, 'it is not a JSON value');
  return loadModelFromText(text, label, baseDir);
}

function notJson(label: string, reason: string): LoadedModel {
  return {
    model: null,
    diagnostics: [
      diagnostic(
        'MODEL_WRONG_TYPE',
        'error',
        `The model object is not usable: ${reason}.`,
        syntheticSpan(label),
        'Pass a plain object shaped like `model.json`.',
      ),
    ],
  };
}
