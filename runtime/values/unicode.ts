/**
 * True when `text` holds half of a UTF-16 surrogate pair on its own. Such a string is valid JSON
 * (`"\ud800"`) but not Unicode text: UTF-8 cannot carry it, and encoders silently replace it with
 * U+FFFD, which could make two different strings compare equal. ramc refuses it in policies
 * (VALUE_BAD_UNICODE) and in requests (InvalidRequest).
 */
export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    if (unit >= 0xdc00) return true;
    const next = text.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
    i += 1;
  }
  return false;
}
