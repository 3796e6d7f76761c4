import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { BenchResults } from './results.js';

/** The Vega-Lite spec of the latency chart: median ns per decision against statements, both log scales. */
export function latencySpec(results: BenchResults): TopLevelSpec {
  const values = results.decisions.map((d) => ({
    engine: d.family === 'ramc' ? `ramc ${d.engine}` : d.engine,
    family: d.family === 'ramc' ? 'ramc' : 'peer',
    statements: d.statements,
    microseconds: d.medianNs / 1e3,
  }));
  const axisLabel =
    "datum.value >= 999999 ? format(datum.value / 1e6, '~s') + ' s' : " +
    "datum.value >= 999 ? format(datum.value / 1e3, '~s') + ' ms' : format(datum.value, '~s') + ' µs'";
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Median latency per decision vs account size (lower is better)',
      subtitle: `solid: ramc, dashed: peers · ${results.machine.cpu}, ${results.machine.cores} cores, Node ${results.machine.node}`,
    },
    width: 640,
    height: 360,
    background: 'white',
    layer: [
      {
        data: { values },
        mark: { type: 'line', point: true },
        encoding: {
          x: {
            field: 'statements',
            type: 'quantitative',
            scale: { type: 'log', domain: [8, 12_500], nice: false },
            axis: {
              title: 'statements in the account',
              format: ',d',
              values: [10, 100, 1_000, 5_000, 10_000],
            },
          },
          y: {
            field: 'microseconds',
            type: 'quantitative',
            scale: { type: 'log' },
            axis: {
              title: 'median time per decision (log scale)',
              labelExpr: axisLabel,
              values: [1, 10, 100, 1e3, 1e4, 1e5, 1e6],
            },
          },
          color: { field: 'engine', type: 'nominal', legend: { title: 'engine', labelLimit: 240 } },
          strokeDash: {
            field: 'family',
            type: 'nominal',
            scale: {
              domain: ['ramc', 'peer'],
              range: [
                [1, 0],
                [4, 3],
              ],
            },
            legend: null,
          },
        },
      },
      {
        data: { values: [{ microseconds: 1, label: 'target for ramc ts and wasm: 1 µs' }] },
        layer: [
          {
            mark: { type: 'rule', color: 'gray', strokeDash: [2, 2] },
            encoding: { y: { field: 'microseconds', type: 'quantitative' } },
          },
          {
            mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: 'gray', x: 0 },
            encoding: { y: { field: 'microseconds', type: 'quantitative' }, text: { field: 'label' } },
          },
        ],
      },
    ],
  };
}

/** Renders the latency chart to an SVG document, headless. */
export async function latencyChartSvg(results: BenchResults): Promise<string> {
  const view = new View(parse(compile(latencySpec(results)).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
