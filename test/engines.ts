import { referenceAuthorizer } from '../compiler/reference/index.js';
import type { Authorizer } from '../runtime/types.js';

/** An engine under conformance test: turns a case file's model into an `Authorizer`. */
export interface Engine {
  name: string;
  /** Builds the engine for one model; throws (or rejects) with a readable message when the model is refused. */
  prepare(model: object): Promise<Authorizer> | Authorizer;
  /**
   * Known gaps: case id (`<area>/<file>#<index>`, index 0-based) → why this engine fails it. Listed
   * cases run as expected failures, so a fixed gap shows up and must be removed from this list.
   */
  todo?: Record<string, string>;
}

/** Every engine the conformance suite runs; new engines are appended here. */
export const ENGINES: Engine[] = [
  {
    name: 'reference',
    prepare: (model) => referenceAuthorizer(model),
  },
];
