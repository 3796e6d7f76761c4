import { writeFile } from 'node:fs/promises';
import { compile } from '../compile.js';
import { STAGE_NAMES } from '../compile-ir.js';
import { formatDiagnostic } from '../diagnostics.js';
import { onePositional, parseCommandArgs, requiredOption, stringOption } from './args.js';
import { type CliIo, EXIT_INVALID_INPUT, EXIT_OK, UsageError, write } from './cli-io.js';

export const COMPILE_USAGE = 'ramc compile MODEL -o BUNDLE [--dump-ir PASS|all] [--timings]';

/** `ramc compile MODEL -o BUNDLE`: writes the decision bundle; writes nothing when the model has errors. */
export async function compileCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, {
    out: { type: 'string', short: 'o' },
    'dump-ir': { type: 'string' },
    timings: { type: 'boolean' },
  });
  const modelPath = onePositional(parsed, 'MODEL');
  const out = requiredOption(parsed, 'out');
  const dumpAfter = stringOption(parsed, 'dump-ir');
  if (dumpAfter !== undefined && dumpAfter !== 'all' && !STAGE_NAMES.includes(dumpAfter)) {
    throw new UsageError(`--dump-ir must be all or one of ${STAGE_NAMES.join(', ')}, not '${dumpAfter}'`);
  }
  const timings: { pass: string; ms: number }[] = [];
  const dumps: string[] = [];
  const result = compile(modelPath, {
    ...(dumpAfter === undefined
      ? {}
      : { dumpAfter, onDump: (pass: string, text: string) => dumps.push(`# IR after ${pass}\n${text}`) }),
    timings,
  });
  for (const d of result.diagnostics) await write(io.stderr, `${formatDiagnostic(d)}\n`);
  if (result.bundle === null) {
    await write(io.stderr, `ramc: ${modelPath} has errors; no bundle written\n`);
    return EXIT_INVALID_INPUT;
  }
  for (const dump of dumps) await write(io.stdout, `${dump}\n`);
  if (parsed.values.timings === true) {
    for (const t of timings) await write(io.stderr, `${t.pass.padEnd(24)} ${t.ms.toFixed(2)} ms\n`);
  }
  try {
    await writeFile(out, result.bundle);
  } catch (error) {
    await write(io.stderr, `ramc: cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? error}\n`);
    return EXIT_INVALID_INPUT;
  }
  await write(io.stderr, `ramc: wrote ${out} (${result.bundle.length} bytes)\n`);
  return EXIT_OK;
}
