import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareToBaseline } from '../../bench/report/baseline.js';
import { latencyChartSvg } from '../../bench/report/chart.js';
import { GENERATED_MARKER, generatedSection, handWritten } from '../../bench/report/markdown.js';
import {
  type AllocationRow,
  type BenchResults,
  type DecisionRow,
  type InterleavedRow,
  readResults,
} from '../../bench/report/results.js';
import { allocationTable, changeTable, interleavedTable } from '../../bench/report/sections.js';
import {
  consoleTable,
  formatBytes,
  formatDuration,
  formatRatio,
  markdownTable,
} from '../../bench/report/table.js';
import { checkTargets } from '../../bench/report/targets.js';

function decision(
  engine: string,
  size: number,
  medianNs: number,
  family: DecisionRow['family'] = 'ramc',
): DecisionRow {
  return {
    engine,
    family,
    size,
    statements: size,
    medianNs,
    cpuNs: medianNs / 2,
    decisionsPerSecond: 1e9 / medianNs,
    relativeMarginOfError: 1,
    samples: 10,
  };
}

function allocation(
  engine: string,
  size: number,
  allocatedBytes: number,
  resultBytes: number,
): AllocationRow {
  return {
    engine,
    size,
    statements: size,
    allocatedBytes,
    resultBytes,
    beyondResultBytes: Math.max(0, allocatedBytes - resultBytes),
    profiledDecisions: 100_000,
    keptResults: 20_000,
  };
}

function turns(engine: string, size: number, cpuNs: number): InterleavedRow {
  return {
    engine,
    size,
    statements: size,
    cpuNs,
    fastestNs: cpuNs * 0.8,
    slowestNs: cpuNs * 1.6,
    rounds: 61,
    callsPerRound: 10_000,
  };
}

function results(overrides: Partial<BenchResults> = {}): BenchResults {
  return {
    schema: 1,
    kind: 'full',
    startedAt: '2026-01-02T03:04:05.000Z',
    durationSeconds: 100,
    machine: {
      cpu: 'Test CPU',
      cores: 2,
      memoryBytes: 2 ** 34,
      os: 'linux',
      node: 'v20',
      v8: '11',
      loadAverage: { start: 0.5, end: 0.7 },
    },
    packages: { ramc: '0.1.0' },
    notes: [],
    workloads: [
      {
        size: 1_000,
        statements: 1_000,
        policies: 1,
        users: 1,
        groups: 1,
        roles: 0,
        requests: 256,
        mix: { Allow: 100, ExplicitDeny: 56, ImplicitDeny: 100 },
      },
    ],
    decisions: [
      decision('ts', 10, 800),
      decision('ts', 1_000, 900),
      decision('ts', 5_000, 950),
      decision('cedar-wasm', 1_000, 900_000, 'peer'),
      decision('cedar-wasm/caller', 1_000, 9_000, 'peer'),
      decision('iam-simulate', 1_000, 450_000, 'peer'),
    ],
    compile: [
      {
        size: 1_000,
        statements: 1_000,
        medianMs: 100,
        statementsPerSecond: 10_000,
        bundleBytes: 50_000,
        bytesPerStatement: 50,
      },
    ],
    interleaved: [],
    load: [{ engine: 'ts', size: 5_000, statements: 5_000, medianMs: 4 }],
    memory: [],
    allocation: [],
    parser: [],
    artifacts: { runtimeJs: { bytes: 40_000, gzipBytes: 15_000 }, wasmGlueJs: null, wasmModule: null },
    peers: [
      {
        name: 'cedar-wasm',
        packageName: '@cedar-policy/cedar-wasm',
        version: '4',
        differences: ['Cedar has no groups.'],
      },
    ],
    ...overrides,
  };
}

describe('targets', () => {
  it('judges each target on the run and says which were not measured', () => {
    const byTarget = new Map(checkTargets(results()).map((c) => [c.target, c]));
    expect(byTarget.get('ts: median ≤ 1 µs per decision at 5,000 statements')?.status).toBe('met');
    expect(byTarget.get('wasm: median ≤ 1 µs per decision at 5,000 statements')?.status).toBe('not measured');
    // Judged against the faster way the peer ran: 9,000 / 900 = 10×, below 20×.
    const cedar = byTarget.get('ts: ≥ 20× faster than cedar-wasm at 1,000 statements');
    expect(cedar).toMatchObject({ status: 'missed', measured: '10× (CPU 10×; vs cedar-wasm/caller)' });
    expect(byTarget.get('ts: ≥ 100× faster than iam-simulate at 1,000 statements')?.status).toBe('met');
    expect(byTarget.get('ts: a 5,000-statement bundle loads in ≤ 5 ms')?.status).toBe('met');
    expect(byTarget.get('release .wasm ≤ 48 KiB')?.status).toBe('not measured');
  });

  it('holds the TS runtime to no allocation beyond its result, within the noise floor, at every size', () => {
    const target = 'ts: allocates nothing per decision beyond its result (< 16 B at every size)';
    const judged = (rows: AllocationRow[]) =>
      checkTargets(results({ allocation: rows })).find((c) => c.target === target);
    expect(judged([])?.status).toBe('not measured');
    expect(judged([allocation('ts', 10, 99.6, 96.2), allocation('ts', 5_000, 96.4, 93.1)])).toMatchObject({
      status: 'met',
      measured: '3 B beyond a 96 B result (100 B allocated; worst of 2 sizes, at 10 statements)',
    });
    expect(judged([allocation('ts', 10, 99.6, 96.2), allocation('ts', 5_000, 130, 93)])?.status).toBe(
      'missed',
    );
  });

  it('calls a latency curve flat only within 1.5× from smallest to largest', () => {
    const steep = results({ decisions: [decision('ts', 10, 500), decision('ts', 10_000, 800)] });
    expect(checkTargets(steep).find((c) => c.target.startsWith('ts: flat'))?.status).toBe('missed');
  });

  it('judges flatness on the interleaved medians when the run has them, showing the separate spread too', () => {
    const flat = (run: BenchResults) => checkTargets(run).find((c) => c.target.startsWith('ts: flat'));
    const apart = [decision('ts', 10, 500), decision('ts', 10_000, 900)];
    // Timed apart the sizes spread 1.8×; taking turns, 1.2×: the interleaved figure decides.
    expect(
      flat(results({ decisions: apart, interleaved: [turns('ts', 10, 700), turns('ts', 10_000, 840)] })),
    ).toMatchObject({
      status: 'met',
      measured: '1.2× (interleaved CPU; sizes timed apart: 1.8×) over 10–10,000 statements',
    });
    const steep = [turns('ts', 10, 700), turns('ts', 5_000, 1_200), turns('ts', 10_000, 900)];
    expect(flat(results({ decisions: apart, interleaved: steep }))?.status).toBe('missed');
    // One interleaved size is no curve: the separate medians are judged.
    expect(flat(results({ decisions: apart, interleaved: [turns('ts', 10, 700)] }))?.measured).toBe(
      '1.8× (CPU 1.8×) over 10–10,000 statements',
    );
  });

  it('shows the interleaved CPU time at 5,000 statements beside the latency it judges', () => {
    const run = results({ interleaved: [turns('ts', 5_000, 1_234)] });
    const latency = checkTargets(run).find((c) => c.target.startsWith('ts: median'));
    expect(latency).toMatchObject({
      status: 'met',
      measured: '950 ns (CPU 475 ns, interleaved CPU 1.23 µs)',
    });
  });
});

/** The run's workloads at every size it decided, with the calibration probe at `startNs` and `endNs`. */
function calibrated(run: BenchResults, startNs: number, endNs = startNs): BenchResults {
  const template = run.workloads[0] as BenchResults['workloads'][number];
  const sizes = [...new Set(run.decisions.map((d) => d.size))];
  return {
    ...run,
    workloads: sizes.map((size) => ({
      ...template,
      size,
      statements: size,
      calibrationNs: (startNs + endNs) / 2,
      calibrationStartNs: startNs,
      calibrationEndNs: endNs,
    })),
  };
}

/** The run with every timing multiplied by `by`, sizes unchanged. */
function slowed(run: BenchResults, by: number): BenchResults {
  return {
    ...run,
    startedAt: '2026-02-03T00:00:00.000Z',
    decisions: run.decisions.map((d) => ({ ...d, medianNs: d.medianNs * by, cpuNs: d.cpuNs * by })),
    compile: run.compile.map((c) => ({ ...c, medianMs: c.medianMs * by })),
    load: run.load.map((l) => ({ ...l, medianMs: l.medianMs * by })),
  };
}

describe('baseline comparison', () => {
  it('flags ramc medians over 25% slower and sizes over 5% larger, and ignores peers', () => {
    const before = results();
    const compiled = {
      size: 1_000,
      statements: 1_000,
      medianMs: 100,
      statementsPerSecond: 10_000,
      bytesPerStatement: 53,
    };
    const after = results({
      startedAt: '2026-02-03T00:00:00.000Z',
      decisions: [
        decision('ts', 10, 1_100),
        decision('ts', 1_000, 1_000),
        decision('cedar-wasm', 1_000, 9e6, 'peer'),
      ],
      compile: [{ ...compiled, bundleBytes: 53_000 }],
    });
    const comparison = compareToBaseline(after, before);
    expect(comparison.regressions.map((r) => r.metric)).toEqual([
      'decision CPU ts @ 10',
      'bundle bytes @ 1000',
    ]);
    expect(comparison.sameMachine).toBe(true);
    expect(comparison.isBaseline).toBe(false);
    expect(compareToBaseline(before, before)).toMatchObject({
      isBaseline: true,
      regressions: [],
      improvements: [],
    });
    expect(
      compareToBaseline(after, results({ machine: { ...before.machine, cpu: 'Other' } })).sameMachine,
    ).toBe(false);
  });

  const allTimings = [
    'decision CPU ts @ 10',
    'decision CPU ts @ 1000',
    'decision CPU ts @ 5000',
    'compile @ 1000',
    'load ts @ 5000',
  ];

  it('corrects timings for a machine the calibration probe found 1.5× slower', () => {
    const before = calibrated(results(), 30e6);
    // The probe drifted from 40 to 50 ms within each size: 45 ms on average, 1.5× the baseline's.
    const comparison = compareToBaseline(calibrated(slowed(results(), 1.5), 40e6, 50e6), before);
    expect(comparison.regressions).toEqual([]);
    expect(comparison.improvements).toEqual([]);
    expect(comparison.machineFactors).toEqual([
      { size: 10, factor: 1.5 },
      { size: 1_000, factor: 1.5 },
      { size: 5_000, factor: 1.5 },
    ]);
    expect(comparison.uncalibratedSizes).toEqual([]);
    expect(comparison.drift).toBeCloseTo(0.25);
    const section = generatedSection(results(), [], comparison, 'x.json');
    expect(section).toContain(
      'No regression beyond the thresholds. This machine ran 1.50× slower than when the baseline was ' +
        'measured (calibration probe, by size); timings are compared after that correction.',
    );
    expect(section).toContain('moved by up to 25% within one size');
  });

  it('still flags timings 2× slower on a machine 1.5× slower, and shows both changes', () => {
    const before = calibrated(results(), 30e6);
    const comparison = compareToBaseline(calibrated(slowed(results(), 2), 45e6), before);
    expect(comparison.regressions.map((r) => r.metric)).toEqual(allTimings);
    const decision = comparison.regressions[0];
    expect(decision?.change).toBeCloseTo(1);
    expect(decision?.adjustedChange).toBeCloseTo(1 / 3);
    expect(decision?.machineFactor).toBeCloseTo(1.5);
    // Sizes are not timings: no correction, and unchanged here.
    expect(comparison.regressions.some((r) => r.unit === 'bytes')).toBe(false);
    expect(changeTable(comparison.regressions).rows[0]).toEqual([
      'decision CPU ts @ 10',
      '400 ns',
      '800 ns',
      '+100%',
      '1.50×',
      '+33%',
    ]);
  });

  it('compares raw, and says so, when the baseline predates the calibration probe', () => {
    const comparison = compareToBaseline(calibrated(slowed(results(), 1.5), 45e6), results());
    expect(comparison.regressions.map((r) => r.metric)).toEqual(allTimings);
    expect(comparison.regressions.every((r) => r.adjustedChange === r.change)).toBe(true);
    expect(comparison).toMatchObject({ machineFactors: [], baselineCalibrated: false });
    expect(comparison.uncalibratedSizes).toEqual([10, 1_000, 5_000]);
    expect(changeTable(comparison.regressions).header).toEqual(['metric', 'baseline', 'now', 'change']);
    expect(generatedSection(results(), [], comparison, 'x.json')).toContain(
      'The baseline predates the calibration probe, so timings are compared raw',
    );
  });
});

describe('docs', () => {
  it('keeps the hand-written text above the marker and replaces the rest', () => {
    const existing = `# Benchmarks\n\nHow to read this.\n\n${GENERATED_MARKER}\nold tables`;
    expect(handWritten(existing)).toBe('# Benchmarks\n\nHow to read this.\n\n');
    expect(handWritten(null)).toBe('# Benchmarks\n');
    const section = generatedSection(results(), checkTargets(results()), null, 'bench/results/x.json');
    expect(section.startsWith(GENERATED_MARKER)).toBe(true);
    expect(section).toContain('| engine / statements | 10 | 1,000 | 5,000 |');
    expect(section).toContain('| ramc ts | 800 ns | 900 ns | 950 ns |');
    expect(section).toContain('- Cedar has no groups.');
    expect(section).toContain('benchmarks-latency.svg');
    const self = compareToBaseline(results(), results());
    expect(generatedSection(results(), [], self, 'x.json')).toContain('This run is the baseline');
  });

  it('renders the allocation table, ramc engines in order, and says when a run did not measure it', () => {
    const rows = [
      allocation('wasm', 10, 456.7, 230.2),
      allocation('ts', 5_000, 96.4, 93.1),
      allocation('ts', 10, 99.6, 96.2),
    ];
    expect(allocationTable(results({ allocation: rows }))).toEqual({
      header: ['engine', 'statements', 'allocated', 'kept by the result', 'beyond the result'],
      rows: [
        ['ts', '10', '100 B', '96 B', '3 B'],
        ['ts', '5,000', '96 B', '93 B', '3 B'],
        ['wasm', '10', '457 B', '230 B', '227 B'],
      ],
    });
    const section = generatedSection(results({ allocation: rows }), [], null, 'x.json');
    expect(section).toContain('### Allocation per decision');
    expect(section).toContain('| engine | statements | allocated | kept by the result | beyond the result |');
    expect(section).toContain('| ts | 5,000 | 96 B | 93 B | 3 B |');
    expect(section).toContain('over 100,000 decisions');
    expect(generatedSection(results(), [], null, 'x.json')).toMatch(
      /### Allocation per decision\n\nNot measured by this run\./,
    );
  });

  it('renders the interleaved table, with the spread per engine, and says when a run did not measure it', () => {
    const rows = [turns('ts', 10, 800), turns('ts', 5_000, 1_000), turns('wasm', 10, 2_000)];
    expect(interleavedTable(results({ interleaved: rows }))).toEqual({
      header: ['engine / statements', '10', '5,000', 'slowest / fastest'],
      rows: [
        ['ramc ts', '800 ns (640 ns–1.28 µs)', '1.00 µs (800 ns–1.60 µs)', '1.3×'],
        ['ramc wasm', '2.00 µs (1.60 µs–3.20 µs)', '–', '–'],
      ],
    });
    const section = generatedSection(results({ interleaved: rows }), [], null, 'x.json');
    expect(section).toContain('turns of 10,000 decisions, 61 rounds');
    expect(section).toContain('| ramc ts | 800 ns (640 ns–1.28 µs) | 1.00 µs (800 ns–1.60 µs) | 1.3× |');
    expect(generatedSection(results(), [], null, 'x.json')).toMatch(
      /### CPU time per decision, sizes interleaved\n\nNot measured by this run\./,
    );
  });

  it('reads results files written before allocation and interleaving were measured, as measuring none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ramc-report-'));
    try {
      const { allocation: _, interleaved: __, ...older } = results();
      const file = join(dir, 'older.json');
      writeFileSync(file, JSON.stringify(older));
      const read = readResults(file);
      expect(read?.allocation).toEqual([]);
      expect(read?.interleaved).toEqual([]);
      expect(read?.workloads[0]?.calibrationNs).toBeUndefined();
      expect(read === null ? null : compareToBaseline(results(), read).regressions).toEqual([]);
      writeFileSync(file, JSON.stringify({ ...older, schema: 0 }));
      expect(readResults(file)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders the latency chart to SVG without a browser', async () => {
    const svg = await latencyChartSvg(results());
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('ramc ts');
  });

  it('formats tables and numbers for people', () => {
    const table = { header: ['engine', 'a|b'], rows: [['ts', '1']] };
    expect(markdownTable(table)).toBe('| engine | a\\|b |\n| --- | ---: |\n| ts | 1 |');
    expect(consoleTable(table, '')).toBe('engine  a|b\nts        1');
    expect([formatDuration(812), formatDuration(12_345), formatDuration(4.56e6)]).toEqual([
      '812 ns',
      '12.3 µs',
      '4.56 ms',
    ]);
    // A value that rounds up to 1,000 of a unit is shown in the next one, never as `1.00e+3`.
    expect([formatDuration(999.7), formatDuration(999_700), formatDuration(5e12)]).toEqual([
      '1.00 µs',
      '1.00 ms',
      '5.00e+3 s',
    ]);
    expect([formatBytes(812), formatBytes(1023.7), formatBytes(1_047_000), formatBytes(3.3e6)]).toEqual([
      '812 B',
      '1.00 KiB',
      '0.998 MiB',
      '3.15 MiB',
    ]);
    expect([formatRatio(37.4), formatRatio(1.44), formatRatio(Number.NaN)]).toEqual(['37×', '1.4×', '–']);
  });
});
