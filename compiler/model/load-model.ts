import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Diagnostic, diagnostic, sortDiagnostics, syntheticSpan } from '../diagnostics.js';
import { parseJson } from '../parse/json-parser.js';
import { linkModel } from './link-model.js';
import { createContext, quote } from './model-fields.js';
import type { AccountModel } from './types.js';

/** A loaded model (null when any diagnostic is an error) and everything found while loading it. */
export interface LoadedModel {
  model: AccountModel | null;
  diagnostics: Diagnostic[];
}

/** Reads and checks the model file at `path`; files it names are read relative to its directory. */
export function loadModel(path: string): LoadedModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
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
