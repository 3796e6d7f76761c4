/**
 * A machine-speed probe: a fixed JS workload timed at the start and end of every size's process, so the
 * baseline comparison can tell a slower machine (cloud VMs drift by 1.5–2× within minutes) from slower code.
 * It mimics the kind of work ramc does (scanning text by char code, interning names in a Map, allocating
 * small short-lived objects, filling and probing typed arrays) but imports nothing from ramc: a change to
 * ramc must never move it. Changing the workload below invalidates every stored calibration, so leave it be.
 */

/** Lines of synthetic policy text the probe scans: sized for about 20–50 ms per pass on a 2-core VM. */
const LINES = 3_000;
const PASSES = 5;
const WARM_UP = 3;
const REPETITIONS = 7;

const SERVICES = ['ecs', 'oss', 'ram', 'rds', 'vpc', 'slb', 'kms', 'sts'];
const VERBS = ['Describe', 'Get', 'List', 'Create', 'Delete', 'Update', 'Put', 'Attach'];
const NOUNS = ['Instance', 'Bucket', 'Object', 'User', 'Group', 'Role', 'Policy', 'Key', 'Disk', 'Vpc'];

/** A fixed pseudo-random sequence (LCG): the same text on every machine and every run. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state;
  };
}

/** JSON-like statements, one per line, built once and outside the timing. */
function probeText(): string {
  const next = generator(20_260_101);
  const pick = (names: string[]) => names[next() % names.length] as string;
  const lines: string[] = [];
  for (let i = 0; i < LINES; i += 1) {
    const actions: string[] = [];
    const count = 1 + (next() % 4);
    for (let a = 0; a < count; a += 1) {
      actions.push(`"${pick(SERVICES)}:${pick(VERBS)}${next() % 3 === 0 ? '*' : pick(NOUNS)}"`);
    }
    lines.push(
      `{"Effect":"${next() % 4 === 0 ? 'Deny' : 'Allow'}","Action":[${actions.join(',')}],` +
        `"Resource":"acs:${pick(SERVICES)}:*:${1_000 + (next() % 9_000)}:${pick(NOUNS).toLowerCase()}/${next() % 500}"}`,
    );
  }
  return lines.join('\n');
}

interface Token {
  id: number;
  start: number;
  end: number;
  hash: number;
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;

/** One pass: tokenizes every quoted string, interns it, indexes each line's tokens in typed arrays. */
function probePass(text: string): number {
  const names = new Map<string, number>();
  // PERF: an open-addressing table of (hash, id) in one Int32Array, like ramc's bundle indexes.
  const table = new Int32Array(1 << 14);
  const counts = new Uint32Array(1 << 12);
  let checksum = 0;
  let line: Token[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === NEWLINE) {
      checksum = (checksum + indexLine(line, table, counts)) | 0;
      line = [];
    } else if (code === QUOTE) {
      let hash = 0x811c9dc5;
      let end = i + 1;
      for (; text.charCodeAt(end) !== QUOTE; end += 1) {
        hash = Math.imul(hash ^ text.charCodeAt(end), 0x01000193);
      }
      const name = text.slice(i + 1, end);
      let id = names.get(name);
      if (id === undefined) {
        id = names.size;
        names.set(name, id);
      }
      line.push({ id, start: i + 1, end, hash });
      i = end;
    }
  }
  checksum = (checksum + indexLine(line, table, counts)) | 0;
  return (checksum + names.size) | 0;
}

function indexLine(line: Token[], table: Int32Array, counts: Uint32Array): number {
  const ids = new Int32Array(line.length);
  let sum = 0;
  for (let t = 0; t < line.length; t += 1) {
    const token = line[t] as Token;
    ids[t] = token.id;
    const slots = table.length >> 1;
    let slot = (token.hash >>> 0) % slots;
    while (table[2 * slot + 1] !== 0 && table[2 * slot] !== token.hash) slot = (slot + 1) % slots;
    table[2 * slot] = token.hash;
    table[2 * slot + 1] = token.id + 1;
    counts[token.id & (counts.length - 1)] = (counts[token.id & (counts.length - 1)] as number) + 1;
    sum = (sum + slot + (token.end - token.start)) | 0;
  }
  for (let t = 0; t < ids.length; t += 1) sum = Math.imul(sum, 31) + (ids[t] as number);
  return sum | 0;
}

let text: string | null = null;
/** Keeps the probe's result observable, so V8 cannot drop the work as dead code. */
let sink = 0;

function timeOnce(input: string): number {
  // No gc() first: a full collection leaves the sweeping of the whole heap running during the timing, which
  // made the probe up to 1.5× slower after a size had filled the heap. Its own garbage dies young anyway.
  const started = process.hrtime.bigint();
  let checksum = 0;
  for (let p = 0; p < PASSES; p += 1) checksum = (checksum + probePass(input)) | 0;
  const elapsed = Number(process.hrtime.bigint() - started);
  sink = (sink + checksum) | 0;
  return elapsed;
}

/**
 * Median wall-clock time of the probe, in ns, over 7 repetitions after a warm-up: comparable between
 * processes and runs on one machine, proportional to how fast the machine runs JS at the time.
 */
export function measureCalibration(): number {
  text ??= probeText();
  for (let i = 0; i < WARM_UP; i += 1) timeOnce(text);
  const times: number[] = [];
  for (let i = 0; i < REPETITIONS; i += 1) times.push(timeOnce(text));
  times.sort((a, b) => a - b);
  return times[REPETITIONS >> 1] as number;
}
