import { describe, expect, it } from 'vitest';
import type { Authorizer, Check, DecidingStatement, Decision } from '../runtime/types.js';
import { ENGINES, type Engine } from './engines.js';
import {
  type CaseFile,
  type Expectation,
  type ExpectedCheck,
  type ExpectedDeciding,
  loadCases,
} from './load-cases.js';
import { callAssumeRole, mintScenario } from './sts/mint-token.js';

const CASES = loadCases();
const MIN_REQUESTS = 200;

describe('conformance case files', () => {
  it(`hold at least ${MIN_REQUESTS} requests`, () => {
    const total = CASES.reduce((sum, file) => sum + file.requests.length, 0);
    expect(total).toBeGreaterThanOrEqual(MIN_REQUESTS);
  });

  it('name only existing cases in engine todo lists', () => {
    const ids = new Set(CASES.flatMap((file) => file.requests.map((_, index) => `${file.id}#${index}`)));
    const stale = ENGINES.flatMap((engine) => Object.keys(engine.todo ?? {}).filter((id) => !ids.has(id)));
    expect(stale).toEqual([]);
  });
});

for (const engine of ENGINES) {
  describe(`engine ${engine.name}`, () => {
    for (const file of CASES) defineFileTests(engine, file);
  });
}

// AssumeRole itself is decided by the compiler's STS (semantics §7.1), the same for every engine.
describe('AssumeRole', () => {
  for (const file of CASES) {
    file.requests.forEach((testCase, index) => {
      const { assumeRole, expectAssumeRole } = testCase;
      if (assumeRole === undefined || expectAssumeRole === undefined) return;
      it(`AssumeRole ${file.id} #${index}: ${testCase.note}`, () => {
        const result = callAssumeRole(file, assumeRole);
        const shown = JSON.stringify(result);
        if (expectAssumeRole.error !== undefined) {
          expect(result.ok ? null : result.error.code, `AssumeRole refused (it said ${shown})`).toBe(
            expectAssumeRole.error,
          );
          return;
        }
        expect(result.ok, `AssumeRole allowed (it said ${shown})`).toBe(true);
        if (!result.ok) return;
        expect(result.response.AssumedRoleUser.Arn).toBe(expectAssumeRole.arn);
        if (expectAssumeRole.expiration !== undefined) {
          expect(result.response.Credentials.Expiration).toBe(expectAssumeRole.expiration);
        }
      });
    });
  }
});

/** Minted credentials, once per entry, so every engine sees the same token. */
const minted = new Map<string, { securityToken: string; accessKeyId?: string }>();

function requestOf(file: CaseFile, index: number): unknown {
  const testCase = file.requests[index];
  if (testCase?.token === undefined) return structuredClone(testCase?.request);
  const key = `${file.id}#${index}`;
  let credentials = minted.get(key);
  if (credentials === undefined) {
    credentials = mintScenario(file, testCase.token);
    minted.set(key, credentials);
  }
  return { ...structuredClone(testCase.request as object), ...credentials };
}

function defineFileTests(engine: Engine, file: CaseFile): void {
  let prepared: Promise<Authorizer> | undefined;
  // The model is prepared once per engine and file, on first use, from a copy the engine may not spoil.
  const authorizer = (): Promise<Authorizer> => {
    prepared ??= Promise.resolve().then(() => engine.prepare(structuredClone(file.model)));
    return prepared;
  };

  it(`${engine.name} ${file.id}: model accepted`, async () => {
    await expect(authorizer()).resolves.toHaveProperty('authorize');
  });

  file.requests.forEach((testCase, index) => {
    if (testCase.assumeRole !== undefined) return;
    const caseId = `${file.id}#${index}`;
    const gap = engine.todo?.[caseId];
    const name = `${engine.name} ${file.id} #${index}: ${testCase.note}`;
    const body = async (): Promise<void> => {
      const decision = (await authorizer()).authorize(requestOf(file, index));
      assertDecision(decision, testCase.expect);
    };
    if (gap === undefined) it(name, body);
    else it.fails(`${name} [known gap: ${gap}]`, body);
  });
}

function assertDecision(actual: Decision, expected: Expectation): void {
  const shown = JSON.stringify(actual);
  expect(actual.decision, `decision (engine said ${shown})`).toBe(expected.decision);
  assertError(actual, expected, shown);
  if (expected.id !== undefined) expect(actual.id, `echoed id (engine said ${shown})`).toBe(expected.id);
  if (expected.principal !== undefined) {
    expect(actual.principal, `caller ARN (engine said ${shown})`).toBe(expected.principal);
  }
  assertDecidingShape(actual.decision, actual.deciding, actual.checks === undefined, shown);
  for (const want of expected.deciding ?? []) assertDecidingIncludes(actual.deciding, want, shown);
  if (expected.checks !== undefined) assertChecks(actual.checks, expected.checks, shown);
}

function assertError(actual: Decision, expected: Expectation, shown: string): void {
  if (expected.error === undefined) {
    expect(actual.error, `no error expected (engine said ${shown})`).toBeUndefined();
    return;
  }
  const codes = Array.isArray(expected.error) ? expected.error : [expected.error];
  expect(codes, `error code (engine said ${shown})`).toContain(actual.error?.code);
  expect(actual.error?.message, 'every error carries a message').toBeTypeOf('string');
}

/** interfaces §3: ImplicitDeny names no statement; Allow names Allow statements; ExplicitDeny names Deny ones. */
function assertDecidingShape(
  decision: Decision['decision'],
  deciding: readonly DecidingStatement[],
  mustNameDeny: boolean,
  shown: string,
): void {
  expect(Array.isArray(deciding), `deciding is an array (engine said ${shown})`).toBe(true);
  if (decision === 'ImplicitDeny') {
    expect(deciding, `ImplicitDeny names no deciding statement (engine said ${shown})`).toEqual([]);
    return;
  }
  const effect = decision === 'Allow' ? 'Allow' : 'Deny';
  for (const statement of deciding) {
    expect(
      statement.effect,
      `every deciding statement of ${decision} is ${effect} (engine said ${shown})`,
    ).toBe(effect);
  }
  if (decision === 'ExplicitDeny' && mustNameDeny) {
    expect(deciding.length, `ExplicitDeny names the Deny statement (engine said ${shown})`).toBeGreaterThan(
      0,
    );
  }
}

function assertDecidingIncludes(
  deciding: readonly DecidingStatement[],
  want: ExpectedDeciding,
  shown: string,
): void {
  const fields = Object.entries(want) as [keyof DecidingStatement, unknown][];
  const found = deciding.some((statement) => fields.every(([key, value]) => statement[key] === value));
  expect(found, `deciding lists ${JSON.stringify(want)} (engine said ${shown})`).toBe(true);
}

/** Checks are compared as a set of (action, resource) pairs: the spec does not fix their order. */
function assertChecks(
  actual: readonly Check[] | undefined,
  expected: readonly ExpectedCheck[],
  shown: string,
): void {
  expect(actual, `operation checks (engine said ${shown})`).toBeDefined();
  const got = (actual ?? []).map((c) => ({ action: c.action, resource: c.resource, decision: c.decision }));
  expect(got, `operation checks (engine said ${shown})`).toHaveLength(expected.length);
  for (const want of expected) expect(got, `operation checks (engine said ${shown})`).toContainEqual(want);
}
