const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;

/** RFC 8259 section 6: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`, read by hand (no regex per token). */
export function isStrictNumber(raw: string): boolean {
  let i = raw.charCodeAt(0) === MINUS ? 1 : 0;
  if (raw.charCodeAt(i) === ZERO) i++;
  else if (isDigit(raw.charCodeAt(i))) i = skipDigits(raw, i);
  else return false;
  if (raw.charCodeAt(i) === DOT) {
    if (!isDigit(raw.charCodeAt(i + 1))) return false;
    i = skipDigits(raw, i + 1);
  }
  const e = raw.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const sign = raw.charCodeAt(i);
    if (sign === PLUS || sign === MINUS) i++;
    if (!isDigit(raw.charCodeAt(i))) return false;
    i = skipDigits(raw, i);
  }
  return i === raw.length;
}

/** How to fix a number-like token that isStrictNumber refuses. */
export function numberHelp(raw: string): string {
  const body = raw.replace(/^[-+]/, '');
  if (body === 'NaN' || body === 'Infinity') {
    return 'JSON has no NaN or Infinity; use null, or quote the value as a string';
  }
  if (raw.startsWith('+')) return "a JSON number cannot start with '+': remove it";
  if (body === '') return `a '${raw}' sign must be directly followed by digits`;
  if (body.startsWith('.')) return 'a JSON number needs a digit before the decimal point: write 0.5, not .5';
  if (/^\d+\.(?:\D|$)/.test(body))
    return 'a decimal point must be followed by digits: write 1.0 or 1, not 1.';
  if (/^0\d/.test(body)) {
    return 'a JSON number cannot have leading zeros: write 1, not 01 (and quote ids such as account ids: "0123")';
  }
  return 'JSON numbers look like -12, 3.5 or 1e-7; if this value is text, put it in double quotes';
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= ZERO + 9;
}

function skipDigits(raw: string, from: number): number {
  let i = from;
  while (isDigit(raw.charCodeAt(i))) i++;
  return i;
}
