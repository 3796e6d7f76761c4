/**
 * Reading valgrind's callgrind output for `npm run bench:instructions`: self cost per function, JIT
 * addresses named through V8's perf map, and the difference of two runs per decision. Pure functions of
 * the texts, so they are tested without valgrind.
 */

/** One function's self cost in one callgrind run. */
export interface FunctionCost {
  /** As callgrind named it, without the `'2` recursion suffix: a symbol, or a hex address for JIT code. */
  name: string;
  /** The object file it is in (`???` for JIT code, `''` when the profile names none). */
  object: string;
  /** Self cost: the counted events in the function's own code, excluding its calls. */
  self: number;
}

/** What one callgrind output file says. */
export interface CallgrindProfile {
  /** The profiled process (`pid:` header); V8 writes its perf map as `/tmp/perf-<pid>.map`. */
  pid: number | null;
  /**
   * The events whose costs are read and summed, joined by `+`: those asked for that the profile has, else
   * its first event.
   */
  event: string;
  /** Per object and function, merged over recursion levels and parts. */
  functions: FunctionCost[];
}

/**
 * Parses callgrind's format (valgrind's docs, "Callgrind Format Specification") into self costs: the sum
 * of the `wanted` events, by default `Ir` (instructions executed); with `--cache-sim=yes`, `D1mr` and
 * `D1mw` give the level-1 data-cache misses.
 * Names may be compressed: `fn=(12) name` defines id 12 (also on `cfn=` lines, which share the
 * namespace), `fn=(12)` reuses it. The cost line right after `calls=` is the inclusive cost of that call,
 * already counted as self cost inside the callee, so it is skipped.
 */
export function parseCallgrind(text: string, wanted: readonly string[] = ['Ir']): CallgrindProfile {
  const functionNames = new Map<string, string>();
  const objectNames = new Map<string, string>();
  const costs = new Map<string, FunctionCost>();
  let pid: number | null = null;
  let events = ['Ir'];
  let positions = 1;
  let columns = readColumns(events, wanted);
  let object = '';
  let current: FunctionCost | null = null;
  let skipNext = false;

  const lines = text.split('\n');
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const first = line.charCodeAt(0);
    if ((first >= 48 && first <= 57) || first === 43 || first === 45 || first === 42) {
      // A cost line: positions (`12`, `+3`, `-1`, `*`, `0x4a0`), then one count per event.
      if (skipNext) {
        skipNext = false;
        continue;
      }
      const fields = line.split(/\s+/);
      let cost = 0;
      for (const column of columns) cost += Number(fields[positions + column] ?? 0);
      if (current !== null && Number.isFinite(cost)) current.self += cost;
      continue;
    }
    const equals = line.indexOf('=');
    const colon = line.indexOf(':');
    if (equals > 0 && (colon < 0 || equals < colon)) {
      const key = line.slice(0, equals);
      const value = line.slice(equals + 1);
      if (key === 'ob' || key === 'cob') {
        const name = compressedName(value, objectNames);
        if (key === 'ob') object = name;
      } else if (key === 'fn' || key === 'cfn') {
        const name = compressedName(value, functionNames);
        if (key === 'fn') current = costOf(costs, object, name);
      } else if (key === 'calls') {
        skipNext = true;
      }
      // fl, fi, fe, cfi, cfl, jump, jcnd: files and jumps do not change whose cost a line is.
      continue;
    }
    if (colon > 0) {
      const key = line.slice(0, colon);
      const value = line.slice(colon + 1).trim();
      if (key === 'pid') pid = Number(value);
      else if (key === 'positions') positions = value.split(/\s+/).length;
      else if (key === 'events') {
        events = value.split(/\s+/);
        columns = readColumns(events, wanted);
      }
    }
  }
  return { pid, event: columns.map((c) => events[c]).join('+'), functions: [...costs.values()] };
}

/** The columns of the `wanted` events among the profile's `events`; the first column when it has none. */
function readColumns(events: readonly string[], wanted: readonly string[]): number[] {
  const columns = wanted.map((event) => events.indexOf(event)).filter((column) => column >= 0);
  return columns.length > 0 ? columns : [0];
}

/** `(12) name` defines id 12 and returns name; `(12)` returns the name defined before; plain text is itself. */
function compressedName(value: string, names: Map<string, string>): string {
  if (!value.startsWith('(')) return value;
  const close = value.indexOf(')');
  if (close < 0) return value;
  const id = value.slice(1, close);
  const rest = value.slice(close + 1).trim();
  if (rest !== '') {
    names.set(id, rest);
    return rest;
  }
  return names.get(id) ?? `(${id})`;
}

function costOf(costs: Map<string, FunctionCost>, object: string, rawName: string): FunctionCost {
  // `name'2` is callgrind's copy of `name` at recursion depth 2 (--separate-recs): the same code.
  const name = rawName.replace(/'\d+$/, '');
  const key = `${object}\n${name}`;
  let cost = costs.get(key);
  if (cost === undefined) {
    cost = { name, object, self: 0 };
    costs.set(key, cost);
  }
  return cost;
}

/** One line of V8's perf map: `start size name`, addresses in hex. */
export interface PerfMapEntry {
  start: number;
  size: number;
  name: string;
}

/** Parses `/tmp/perf-<pid>.map` (written by `node --perf-basic-prof`), in the order V8 wrote it. */
export function parsePerfMap(text: string): PerfMapEntry[] {
  const entries: PerfMapEntry[] = [];
  for (const line of text.split('\n')) {
    const match = /^([0-9a-fA-F]+) ([0-9a-fA-F]+) (.*)$/.exec(line.trimEnd());
    if (match === null) continue;
    // User-space addresses stay below 2^47, well within a double's exact integers.
    entries.push({
      start: Number.parseInt(match[1] ?? '', 16),
      size: Number.parseInt(match[2] ?? '', 16),
      name: match[3] ?? '',
    });
  }
  return entries;
}

/** How symbolized names are shown. */
export interface SymbolizeOptions {
  /**
   * Path prefixes of `file://` URLs and what to show instead, first match wins: the repository root as
   * `''` gives `dist/runtime/index.js:12`.
   */
  paths: ReadonlyArray<readonly [prefix: string, shown: string]>;
}

/** The name of JIT code that no perf-map entry covers (freed before V8 logged it, or not logged at all). */
export const UNKNOWN_JIT = '[JIT code not in the perf map]';

/**
 * Self cost per readable function name. Hex names are looked up in the perf map; when several entries
 * cover an address (V8 reused freed code space), the last one written wins, as the code that ran last
 * (the warmed-up, optimized one) is what a steady-state count is about. Addresses in no entry are pooled
 * under one name per object file, since raw addresses differ between runs and could not be subtracted.
 */
export function symbolize(
  profile: CallgrindProfile,
  perfMap: readonly PerfMapEntry[],
  options: SymbolizeOptions,
): Map<string, number> {
  const byName = new Map<string, number>();
  for (const fn of profile.functions) {
    const name = readableName(fn, perfMap, options);
    byName.set(name, (byName.get(name) ?? 0) + fn.self);
  }
  return byName;
}

function readableName(fn: FunctionCost, perfMap: readonly PerfMapEntry[], options: SymbolizeOptions): string {
  if (!/^0x[0-9a-fA-F]+$/.test(fn.name)) return fn.name;
  const address = Number.parseInt(fn.name.slice(2), 16);
  // Latest first: see symbolize. A few thousand entries times a few thousand addresses: fast enough.
  for (let i = perfMap.length - 1; i >= 0; i--) {
    const entry = perfMap[i];
    if (entry !== undefined && address >= entry.start && address < entry.start + entry.size) {
      return v8Name(entry.name, options);
    }
  }
  if (fn.object === '' || fn.object === '???') return UNKNOWN_JIT;
  return `[unnamed code in ${fn.object.slice(fn.object.lastIndexOf('/') + 1)}]`;
}

/**
 * `JS:*decide file:///repo/dist/runtime/index.js:12:5` → `*decide dist/runtime/index.js:12`. The tier
 * mark stays: `*` optimized (TurboFan), `^` baseline (Sparkplug), `~` interpreted; other kinds
 * (`Builtin:`, `BytecodeHandler:`, `Script:`) keep their prefix.
 */
export function v8Name(name: string, options: SymbolizeOptions): string {
  const located = /^(.*?) ?(file:\/\/\S*?|node:\S*?):(\d+):\d+$/.exec(name);
  if (located === null) return name.startsWith('JS:') ? name.slice(3) : name;
  const [, kind = '', url = '', line = ''] = located;
  const what = kind.startsWith('JS:') ? kind.slice(3) : kind;
  const named = /^[~^*+]?$/.test(what) && kind.startsWith('JS:') ? `${what}(anonymous)` : what;
  return `${named === '' ? '' : `${named} `}${shortPath(url, options)}:${line}`;
}

/**
 * A name cut for a terminal: C++ argument lists become `()` (`v8::internal::String::LastIndexOf()`), and
 * what is still longer than `width` ends in `…`.
 */
export function shortName(name: string, width: number): string {
  let short = name;
  const close = short.endsWith(')') ? short.length - 1 : short.endsWith(') const') ? short.length - 7 : -1;
  if (close > 0) {
    let depth = 0;
    for (let i = close; i >= 0; i--) {
      const c = short[i];
      if (c === ')') depth++;
      else if (c === '(' && --depth === 0) {
        // A name that is all one parenthesis, like `(anonymous)`, has no argument list to drop.
        if (i > 0) short = `${short.slice(0, i)}()${short.slice(close + 1)}`;
        break;
      }
    }
  }
  return [...short].length > width ? `${[...short].slice(0, width - 1).join('')}…` : short;
}

function shortPath(url: string, options: SymbolizeOptions): string {
  if (!url.startsWith('file://')) return url;
  const path = decodeURIComponent(url.slice('file://'.length));
  for (const [prefix, shown] of options.paths) {
    if (path.startsWith(prefix)) return shown + path.slice(prefix.length);
  }
  return path;
}

/** A function's share of the instructions of one decision. */
export interface FunctionPerDecision {
  name: string;
  /** Self instructions (or the profile's event) per decision; negative when the idle run spent more. */
  perDecision: number;
  /** Of `total`. */
  share: number;
}

/** Cost per decision of a run of N decisions, less the same program run with none. */
export interface PerDecisionProfile {
  total: number;
  /** Every function whose cost differs between the runs, most per decision first. */
  functions: FunctionPerDecision[];
}

/**
 * `(busy - idle) / decisions` per function: what the decisions cost, without start-up, loading and
 * warm-up, which both runs share.
 */
export function perDecision(
  idle: ReadonlyMap<string, number>,
  busy: ReadonlyMap<string, number>,
  decisions: number,
): PerDecisionProfile {
  if (!(decisions > 0)) throw new RangeError(`decisions must be positive, got ${decisions}`);
  const differences = new Map<string, number>();
  for (const [name, cost] of busy) differences.set(name, cost - (idle.get(name) ?? 0));
  for (const [name, cost] of idle) if (!busy.has(name)) differences.set(name, -cost);
  let total = 0;
  for (const difference of differences.values()) total += difference;
  total /= decisions;
  const functions = [...differences]
    .filter(([, difference]) => difference !== 0)
    .map(([name, difference]) => ({
      name,
      perDecision: difference / decisions,
      share: total === 0 ? 0 : difference / decisions / total,
    }))
    .sort((a, b) => b.perDecision - a.perDecision || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { total, functions };
}
