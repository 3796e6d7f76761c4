import { CHECK_USAGE, checkCommand } from './check-command.js';
import { type CliIo, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError, write } from './cli-io.js';
import { COMPILE_USAGE, compileCommand } from './compile-command.js';
import { EVAL_USAGE, evalCommand } from './eval-command.js';
import { INSPECT_USAGE, inspectCommand } from './inspect-command.js';
import { STS_USAGE, stsCommand } from './sts-command.js';

const COMMANDS: Record<string, { usage: string; run: (args: string[], io: CliIo) => Promise<number> }> = {
  check: { usage: CHECK_USAGE, run: checkCommand },
  compile: { usage: COMPILE_USAGE, run: compileCommand },
  eval: { usage: EVAL_USAGE, run: evalCommand },
  inspect: { usage: INSPECT_USAGE, run: inspectCommand },
  sts: { usage: STS_USAGE, run: stsCommand },
};

const USAGE = `usage:\n${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}`)
  .join('\n')}\n`;

/** Runs the `ramc` command line; resolves to the exit code. Never throws for bad input. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await write(name === undefined ? io.stderr : io.stdout, USAGE);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    await write(io.stderr, `ramc: unknown command '${name}'\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      await write(io.stderr, `ramc ${name}: ${error.message}\nusage: ${command.usage}\n`);
      return EXIT_USAGE;
    }
    // INVARIANT: user mistakes are diagnostics or decisions; reaching here is a bug in ramc.
    await write(
      io.stderr,
      `ramc ${name}: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT_INTERNAL;
  }
}
