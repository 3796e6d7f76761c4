import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workload } from './types.js';

/** Where a workload was written: the model file and the text of every policy file, in model order. */
export interface WrittenWorkload {
  modelPath: string;
  policyTexts: string[];
}

/**
 * Writes the workload as `ramc compile` reads an account: `dir/model.json` naming one file per policy
 * under `dir/policies/`, two-space indented. (Inline documents would put a 10,000-statement account
 * past the 4 MiB limit of a single JSON file.) Replaces whatever `dir` held.
 */
export function writeWorkload(workload: Workload, dir: string): WrittenWorkload {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'policies'), { recursive: true });
  const policyTexts: string[] = [];
  const policies = workload.model.policies.map((policy) => {
    const text = `${JSON.stringify(policy.document, null, 2)}\n`;
    policyTexts.push(text);
    const file = `policies/${policy.name}.json`;
    writeFileSync(join(dir, file), text);
    return { name: policy.name, file };
  });
  const modelPath = join(dir, 'model.json');
  writeFileSync(modelPath, `${JSON.stringify({ ...workload.model, policies }, null, 2)}\n`);
  return { modelPath, policyTexts };
}
