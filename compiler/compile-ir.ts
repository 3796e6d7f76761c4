import type { Ir } from './ir/ir.js';
import { lowerModel } from './ir/lower.js';
import { printIr } from './ir/print-ir.js';
import type { AccountModel } from './model/types.js';
import { PASSES } from './passes/index.js';

/** The name `dumpAfter` and `timings` use for lowering, the stage before the passes. */
export const LOWER_STAGE = 'lower';

/** Every stage name `dumpAfter` accepts besides `'all'`, in pipeline order. */
export const STAGE_NAMES: readonly string[] = [LOWER_STAGE, ...PASSES.map((p) => p.name)];

export interface CompileIrOptions {
  /** Print the IR after this stage (`lower` or a pass name), or after every stage with `'all'`. */
  dumpAfter?: string | 'all';
  /** Receives each dump as text (see printIr); without it nothing is printed. */
  onDump?: (pass: string, text: string) => void;
  /** Receives the time each stage took, in milliseconds, in order. */
  timings?: { pass: string; ms: number }[];
}

/** Lowers a checked account model to IR and runs every pass of `PASSES` on it, in order. */
export function compileToIr(model: AccountModel, options: CompileIrOptions = {}): Ir {
  let ir = stage(LOWER_STAGE, () => lowerModel(model), options);
  for (const pass of PASSES) {
    const input = ir;
    ir = stage(pass.name, () => pass.run(input), options);
  }
  return ir;
}

function stage(name: string, run: () => Ir, options: CompileIrOptions): Ir {
  const start = performance.now();
  const ir = run();
  options.timings?.push({ pass: name, ms: performance.now() - start });
  const { dumpAfter, onDump } = options;
  if (onDump !== undefined && (dumpAfter === 'all' || dumpAfter === name)) onDump(name, printIr(ir));
  return ir;
}
