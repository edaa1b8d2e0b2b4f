// Runs one simulator program: check placement and budgets against the grid, link, run on the
// SimMachine, and return the result with every diagnostic. Never throws on a bad program.
import type { Diagnostic } from '../../../ir/diagnostics.ts';
import type { GridDesc } from '../grid.ts';
import { checkProgram, type TileUsage } from './check.ts';
import type { SimKernel } from './kernel.ts';
import { linkProgram } from './link.ts';
import { SimMachine } from './machine.ts';
import type { SimProgram } from './program.ts';
import type { SimResult } from './result.ts';

/** Options of one simulation run. */
export interface RunOptions {
  /** Functional kernels by the names compute tasks use. */
  readonly kernels?: ReadonlyMap<string, SimKernel> | Readonly<Record<string, SimKernel>>;
  /**
   * false: timing only. Kernels, fills and copies are skipped, so buffers hold no values; cycles,
   * stalls and traffic are unchanged (for sweeps over many partitions). Default true.
   */
  readonly functional?: boolean;
  /** Record the timeline for a Chrome trace. */
  readonly trace?: boolean;
  /** Event budget (guard against runaway programs); unlimited by default. */
  readonly maxEvents?: number;
}

/** The outcome: `ok` when the program fit, linked and ran to completion. */
export interface RunOutcome {
  readonly ok: boolean;
  /** Present once the program linked (also after a deadlock: partial counters). */
  readonly result?: SimResult;
  readonly usage: readonly TileUsage[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Checks, links and runs `program` on `grid`. */
export function runProgram(program: SimProgram, grid: GridDesc, options: RunOptions = {}): RunOutcome {
  const { diagnostics, usage } = checkProgram(program, grid);
  const kernels = options.kernels instanceof Map ? options.kernels : new Map(Object.entries(options.kernels ?? {}));
  const linked = linkProgram(program, grid, options.functional === false ? null : kernels);
  if (!linked.ok) return { ok: false, usage, diagnostics: [...diagnostics, ...linked.diagnostics] };
  if (diagnostics.length > 0) return { ok: false, usage, diagnostics };
  const machine = new SimMachine(linked.linked, grid, {
    ...(options.trace === undefined ? {} : { trace: options.trace }),
    ...(options.maxEvents === undefined ? {} : { maxEvents: options.maxEvents }),
  });
  const run = machine.run();
  return { ok: run.diagnostics.length === 0 && run.result.completed, result: run.result, usage, diagnostics: run.diagnostics };
}
