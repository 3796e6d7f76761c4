import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, runCli } from '../cli/run-cli.js';
import { ARN, KEY, stsModelObject } from './fixtures.js';

let dir = '';
let keys = '';
let model = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ramc-sts-'));
  keys = join(dir, 'keys');
  const made = await runCli(['sts', 'keygen', '--out', keys]);
  expect(made.code).toBe(0);
  const object = stsModelObject();
  delete object.sts;
  model = join(dir, 'model.json');
  writeFileSync(model, JSON.stringify({ ...object, sts: { publicKeyFile: 'keys/sts-public.pem' } }, null, 2));
});

const assume = (...extra: string[]) =>
  runCli([
    'sts',
    'assume-role',
    '--model',
    model,
    '--signing-key',
    join(keys, 'sts-private.pem'),
    '--caller',
    `${ARN}:user/alice`,
    '--role-arn',
    `${ARN}:role/app`,
    '--session-name',
    'ci-run',
    '--now',
    '2026-11-27T10:00:00Z',
    ...extra,
  ]);

describe('ramc sts keygen', () => {
  it('writes an Ed25519 pair, the private key readable by its owner only', () => {
    const privatePem = readFileSync(join(keys, 'sts-private.pem'), 'utf8');
    expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(readFileSync(join(keys, 'sts-public.pem'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(statSync(join(keys, 'sts-private.pem')).mode & 0o777).toBe(0o600);
  });

  it('refuses to overwrite a key pair unless --force', async () => {
    const before = readFileSync(join(keys, 'sts-private.pem'), 'utf8');
    const again = await runCli(['sts', 'keygen', '--out', keys]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists; pass --force');
    expect(readFileSync(join(keys, 'sts-private.pem'), 'utf8')).toBe(before);

    const other = join(dir, 'rotated');
    expect((await runCli(['sts', 'keygen', '--out', other])).code).toBe(0);
    const rotated = readFileSync(join(other, 'sts-private.pem'), 'utf8');
    expect((await runCli(['sts', 'keygen', '--out', other, '--force'])).code).toBe(0);
    expect(readFileSync(join(other, 'sts-private.pem'), 'utf8')).not.toBe(rotated);
    expect(statSync(join(other, 'sts-private.pem')).mode & 0o777).toBe(0o600);
  });

  it('makes missing directories, and reports one it cannot make instead of retrying', async () => {
    const nested = join(dir, 'a', 'b');
    expect((await runCli(['sts', 'keygen', '--out', nested])).code).toBe(0);
    expect(statSync(join(nested, 'sts-public.pem')).isFile()).toBe(true);
    // Under /proc the kernel answers ENOENT although the parent exists: Node's recursive mkdir loops.
    const proc = await runCli(['sts', 'keygen', '--out', '/proc/ramc-test/keys']);
    expect(proc.code).toBe(1);
    expect(proc.stderr).toContain('cannot write to /proc/ramc-test/keys: ENOENT');
    const file = await runCli(['sts', 'keygen', '--out', join(nested, 'sts-public.pem')]);
    expect(file.code).toBe(1);
    expect(file.stderr).toContain('sts-public.pem: ENOTDIR');
  });

  it('is wrong usage without --out, or with an unknown subcommand', async () => {
    expect((await runCli(['sts', 'keygen'])).code).toBe(2);
    expect((await runCli(['sts'])).code).toBe(2);
    const unknown = await runCli(['sts', 'assume']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown subcommand 'assume'");
  });
});

describe('ramc sts assume-role', () => {
  it('prints credentials whose token every engine accepts', async () => {
    const result = await assume('--duration-seconds', '7200');
    expect(result.code).toBe(0);
    const response = JSON.parse(result.stdout);
    expect(response.AssumedRoleUser.Arn).toBe(`${ARN}:role/app/ci-run`);
    expect(response.Credentials.Expiration).toBe('2026-11-27T12:00:00Z');
    const request = {
      securityToken: response.Credentials.SecurityToken,
      accessKeyId: response.Credentials.AccessKeyId,
      action: 'kms:Decrypt',
      resource: KEY,
      context: { 'acs:CurrentTime': '2026-11-27T11:59:59Z' },
    };
    for (const engine of ['reference', 'ts']) {
      const evaluated = await runCli(
        ['eval', '--model', model, '--engine', engine],
        `${JSON.stringify(request)}\n`,
      );
      expect(jsonLines(evaluated.stdout)[0], engine).toMatchObject({
        decision: 'Allow',
        principal: `${ARN}:role/app/ci-run`,
      });
    }
  });

  it('reads the session policy and the context from files', async () => {
    const policy = join(dir, 'session.json');
    writeFileSync(
      policy,
      JSON.stringify({
        Version: '1',
        Statement: [{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }],
      }),
    );
    const context = join(dir, 'context.json');
    writeFileSync(context, JSON.stringify({ 'acs:SourceIp': '203.0.113.7', 'acs:MFAPresent': true }));
    const result = await assume('--policy', policy, '--context', context);
    expect(result.code).toBe(0);
    const token = JSON.parse(result.stdout).Credentials.SecurityToken;
    const request = {
      securityToken: token,
      action: 'kms:Decrypt',
      resource: KEY,
      context: { 'acs:CurrentTime': '2026-11-27T10:01:00Z' },
    };
    const evaluated = await runCli(
      ['eval', '--model', model, '--engine', 'ts'],
      `${JSON.stringify(request)}\n`,
    );
    expect(jsonLines(evaluated.stdout)[0]).toMatchObject({ decision: 'ImplicitDeny' });
  });

  it('prints a refusal as { error: { code, message } } and exits 1', async () => {
    const result = await runCli([
      'sts',
      'assume-role',
      '--model',
      model,
      '--signing-key',
      join(keys, 'sts-private.pem'),
      '--caller',
      `${ARN}:user/dave`,
      '--role-arn',
      `${ARN}:role/app`,
      '--session-name',
      'ci-run',
    ]);
    expect(result.code).toBe(1);
    const printed = JSON.parse(result.stdout);
    expect(Object.keys(printed)).toEqual(['error']);
    expect(Object.keys(printed.error)).toEqual(['code', 'message']);
    expect(printed.error.code).toBe('NoPermission');
  });

  it('maps bad parameters to their codes', async () => {
    const code = async (...extra: string[]) => JSON.parse((await assume(...extra)).stdout).error.code;
    expect(await code('--duration-seconds', 'an hour')).toBe('InvalidParameter.DurationSeconds');
    expect(await code('--duration-seconds', '100000')).toBe('InvalidParameter.DurationSeconds');
    expect(await code('--external-id', 'x')).toBe('InvalidParameter.ExternalId');
    const badContext = join(dir, 'bad-context.json');
    writeFileSync(badContext, '{"acs:SourceIp": "1.2.3.4", "acs:SourceIp": "5.6.7.8"}');
    expect(await code('--context', badContext)).toBe('InvalidParameter.Context');
    const badPolicy = join(dir, 'bad-policy.json');
    writeFileSync(badPolicy, '{"Version":"1","Statement":[]}');
    const grammar = JSON.parse((await assume('--policy', badPolicy)).stdout).error;
    expect(grammar.code).toBe('InvalidParameter.PolicyGrammar');
    expect(grammar.message).toContain(`${badPolicy}:1:`);
  });

  it('is wrong usage without a required option or with a malformed --now', async () => {
    expect((await runCli(['sts', 'assume-role', '--model', model])).code).toBe(2);
    const now = await assume('--now', 'tomorrow');
    expect(now.code).toBe(2);
    expect(now.stderr).toContain('--now must be a date-time');
  });

  it('is wrong usage with a --now its token could not hold: before 1970, or expiring after 9999', async () => {
    for (const time of ['1969-12-31T23:59:59.999Z', '0000-01-01T00:00:00Z', '9999-12-31T00:00:01Z']) {
      const refused = await assume('--now', time);
      expect(refused.code, time).toBe(2);
      expect(refused.stderr).toContain(
        '--now must lie between 1970-01-01T00:00:00Z and 9999-12-31T00:00:00Z',
      );
    }
    const latest = await assume('--now', '9999-12-31T00:00:00Z');
    expect(latest.code).toBe(0);
    expect(JSON.parse(latest.stdout).Credentials.Expiration).toMatch(/^9999-12-31T01:00:00/);
  });

  it('reports unreadable files and model errors on standard error', async () => {
    const missing = await assume('--policy', join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read the session policy file');
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"account": 12}');
    const result = await runCli([
      'sts',
      'assume-role',
      '--model',
      broken,
      '--signing-key',
      'k',
      '--caller',
      'c',
      '--role-arn',
      'r',
      '--session-name',
      's1',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('MODEL_WRONG_TYPE');
    expect(result.stdout).toBe('');
  });
});
