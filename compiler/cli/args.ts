import { parseArgs } from 'node:util';
import { UsageError } from './cli-io.js';

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** Parsed options (string or boolean by spec) and positionals; unknown options are usage errors. */
export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parses a command's arguments strictly; turns node's parse errors into UsageError. */
export function parseCommandArgs(args: string[], options: OptionSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** A string option's value, or undefined. */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A string option that must be given. */
export function requiredOption(parsed: ParsedArgs, name: string): string {
  const value = stringOption(parsed, name);
  if (value === undefined) throw new UsageError(`missing --${name}`);
  return value;
}

/** Exactly one positional argument, named `what` in the message. */
export function onePositional(parsed: ParsedArgs, what: string): string {
  const [first, ...rest] = parsed.positionals;
  if (first === undefined) throw new UsageError(`missing ${what}`);
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
  return first;
}

/** Rejects positional arguments for commands that take none. */
export function noPositionals(parsed: ParsedArgs): void {
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
}
