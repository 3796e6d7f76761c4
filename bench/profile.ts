/**
 * `tsx bench/profile.ts [statements]`: where the TS runtime spends its time, for a person tuning it.
 * Prepares the workload (default 5,000 statements) outside the profile, then samples the CPU only while
 * loading the bundle and while deciding the mix, and prints the functions with the most self time.
 */
import { Session } from 'node:inspector/promises';
import { loadBundle } from '../runtime/index.js';
import { prepareWorkload } from './engines/prepare-workload.js';
import { formatDuration } from './report/table.js';
import { MIX_SIZE } from './workloads/request-mix.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
}

const ROOT = new URL('../', import.meta.url).href;

async function profiled(session: Session, work: () => void): Promise<Profile> {
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  work();
  const { profile } = await session.post('Profiler.stop');
  return profile as Profile;
}

/** Self time per function, as shares of all samples, largest first. */
function selfTimes(profile: Profile, top: number): string[] {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const shares = new Map<string, number>();
  for (const id of profile.samples) {
    const frame = frames.get(id);
    // tsx compiles each module onto few lines: the file says more than the line number.
    const where = frame?.url.startsWith(ROOT) ? frame.url.slice(ROOT.length) : '';
    const name = `${frame?.functionName || '(anonymous)'} ${where}`.trim();
    shares.set(name, (shares.get(name) ?? 0) + 1);
  }
  return [...shares]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, count]) => `${((100 * count) / profile.samples.length).toFixed(1).padStart(5)}%  ${name}`);
}

const size = Number(process.argv[2] ?? 5_000);
const prepared = prepareWorkload(size);
const { bundle } = prepared;
const requests = prepared.workload.requests;
const authorizer = loadBundle(bundle);
for (let i = 0; i < 50_000; i++) authorizer.authorize(requests[i & (MIX_SIZE - 1)]);

const session = new Session();
session.connect();
await session.post('Profiler.enable');
const loads = 10;
let started = performance.now();
const loadProfile = await profiled(session, () => {
  for (let i = 0; i < loads; i++) loadBundle(bundle);
});
const loadNs = ((performance.now() - started) * 1e6) / loads;
const decisions = 300_000;
started = performance.now();
const decideProfile = await profiled(session, () => {
  for (let i = 0; i < decisions; i++) authorizer.authorize(requests[i & (MIX_SIZE - 1)]);
});
const decideNs = ((performance.now() - started) * 1e6) / decisions;
session.disconnect();

console.log(`${prepared.workload.statements} statements, bundle of ${bundle.length} bytes`);
console.log(
  `\nloadBundle: ${formatDuration(loadNs)} per load (profiled)\n${selfTimes(loadProfile, 15).join('\n')}`,
);
console.log(
  `\nauthorize: ${formatDuration(decideNs)} per decision (profiled)\n${selfTimes(decideProfile, 20).join('\n')}`,
);
