const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/** Index just past the run of ASCII digits starting at `i` (equal to `i` when there is none). */
function skipDigits(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c < DIGIT_0 || c > DIGIT_9) break;
    j++;
  }
  return j;
}

/**
 * Parses a decimal number as written in numeric conditions and request values (semantics §4.1):
 * `-?digits[.digits][(e|E)[+-]digits]`, read as the nearest IEEE-754 double. Nothing else is accepted:
 * no spaces, no leading `+`, no leading or trailing `.`, no hex, no `Infinity`/`NaN`. A value too large
 * for a double rounds to ±Infinity, as IEEE-754 rounding does. Returns null when the text does not match.
 */
export function parseDecimal(text: string): number | null {
  let i = 0;
  if (text.charCodeAt(0) === 0x2d /* - */) i = 1;
  let j = skipDigits(text, i);
  if (j === i) return null;
  if (text.charCodeAt(j) === 0x2e /* . */) {
    const k = skipDigits(text, j + 1);
    if (k === j + 1) return null;
    j = k;
  }
  const e = text.charCodeAt(j);
  if (e === 0x65 /* e */ || e === 0x45 /* E */) {
    let k = j + 1;
    const sign = text.charCodeAt(k);
    if (sign === 0x2b /* + */ || sign === 0x2d /* - */) k++;
    const m = skipDigits(text, k);
    if (m === k) return null;
    j = m;
  }
  if (j !== text.length) return null;
  // INVARIANT: the text now matches the grammar, which is a subset of what Number() reads exactly.
  return Number(text);
}
