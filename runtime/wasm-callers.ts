import type { DecodedBundle } from './decoded-bundle.js';
import { compileProgram, type Program } from './evaluate-program.js';

const EMPTY = new Int32Array(0);

/**
 * The caller tables of a bundle (account, STS key, users, roles, access keys and their sets), for
 * `resolveCaller` and the token verifier. INVARIANT: compiled without the bundle's statements, conditions
 * and sets, which only the Wasm core reads; nothing that reads this Program looks at them.
 */
export function callerTables(b: DecodedBundle): Program {
  return compileProgram({ ...b, statements: EMPTY, conditions: EMPTY, sets: EMPTY });
}
