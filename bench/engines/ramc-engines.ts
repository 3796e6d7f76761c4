import { loadBundle } from '../../runtime/index.js';
import type { Authorizer } from '../../runtime/types.js';
import type { Contender } from './contender.js';
import type { PreparedWorkload } from './prepare-workload.js';
import type { WasmEngine } from './wasm-engine.js';

/** An engine behind the `Authorizer` interface, deciding the mix's requests as given (JSON-shaped objects). */
export function authorizerContender(
  name: string,
  authorizer: Authorizer,
  prepared: PreparedWorkload,
): Contender {
  const requests = prepared.workload.requests;
  return { name, decide: (index) => authorizer.authorize(requests[index]).decision };
}

/** The reference interpreter, the TS runtime and, when present, the Wasm engine, loaded for one workload. */
export async function ramcContenders(
  prepared: PreparedWorkload,
  wasm: WasmEngine | null,
): Promise<Contender[]> {
  const contenders = [
    authorizerContender('reference', prepared.reference, prepared),
    authorizerContender('ts', loadBundle(prepared.bundle), prepared),
  ];
  if (wasm !== null) contenders.push(authorizerContender('wasm', await wasm.load(prepared.bundle), prepared));
  return contenders;
}
