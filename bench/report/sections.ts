import type { BaselineComparison, Change } from './baseline.js';
import type { BenchResults, DecisionRow } from './results.js';
import { formatBytes, formatCount, formatDuration, formatRatio, type Table } from './table.js';
import type { TargetCheck } from './targets.js';

/** The tables of a report, shared by the terminal summary and docs/benchmarks.md. */

const RAMC_ORDER = ['reference', 'ts', 'wasm'];

function sizesOf(results: BenchResults): number[] {
  return [...new Set(results.decisions.map((d) => d.size))].sort((a, b) => a - b);
}

function statementsAt(results: BenchResults, size: number): string {
  return formatCount(results.workloads.find((w) => w.size === size)?.statements ?? size);
}

/** Engines in display order: ramc's own first, then the peers as they ran. */
function engines(results: BenchResults): DecisionRow[] {
  const firsts = new Map<string, DecisionRow>();
  for (const d of results.decisions) if (!firsts.has(d.engine)) firsts.set(d.engine, d);
  const rank = (d: DecisionRow) => (d.family === 'ramc' ? RAMC_ORDER.indexOf(d.engine) : RAMC_ORDER.length);
  return [...firsts.values()].sort((a, b) => rank(a) - rank(b));
}

const label = (d: DecisionRow) => (d.family === 'ramc' ? `ramc ${d.engine}` : d.engine);

function perEngine(results: BenchResults, cell: (row: DecisionRow | undefined) => string): Table {
  const sizes = sizesOf(results);
  return {
    header: ['engine / statements', ...sizes.map((s) => statementsAt(results, s))],
    rows: engines(results).map((e) => [
      label(e),
      ...sizes.map((s) => cell(results.decisions.find((d) => d.engine === e.engine && d.size === s))),
    ]),
  };
}

export function latencyTable(results: BenchResults): Table {
  return perEngine(results, (row) => (row === undefined ? '–' : formatDuration(row.medianNs)));
}

export function cpuTable(results: BenchResults): Table {
  return perEngine(results, (row) => (row === undefined ? '–' : formatDuration(row.cpuNs)));
}

export function throughputTable(results: BenchResults): Table {
  return perEngine(results, (row) => (row === undefined ? '–' : formatCount(row.decisionsPerSecond)));
}

/**
 * The interleaved CPU medians (bench/suites/interleaved-suite.ts): an engine per row, a size per column,
 * and the slowest size over the fastest; each cell also gives the fastest and slowest turn.
 */
export function interleavedTable(results: BenchResults): Table {
  const sizes = [...new Set(results.interleaved.map((r) => r.size))].sort((a, b) => a - b);
  const names = [...new Set(results.interleaved.map((r) => r.engine))];
  return {
    header: ['engine / statements', ...sizes.map((s) => statementsAt(results, s)), 'slowest / fastest'],
    rows: names.map((engine) => {
      const rows = sizes.map((s) => results.interleaved.find((r) => r.engine === engine && r.size === s));
      const medians = rows.flatMap((r) => (r === undefined ? [] : [r.cpuNs]));
      return [
        `ramc ${engine}`,
        ...rows.map((r) =>
          r === undefined
            ? '–'
            : `${formatDuration(r.cpuNs)} (${formatDuration(r.fastestNs)}–${formatDuration(r.slowestNs)})`,
        ),
        medians.length < 2 ? '–' : formatRatio(Math.max(...medians) / Math.min(...medians)),
      ];
    }),
  };
}

/** For each ramc compiled engine and each peer: how many times faster ramc is, per size, by wall or CPU time. */
export function ratioTable(results: BenchResults, metric: 'medianNs' | 'cpuNs' = 'medianNs'): Table {
  const sizes = sizesOf(results);
  const all = engines(results);
  const ours = all.filter((e) => e.family === 'ramc' && e.engine !== 'reference');
  const peers = all.filter((e) => e.family === 'peer');
  const at = (engine: string, size: number) =>
    results.decisions.find((d) => d.engine === engine && d.size === size);
  const rows = ours.flatMap((o) =>
    peers.map((p) => [
      `${label(o)} vs ${p.engine}`,
      ...sizes.map((s) => {
        const [mine, theirs] = [at(o.engine, s), at(p.engine, s)];
        return mine && theirs ? formatRatio(theirs[metric] / mine[metric]) : '–';
      }),
    ]),
  );
  return { header: ['ramc is … faster / statements', ...sizes.map((s) => statementsAt(results, s))], rows };
}

export function compileTable(results: BenchResults): Table {
  return {
    header: ['statements', 'compile (median)', 'statements/s', 'bundle', 'bytes/statement'],
    rows: results.compile.map((c) => [
      formatCount(c.statements),
      formatDuration(c.medianMs * 1e6),
      formatCount(c.statementsPerSecond),
      formatBytes(c.bundleBytes),
      formatCount(c.bytesPerStatement),
    ]),
  };
}

export function loadTable(results: BenchResults): Table {
  const engineNames = [...new Set(results.load.map((l) => l.engine))];
  const memoryNames = [...new Set(results.memory.map((m) => m.engine))];
  const rows = results.compile.map((c) => {
    const load = engineNames.map((e) => results.load.find((l) => l.engine === e && l.size === c.size));
    const memory = memoryNames.map((e) => results.memory.find((m) => m.engine === e && m.size === c.size));
    return [
      formatCount(c.statements),
      ...load.map((l) => (l === undefined ? '–' : formatDuration(l.medianMs * 1e6))),
      ...memory.map((m) =>
        m === undefined ? '–' : formatBytes(Math.max(0, m.heapBytes + m.arrayBufferBytes)),
      ),
    ];
  });
  return {
    header: ['statements', ...engineNames.map((e) => `${e} load`), ...memoryNames.map((e) => `${e} memory`)],
    rows,
  };
}

/** Bytes per decision of each ramc engine at each size: allocated, kept by the result, and the rest. */
export function allocationTable(results: BenchResults): Table {
  const rank = (engine: string) => {
    const at = RAMC_ORDER.indexOf(engine);
    return at < 0 ? RAMC_ORDER.length : at;
  };
  const rows = [...results.allocation].sort((a, b) => rank(a.engine) - rank(b.engine) || a.size - b.size);
  return {
    header: ['engine', 'statements', 'allocated', 'kept by the result', 'beyond the result'],
    rows: rows.map((a) => [
      a.engine,
      formatCount(a.statements),
      formatBytes(a.allocatedBytes),
      formatBytes(a.resultBytes),
      formatBytes(a.beyondResultBytes),
    ]),
  };
}

export function parserTable(results: BenchResults): Table {
  return {
    header: ['statements', 'JSON bytes', 'parseJson (median)', 'MB/s'],
    rows: results.parser.map((p) => [
      statementsAt(results, p.size),
      formatBytes(p.bytes),
      formatDuration(p.medianMs * 1e6),
      p.megabytesPerSecond.toFixed(1),
    ]),
  };
}

export function artifactTable(results: BenchResults): Table {
  const { runtimeJs, wasmGlueJs, wasmModule } = results.artifacts;
  const rows = [
    [
      'runtime/index.ts, bundled and minified',
      formatBytes(runtimeJs.bytes),
      formatBytes(runtimeJs.gzipBytes),
    ],
  ];
  if (wasmGlueJs !== null) {
    rows.push([
      'runtime/wasm.ts, bundled and minified',
      formatBytes(wasmGlueJs.bytes),
      formatBytes(wasmGlueJs.gzipBytes),
    ]);
  }
  if (wasmModule !== null) {
    rows.push([`${wasmModule.path}`, formatBytes(wasmModule.bytes), formatBytes(wasmModule.gzipBytes)]);
  }
  return { header: ['artifact', 'bytes', 'gzip -9'], rows };
}

export function workloadTable(results: BenchResults): Table {
  const share = (n: number, total: number) => `${Math.round((100 * n) / total)}%`;
  return {
    header: ['statements', 'policies', 'users', 'groups', 'roles', 'Allow', 'ExplicitDeny', 'ImplicitDeny'],
    rows: results.workloads.map((w) => [
      formatCount(w.statements),
      formatCount(w.policies),
      formatCount(w.users),
      formatCount(w.groups),
      formatCount(w.roles),
      share(w.mix.Allow, w.requests),
      share(w.mix.ExplicitDeny, w.requests),
      share(w.mix.ImplicitDeny, w.requests),
    ]),
  };
}

const STATUS = { met: '✅ met', missed: '❌ missed', 'not measured': '– not measured' } as const;

export function targetTable(checks: TargetCheck[]): Table {
  return {
    header: ['target', 'measured', 'status'],
    rows: checks.map((c) => [c.target, c.measured, STATUS[c.status]]),
  };
}

function formatValue(value: number, unit: Change['unit']): string {
  if (unit === 'ns') return formatDuration(value);
  if (unit === 'ms') return formatDuration(value * 1e6);
  return formatBytes(value);
}

function formatChange(change: number): string {
  return `${change > 0 ? '+' : ''}${(100 * change).toFixed(0)}%`;
}

/** The changes as measured and, when the comparison corrected timings for the machine's speed, after that. */
export function changeTable(changes: Change[]): Table {
  const corrected = changes.some((c) => c.machineFactor !== null);
  const header = ['metric', 'baseline', 'now', 'change'];
  if (corrected) header.push('machine factor', 'after correction');
  return {
    header,
    rows: changes.map((c) => {
      const row = [
        c.metric,
        formatValue(c.baseline, c.unit),
        formatValue(c.current, c.unit),
        formatChange(c.change),
      ];
      if (corrected && c.machineFactor === null) row.push('–', '–');
      else if (corrected)
        row.push(`${(c.machineFactor as number).toFixed(2)}×`, formatChange(c.adjustedChange));
      return row;
    }),
  };
}

/** Within-size drift of the probe above this share is worth a reader's attention. */
const DRIFT_NOTE = 0.2;

/** "1.45× slower", "1.31–1.52× faster": how fast the machine ran, from current / baseline probe times. */
function machineSpeed(factors: number[]): string {
  const min = Math.min(...factors);
  const max = Math.max(...factors);
  const slower = (f: number) => `${f.toFixed(2)}× slower`;
  const faster = (f: number) => `${(1 / f).toFixed(2)}× faster`;
  if (max / min <= 1.05) {
    const mid = (min + max) / 2;
    if (Math.abs(mid - 1) < 0.02) return 'at the same speed';
    return mid > 1 ? slower(mid) : faster(mid);
  }
  if (min >= 1) return `${min.toFixed(2)}–${slower(max)}`;
  if (max <= 1) return `${(1 / max).toFixed(2)}–${faster(min)}`;
  return `between ${faster(min)} and ${slower(max)}`;
}

/** What the calibration probe says about the machine, and how the timings were compared because of it. */
function machineSummary(comparison: BaselineComparison): string {
  const { machineFactors, uncalibratedSizes } = comparison;
  const out: string[] = [];
  if (machineFactors.length > 0) {
    const perSize = machineFactors.length > 1 ? ', by size' : '';
    out.push(
      `This machine ran ${machineSpeed(machineFactors.map((m) => m.factor))} than when the baseline was ` +
        `measured (calibration probe${perSize}); timings are compared after that correction.`,
    );
    if (uncalibratedSizes.length > 0) {
      out.push(
        `Timings at ${uncalibratedSizes.map(formatCount).join(', ')} statements are compared raw: one of ` +
          'the runs has no probe there.',
      );
    }
  } else if (uncalibratedSizes.length > 0) {
    const missing = comparison.baselineCalibrated
      ? 'This run has no calibration probe'
      : 'The baseline predates the calibration probe';
    out.push(
      `${missing}, so timings are compared raw: a machine running slower or faster than when the baseline ` +
        'was measured shows up as regressions or improvements.',
    );
  }
  if (comparison.drift !== null && comparison.drift > DRIFT_NOTE) {
    out.push(
      `The machine's speed moved by up to ${(100 * comparison.drift).toFixed(0)}% within one size of this ` +
        'run (probe at its start and end), so the correction is approximate.',
    );
  }
  return out.map((sentence) => ` ${sentence}`).join('');
}

/** A few sentences on how the run compares with the baseline and how far the machine's speed moved. */
export function baselineSummary(comparison: BaselineComparison | null): string {
  if (comparison === null)
    return 'No baseline to compare with (bench/baseline.json is missing or of another schema).';
  if (comparison.isBaseline) {
    return 'This run is the baseline (bench/baseline.json) that later runs are compared with.';
  }
  const machine = comparison.sameMachine
    ? ''
    : ' The baseline was measured on another CPU, so timing changes mostly reflect the machines.';
  const base = `Compared ${comparison.compared} measurements with the baseline of ${comparison.baselineStartedAt}.`;
  const found =
    comparison.regressions.length === 0
      ? 'No regression beyond the thresholds.'
      : `${comparison.regressions.length} regression(s) beyond the thresholds.`;
  return `${base} ${found}${machineSummary(comparison)}${machine}`;
}
