import { deepStrictEqual } from 'node:assert/strict';
import type { Check, DecidingStatement, Decision } from '../../runtime/types.js';

/** A deciding statement as one comparable string: every member, position included when present. */
function statementKey(d: DecidingStatement): string {
  return JSON.stringify([
    d.policy,
    d.policyType,
    d.version,
    d.statement,
    d.sid,
    d.effect,
    d.scope,
    d.indeterminate === true,
    d.position ?? null,
  ]);
}

function decidingSet(deciding: readonly DecidingStatement[]): string[] {
  return [...new Set(deciding.map(statementKey))].sort();
}

interface CheckForm {
  action: string;
  resource: string;
  decision: string;
  deciding: string[];
  step: string | undefined;
}

/**
 * What two engines must agree on: decision, echoed id, principal, error code, the SET of deciding
 * statements (order is not part of the contract, interfaces §3), operation checks, and with `explain`
 * the step of the flow that decided. Messages and explanation sentences are for people and may differ.
 */
interface AgreementForm {
  id: string | number | undefined;
  decision: string;
  principal: string | undefined;
  error: string | undefined;
  deciding: string[];
  step: string | undefined;
  checks: CheckForm[] | undefined;
}

function agreementForm(d: Decision): AgreementForm {
  return {
    id: d.id,
    decision: d.decision,
    principal: d.principal,
    error: d.error?.code,
    deciding: decidingSet(d.deciding),
    step: d.explanation?.step,
    checks: d.checks?.map((c: Check) => ({
      action: c.action,
      resource: c.resource,
      decision: c.decision,
      deciding: decidingSet(c.deciding),
      step: c.explanation?.step,
    })),
  };
}

/**
 * An engine that lists only some deciding statements (allowed on the fast path, interfaces §3) must
 * list a non-empty subset of the reference's. Returns `got` with its list replaced by `want`'s once
 * that holds, so the rest of the decision is still compared exactly.
 */
function acceptSubset(got: string[], want: string[], where: string): string[] {
  const missing = got.filter((k) => !want.includes(k));
  if (missing.length > 0)
    throw new Error(`${where}: deciding statements the reference does not list: ${missing}`);
  if ((got.length === 0) !== (want.length === 0)) {
    throw new Error(
      `${where}: deciding is ${got.length === 0 ? 'empty' : 'not empty'}, unlike the reference's`,
    );
  }
  return want;
}

/**
 * Throws (with a diff of the comparable parts) unless `actual` agrees with the reference's decision.
 * `complete`: the engine lists every deciding statement, so the sets must be equal, not just included.
 */
export function assertAgreement(
  reference: Decision,
  actual: Decision,
  complete: boolean,
  label: string,
): void {
  const want = agreementForm(reference);
  const got = agreementForm(actual);
  if (!complete) {
    got.deciding = acceptSubset(got.deciding, want.deciding, `${label}: decision`);
    got.checks?.forEach((check, i) => {
      const wanted = want.checks?.[i];
      if (wanted !== undefined)
        check.deciding = acceptSubset(check.deciding, wanted.deciding, `${label}: check ${i}`);
    });
  }
  deepStrictEqual(got, want, `${label}: the engines disagree`);
}
