/**
 * `text` as the engine's one shared copy of it (V8 "internalizes" the names of object properties).
 * PERF: `===` between two different string objects compares their characters; between two interned
 * strings it compares pointers. The keys a request map holds and the keys conditions look up are
 * interned once (when a key is first lowered, when a bundle is loaded), so each lookup is a pointer
 * comparison. Any engine without interning returns an equal string: only speed depends on it.
 */
export function interned(text: string): string {
  const holder: Record<string, true> = Object.create(null);
  holder[text] = true;
  for (const name in holder) return name;
  return text;
}
