import { readFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';

/** The machine and runtime a run was measured on. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryBytes: number;
  os: string;
  node: string;
  v8: string;
  /** 1-minute load average when the run started and ended: above `cores`, other work shared the CPUs. */
  loadAverage: { start: number; end: number };
}

export function machineInfo(loadAtStart: number): MachineInfo {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryBytes: totalmem(),
    os: `${platform()} ${release()}`,
    node: process.version,
    v8: process.versions.v8,
    loadAverage: { start: loadAtStart, end: currentLoad() },
  };
}

export function currentLoad(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}

const ROOT = new URL('../', import.meta.url);

/** The version of ramc and of each named package, as installed. */
export function packageVersions(names: string[]): Record<string, string> {
  const read = (path: string) =>
    (JSON.parse(readFileSync(new URL(path, ROOT), 'utf8')) as { version: string }).version;
  const versions: Record<string, string> = { ramc: read('package.json') };
  for (const name of names) versions[name] = read(`node_modules/${name}/package.json`);
  return versions;
}
