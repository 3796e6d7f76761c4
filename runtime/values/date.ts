const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
/** Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar. */
const DAYS_TO_EPOCH = 719_468;

/** Reads `count` ASCII digits at `at` as a number, or -1 when any of them is not a digit. */
function digits(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - DAYS_TO_EPOCH;
}

/**
 * Parses a date condition or request value (semantics §4.1) to epoch milliseconds. The only accepted form
 * is `YYYY-MM-DDThh:mm:ss[.f](Z|±hh:mm)`: a 4-digit year (0000–9999, proleptic Gregorian), a real
 * calendar day (leap years included), hour 00–23, minute 00–59, second 00–59 (no leap second), an
 * optional fraction of **1 to 3** digits (`.5` is 500 ms), then `Z` or an offset from `-23:59` to
 * `+23:59`. `T` and `Z` are uppercase. Returns null for anything else.
 */
export function parseDate(text: string): number | null {
  if (text.length < 20 || text.length > 29) return null;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') {
    return null;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;

  let i = 19;
  let millis = 0;
  if (text[i] === '.') {
    let scale = 100;
    i++;
    const start = i;
    while (i < text.length && i - start < 3) {
      const d = text.charCodeAt(i) - 0x30;
      if (d < 0 || d > 9) break;
      millis += d * scale;
      scale /= 10;
      i++;
    }
    if (i === start) return null;
  }

  let offsetMinutes = 0;
  const zone = text[i];
  if (zone === 'Z') {
    i++;
  } else if (zone === '+' || zone === '-') {
    if (text[i + 3] !== ':') return null;
    const offsetHour = digits(text, i + 1, 2);
    const offsetMinute = digits(text, i + 4, 2);
    if (offsetHour < 0 || offsetHour > 23 || offsetMinute < 0 || offsetMinute > 59) return null;
    offsetMinutes = (offsetHour * 60 + offsetMinute) * (zone === '-' ? -1 : 1);
    i += 6;
  } else {
    return null;
  }
  if (i !== text.length) return null;

  const days = daysFromCivil(year, month, day);
  const localMs = days * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return localMs - offsetMinutes * MS_PER_MINUTE;
}
