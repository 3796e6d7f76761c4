/** The error codes of a refused AssumeRole call, in Alibaba Cloud STS style (docs/sts.md lists them). */
export type StsErrorCode =
  | 'InvalidParameter.Caller'
  | 'InvalidParameter.RoleArn'
  | 'EntityNotExist.Role'
  | 'InvalidParameter.RoleSessionName'
  | 'InvalidParameter.DurationSeconds'
  | 'InvalidParameter.ExternalId'
  | 'InvalidParameter.PolicyGrammar'
  | 'InvalidParameter.Context'
  | 'InvalidParameter.SigningKey'
  | 'NoPermission';

/** Why AssumeRole refused: printed by `ramc sts assume-role` as `{ "error": { "code", "message" } }`. */
export interface StsError {
  code: StsErrorCode;
  message: string;
}

/** A refusal, as the `{ ok: false }` side of a result. */
export function refuse(code: StsErrorCode, message: string): { ok: false; error: StsError } {
  return { ok: false, error: { code, message } };
}
