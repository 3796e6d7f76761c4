import { describe, expect, it } from 'vitest';
import { SERVICE_LINKED_ROLES } from '../../../compiler/catalog/service-linked-roles.js';
import { SYSTEM_POLICIES } from '../../../compiler/catalog/system-policies.js';
import { parseJson } from '../../../compiler/parse/json-parser.js';
import { validatePolicy } from '../../../compiler/policy/validate-policy.js';

const BUILTIN: [string, string][] = [
  ...SYSTEM_POLICIES.entries(),
  ...SERVICE_LINKED_ROLES.map((r): [string, string] => [r.policyName, r.policyText]),
];

describe('the catalog’s built-in policies', () => {
  it.each(BUILTIN)('%s validates without any diagnostic', (name, text) => {
    const parsed = parseJson(text, `<system:${name}>`);
    expect(parsed.diagnostics).toEqual([]);
    if (parsed.value === null) return;
    const r = validatePolicy(parsed.value, 'permission', { file: `<system:${name}>`, isSystem: true });
    expect(r.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    expect(r.document).not.toBeNull();
  });
});
