import { type BenchConfig, SLOW_CASE_NS } from '../config.js';
import type { Contender } from '../engines/contender.js';
import type { PreparedWorkload } from '../engines/prepare-workload.js';
import { disagreement } from '../engines/verify.js';
import { type BenchCase, runSuite } from '../harness.js';
import type { DecisionRow } from '../report/results.js';
import { formatCount } from '../report/table.js';
import { MIX_SIZE } from '../workloads/request-mix.js';

/** Thrown when an engine's answers differ from the reference: the run stops, nothing is timed. */
export class DisagreementError extends Error {}

export interface Entrant {
  contender: Contender;
  family: DecisionRow['family'];
}

/**
 * Times each entrant deciding the mix, one request per call, cycling through all 256 (so the median is
 * over the mix's blend of allows and denies). Every entrant's answers are first checked against the
 * reference on the whole mix; the first disagreement throws a DisagreementError.
 */
export async function decisionSuite(
  prepared: PreparedWorkload,
  entrants: Entrant[],
  config: BenchConfig,
): Promise<DecisionRow[]> {
  const cases: BenchCase[] = [];
  for (const { contender } of entrants) {
    const started = performance.now();
    const problem = disagreement(contender, prepared);
    if (problem !== null) throw new DisagreementError(problem);
    const firstPassNs = ((performance.now() - started) * 1e6) / MIX_SIZE;
    cases.push({
      name: contender.name,
      setup: () => {
        let index = 0;
        return () => {
          const decision = contender.decide(index);
          index = (index + 1) & (MIX_SIZE - 1);
          return decision;
        };
      },
      ...(firstPassNs > SLOW_CASE_NS ? { options: config.slowDecisions } : {}),
    });
  }
  const statements = prepared.workload.statements;
  const suite = `decisions · ${formatCount(statements)} statements`;
  const results = await runSuite(suite, cases, { ...config.decisions, cpuTime: true });
  return results.map((result, i) => ({
    engine: result.name,
    family: entrants[i]?.family ?? 'peer',
    size: prepared.size,
    statements,
    medianNs: result.medianNs,
    cpuNs: result.cpuNs ?? Number.NaN,
    decisionsPerSecond: result.opsPerSecond,
    relativeMarginOfError: result.relativeMarginOfError,
    samples: result.samples,
  }));
}
