/**
 * Strict UTF-8 to UTF-16, accepting exactly what `new TextDecoder('utf-8', { fatal: true })` accepts
 * (the WHATWG decoder: no overlong forms, no surrogates, nothing above U+10FFFF, no cut sequence), so the
 * core and the TS runtime reject the same bundles and see the same strings.
 */

/**
 * Writes the UTF-16 code units of the `length` bytes at `src` to `dst` (room for `length` units is
 * enough). Returns the number of units written, or -1 when the bytes are not valid UTF-8.
 */
export function utf8ToUtf16(src: usize, length: u32, dst: usize): i32 {
  let out: usize = dst;
  let i: u32 = 0;
  while (i < length) {
    const first = <u32>load<u8>(src + i);
    i++;
    if (first < 0x80) {
      store<u16>(out, <u16>first);
      out += 2;
      continue;
    }
    let needed: u32 = 0;
    let point: u32 = 0;
    let lower: u32 = 0x80;
    let upper: u32 = 0xbf;
    if (first >= 0xc2 && first <= 0xdf) {
      needed = 1;
      point = first & 0x1f;
    } else if (first >= 0xe0 && first <= 0xef) {
      if (first === 0xe0) lower = 0xa0;
      if (first === 0xed) upper = 0x9f;
      needed = 2;
      point = first & 0xf;
    } else if (first >= 0xf0 && first <= 0xf4) {
      if (first === 0xf0) lower = 0x90;
      if (first === 0xf4) upper = 0x8f;
      needed = 3;
      point = first & 0x7;
    } else {
      return -1;
    }
    for (let n: u32 = 0; n < needed; n++) {
      if (i >= length) return -1;
      const next = <u32>load<u8>(src + i);
      if (next < lower || next > upper) return -1;
      lower = 0x80;
      upper = 0xbf;
      point = (point << 6) | (next & 0x3f);
      i++;
    }
    if (point >= 0x10000) {
      const v = point - 0x10000;
      store<u16>(out, <u16>(0xd800 | (v >> 10)));
      store<u16>(out + 2, <u16>(0xdc00 | (v & 0x3ff)));
      out += 4;
    } else {
      store<u16>(out, <u16>point);
      out += 2;
    }
  }
  return <i32>((out - dst) >> 1);
}
