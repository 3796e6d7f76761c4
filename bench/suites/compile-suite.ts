import { readFileSync } from 'node:fs';
import { compile } from '../../compiler/compile.js';
import { parseJson } from '../../compiler/parse/json-parser.js';
import type { BenchConfig } from '../config.js';
import type { PreparedWorkload } from '../engines/prepare-workload.js';
import { runSuite } from '../harness.js';
import type { CompileRow, ParserRow } from '../report/results.js';
import { formatCount } from '../report/table.js';

/** Times `compile(model.json path)`: reading the files, parsing, checking, lowering and encoding. */
export async function compileSuite(prepared: PreparedWorkload, config: BenchConfig): Promise<CompileRow> {
  const { statements } = prepared.workload;
  const path = prepared.files.modelPath;
  const [result] = await runSuite(
    `compile · ${formatCount(statements)} statements`,
    [{ name: 'compile', setup: () => () => compile(path) }],
    config.compile,
  );
  const medianMs = (result?.medianNs ?? Number.NaN) / 1e6;
  return {
    size: prepared.size,
    statements,
    medianMs,
    statementsPerSecond: statements / (medianMs / 1e3),
    bundleBytes: prepared.bundle.length,
    bytesPerStatement: prepared.bundle.length / statements,
  };
}

/** Times `parseJson` over model.json and every policy file of the workload, as the compiler reads them. */
export async function parserSuite(prepared: PreparedWorkload, config: BenchConfig): Promise<ParserRow> {
  const texts = [readFileSync(prepared.files.modelPath, 'utf8'), ...prepared.files.policyTexts];
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const parseAll = () => {
    let values = 0;
    for (const text of texts) if (parseJson(text, 'bench.json').value !== null) values += 1;
    if (values !== texts.length) throw new Error('parseJson refused a generated workload file');
    return values;
  };
  parseAll();
  const [result] = await runSuite(
    `parseJson · ${formatCount(bytes)} bytes`,
    [{ name: 'parseJson', setup: () => parseAll }],
    config.parser,
  );
  const medianMs = (result?.medianNs ?? Number.NaN) / 1e6;
  return { size: prepared.size, bytes, medianMs, megabytesPerSecond: bytes / 1e6 / (medianMs / 1e3) };
}
