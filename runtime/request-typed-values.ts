/**
 * The typed request values (`acs:SourceIp`, `acs:CurrentTime`, `acs:SecureTransport`, ...) as the reader
 * validates them and the conditions testing them read them.
 * PERF: the reader validates a request's value, then every condition testing it reads it again, and a
 * host's clock usually gives the same time to many requests in a row: each parser remembers its last
 * text, so one request's value is parsed once. The results are immutable, so sharing them is safe.
 */
import { type IpFamily, parseBool, parseDate, parseIpInto } from './values/index.js';

/**
 * The words of the address `ipFamilyOf` read last (runtime/values/ip.ts layout).
 * INVARIANT: valid until the next `ipFamilyOf` of another text; read them right after the call.
 */
export const IP_WORDS = new Uint32Array(4);
let lastIpText: string | null = null;
let lastIpFamily: IpFamily | 0 = 0;
/**
 * The epoch milliseconds of the date `readDate` read last.
 * PERF: a typed array, so passing an epoch time (too large for a small integer) around does not box it.
 * INVARIANT: valid until the next `readDate` of another text; read it right after the call.
 */
export const DATE_MS = new Float64Array(1);
let lastDateText: string | null = null;
let lastDateValid = false;

/**
 * Reads `text` as an IP address into `IP_WORDS` and returns its family, or 0 when it is not an address.
 * Remembered for the last text; allocates nothing.
 */
export function ipFamilyOf(text: string): IpFamily | 0 {
  return text === lastIpText ? lastIpFamily : readIpAddress(text);
}

/**
 * `ipFamilyOf` for a text just read from a request, which is unlikely to be the last one.
 * PERF: it skips comparing the text with the last one (a request's address often differs from the
 * previous request's in its last characters only), and remembers it for the conditions that test it.
 */
export function readIpAddress(text: string): IpFamily | 0 {
  lastIpFamily = parseIpInto(text, IP_WORDS);
  lastIpText = text;
  return lastIpFamily;
}

/**
 * Reads `text` as a date (`parseDate`) into `DATE_MS`; false when it is not one. Remembered for the last
 * text; allocates nothing.
 */
export function readDate(text: string): boolean {
  if (text !== lastDateText) {
    const ms = parseDate(text);
    lastDateValid = ms !== null;
    DATE_MS[0] = ms ?? 0;
    lastDateText = text;
  }
  return lastDateValid;
}

/** `parseBool(text)`; the common spellings skip its lower-cased copy. */
export function boolOf(text: string): boolean | null {
  if (text === 'true') return true;
  if (text === 'false') return false;
  return parseBool(text);
}
