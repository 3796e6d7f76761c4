/**
 * ramc: compile Alibaba Cloud RAM policies for KMS into decision bundles.
 * Engines: `ramc/runtime` (bundles, zero dependencies), `ramc/reference` (the defining interpreter).
 */

export type * from '../runtime/types.js';
export { type CompileOptions, type CompileResult, compile } from './compile.js';
export type { Diagnostic, Severity, Span } from './diagnostics.js';
export { formatDiagnostic } from './diagnostics.js';
export { check } from './model/check.js';
export { loadModel, loadModelFromObject } from './model/load-model.js';
export type { AccountModel } from './model/types.js';
export {
  type AssumeRoleInput,
  type AssumeRoleResponse,
  type AssumeRoleResult,
  assumeRole,
  generateStsKeyPair,
  type StsKeyPair,
} from './sts/index.js';
