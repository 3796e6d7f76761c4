import { findServiceLinkedRoleByName, SERVICE_LINKED_ROLES } from '../catalog/service-linked-roles.js';
import { SYSTEM_POLICIES } from '../catalog/system-policies.js';
import { formatDiagnostic, hasErrors } from '../diagnostics.js';
import { parseJson } from '../parse/json-parser.js';
import { validatePolicy } from '../policy/validate-policy.js';
import type { ResolvedPolicy } from './types.js';

// PERF: each built-in text is parsed and validated once, on first use.
const cache = new Map<string, ResolvedPolicy>();

function builtin(name: string, text: string): ResolvedPolicy {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const file = `<system:${name}>`;
  const parsed = parseJson(text, file);
  const validated =
    parsed.value === null
      ? { document: null, diagnostics: [] }
      : validatePolicy(parsed.value, 'permission', { file, isSystem: true });
  const problems = [...parsed.diagnostics, ...validated.diagnostics];
  if (validated.document === null || hasErrors(problems)) {
    // A built-in text is part of ramc, not user input: failing here is a bug in the catalog.
    throw new Error(`Built-in policy ${name} is invalid:\n${problems.map(formatDiagnostic).join('\n')}`);
  }
  const policy: ResolvedPolicy = { name, type: 'System', version: 'v1', document: validated.document };
  cache.set(name, policy);
  return policy;
}

/** The system policy `name` of the catalog (semantics §8.3), validated; undefined when there is none. */
export function systemPolicy(name: string): ResolvedPolicy | undefined {
  const text = SYSTEM_POLICIES.get(name);
  return text === undefined ? undefined : builtin(name, text);
}

/** The permission policy of the KMS service-linked role `roleName` (semantics §8.4); undefined when unknown. */
export function serviceLinkedRolePolicy(roleName: string): ResolvedPolicy | undefined {
  const entry = findServiceLinkedRoleByName(roleName);
  return entry === undefined ? undefined : builtin(entry.policyName, entry.policyText);
}

/** True when `name` is the policy of a catalog service-linked role (attachable to that role only). */
export function isServiceLinkedRolePolicyName(name: string): boolean {
  return SERVICE_LINKED_ROLES.some((r) => r.policyName === name);
}

/**
 * The built-in policy a custom policy named `name` would impersonate: a system or service-linked
 * role policy with the same name ignoring case. Undefined when the name is free.
 */
export function reservedPolicyName(name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const reserved of SYSTEM_POLICIES.keys()) if (reserved.toLowerCase() === lower) return reserved;
  return SERVICE_LINKED_ROLES.find((r) => r.policyName.toLowerCase() === lower)?.policyName;
}
