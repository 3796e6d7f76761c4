import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../../compiler/compile.js';
import { formatDiagnostic } from '../../compiler/diagnostics.js';
import { referenceAuthorizer } from '../../compiler/reference/index.js';
import type { Authorizer, DecisionKind } from '../../runtime/types.js';
import { type DecisionMix, decisionMix } from '../workloads/decision-mix.js';
import { kmsAccount } from '../workloads/kms-account.js';
import type { Workload } from '../workloads/types.js';
import { type WrittenWorkload, writeWorkload } from '../workloads/write-workload.js';

/** A workload at one size with everything the suites share: its files, bundle, reference engine and answers. */
export interface PreparedWorkload {
  size: number;
  workload: Workload;
  files: WrittenWorkload;
  bundle: Uint8Array;
  reference: Authorizer;
  /** The reference engine's decision on each request of the mix: what every other engine must answer. */
  expected: DecisionKind[];
  mix: DecisionMix;
}

/** Generates, writes, compiles and decides the workload of `size` statements. Throws if it does not compile. */
export function prepareWorkload(size: number): PreparedWorkload {
  const workload = kmsAccount(size);
  const files = writeWorkload(workload, join(tmpdir(), 'ramc-bench', String(size)));
  const { bundle, diagnostics } = compile(files.modelPath);
  if (bundle === null) {
    const errors = diagnostics.filter((d) => d.severity === 'error').slice(0, 10);
    throw new Error(
      `the ${size}-statement workload does not compile:\n${errors.map(formatDiagnostic).join('\n')}`,
    );
  }
  const reference = referenceAuthorizer(files.modelPath);
  const expected = workload.requests.map((request) => {
    const decision = reference.authorize(request);
    if (decision.error !== undefined) {
      throw new Error(
        `the reference engine refused a generated request (${decision.error.message}): fix the generator`,
      );
    }
    return decision.decision;
  });
  return { size, workload, files, bundle, reference, expected, mix: decisionMix(expected) };
}
