/** Typed value parsers shared by the compiler and every engine; platform-free, never throwing. */
export { parseBool } from './bool.js';
export { parseDate } from './date.js';
export { parseDecimal } from './decimal.js';
export type { IpAddress, IpBlock, IpFamily, IpWords } from './ip.js';
export { addressInBlock, ipInBlock, parseIpAddress, parseIpBlock, parseIpInto } from './ip.js';
export { lowerUnicode } from './lower-unicode.js';
export { hasLoneSurrogate } from './unicode.js';
