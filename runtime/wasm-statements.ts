/**
 * Names the statements the Wasm core reports by id (runtime/wasm-layout.ts, CHECK_RESULT) the way a
 * decision names them (interfaces §3), from the bundle tables the host decoded.
 */
import type { DecodedBundle } from './decoded-bundle.js';
import {
  NONE,
  POLICY_NAME,
  POLICY_TYPE,
  POLICY_VERSION,
  POLICY_WORDS,
  STATEMENT_FLAG_DENY,
  STATEMENT_FLAGS,
  STATEMENT_INDEX,
  STATEMENT_POLICY,
  STATEMENT_SID,
  STATEMENT_WORDS,
} from './format.js';
import type { DecidingStatement, PolicyType } from './types.js';

const POLICY_TYPES: readonly PolicyType[] = ['System', 'Custom', 'Session', 'Trust'];

type Named = Omit<DecidingStatement, 'scope'>;

/** The statements of one bundle, named on first use. */
export class StatementNames {
  readonly #b: DecodedBundle;
  readonly #named: (Named | undefined)[];
  /** Statement id → its frozen entry for the scope it was last named in. */
  readonly #shared: (Readonly<DecidingStatement> | undefined)[];

  constructor(b: DecodedBundle) {
    this.#b = b;
    this.#named = new Array(b.statements.length / STATEMENT_WORDS);
    this.#shared = new Array(b.statements.length / STATEMENT_WORDS);
  }

  /**
   * Statement `id` as a deciding statement with `scope`; a negative id `-(i + 1)` is statement i as a
   * Deny that counted because its condition was indeterminate. Member order is the reference engine's.
   */
  deciding(id: number, scope: string): DecidingStatement {
    const indeterminate = id < 0;
    const index = indeterminate ? -id - 1 : id;
    const named = this.#name(index);
    if (indeterminate) return this.#entry(named, scope, true);
    // PERF: as in the TS runtime, one frozen entry per statement and scope serves every decision.
    const shared = this.#shared[index];
    if (shared !== undefined && shared.scope === scope) return shared;
    const entry = Object.freeze(this.#entry(named, scope, false));
    this.#shared[index] = entry;
    return entry;
  }

  #entry(named: Named, scope: string, indeterminate: boolean): DecidingStatement {
    const statement: DecidingStatement = {
      policy: named.policy,
      policyType: named.policyType,
      version: named.version,
      statement: named.statement,
      sid: named.sid,
      effect: named.effect,
      scope,
    };
    if (indeterminate) statement.indeterminate = true;
    return statement;
  }

  #name(id: number): Named {
    let named = this.#named[id];
    if (named !== undefined) return named;
    const b = this.#b;
    const at = id * STATEMENT_WORDS;
    const policy = (b.statements[at + STATEMENT_POLICY] as number) * POLICY_WORDS;
    const version = b.policies[policy + POLICY_VERSION] as number;
    const sid = b.statements[at + STATEMENT_SID] as number;
    named = {
      policy: b.strings[b.policies[policy + POLICY_NAME] as number] as string,
      policyType: POLICY_TYPES[b.policies[policy + POLICY_TYPE] as number] as PolicyType,
      version: version === NONE ? null : (b.strings[version] as string),
      statement: b.statements[at + STATEMENT_INDEX] as number,
      sid: sid === NONE ? null : (b.strings[sid] as string),
      effect: ((b.statements[at + STATEMENT_FLAGS] as number) & STATEMENT_FLAG_DENY) !== 0 ? 'Deny' : 'Allow',
    };
    this.#named[id] = named;
    return named;
  }
}
