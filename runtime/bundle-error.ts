import {
  STATUS_CHECKSUM_MISMATCH,
  STATUS_LENGTH_MISMATCH,
  STATUS_MALFORMED,
  STATUS_NOT_A_BUNDLE,
  STATUS_TOO_LARGE,
  STATUS_TRUNCATED,
  STATUS_UNSUPPORTED_VERSION,
} from './format.js';

/** Why `loadBundle` refused a bundle; one per load status code of runtime/format.ts. */
export type BundleErrorCode =
  | 'Truncated'
  | 'NotABundle'
  | 'UnsupportedVersion'
  | 'LengthMismatch'
  | 'ChecksumMismatch'
  | 'TooLarge'
  | 'Malformed';

const CODES: Record<number, BundleErrorCode> = {
  [STATUS_TRUNCATED]: 'Truncated',
  [STATUS_NOT_A_BUNDLE]: 'NotABundle',
  [STATUS_UNSUPPORTED_VERSION]: 'UnsupportedVersion',
  [STATUS_LENGTH_MISMATCH]: 'LengthMismatch',
  [STATUS_CHECKSUM_MISMATCH]: 'ChecksumMismatch',
  [STATUS_TOO_LARGE]: 'TooLarge',
  [STATUS_MALFORMED]: 'Malformed',
};

/** A bundle that cannot be loaded: corrupt, truncated, foreign, too large or of another major version. */
export class BundleError extends Error {
  override readonly name = 'BundleError';
  readonly code: BundleErrorCode;
  /** The load status code of runtime/format.ts (`STATUS_*`). */
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
    this.code = CODES[status] ?? 'Malformed';
  }
}
