import { boundedEditDistance } from '../../runtime/closest-names.js';

/** Inputs longer than this get no suggestion: edit distance is quadratic and long names are not typos. */
const MAX_INPUT_LENGTH = 64;

/** Shortest candidate that counts as meant when the input merely extends it (`Boolean` for `Bool`). */
const MIN_PREFIX_LENGTH = 4;

/**
 * The candidate the user most likely meant: one equal ignoring case, else the closest within two edits
 * (fewer for short names; swapping two adjacent letters is one edit), else one the input starts with.
 * Case is ignored. Undefined when nothing is close.
 */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  if (input.length > MAX_INPUT_LENGTH) return undefined;
  const lower = input.toLowerCase();
  const sameIgnoringCase = candidates.find((c) => c.toLowerCase() === lower);
  if (sameIgnoringCase !== undefined) return sameIgnoringCase;
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const limit = Math.min(2, Math.floor(candidate.length / 3));
    const distance = boundedEditDistance(lower, candidate.toLowerCase(), limit);
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined) return best;
  return candidates.find((c) => c.length >= MIN_PREFIX_LENGTH && lower.startsWith(c.toLowerCase()));
}

/** ` Did you mean \`X\`?` or the empty string, for appending to a message. */
export function didYouMeanSentence(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : ` Did you mean \`${suggestion}\`?`;
}
