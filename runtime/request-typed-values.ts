/**
 * The typed request values (`acs:SourceIp`, `acs:CurrentTime`, `acs:SecureTransport`, ...) as the reader
 * validates them and the conditions testing them read them.
 * PERF: the reader validates a request's value, then every condition testing it reads it again, and a
 * host's clock usually gives the same time to many requests in a row: each parser remembers its last
 * text, so one request's value is parsed once. The results are immutable, so sharing them is safe.
 */
import { type IpAddress, parseBool, parseDate, parseIpAddress } from './values/index.js';

let lastIpText: string | null = null;
let lastIp: IpAddress | null = null;
let lastDateText: string | null = null;
let lastDate: number | null = null;

/** `parseIpAddress(text)`, remembered for the last text. */
export function ipAddressOf(text: string): IpAddress | null {
  if (text !== lastIpText) {
    lastIp = parseIpAddress(text);
    lastIpText = text;
  }
  return lastIp;
}

/** `parseDate(text)`, remembered for the last text. */
export function dateOf(text: string): number | null {
  if (text !== lastDateText) {
    lastDate = parseDate(text);
    lastDateText = text;
  }
  return lastDate;
}

/** `parseBool(text)`; the common spellings skip its lower-cased copy. */
export function boolOf(text: string): boolean | null {
  if (text === 'true') return true;
  if (text === 'false') return false;
  return parseBool(text);
}
