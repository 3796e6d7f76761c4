import { disassemble } from '../emit/disassemble.js';
import { onePositional, parseCommandArgs } from './args.js';
import { type CliIo, EXIT_INVALID_INPUT, EXIT_OK, write } from './cli-io.js';
import { readBundleFile } from './read-bundle.js';

export const INSPECT_USAGE = 'ramc inspect BUNDLE';

/** `ramc inspect BUNDLE`: prints a readable listing of a decision bundle. */
export async function inspectCommand(args: string[], io: CliIo): Promise<number> {
  const path = onePositional(parseCommandArgs(args, {}), 'BUNDLE');
  const bytes = readBundleFile(path);
  if (typeof bytes === 'string') {
    await write(io.stderr, `${bytes}\n`);
    return EXIT_INVALID_INPUT;
  }
  try {
    await write(io.stdout, disassemble(bytes));
  } catch (error) {
    await write(
      io.stderr,
      `ramc: ${path} is not a valid bundle: ${error instanceof Error ? error.message : error}\n`,
    );
    return EXIT_INVALID_INPUT;
  }
  return EXIT_OK;
}
