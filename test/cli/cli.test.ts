import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runCli } from './run-cli.js';

const MODEL = 'examples/acme/model.json';
const REQUESTS = 'examples/acme/requests.jsonl';
const ALICE = 'acs:ram::1234567890123456:user/alice';
const KEY = 'acs:kms:cn-hangzhou:1234567890123456:key/key-hzz62f1cb66fa42qo1';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ramc-cli-'));
}

describe('ramc (usage)', () => {
  it('prints usage and exits 2 without a command', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ramc check MODEL');
  });

  it('rejects an unknown command and an unknown option with exit 2', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const bad = await runCli(['check', MODEL, '--colour']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('usage: ramc check');
  });

  it('needs exactly one of --model and --bundle', async () => {
    expect((await runCli(['eval'])).code).toBe(2);
    expect((await runCli(['eval', '--model', MODEL, '--bundle', 'x'])).code).toBe(2);
    expect((await runCli(['eval', '--model', MODEL, '--engine', 'quantum'])).code).toBe(2);
  });

  it('treats --engine reference with a bundle as wrong usage: the reference engine reads models', async () => {
    const result = await runCli(['eval', '--bundle', 'any.bundle', '--engine', 'reference']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--engine reference needs --model');
  });
});

describe('ramc check', () => {
  it('accepts the example account', async () => {
    const result = await runCli(['check', MODEL]);
    expect(result.stdout.split('\n').filter((l) => l.includes(': error '))).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('reports a planted mistake with file, line and column, as text and as JSON', async () => {
    const dir = tempDir();
    const model = join(dir, 'model.json');
    writeFileSync(
      model,
      '{\n  "account": "1234567890123456",\n  "policies": [\n    { "name": "P", "document": { "Version": "1", "Statement": [\n      { "Effect": "allow", "Action": "kms:Decrypt", "Resource": "*" } ] } }\n  ]\n}\n',
    );
    const text = await runCli(['check', model]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(
      new RegExp(`${model.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:19: error \\w+`),
    );
    const json = await runCli(['check', model, '--format', 'json']);
    expect(json.code).toBe(1);
    const diagnostics = JSON.parse(json.stdout) as {
      severity: string;
      span: { line: number; column: number };
    }[];
    expect(diagnostics.some((d) => d.severity === 'error' && d.span.line === 5 && d.span.column === 19)).toBe(
      true,
    );
  });

  it('reports a missing model file as a diagnostic, not a stack trace', async () => {
    const result = await runCli(['check', join(tempDir(), 'nope.json')]);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('ramc eval', () => {
  const request = JSON.stringify({
    id: 'r1',
    principal: ALICE,
    action: 'kms:Decrypt',
    resource: KEY,
    resourceTags: { Project: 'Apollo' },
    context: { 'acs:SourceIp': '203.0.113.7' },
  });

  for (const engine of ['reference', 'ts']) {
    it(`decides JSON Lines from stdin with the ${engine} engine`, async () => {
      const result = await runCli(
        ['eval', '--model', MODEL, '--engine', engine],
        `${request}\n\n{"id":"r2"}\n`,
      );
      const [first, second] = jsonLines(result.stdout);
      expect(first).toMatchObject({ id: 'r1', decision: 'Allow', principal: ALICE });
      expect(second).toMatchObject({ id: 'r2', decision: 'ImplicitDeny', error: { code: 'InvalidRequest' } });
      expect(result.code).toBe(1);
    });
  }

  it('answers a line too long to be a request with an error, without reading it whole, and goes on', async () => {
    const result = await runCli(['eval', '--model', MODEL], `${'x'.repeat(3_000_000)}\r\n${request}`);
    const [long, good] = jsonLines(result.stdout);
    expect(long).toMatchObject({
      decision: 'ImplicitDeny',
      error: {
        code: 'InvalidRequest',
        message: expect.stringMatching(/^request on line 1 is longer than \d+ characters/),
      },
    });
    expect(good).toMatchObject({ id: 'r1', decision: 'Allow' });
    expect(result.code).toBe(1);
  });

  it('refuses an endless file as model or bundle instead of running out of memory', async () => {
    for (const args of [
      ['check', '/dev/zero'],
      ['inspect', '/dev/zero'],
      ['eval', '--bundle', '/dev/zero'],
    ]) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stdout + result.stderr).toMatch(/holds more than \d+ bytes/);
    }
  });

  it('reads standard input for --requests -', async () => {
    const result = await runCli(['eval', '--model', MODEL, '--requests', '-'], `${request}\n`);
    expect(jsonLines(result.stdout)).toMatchObject([{ id: 'r1', decision: 'Allow' }]);
    expect(result.code).toBe(0);
  });

  it('rejects a request line with duplicate keys or broken JSON, and goes on', async () => {
    const input = `{"action":"kms:Decrypt","action":"kms:Encrypt","principal":"${ALICE}"}\n{oops\n${request}\n`;
    const result = await runCli(['eval', '--model', MODEL, '--engine', 'reference'], input);
    const decisions = jsonLines(result.stdout);
    expect(decisions.map((d) => d.decision)).toEqual(['ImplicitDeny', 'ImplicitDeny', 'Allow']);
    expect(decisions[0]?.error).toMatchObject({ code: 'InvalidRequest' });
    // Both positions are on the request's own line: the first key is named by its column.
    expect(decisions[0]?.error).toEqual({
      code: 'InvalidRequest',
      message:
        'request on line 1, column 25 is not valid JSON: duplicate key "action": it is already defined at column 2',
    });
    expect(decisions[1]?.error).toMatchObject({ message: expect.stringContaining('line 2') });
  });

  it('explains with source positions', async () => {
    const result = await runCli(
      ['eval', '--model', MODEL, '--engine', 'reference', '--explain'],
      `${request}\n`,
    );
    const [decision] = jsonLines(result.stdout) as {
      explanation?: { statements: { position?: { file: string } }[] };
    }[];
    expect(decision?.explanation?.statements.length).toBeGreaterThan(0);
    expect(
      decision?.explanation?.statements.some((s) => s.position?.file.endsWith('kms-project-crypto.json')),
    ).toBe(true);
  });

  it('explains from the policy source for every engine given a model', async () => {
    // A request Alice's statements fail on their elements: a wrong action, then condition keys.
    const denied = JSON.stringify({
      id: 'd',
      principal: ALICE,
      action: 'kms:ScheduleKeyDeletion',
      resource: KEY,
    });
    const explained = async (engine: string) => {
      const result = await runCli(['eval', '--model', MODEL, '--engine', engine, '--explain'], `${denied}\n`);
      return jsonLines(result.stdout)[0] as {
        decision: string;
        explanation: { statements: { failed?: { position?: { line: number } } }[] };
      };
    };
    const reference = await explained('reference');
    const failed = reference.explanation.statements.filter((s) => s.failed !== undefined);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((s) => (s.failed?.position?.line ?? 0) > 0)).toBe(true);
    for (const engine of ['ts', 'wasm']) expect(await explained(engine)).toEqual(reference);
  });

  it('dumps the IR after a named stage, and refuses a name that is none', async () => {
    const out = join(tempDir(), 'acme.bundle');
    const dumped = await runCli(['compile', MODEL, '-o', out, '--dump-ir', 'fold']);
    expect(dumped.code).toBe(0);
    expect(dumped.stdout).toMatch(/^# IR after fold\n/);
    const wrong = await runCli(['compile', MODEL, '-o', out, '--dump-ir', 'nosuchpass']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--dump-ir must be all or one of lower, canonicalize-patterns');
  });

  it('compiles a bundle, inspects it, and evaluates it like the model', async () => {
    const bundle = join(tempDir(), 'acme.bundle');
    const compiled = await runCli(['compile', MODEL, '-o', bundle]);
    expect(compiled.code).toBe(0);
    expect(readFileSync(bundle).length).toBeGreaterThan(16);
    const inspected = await runCli(['inspect', bundle]);
    expect(inspected.code).toBe(0);
    expect(inspected.stdout).toContain('KmsProjectCrypto');
    const fromBundle = await runCli(['eval', '--bundle', bundle, '--requests', REQUESTS]);
    const fromModel = await runCli([
      'eval',
      '--model',
      MODEL,
      '--engine',
      'reference',
      '--requests',
      REQUESTS,
    ]);
    const strip = (text: string) =>
      jsonLines(text).map((d) => [d.id, d.decision, (d.error as { code?: string })?.code]);
    expect(strip(fromBundle.stdout)).toEqual(strip(fromModel.stdout));
    expect(jsonLines(fromBundle.stdout)).toHaveLength(17);
  });

  it('refuses a corrupt bundle with exit 1 and a message', async () => {
    const bundle = join(tempDir(), 'bad.bundle');
    writeFileSync(bundle, 'not a bundle at all');
    const result = await runCli(['eval', '--bundle', bundle], `${request}\n`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot load bundle');
    expect(result.stdout).toBe('');
  });

  it('writes no bundle when the model has errors', async () => {
    const dir = tempDir();
    const model = join(dir, 'model.json');
    writeFileSync(model, '{ "account": "12x" }');
    const out = join(dir, 'out.bundle');
    const result = await runCli(['compile', model, '-o', out]);
    expect(result.code).toBe(1);
    expect(() => readFileSync(out)).toThrow();
  });
});
