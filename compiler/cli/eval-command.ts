import { REQUEST_LIMITS } from '../../runtime/request-limits.js';
import type { Authorizer, Decision } from '../../runtime/types.js';
import { toPlain } from '../parse/json-ast.js';
import { parseJson } from '../parse/json-parser.js';
import { noPositionals, parseCommandArgs, stringOption } from './args.js';
import { type CliIo, EXIT_INVALID_INPUT, EXIT_OK, UsageError, write } from './cli-io.js';
import { buildEngine, ENGINE_NAMES, type EngineName } from './engines.js';
import { MAX_LINE_LENGTH, readLines } from './read-lines.js';
import { explainedFromSource } from './source-explanations.js';

export const EVAL_USAGE =
  'ramc eval (--model MODEL | --bundle BUNDLE) [--engine ts|wasm|reference] [--requests FILE] [--explain]';

/** `ramc eval`: one decision per JSON Lines request, in order. */
export async function evalCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, {
    model: { type: 'string' },
    bundle: { type: 'string' },
    engine: { type: 'string' },
    requests: { type: 'string' },
    explain: { type: 'boolean' },
  });
  noPositionals(parsed);
  const model = stringOption(parsed, 'model');
  const bundle = stringOption(parsed, 'bundle');
  if ((model === undefined) === (bundle === undefined))
    throw new UsageError('give exactly one of --model or --bundle');
  const engine = stringOption(parsed, 'engine') ?? 'ts';
  if (!(ENGINE_NAMES as readonly string[]).includes(engine)) {
    throw new UsageError(`--engine must be one of ${ENGINE_NAMES.join(', ')}, not '${engine}'`);
  }
  const source = model !== undefined ? { model } : { bundle: bundle as string };
  const built = await buildEngine(engine as EngineName, source);
  if (!built.ok) {
    await write(io.stderr, `${built.message}\n`);
    return EXIT_INVALID_INPUT;
  }
  const explain = parsed.values.explain === true;
  let authorizer = built.authorizer;
  if (explain && model !== undefined && engine !== 'reference') {
    const reference = await buildEngine('reference', { model });
    if (reference.ok) authorizer = explainedFromSource(authorizer, reference.authorizer);
  }
  return decideAll(authorizer, stringOption(parsed, 'requests'), explain, io);
}

async function decideAll(authorizer: Authorizer, requests: string | undefined, explain: boolean, io: CliIo) {
  let exit = EXIT_OK;
  try {
    for await (const { line, number } of readLines(requests, io.stdin)) {
      if (line !== null && line.trim() === '') continue;
      const decision = line === null ? tooLong(number) : decideLine(authorizer, line, number, explain);
      if (decision.error !== undefined) exit = EXIT_INVALID_INPUT;
      await write(io.stdout, `${JSON.stringify(decision)}\n`);
    }
  } catch (error) {
    await write(
      io.stderr,
      `ramc: cannot read requests ${requests ?? '(stdin)'}: ${(error as NodeJS.ErrnoException).code ?? error}\n`,
    );
    return EXIT_INVALID_INPUT;
  }
  return exit;
}

/** Parses one JSON Lines request strictly (duplicate keys rejected) and decides it. */
function decideLine(authorizer: Authorizer, line: string, number: number, explain: boolean): Decision {
  const { value, diagnostics } = parseJson(line, `line ${number}`);
  if (value === null) {
    const first = diagnostics[0];
    const where = first === undefined ? '' : `, column ${first.span.column}`;
    return {
      decision: 'ImplicitDeny',
      deciding: [],
      error: {
        code: 'InvalidRequest',
        message: `request on line ${number}${where} is not valid JSON: ${onOneLine(first?.message ?? 'unreadable')}`,
      },
    };
  }
  return authorizer.authorize(toPlain(value), { explain });
}

/** The answer to a line longer than `MAX_LINE_LENGTH`, which was not kept. */
function tooLong(number: number): Decision {
  return {
    decision: 'ImplicitDeny',
    deciding: [],
    error: {
      code: 'InvalidRequest',
      message:
        `request on line ${number} is longer than ${MAX_LINE_LENGTH} characters; a request holds at most ` +
        `${REQUEST_LIMITS.maxTotalLength} characters of text`,
    },
  };
}

/** A parser message about one request line, whose other positions are all on line 1: names their column. */
function onOneLine(message: string): string {
  return message.replace(/\bline 1, column (\d+)/g, 'column $1');
}
