import { formatDuration, type Table } from './table.js';

/** One fresh process's times, in milliseconds (`bench/cold-start-child.ts`). */
export interface ColdStart {
  /** Compiling `ramc.wasm` (the Wasm engine only). */
  compile?: number;
  load: number;
  first: number;
}

const STEPS: [keyof ColdStart, string][] = [
  ['compile', 'compile ramc.wasm'],
  ['load', 'load the bundle'],
  ['first', 'first decision'],
];

/**
 * The table `npm run bench:cold` prints: per engine and step, the median of the runs and their fastest and
 * slowest. A step an engine does not have is left out.
 */
export function coldStartTable(runs: ReadonlyMap<string, readonly ColdStart[]>): Table {
  const rows: string[][] = [];
  for (const [engine, starts] of runs) {
    for (const [step, label] of STEPS) {
      const times = starts.map((s) => s[step]).filter((t) => t !== undefined);
      if (times.length === 0) continue;
      times.sort((a, b) => a - b);
      const ms = (t: number | undefined) => formatDuration((t ?? Number.NaN) * 1e6);
      rows.push([engine, label, ms(median(times)), `${ms(times[0])} – ${ms(times.at(-1))}`]);
    }
  }
  return { header: ['engine', 'step', 'median', 'fastest – slowest'], rows };
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
