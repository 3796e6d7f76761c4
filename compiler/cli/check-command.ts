import { formatDiagnostic, hasErrors } from '../diagnostics.js';
import { check } from '../model/check.js';
import { onePositional, parseCommandArgs, stringOption } from './args.js';
import { type CliIo, EXIT_INVALID_INPUT, EXIT_OK, UsageError, write } from './cli-io.js';

export const CHECK_USAGE = 'ramc check MODEL [--format text|json]';

/** `ramc check MODEL`: validates the model and every policy, prints the diagnostics. */
export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, { format: { type: 'string' } });
  const modelPath = onePositional(parsed, 'MODEL');
  const format = stringOption(parsed, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`--format must be text or json, not '${format}'`);
  const diagnostics = check(modelPath);
  if (format === 'json') {
    await write(io.stdout, `${JSON.stringify(diagnostics, null, 2)}\n`);
  } else {
    for (const d of diagnostics) await write(io.stdout, `${formatDiagnostic(d)}\n`);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.length - errors;
    await write(io.stderr, `${modelPath}: ${errors} error(s), ${warnings} warning(s)\n`);
  }
  return hasErrors(diagnostics) ? EXIT_INVALID_INPUT : EXIT_OK;
}
