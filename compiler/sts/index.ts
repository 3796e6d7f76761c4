/**
 * STS for ramc (semantics §7, interfaces §4–§5): deciding AssumeRole calls and issuing signed security
 * tokens. Verification lives in runtime/sts/, shared by every engine.
 */
export {
  type AssumeRoleInput,
  type AssumeRoleResponse,
  type AssumeRoleResult,
  assumeRole,
} from './assume-role.js';
export { generateStsKeyPair, type StsKeyPair } from './keygen.js';
export { compileSessionBundle } from './session-bundle.js';
export { SESSION_POLICY_FILE, SESSION_POLICY_NAME, sessionPolicyDocument } from './session-policy.js';
export type { StsError, StsErrorCode } from './sts-errors.js';
