import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** What stays allocated across a call once the garbage is collected. */
export interface RetainedMemory {
  heapBytes: number;
  arrayBufferBytes: number;
}

/** `global.gc`, exposing it at run time when node was started without --expose-gc. */
export function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Full collections with a turn of the event loop between them, so that what finalizers free goes too. */
async function settle(gc: () => void): Promise<void> {
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  gc();
}

/**
 * The V8 heap and array buffers `load` leaves reachable through what it returns: full collections before
 * and after (`settle`), and the difference.
 */
export async function retained(load: () => unknown): Promise<RetainedMemory> {
  const gc = collector();
  await settle(gc);
  const before = process.memoryUsage();
  const kept = await load();
  await settle(gc);
  const after = process.memoryUsage();
  // INVARIANT: `kept` must stay reachable until `after` is read, or the collector frees what is measured.
  if (kept === undefined) throw new Error('the measured loader returned nothing to keep');
  return {
    heapBytes: after.heapUsed - before.heapUsed,
    arrayBufferBytes: after.arrayBuffers - before.arrayBuffers,
  };
}
