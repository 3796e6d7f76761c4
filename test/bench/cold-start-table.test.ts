import { describe, expect, it } from 'vitest';
import { coldStartTable } from '../../bench/report/cold-start-table.js';

describe('coldStartTable', () => {
  it('gives each engine and step its median, fastest and slowest, leaving out steps an engine lacks', () => {
    const table = coldStartTable(
      new Map([
        [
          'ts',
          [
            { load: 50, first: 3 },
            { load: 40, first: 2 },
            { load: 70, first: 9 },
          ],
        ],
        [
          'wasm',
          [
            { compile: 0.5, load: 30, first: 4 },
            { compile: 0.9, load: 20, first: 2 },
          ],
        ],
      ]),
    );
    expect(table.header).toEqual(['engine', 'step', 'median', 'fastest – slowest']);
    expect(table.rows).toEqual([
      ['ts', 'load the bundle', '50.0 ms', '40.0 ms – 70.0 ms'],
      ['ts', 'first decision', '3.00 ms', '2.00 ms – 9.00 ms'],
      ['wasm', 'compile ramc.wasm', '700 µs', '500 µs – 900 µs'],
      ['wasm', 'load the bundle', '25.0 ms', '20.0 ms – 30.0 ms'],
      ['wasm', 'first decision', '3.00 ms', '2.00 ms – 4.00 ms'],
    ]);
  });
});
