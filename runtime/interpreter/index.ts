// Public face of the reference interpreter: run a graph IR in any numeric format, bit-exact per
// DESIGN section 4, optionally with forward-mode tangents. Every backend's differential test
// compares against `runGraph`; spec/interpreter.md states the semantics it implements.
export { runGraph } from './run-graph.ts';
export type { RunOptions, RunResult, TangentRequest, TangentResult } from './run-graph.ts';
export type { Tensor, ParamSet, InputSet, Buf } from './types.ts';
export { arithFor } from './arith.ts';
export type { Arith } from './arith.ts';
