import { describe, expect, it } from 'vitest';
import { type InterleavedCase, interleavedSuite } from '../../bench/suites/interleaved-suite.js';

/** A case whose every call is logged by name in `log`, spinning `work` iterations. */
function loggedCase(engine: string, size: number, log: string[], work: number): InterleavedCase {
  let sink = 0;
  return {
    engine,
    size,
    statements: size + 1,
    decide: () => {
      log.push(`${engine}@${size}`);
      for (let i = 0; i < work; i++) sink += i;
      return sink;
    },
  };
}

/** The case each turn of `log` belonged to, with `calls` calls a turn, after `warmUp` calls per case. */
function turnsOf(log: string[], cases: number, warmUp: number, calls: number): string[] {
  const timed = log.slice(cases * warmUp);
  const turns: string[] = [];
  for (let at = 0; at < timed.length; at += calls) {
    expect(new Set(timed.slice(at, at + calls)).size).toBe(1);
    turns.push(timed[at] as string);
  }
  return turns;
}

describe('interleavedSuite', () => {
  it('warms every case, then gives each a turn per round, starting one case further along each round', () => {
    const log: string[] = [];
    const cases = [
      loggedCase('ts', 10, log, 1),
      loggedCase('ts', 5_000, log, 1),
      loggedCase('wasm', 10, log, 1),
    ];
    interleavedSuite(cases, { rounds: 4, calls: 3, warmUp: 2 });
    expect(log.slice(0, 6)).toEqual(['ts@10', 'ts@10', 'ts@5000', 'ts@5000', 'wasm@10', 'wasm@10']);
    expect(turnsOf(log, 3, 2, 3)).toEqual([
      ...['ts@10', 'ts@5000', 'wasm@10'],
      ...['ts@5000', 'wasm@10', 'ts@10'],
      ...['wasm@10', 'ts@10', 'ts@5000'],
      ...['ts@10', 'ts@5000', 'wasm@10'],
    ]);
  });

  it('reports each case by its median turn, with its fastest and slowest, in the order given', () => {
    const log: string[] = [];
    const rows = interleavedSuite([loggedCase('ts', 10, log, 10), loggedCase('wasm', 100, log, 20_000)], {
      rounds: 5,
      calls: 200,
      warmUp: 10,
    });
    expect(rows.map((r) => [r.engine, r.size, r.statements, r.rounds, r.callsPerRound])).toEqual([
      ['ts', 10, 11, 5, 200],
      ['wasm', 100, 101, 5, 200],
    ]);
    for (const row of rows) {
      expect(row.fastestNs).toBeGreaterThanOrEqual(0);
      expect(row.fastestNs).toBeLessThanOrEqual(row.cpuNs);
      expect(row.cpuNs).toBeLessThanOrEqual(row.slowestNs);
      expect(Number.isFinite(row.slowestNs)).toBe(true);
    }
    // 2,000 times the work per call: CPU time tells the two apart whatever else the machine runs.
    expect((rows[1] as { cpuNs: number }).cpuNs).toBeGreaterThan((rows[0] as { cpuNs: number }).cpuNs);
  });
});
