import type { DecisionKind } from '../../runtime/types.js';
import type { Workload } from '../workloads/types.js';

/** Something that decides a workload's requests, by index in the mix: a ramc engine or a peer. */
export interface Contender {
  name: string;
  /** Decides request `index` of the mix it was prepared for. Everything else was done beforehand. */
  decide(index: number): DecisionKind;
}

/** Another authorization engine run on an equivalent of the workload (bench/peers/). */
export interface Peer {
  name: string;
  /** The npm package, for the version in the results. */
  packageName: string;
  /** Every way the peer's policies or requests differ from ramc's; rendered in docs/benchmarks.md. */
  differences: string[];
  /** Translates the workload's policies and requests and prepares them; nothing here is timed. */
  prepare(workload: Workload): Contender;
}
