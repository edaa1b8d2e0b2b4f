// Sweeps a partition parameter (the number of learning tiles) through the simulator in
// timing-only mode and collects the inference and gradient rates per point, for
// `tilegate simulate --sweep` and its plot (targets/xdna/svg.ts sweepSvg).
import type { Diagnostic } from '../../../ir/diagnostics.ts';
import type { GridDesc } from '../grid.ts';
import { runProgram } from './run.ts';
import type { SimProgram } from './program.ts';

/** One sweep point: rates per simulated second, or the diagnostics that stopped it. */
export interface SweepResult {
  readonly learningTiles: number;
  readonly inferencesPerSecond: number;
  readonly gradientsPerSecond: number;
  readonly totalCycles: number;
  readonly diagnostics: readonly Diagnostic[];
}

/** Names of the streams whose rates a sweep reports. */
export interface SweepStreams {
  readonly inference: string;
  readonly gradient: string;
}

/**
 * Builds and runs one program per learning-tile count (timing only: values are not needed for
 * rates). A count whose program fails to check, link or finish yields zero rates and its
 * diagnostics; the other points still run.
 */
export function runSweep(
  build: (learningTiles: number) => SimProgram,
  grid: GridDesc,
  counts: readonly number[],
  streams: SweepStreams = { inference: 'inference', gradient: 'gradient' },
): SweepResult[] {
  return counts.map((n) => {
    const out = runProgram(build(n), grid, { functional: false });
    const rate = (name: string): number => (out.ok ? (out.result?.streams.find((s) => s.name === name)?.perSecond ?? 0) : 0);
    return {
      learningTiles: n,
      inferencesPerSecond: rate(streams.inference),
      gradientsPerSecond: rate(streams.gradient),
      totalCycles: out.result?.totalCycles ?? 0,
      diagnostics: out.diagnostics,
    };
  });
}
