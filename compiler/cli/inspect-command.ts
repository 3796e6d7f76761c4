import { MAX_BUNDLE_BYTES } from '../../runtime/format.js';
import { disassemble } from '../emit/disassemble.js';
import { readFileBounded } from '../read-bounded.js';
import { onePositional, parseCommandArgs } from './args.js';
import { type CliIo, EXIT_INVALID_INPUT, EXIT_OK, write } from './cli-io.js';

export const INSPECT_USAGE = 'ramc inspect BUNDLE';

/** `ramc inspect BUNDLE`: prints a readable listing of a decision bundle. */
export async function inspectCommand(args: string[], io: CliIo): Promise<number> {
  const path = onePositional(parseCommandArgs(args, {}), 'BUNDLE');
  let bytes: Uint8Array;
  try {
    const read = readFileBounded(path, MAX_BUNDLE_BYTES);
    if (read === null) {
      await write(
        io.stderr,
        `ramc: ${path} holds more than ${MAX_BUNDLE_BYTES} bytes, more than any bundle\n`,
      );
      return EXIT_INVALID_INPUT;
    }
    bytes = new Uint8Array(read);
  } catch (error) {
    await write(io.stderr, `ramc: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}\n`);
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
