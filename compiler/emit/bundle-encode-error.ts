/**
 * The IR cannot be written as a bundle: it exceeds one of the format's maximums (runtime/format.ts
 * `MAX_*`), or holds a string UTF-8 cannot carry (an unpaired UTF-16 surrogate). Thrown by
 * `encodeBundle`; the compile driver reports it as a diagnostic. A valid model within the semantics §9
 * limits comes nowhere near the maximums.
 */
export class BundleEncodeError extends Error {
  override readonly name = 'BundleEncodeError';
}
