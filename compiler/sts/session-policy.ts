import { type Diagnostic, formatDiagnostic } from '../diagnostics.js';
import type { ResolvedPolicy } from '../model/types.js';
import { parseJson } from '../parse/json-parser.js';
import { validatePolicy } from '../policy/validate-policy.js';
import { refuse, type StsError } from './sts-errors.js';

/** The name decisions report for the statements of a session policy (policy type `Session`, scope `session`). */
export const SESSION_POLICY_NAME = 'session-policy';

/** The file label of the session policy text a token carries; positions in decisions refer to it. */
export const SESSION_POLICY_FILE = '<session-policy>';

/** Diagnostics shown in a PolicyGrammar message, at most. */
const SHOWN_DIAGNOSTICS = 5;

export type SessionPolicyText = { ok: true; compact: string } | { ok: false; error: StsError };

/**
 * Validates the `Policy` of an AssumeRole call as a session policy (semantics §2, §9: at most 2,048
 * characters of compact JSON) and returns the compact JSON text the token carries: whitespace outside
 * strings dropped, so positions are line 1 and the length is the one the limit counts.
 */
export function checkSessionPolicy(text: string, file: string): SessionPolicyText {
  const parsed = parseJson(text, file);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (parsed.value === null || errors.length > 0) return grammarError(errors);
  const validated = validatePolicy(parsed.value, 'session', { file });
  if (validated.document === null) {
    return grammarError(validated.diagnostics.filter((d) => d.severity === 'error'));
  }
  // The document passed the strict parser (no duplicate members, no comments), so JSON.parse reads it alike.
  return { ok: true, compact: JSON.stringify(JSON.parse(text)) };
}

function grammarError(errors: readonly Diagnostic[]): { ok: false; error: StsError } {
  const shown = errors.slice(0, SHOWN_DIAGNOSTICS).map(formatDiagnostic).join('\n');
  const more = errors.length > SHOWN_DIAGNOSTICS ? `\n(and ${errors.length - SHOWN_DIAGNOSTICS} more)` : '';
  return refuse('InvalidParameter.PolicyGrammar', `the session policy is invalid:\n${shown}${more}`);
}

export type SessionPolicyDocument = { ok: true; policy: ResolvedPolicy } | { ok: false; reason: string };

/**
 * The session policy a token carries, as the reference engine evaluates it: the compact text parsed and
 * validated again (labelled SESSION_POLICY_FILE), named SESSION_POLICY_NAME, type `Session`, no version.
 */
export function sessionPolicyDocument(compact: string): SessionPolicyDocument {
  const parsed = parseJson(compact, SESSION_POLICY_FILE);
  const validated =
    parsed.value === null ? null : validatePolicy(parsed.value, 'session', { file: SESSION_POLICY_FILE });
  if (validated?.document == null) {
    const first = [...parsed.diagnostics, ...(validated?.diagnostics ?? [])].find(
      (d) => d.severity === 'error',
    );
    return { ok: false, reason: first === undefined ? 'it is not a valid session policy' : first.message };
  }
  return {
    ok: true,
    policy: { name: SESSION_POLICY_NAME, type: 'Session', version: null, document: validated.document },
  };
}
