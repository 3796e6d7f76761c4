import { constants } from 'node:fs';
import { access, chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseDate } from '../../runtime/values/index.js';
import { formatDiagnostic, sortDiagnostics } from '../diagnostics.js';
import { loadModel } from '../model/load-model.js';
import { MAX_REFERENCED_FILE_BYTES } from '../model/policy-source.js';
import { toPlain } from '../parse/json-ast.js';
import { parseJson } from '../parse/json-parser.js';
import { readFileBounded } from '../read-bounded.js';
import { type AssumeRoleInput, assumeRole } from '../sts/assume-role.js';
import { generateStsKeyPair } from '../sts/keygen.js';
import type { StsError } from '../sts/sts-errors.js';
import { noPositionals, parseCommandArgs, requiredOption, stringOption } from './args.js';
import { type CliIo, EXIT_INVALID_INPUT, EXIT_OK, UsageError, write } from './cli-io.js';

export const STS_USAGE =
  'ramc sts keygen --out DIR [--force]\n' +
  '  ramc sts assume-role --model MODEL --signing-key PEM --caller PRINCIPAL --role-arn ARN --session-name NAME\n' +
  '      [--policy FILE] [--duration-seconds N] [--external-id ID] [--context FILE] [--now ISO-TIME]';

const PRIVATE_KEY_FILE = 'sts-private.pem';
const PUBLIC_KEY_FILE = 'sts-public.pem';

/** `ramc sts keygen` and `ramc sts assume-role` (interfaces §4). */
export async function stsCommand(args: string[], io: CliIo): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === 'keygen') return keygenCommand(rest, io);
  if (subcommand === 'assume-role') return assumeRoleCommand(rest, io);
  throw new UsageError(
    subcommand === undefined
      ? 'missing subcommand: keygen or assume-role'
      : `unknown subcommand '${subcommand}'; use keygen or assume-role`,
  );
}

/** Writes a new Ed25519 pair; refuses to replace an existing key file unless `--force`. */
async function keygenCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, { out: { type: 'string' }, force: { type: 'boolean' } });
  noPositionals(parsed);
  const dir = requiredOption(parsed, 'out');
  const force = parsed.values.force === true;
  const privatePath = join(dir, PRIVATE_KEY_FILE);
  const publicPath = join(dir, PUBLIC_KEY_FILE);
  if (!force) {
    for (const path of [privatePath, publicPath]) {
      if (await exists(path)) {
        await write(
          io.stderr,
          `ramc sts keygen: ${path} already exists; pass --force to replace the key pair ` +
            '(tokens signed with the old private key then stop verifying once the model names the new public key)\n',
        );
        return EXIT_INVALID_INPUT;
      }
    }
  }
  const pair = generateStsKeyPair();
  try {
    await makeDirectory(dir);
    // `wx` fails if the file appeared since the check; 0600 keeps the private key to its owner.
    await writeFile(privatePath, pair.privateKeyPem, { mode: 0o600, flag: force ? 'w' : 'wx' });
    await chmod(privatePath, 0o600);
    await writeFile(publicPath, pair.publicKeyPem, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    await write(io.stderr, `ramc sts keygen: cannot write to ${dir}: ${errorCode(error)}\n`);
    return EXIT_INVALID_INPUT;
  }
  await write(
    io.stderr,
    `ramc: wrote ${privatePath} (keep it secret: it signs tokens) and ${publicPath}\n` +
      `name the public key in the model: "sts": { "publicKeyFile": "<path of ${PUBLIC_KEY_FILE} from the model>" }\n`,
  );
  return EXIT_OK;
}

/**
 * `mkdir -p DIR`. Node 20's `mkdir(dir, { recursive: true })` retries forever where the kernel answers
 * ENOENT for a directory whose parent exists (under /proc); this one reports the error.
 */
async function makeDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if ((await stat(dir)).isDirectory()) return;
      throw Object.assign(new Error(`${dir} is not a directory`), { code: 'ENOTDIR' });
    }
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw error;
    await makeDirectory(parent);
    await mkdir(dir);
  }
}

/** The latest `--now` (epoch ms): its credentials still expire within year 9999. */
const LATEST_NOW = Date.UTC(9999, 11, 31);

/** Decides an AssumeRole call; prints the credentials, or `{ "error": { "code", "message" } }` with exit 1. */
async function assumeRoleCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, {
    model: { type: 'string' },
    'signing-key': { type: 'string' },
    caller: { type: 'string' },
    'role-arn': { type: 'string' },
    'session-name': { type: 'string' },
    policy: { type: 'string' },
    'duration-seconds': { type: 'string' },
    'external-id': { type: 'string' },
    context: { type: 'string' },
    now: { type: 'string' },
  });
  noPositionals(parsed);
  const modelPath = requiredOption(parsed, 'model');
  const keyPath = requiredOption(parsed, 'signing-key');
  const input: AssumeRoleInput = {
    caller: requiredOption(parsed, 'caller'),
    roleArn: requiredOption(parsed, 'role-arn'),
    roleSessionName: requiredOption(parsed, 'session-name'),
  };
  const now = stringOption(parsed, 'now');
  if (now !== undefined) {
    const time = parseDate(now);
    if (time === null)
      throw new UsageError(`--now must be a date-time such as 2026-11-27T10:00:00Z, not '${now}'`);
    // Tokens hold whole seconds since 1970, and Expiration (up to 12 hours later) is printed with a
    // four-digit year.
    if (time < 0 || time > LATEST_NOW)
      throw new UsageError(
        `--now must lie between 1970-01-01T00:00:00Z and 9999-12-31T00:00:00Z, not '${now}'`,
      );
    input.now = time;
  }
  const externalId = stringOption(parsed, 'external-id');
  if (externalId !== undefined) input.externalId = externalId;
  const duration = stringOption(parsed, 'duration-seconds');
  if (duration !== undefined) {
    if (!/^[0-9]{1,9}$/.test(duration)) {
      return refused(io, {
        code: 'InvalidParameter.DurationSeconds',
        message: `DurationSeconds ${JSON.stringify(duration.slice(0, 40))} is not a whole number of seconds`,
      });
    }
    input.durationSeconds = Number(duration);
  }

  const loaded = loadModel(modelPath);
  if (loaded.model === null) {
    for (const d of sortDiagnostics(loaded.diagnostics)) await write(io.stderr, `${formatDiagnostic(d)}\n`);
    await write(io.stderr, `ramc: ${modelPath} has errors; fix them before assuming a role\n`);
    return EXIT_INVALID_INPUT;
  }
  const signingKey = await readText(keyPath, 'signing key', io);
  if (signingKey === null) return EXIT_INVALID_INPUT;
  const policyPath = stringOption(parsed, 'policy');
  if (policyPath !== undefined) {
    const policy = await readText(policyPath, 'session policy', io);
    if (policy === null) return EXIT_INVALID_INPUT;
    input.policy = policy;
    input.policyFile = policyPath;
  }
  const contextPath = stringOption(parsed, 'context');
  if (contextPath !== undefined) {
    const text = await readText(contextPath, 'context', io);
    if (text === null) return EXIT_INVALID_INPUT;
    const json = parseJson(text, contextPath);
    if (json.value === null) {
      const first = json.diagnostics[0];
      const detail = first === undefined ? 'it is not JSON' : formatDiagnostic(first);
      return refused(io, {
        code: 'InvalidParameter.Context',
        message: `the context file is not valid JSON: ${detail}`,
      });
    }
    input.context = toPlain(json.value);
  }

  const result = assumeRole(loaded.model, input, signingKey);
  if (!result.ok) return refused(io, result.error);
  await write(io.stdout, `${JSON.stringify(result.response, null, 2)}\n`);
  return EXIT_OK;
}

async function refused(io: CliIo, error: StsError): Promise<number> {
  await write(
    io.stdout,
    `${JSON.stringify({ error: { code: error.code, message: error.message } }, null, 2)}\n`,
  );
  return EXIT_INVALID_INPUT;
}

async function readText(path: string, what: string, io: CliIo): Promise<string | null> {
  try {
    const bytes = readFileBounded(path, MAX_REFERENCED_FILE_BYTES);
    if (bytes !== null) return bytes.toString('utf8');
    await write(
      io.stderr,
      `ramc sts assume-role: the ${what} file ${path} holds more than ${MAX_REFERENCED_FILE_BYTES} bytes; it was not read\n`,
    );
    return null;
  } catch (error) {
    await write(
      io.stderr,
      `ramc sts assume-role: cannot read the ${what} file ${path}: ${errorCode(error)}\n`,
    );
    return null;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
