import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DecisionKind, ErrorCode, PolicyType } from '../runtime/types.js';

/** The folder that holds the conformance case files (`<area>/<name>.json`). */
export const CASES_DIR = fileURLToPath(new URL('./cases/', import.meta.url));

/** A statement that must appear in a decision's `deciding` list; only the fields given are compared. */
export interface ExpectedDeciding {
  policy: string;
  statement?: number;
  policyType?: PolicyType;
  scope?: string;
  sid?: string | null;
  effect?: 'Allow' | 'Deny';
  version?: string | null;
  indeterminate?: boolean;
}

/** One (action, resource) pair of an operation request and its decision. */
export interface ExpectedCheck {
  action: string;
  resource: string;
  decision: DecisionKind;
}

/** What a case expects of the decision. `error` may list several codes when the spec allows any of them. */
export interface Expectation {
  decision: DecisionKind;
  error?: ErrorCode | ErrorCode[];
  deciding?: ExpectedDeciding[];
  checks?: ExpectedCheck[];
  id?: string | number;
  principal?: string;
}

/** An AssumeRole call (semantics §7.1) the runner makes with the case file's `stsPrivateKey`. */
export interface AssumeRoleCall {
  caller: string;
  roleArn: string;
  roleSessionName: string;
  /** The session policy: a document object (sent as its JSON text) or the text itself. */
  policy?: object | string;
  durationSeconds?: number;
  externalId?: string;
  context?: Record<string, unknown>;
  /** When the call is made (ISO 8601); tokens expire relative to it. */
  now: string;
}

/**
 * How the runner spoils a minted token: flip a bit of the signature or of the body, sign it with a key the
 * model does not trust, or cut its last character.
 */
export const TAMPERINGS = ['signature', 'body', 'other-key', 'truncate'] as const;
export type Tampering = (typeof TAMPERINGS)[number];

/** A request made with STS credentials: the runner mints them and sets `securityToken` (and maybe `accessKeyId`). */
export interface TokenScenario {
  assumeRole: AssumeRoleCall;
  tamper?: Tampering;
  /** `token`: send the credentials' AccessKeyId as `accessKeyId`; any other string is sent as is. */
  accessKeyId?: string;
}

/** What an AssumeRole call must answer: refused with `error`, or credentials for the session `arn`. */
export interface AssumeRoleExpectation {
  error?: string;
  arn?: string;
  expiration?: string;
}

/**
 * One entry of a case file, with the rule it tests: a request and its decision (optionally made with
 * minted STS credentials, `token`), or an AssumeRole call and its outcome (`assumeRole` + `expectAssumeRole`).
 */
export interface CaseRequest {
  note: string;
  /** Passed to the engine as is: it may be deliberately malformed. */
  request: unknown;
  expect: Expectation;
  token?: TokenScenario;
  assumeRole?: AssumeRoleCall;
  expectAssumeRole?: AssumeRoleExpectation;
}

/** One case file: a model and the requests decided against it. */
export interface CaseFile {
  /** `<area>/<name>`, e.g. `matching/actions`. */
  id: string;
  path: string;
  description: string;
  model: Record<string, unknown>;
  requests: CaseRequest[];
  /** The private half of the model's `sts.publicKey`, for files whose entries call AssumeRole. */
  stsPrivateKey?: string;
}

const DECISIONS: readonly string[] = ['Allow', 'ExplicitDeny', 'ImplicitDeny'];
const ERROR_CODES: readonly string[] = [
  'InvalidRequest',
  'InvalidContextValue',
  'UnknownPrincipal',
  'UnknownAccessKey',
  'InactiveAccessKey',
  'InvalidSecurityToken',
  'SecurityTokenExpired',
  'UnknownOperation',
];
const POLICY_TYPES: readonly string[] = ['System', 'Custom', 'Session', 'Trust'];

/**
 * Reads and validates every case file under `dir`, sorted by id. Throws one error listing every problem
 * in every malformed file, so a broken case can never be silently skipped.
 */
export function loadCases(dir: string = CASES_DIR): CaseFile[] {
  const problems: string[] = [];
  const files = findJsonFiles(dir).sort();
  if (files.length === 0) problems.push(`${dir}: no case files found`);
  const cases: CaseFile[] = [];
  for (const path of files) {
    const id = relative(dir, path)
      .split(sep)
      .join('/')
      .replace(/\.json$/, '');
    const before = problems.length;
    const parsed = readJson(path, problems);
    const file = parsed === undefined ? undefined : validateFile(parsed, id, path, problems);
    if (file !== undefined && problems.length === before) cases.push(file);
  }
  if (problems.length > 0) {
    throw new Error(
      `Malformed conformance case files (fix them, see test/cases/README.md):\n${problems.join('\n')}`,
    );
  }
  return cases;
}

function findJsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findJsonFiles(path));
    else if (entry.name.endsWith('.json')) out.push(path);
  }
  return out;
}

function readJson(path: string, problems: string[]): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    problems.push(`${path}: not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`);
    return undefined;
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownMembers(value: Json, allowed: readonly string[], where: string, problems: string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      problems.push(`${where}: unknown member "${key}" (allowed: ${allowed.join(', ')})`);
  }
}

function validateFile(value: unknown, id: string, path: string, problems: string[]): CaseFile | undefined {
  if (!isObject(value)) {
    problems.push(`${path}: the file must hold one JSON object`);
    return undefined;
  }
  unknownMembers(value, ['description', 'model', 'requests', 'stsPrivateKey'], path, problems);
  const { description, model, requests, stsPrivateKey } = value;
  if (typeof description !== 'string' || description === '') {
    problems.push(`${path}: "description" must be a non-empty string`);
  }
  if (!isObject(model) || typeof model.account !== 'string') {
    problems.push(`${path}: "model" must be a model.json object with an "account" string`);
  }
  if (!Array.isArray(requests) || requests.length === 0) {
    problems.push(`${path}: "requests" must be a non-empty array`);
    return undefined;
  }
  for (const [i, entry] of requests.entries()) validateRequest(entry, `${path}: requests[${i}]`, problems);
  const callsSts = requests.some(
    (entry) => isObject(entry) && (entry.token !== undefined || entry.assumeRole !== undefined),
  );
  if (stsPrivateKey !== undefined && typeof stsPrivateKey !== 'string') {
    problems.push(`${path}: "stsPrivateKey" must be PEM text`);
  }
  if (callsSts && stsPrivateKey === undefined) {
    problems.push(
      `${path}: entries call AssumeRole, so the file needs "stsPrivateKey" (the model's STS private key)`,
    );
  }
  const file: CaseFile = {
    id,
    path,
    description: String(description),
    model: model as Json,
    requests: requests as CaseRequest[],
  };
  if (typeof stsPrivateKey === 'string') file.stsPrivateKey = stsPrivateKey;
  return file;
}

function validateRequest(entry: unknown, where: string, problems: string[]): void {
  if (!isObject(entry)) {
    problems.push(`${where}: must be an object with "note", "request" and "expect"`);
    return;
  }
  const members = ['note', 'request', 'expect', 'token', 'assumeRole', 'expectAssumeRole'];
  unknownMembers(entry, members, where, problems);
  if (typeof entry.note !== 'string' || !/§\d/.test(entry.note)) {
    problems.push(`${where}.note: must be a string that cites the spec section it tests (e.g. "§4.3: ...")`);
  }
  if (entry.assumeRole !== undefined || entry.expectAssumeRole !== undefined) {
    for (const other of ['request', 'expect', 'token']) {
      if (other in entry) problems.push(`${where}: an AssumeRole entry has no "${other}"`);
    }
    validateCall(entry.assumeRole, `${where}.assumeRole`, problems);
    validateAssumeRoleExpectation(entry.expectAssumeRole, `${where}.expectAssumeRole`, problems);
    return;
  }
  if (!('request' in entry)) problems.push(`${where}: "request" is missing`);
  if (entry.token !== undefined) validateToken(entry.token, entry.request, `${where}.token`, problems);
  validateExpect(entry.expect, `${where}.expect`, problems);
}

function validateToken(token: unknown, request: unknown, where: string, problems: string[]): void {
  if (!isObject(token)) {
    problems.push(`${where}: must be an object with "assumeRole"`);
    return;
  }
  unknownMembers(token, ['assumeRole', 'tamper', 'accessKeyId'], where, problems);
  validateCall(token.assumeRole, `${where}.assumeRole`, problems);
  if (token.tamper !== undefined && !(TAMPERINGS as readonly unknown[]).includes(token.tamper)) {
    problems.push(`${where}.tamper: must be one of ${TAMPERINGS.join(', ')}`);
  }
  if (token.accessKeyId !== undefined && typeof token.accessKeyId !== 'string') {
    problems.push(`${where}.accessKeyId: must be "token" or an AccessKeyId string`);
  }
  if (!isObject(request) || 'securityToken' in request || 'principal' in request) {
    problems.push(`${where}: the request must be an object without a caller: the runner sets securityToken`);
  }
}

function validateCall(call: unknown, where: string, problems: string[]): void {
  if (!isObject(call)) {
    problems.push(`${where}: must be an AssumeRole call object`);
    return;
  }
  const optional = ['policy', 'durationSeconds', 'externalId', 'context'];
  unknownMembers(call, ['caller', 'roleArn', 'roleSessionName', 'now', ...optional], where, problems);
  for (const key of ['caller', 'roleArn', 'roleSessionName', 'now']) {
    if (typeof call[key] !== 'string') problems.push(`${where}.${key}: must be a string`);
  }
  if (typeof call.now === 'string' && Number.isNaN(Date.parse(call.now))) {
    problems.push(`${where}.now: must be an ISO 8601 time such as 2026-11-27T10:00:00Z`);
  }
  if (call.durationSeconds !== undefined && typeof call.durationSeconds !== 'number') {
    problems.push(`${where}.durationSeconds: must be a number`);
  }
  if (call.externalId !== undefined && typeof call.externalId !== 'string') {
    problems.push(`${where}.externalId: must be a string`);
  }
  if (call.context !== undefined && !isObject(call.context))
    problems.push(`${where}.context: must be an object`);
  if (call.policy !== undefined && typeof call.policy !== 'string' && !isObject(call.policy)) {
    problems.push(`${where}.policy: must be a policy document object or its text`);
  }
}

function validateAssumeRoleExpectation(expect: unknown, where: string, problems: string[]): void {
  if (!isObject(expect)) {
    problems.push(`${where}: must be an object with "error", or with "arn" (and maybe "expiration")`);
    return;
  }
  unknownMembers(expect, ['error', 'arn', 'expiration'], where, problems);
  const refused = expect.error !== undefined;
  if (refused === (expect.arn !== undefined))
    problems.push(`${where}: give exactly one of "error" and "arn"`);
  for (const key of ['error', 'arn', 'expiration']) {
    if (expect[key] !== undefined && typeof expect[key] !== 'string')
      problems.push(`${where}.${key}: must be a string`);
  }
}

function validateExpect(expect: unknown, where: string, problems: string[]): void {
  if (!isObject(expect)) {
    problems.push(`${where}: must be an object with at least "decision"`);
    return;
  }
  unknownMembers(expect, ['decision', 'error', 'deciding', 'checks', 'id', 'principal'], where, problems);
  if (!DECISIONS.includes(expect.decision as string)) {
    problems.push(`${where}.decision: must be one of ${DECISIONS.join(', ')}`);
  }
  if (expect.error !== undefined) {
    const codes = Array.isArray(expect.error) ? expect.error : [expect.error];
    if (codes.length === 0 || !codes.every((c) => ERROR_CODES.includes(c as string))) {
      problems.push(`${where}.error: must be an error code of interfaces §3 or a non-empty array of them`);
    }
    if (expect.decision !== 'ImplicitDeny')
      problems.push(`${where}: an error always comes with ImplicitDeny`);
  }
  if (expect.id !== undefined && typeof expect.id !== 'string' && typeof expect.id !== 'number')
    problems.push(`${where}.id: must be a string or a number`);
  if (expect.principal !== undefined && typeof expect.principal !== 'string')
    problems.push(`${where}.principal: must be a string`);
  if (expect.deciding !== undefined) {
    if (!Array.isArray(expect.deciding)) problems.push(`${where}.deciding: must be an array`);
    else
      for (const [i, d] of expect.deciding.entries())
        validateDeciding(d, `${where}.deciding[${i}]`, problems);
    if (expect.decision === 'ImplicitDeny')
      problems.push(`${where}.deciding: ImplicitDeny has no deciding statements`);
  }
  if (expect.checks !== undefined) {
    if (!Array.isArray(expect.checks)) problems.push(`${where}.checks: must be an array`);
    else for (const [i, c] of expect.checks.entries()) validateCheck(c, `${where}.checks[${i}]`, problems);
  }
}

function validateDeciding(value: unknown, where: string, problems: string[]): void {
  if (!isObject(value) || typeof value.policy !== 'string') {
    problems.push(`${where}: must be an object with a "policy" string`);
    return;
  }
  const allowed = ['policy', 'statement', 'policyType', 'scope', 'sid', 'effect', 'version', 'indeterminate'];
  unknownMembers(value, allowed, where, problems);
  if (value.statement !== undefined && !Number.isInteger(value.statement)) {
    problems.push(`${where}.statement: must be a 0-based integer`);
  }
  if (value.policyType !== undefined && !POLICY_TYPES.includes(value.policyType as string)) {
    problems.push(`${where}.policyType: must be one of ${POLICY_TYPES.join(', ')}`);
  }
  if (value.effect !== undefined && value.effect !== 'Allow' && value.effect !== 'Deny') {
    problems.push(`${where}.effect: must be Allow or Deny`);
  }
}

function validateCheck(value: unknown, where: string, problems: string[]): void {
  if (!isObject(value)) {
    problems.push(`${where}: must be an object with "action", "resource" and "decision"`);
    return;
  }
  unknownMembers(value, ['action', 'resource', 'decision'], where, problems);
  if (typeof value.action !== 'string' || typeof value.resource !== 'string') {
    problems.push(`${where}: "action" and "resource" must be strings`);
  }
  if (!DECISIONS.includes(value.decision as string)) {
    problems.push(`${where}.decision: must be one of ${DECISIONS.join(', ')}`);
  }
}
