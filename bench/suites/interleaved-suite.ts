import type { InterleavedRow } from '../report/results.js';

/** One engine at one size, ready to decide the next request of its mix on each call. */
export interface InterleavedCase {
  engine: string;
  size: number;
  statements: number;
  decide: () => unknown;
}

/** How long the interleaved measurement runs: `rounds` passes over every case, `calls` decisions each. */
export interface InterleavedOptions {
  rounds: number;
  calls: number;
  /** Decisions each case makes before the first round (JIT warm-up), not timed. */
  warmUp: number;
}

/**
 * Times every case in short turns, round after round: each round gives every case one turn of `calls`
 * decisions, measured in CPU time (`process.cpuUsage`), starting one case further along than the round
 * before. This VM's speed drifts 1.5–2× within minutes; timed one after another, two cases can land in
 * different phases, and their ratio then says more about the machine than about the code. Interleaved,
 * every case sees the same mix of phases, so the ratios between sizes and engines hold from run to run
 * even when the absolute times do not. Each row is the median of the case's turns.
 */
export function interleavedSuite(cases: InterleavedCase[], options: InterleavedOptions): InterleavedRow[] {
  for (const c of cases) for (let i = 0; i < options.warmUp; i++) c.decide();
  const turns = cases.map((): number[] => []);
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < cases.length; k++) {
      const at = (k + round) % cases.length;
      const decide = (cases[at] as InterleavedCase).decide;
      const start = process.cpuUsage();
      for (let i = 0; i < options.calls; i++) decide();
      const used = process.cpuUsage(start);
      (turns[at] as number[]).push(((used.user + used.system) * 1e3) / options.calls);
    }
  }
  return cases.map((c, i) => {
    const sorted = (turns[i] as number[]).sort((a, b) => a - b);
    return {
      engine: c.engine,
      size: c.size,
      statements: c.statements,
      cpuNs: sorted[sorted.length >> 1] ?? Number.NaN,
      fastestNs: sorted[0] ?? Number.NaN,
      slowestNs: sorted.at(-1) ?? Number.NaN,
      rounds: options.rounds,
      callsPerRound: options.calls,
    };
  });
}
