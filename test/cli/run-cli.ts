import { PassThrough } from 'node:stream';
import { main } from '../../compiler/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the ramc command line in-process with in-memory streams. */
export async function runCli(argv: string[], stdinText = ''): Promise<CliResult> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString('utf8')));
  stdin.end(stdinText);
  const code = await main(argv, { stdin, stdout, stderr });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** Parses JSON Lines output. */
export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
