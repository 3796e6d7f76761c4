import type { Readable, Writable } from 'node:stream';

/** The streams a command reads and writes; tests pass in-memory streams. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** Exit codes of interfaces §4: 0 done, 1 invalid input, 2 wrong usage. */
export const EXIT_OK = 0;
export const EXIT_INVALID_INPUT = 1;
export const EXIT_USAGE = 2;

/** A mistake in how the command was called: printed with the usage text, exit code 2. */
export class UsageError extends Error {}

/** Writes text and resolves once the stream accepted it (so large outputs are not cut at exit). */
export function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(text)) resolve();
    else stream.once('drain', () => resolve());
  });
}

/** A bug in ramc itself (never used for user mistakes). */
export const EXIT_INTERNAL = 3;
