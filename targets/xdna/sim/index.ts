// Public API of the tile-grid simulator (targets/xdna/sim): the program format, the machine,
// one-call runs and sweeps. The xdna lowering builds SimPrograms (program.ts); `tilegate
// simulate` calls runProgram / runSweep and renders with ../trace.ts and ../svg.ts.
export type * from './program.ts';
export type * from './result.ts';
export type { KernelContext, SimKernel } from './kernel.ts';
export { SimBuffer } from './kernel.ts';
export type { TileUsage } from './check.ts';
export { DDR, tileLabel } from './program.ts';
export { SimMachine, type SimOptions } from './machine.ts';
export { linkProgram, type LinkedProgram } from './link.ts';
export { checkProgram } from './check.ts';
export { runProgram, type RunOptions, type RunOutcome } from './run.ts';
export { runSweep, type SweepResult, type SweepStreams } from './sweep.ts';
