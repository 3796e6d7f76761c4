import type { BenchResults, DecisionRow, InterleavedRow } from './results.js';
import { formatBytes, formatDuration, formatRatio } from './table.js';

/** One project target and how this run measured up. */
export interface TargetCheck {
  target: string;
  status: 'met' | 'missed' | 'not measured';
  measured: string;
}

/** A latency curve is flat when its slowest median is at most this many times its fastest. */
export const FLATNESS_LIMIT = 1.5;
const KB = 1024;

export function median(results: BenchResults, engine: string, size: number): DecisionRow | undefined {
  return results.decisions.find((d) => d.engine === engine && d.size === size);
}

function check(target: string, measured: string | null, met: boolean): TargetCheck {
  if (measured === null) return { target, status: 'not measured', measured: '–' };
  return { target, status: met ? 'met' : 'missed', measured };
}

function latency(results: BenchResults, engine: string): TargetCheck {
  const row = median(results, engine, 5_000);
  const target = `${engine}: median ≤ 1 µs per decision at 5,000 statements`;
  if (row === undefined) return check(target, null, false);
  const over = row.medianNs > 1_000 ? `, ${formatRatio(row.medianNs / 1_000)} the target` : '';
  const turns = interleavedRows(results, engine).find((r) => r.size === 5_000);
  const interleaved = turns === undefined ? '' : `, interleaved CPU ${formatDuration(turns.cpuNs)}`;
  const measured = `${formatDuration(row.medianNs)} (CPU ${formatDuration(row.cpuNs)}${interleaved}${over})`;
  return check(target, measured, row.medianNs <= 1_000);
}

/** The engine's interleaved rows, ascending by size; empty when the run has none for it. */
function interleavedRows(results: BenchResults, engine: string): InterleavedRow[] {
  return results.interleaved.filter((r) => r.engine === engine).sort((a, b) => a.size - b.size);
}

const spreadOf = (values: number[]) => Math.max(...values) / Math.min(...values);

/**
 * Judged on the interleaved CPU medians when the run has them for at least two sizes: each size's own
 * medians were measured minutes apart, and this VM's speed drifts 1.5–2× over minutes for all code alike,
 * so their spread is mostly the machine's. Older runs are judged on the per-size wall-clock medians.
 */
function flatness(results: BenchResults, engine: string): TargetCheck {
  const rows = results.decisions.filter((d) => d.engine === engine).sort((a, b) => a.size - b.size);
  const turns = interleavedRows(results, engine);
  const target = `${engine}: flat from 10 to 10,000 statements (slowest median ≤ ${FLATNESS_LIMIT}× fastest)`;
  if (turns.length >= 2) {
    const spread = spreadOf(turns.map((r) => r.cpuNs));
    const separate =
      rows.length >= 2 ? `; sizes timed apart: ${formatRatio(spreadOf(rows.map((r) => r.medianNs)))}` : '';
    return check(
      target,
      `${formatRatio(spread)} (interleaved CPU${separate}) over ${range(turns)} statements`,
      spread <= FLATNESS_LIMIT,
    );
  }
  if (rows.length < 2) return check(target, null, false);
  const spread = spreadOf(rows.map((r) => r.medianNs));
  const cpu = formatRatio(spreadOf(rows.map((r) => r.cpuNs)));
  return check(
    target,
    `${formatRatio(spread)} (CPU ${cpu}) over ${range(rows)} statements`,
    spread <= FLATNESS_LIMIT,
  );
}

function range(rows: { statements: number }[]): string {
  return `${rows[0]?.statements.toLocaleString('en-US')}–${rows.at(-1)?.statements.toLocaleString('en-US')}`;
}

function versusPeer(results: BenchResults, engine: string, peers: string[], factor: number): TargetCheck {
  const ours = median(results, engine, 1_000);
  const theirs = peers.map((p) => median(results, p, 1_000)).filter((r) => r !== undefined);
  const target = `${engine}: ≥ ${factor}× faster than ${peers[0]} at 1,000 statements`;
  if (ours === undefined || theirs.length === 0) return check(target, null, false);
  // The fastest way we ran the peer is the one the target is judged against.
  const fastest = theirs.reduce((a, b) => (a.medianNs <= b.medianNs ? a : b));
  const ratio = fastest.medianNs / ours.medianNs;
  const cpu = formatRatio(fastest.cpuNs / ours.cpuNs);
  return check(target, `${formatRatio(ratio)} (CPU ${cpu}; vs ${fastest.engine})`, ratio >= factor);
}

function load(results: BenchResults, engine: string): TargetCheck {
  const row = results.load.find((l) => l.engine === engine && l.size === 5_000);
  const target = `${engine}: a 5,000-statement bundle loads in ≤ 5 ms`;
  if (row === undefined) return check(target, null, false);
  return check(target, formatDuration(row.medianMs * 1e6), row.medianMs <= 5);
}

/**
 * Bytes per decision beyond the result below which a decision counts as allocating nothing more: the
 * sampling profiler's and the kept-results measurement's combined error is a few bytes.
 */
export const ALLOCATION_NOISE_BYTES = 16;

function allocation(results: BenchResults, engine: string): TargetCheck {
  const rows = results.allocation.filter((a) => a.engine === engine);
  const target = `${engine}: allocates nothing per decision beyond its result (< ${ALLOCATION_NOISE_BYTES} B at every size)`;
  if (rows.length === 0) return check(target, null, false);
  const worst = rows.reduce((a, b) => (b.beyondResultBytes > a.beyondResultBytes ? b : a));
  const measured =
    `${formatBytes(worst.beyondResultBytes)} beyond a ${formatBytes(worst.resultBytes)} result ` +
    `(${formatBytes(worst.allocatedBytes)} allocated; worst of ${rows.length} sizes, at ` +
    `${worst.statements.toLocaleString('en-US')} statements)`;
  return check(target, measured, worst.beyondResultBytes < ALLOCATION_NOISE_BYTES);
}

/** Every target of the project, judged on this run; unmeasured ones (a quick run, no Wasm engine) say so. */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const { artifacts } = results;
  const wasmBytes = artifacts.wasmModule?.bytes;
  return [
    latency(results, 'ts'),
    latency(results, 'wasm'),
    flatness(results, 'ts'),
    flatness(results, 'wasm'),
    versusPeer(results, 'ts', ['cedar-wasm', 'cedar-wasm/caller'], 20),
    versusPeer(results, 'wasm', ['cedar-wasm', 'cedar-wasm/caller'], 20),
    versusPeer(results, 'ts', ['iam-simulate'], 100),
    versusPeer(results, 'wasm', ['iam-simulate'], 100),
    check(
      'release .wasm ≤ 48 KiB',
      wasmBytes === undefined ? null : formatBytes(wasmBytes),
      wasmBytes !== undefined && wasmBytes <= 48 * KB,
    ),
    check(
      'runtime JS ≤ 20 KiB gzipped',
      `${formatBytes(artifacts.runtimeJs.gzipBytes)} (${formatBytes(artifacts.runtimeJs.bytes)} minified)`,
      artifacts.runtimeJs.gzipBytes <= 20 * KB,
    ),
    load(results, 'ts'),
    load(results, 'wasm'),
    allocation(results, 'ts'),
  ];
}
