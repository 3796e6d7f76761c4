import { describe, expect, it } from 'vitest';
import { encodeBundle } from '../../../compiler/emit/encode.js';
import type { Ir } from '../../../compiler/ir/ir.js';
import { candidateRow, forEachCandidateList } from '../../../runtime/candidate-runs.js';
import { decodeBundle } from '../../../runtime/decode.js';
import type { DecodedBundle } from '../../../runtime/decoded-bundle.js';
import * as F from '../../../runtime/format.js';
import { sampleIr } from '../../runtime/fixtures/sample-ir.js';

/** Set `set`'s candidate rows as [action, statements] pairs. */
function rowsOf(b: DecodedBundle, set: number): [number, number[]][] {
  const first = b.sets[set * F.SET_WORDS + F.SET_CANDIDATES_START] as number;
  const count = b.sets[set * F.SET_WORDS + F.SET_CANDIDATES_COUNT] as number;
  const rows: [number, number[]][] = [];
  for (let r = first; r < first + count; r++) {
    const at = r * F.CANDIDATE_WORDS;
    const start = b.candidates[at + F.CANDIDATE_START] as number;
    const length = b.candidates[at + F.CANDIDATE_COUNT] as number;
    rows.push([
      b.candidates[at + F.CANDIDATE_ACTION] as number,
      Array.from(b.lists.subarray(start, start + length)),
    ]);
  }
  return rows;
}

/** The sample IR (six known actions) with set 0's candidates replaced by `byAction`. */
function withCandidates(byAction: [number, number[]][]): Ir {
  const ir = sampleIr();
  const set = ir.sets[0];
  if (set?.index == null) throw new Error('the sample IR has an indexed set 0');
  set.index.byAction = byAction.map(([action, statements]) => ({ action, statements }));
  return ir;
}

describe('candidate rows as runs of actions', () => {
  it('writes one row for a run of actions sharing a list, and an empty row where a gap or the end follows', () => {
    const b = decodeBundle(
      encodeBundle(
        withCandidates([
          [1, [0]],
          [2, [0]],
          [3, [0]],
          [4, [1, 2]],
        ]),
      ),
    );
    // Six known actions: 0 has none, 1–3 share [0], 4 has [1, 2], 5 has none again.
    expect(rowsOf(b, 0)).toEqual([
      [1, [0]],
      [4, [1, 2]],
      [5, []],
    ]);
    const gap = decodeBundle(
      encodeBundle(
        withCandidates([
          [0, [3]],
          [2, [3]],
          [5, [0, 3]],
        ]),
      ),
    );
    // Action 1 between two actions with the same list is a gap: it gets an empty row of its own.
    expect(rowsOf(gap, 0)).toEqual([
      [0, [3]],
      [1, []],
      [2, [3]],
      [3, []],
      [5, [0, 3]],
    ]);
  });

  it('spells the runs out again action by action, skipping actions without candidates', () => {
    const byAction: [number, number[]][] = [
      [0, [3]],
      [2, [3]],
      [3, [3]],
      [5, [0, 3]],
    ];
    const b = decodeBundle(encodeBundle(withCandidates(byAction)));
    const first = b.sets[F.SET_CANDIDATES_START] as number;
    const count = b.sets[F.SET_CANDIDATES_COUNT] as number;
    const spelt: [number, number[]][] = [];
    forEachCandidateList(b.candidates, first, count, b.actions.length, (action, start, length) => {
      spelt.push([action, Array.from(b.lists.subarray(start, start + length))]);
    });
    expect(spelt).toEqual(byAction);
  });

  it('gives evaluation the longest list of any set, candidate row or other list, found while validating', () => {
    // A row longer than any set's statement list: only the candidate rows can give the answer.
    const ir = withCandidates([[2, [0, 1, 2, 3, 4]]]);
    const b = decodeBundle(encodeBundle(ir));
    const longest = Math.max(
      ...ir.sets.flatMap((set) => [
        set.statements.length,
        set.index?.other.length ?? 0,
        ...(set.index?.byAction.map((c) => c.statements.length) ?? []),
      ]),
    );
    expect(longest).toBe(5);
    expect(b.longestList).toBe(longest);
  });

  it('finds the row of an action: the last whose action is at most it, or none before the first', () => {
    // Rows start runs at actions 2, 5 and 9 (their lists do not matter here).
    const rows = new Int32Array([0, 0, 0, 2, 0, 1, 5, 1, 0, 9, 1, 1]);
    // Row 0 belongs to another set: only rows 1–3 are searched.
    const found = [0, 1, 2, 3, 4, 5, 8, 9, 40].map((action) => candidateRow(rows, 1, 3, action));
    expect(found).toEqual([-1, -1, 1, 1, 1, 2, 2, 3, 3]);
    expect(candidateRow(rows, 1, 0, 5)).toBe(-1);
  });
});
