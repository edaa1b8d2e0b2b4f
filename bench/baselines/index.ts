// Registry of the named baselines that tilegate's benchmarks compare against. A benchmark
// picks baselines by name, builds a runner per (workload, batch), checks it against the f64
// reference and prints its own time as a ratio to the baseline's, measured in the same run.

import type { BaselineRunner, MlpWorkload } from './mlp.ts';
import { jsLoopMlp } from './js-loop.ts';
import { ortWebMlp } from './ort-web.ts';
import { tfjsWasmMlp } from './tfjs-wasm.ts';
import { tfjsWebgpuMlp } from './tfjs-webgpu.ts';

/** Builds one baseline runner for a workload at a batch size. */
export type BaselineFactory = (workload: MlpWorkload, batch: number) => Promise<BaselineRunner>;

/** Every baseline by name, in their default (single-threaded, SIMD where offered) configuration. */
export const BASELINES = {
  'js-loop': (w, b) => Promise.resolve(jsLoopMlp(w, b)),
  'tfjs-wasm': (w, b) => tfjsWasmMlp(w, b, { threads: 1, simd: true }),
  'ort-web': (w, b) => ortWebMlp(w, b, { threads: 1 }),
  'tfjs-webgpu': (w, b) => tfjsWebgpuMlp(w, b),
} as const satisfies Record<string, BaselineFactory>;

/** A baseline's name. */
export type BaselineName = keyof typeof BASELINES;

/** Baseline names in table order. */
export const BASELINE_NAMES = Object.keys(BASELINES) as BaselineName[];

export type { BaselineRunner, MlpWorkload, Timing, CheckResult } from './mlp.ts';
export {
  MLP_BATCHES,
  MLP_SHAPES,
  checkAgainstReference,
  forwardFlops,
  makeInput,
  makeMlp,
  namedMlp,
  referenceForward,
} from './mlp.ts';
