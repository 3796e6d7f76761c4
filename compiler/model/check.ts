import { type Diagnostic, sortDiagnostics } from '../diagnostics.js';
import { loadModel, loadModelFromObject } from './load-model.js';

/** Every diagnostic of a model (a path to model.json, or a model object), sorted by file and position. */
export function check(model: string | object): Diagnostic[] {
  const loaded = typeof model === 'string' ? loadModel(model) : loadModelFromObject(model);
  return sortDiagnostics(loaded.diagnostics);
}
