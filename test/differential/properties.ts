/**
 * The differential properties, shared by the vitest suites (a few thousand cases per run) and by
 * `bench/fuzz.ts` (as many as asked). Each throws with a readable diff on a disagreement; fast-check
 * adds the seed, the path and the shrunk counterexample.
 */
import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import fc from 'fast-check';
import { compile } from '../../compiler/compile.js';
import { formatDiagnostic } from '../../compiler/diagnostics.js';
import { parseJson } from '../../compiler/parse/json-parser.js';
import { validatePolicy } from '../../compiler/policy/validate-policy.js';
import { globMatch } from '../../compiler/reference/glob.js';
import { referenceAuthorizer } from '../../compiler/reference/index.js';
import { Glob } from '../../runtime/match/glob.js';
import type { Authorizer } from '../../runtime/types.js';
import {
  actionPatternArb,
  applyEdits,
  type ModelJson,
  mutatedModelArb,
  policyDocumentArb,
  requestActionArb,
  resourceArb,
  resourcePatternArb,
  scenarioArb,
} from '../arbitraries.js';
import type { Engine } from '../engines.js';
import { assertAgreement } from './agreement.js';
import { expectedPolicyAst, withoutSpans } from './policy-ast.js';

/** Every engine reads this clock, so requests without `acs:CurrentTime` are decided at the same instant. */
export const NOW = Date.parse('2026-11-27T10:00:00Z');
const now = (): number => NOW;

/** How many (model, request) cases the engine property decided, for the suites' own lower bound. */
export const counters = { cases: 0 };

async function prepareAll(engines: readonly Engine[], model: ModelJson): Promise<[Engine, Authorizer][]> {
  return Promise.all(
    engines.map(async (e) => [e, await e.prepare(structuredClone(model), { now })] as [Engine, Authorizer]),
  );
}

/**
 * reference ≡ every engine of `engines` on a generated valid model and 4–20 requests: same decision,
 * error code, principal, id, deciding statements and operation checks (see `assertAgreement`).
 */
export function enginesAgree(engines: readonly Engine[]) {
  return fc.asyncProperty(scenarioArb, fc.boolean(), async ({ model, requests }, explain) => {
    const reference = referenceAuthorizer(structuredClone(model), { now });
    const prepared = await prepareAll(engines, model);
    for (const request of requests) {
      const want = reference.authorize(structuredClone(request), { explain });
      for (const [engine, authorizer] of prepared) {
        const got = authorizer.authorize(structuredClone(request), { explain });
        const label = `${engine.name} on ${JSON.stringify(request)} (explain: ${explain})`;
        assertAgreement(want, got, engine.listsEveryDecidingStatement, label);
      }
      counters.cases++;
    }
  });
}

/**
 * Models with mistakes: `compile` reports errors (and no bundle) exactly when the reference constructor
 * throws, and exactly when a mutation that is an error was applied; warning-only models compile.
 */
export function modelsRejectedAlike() {
  return fc.property(mutatedModelArb, ({ model, mutations, invalid }) => {
    const { bundle, diagnostics } = compile(structuredClone(model));
    let thrown: unknown = null;
    try {
      referenceAuthorizer(structuredClone(model));
    } catch (error) {
      thrown = error;
    }
    const errors = diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    const label = `mutations [${mutations.join(', ')}], diagnostics ${JSON.stringify(errors)}`;
    equal(bundle === null, thrown !== null, `compile and the reference disagree on ${label}`);
    equal(bundle === null, errors.length > 0, `a bundle iff no error diagnostic: ${label}`);
    equal(bundle === null, invalid, `rejected iff an error mutation was applied: ${label}`);
    if (!invalid)
      ok(
        diagnostics.some((d) => d.severity === 'warning'),
        `a warning for ${label}`,
      );
  });
}

/** The regex a glob pattern stands for (semantics §3): `*` any run of code units, `?` exactly one. */
export function globRegex(pattern: string): RegExp {
  const body = [...pattern]
    .map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[\\^$.|+()[\]{}-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

/** A text made from the pattern: wildcards filled in, then nudged by edits, so it often just (mis)matches. */
const nearTextArb = (pattern: string) =>
  fc
    .tuple(
      fc.constantFrom('', 'x', 'key/', ':a/b'),
      fc.array(fc.tuple(fc.nat(4), fc.nat(60), fc.nat(2)), { maxLength: 2 }),
    )
    .map(([fill, edits]) => applyEdits(pattern.replaceAll('*', fill).replaceAll('?', 'q'), edits, 'k:/-yY'));

/** The runtime's glob and the reference's matcher ≡ the regex oracle, on ARN and action patterns. */
export function globMatchesRegex() {
  const pair = fc.oneof(
    fc.tuple(resourcePatternArb, resourceArb),
    resourcePatternArb.chain((p) => fc.tuple(fc.constant(p), nearTextArb(p))),
    fc.tuple(actionPatternArb, requestActionArb).map(([p, a]) => [p.toLowerCase(), a.toLowerCase()] as const),
  );
  return fc.property(pair, ([pattern, text]) => {
    const expected = globRegex(pattern).test(text);
    equal(new Glob(pattern).matches(text), expected, `runtime Glob(${pattern}) on ${text}`);
    equal(globMatch(pattern, text), expected, `reference globMatch(${pattern}) on ${text}`);
  });
}

/** parse(print(policy)) ≡ policy: the validated AST of the printed JSON, spans aside, is the generated document. */
export function parsePrintRoundTrip() {
  return fc.property(policyDocumentArb, fc.constantFrom<number | string>(0, 2, '\t'), (document, indent) => {
    const text = JSON.stringify(document, null, indent);
    const parsed = parseJson(text, 'policy.json');
    ok(
      parsed.value !== null,
      `the printed policy does not parse: ${parsed.diagnostics.map(formatDiagnostic)}`,
    );
    const validated = validatePolicy(parsed.value, 'permission', { file: 'policy.json' });
    const errors = validated.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    ok(validated.document !== null, `the printed policy is refused: ${errors.join('; ')}`);
    deepStrictEqual(withoutSpans(validated.document), expectedPolicyAst(document));
  });
}
