import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { referenceAuthorizer } from '../../compiler/reference/index.js';
import { loadBundle } from '../../runtime/index.js';
import { loadCases } from '../load-cases.js';
import { bundleStatements, normalForm } from './decision-normal-form.js';

const now = (): number => Date.parse('2026-11-27T10:00:00Z');

/** reference ≡ runtime on every request of every conformance case file, with and without explanations. */
describe('runtime ≡ reference on the conformance cases', () => {
  for (const file of loadCases()) {
    it(file.id, () => {
      const { bundle, diagnostics } = compile(file.model);
      if (bundle === null) throw new Error(`the case model does not compile: ${JSON.stringify(diagnostics)}`);
      const runtime = loadBundle(bundle, { now });
      const reference = referenceAuthorizer(file.model, { now });
      const present = bundleStatements(bundle);
      file.requests.forEach(({ request, note }, i) => {
        for (const explain of [false, true]) {
          const expected = normalForm(reference.authorize(request, { explain }), present);
          expect(
            normalForm(runtime.authorize(request, { explain }), present),
            `request ${i} (${note}), explain ${explain}`,
          ).toEqual(expected);
        }
      });
    });
  }
});
