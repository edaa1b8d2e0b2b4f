// Baseline: TensorFlow.js 4.22 on its WebAssembly backend (XNNPACK) under Node, running the
// shared MLP workload as fused matMul + bias + relu per layer. Threads and SIMD are explicit:
// the comparison with tilegate's single-threaded WASM kernels is fair only at 1 thread, and
// tfjs-backend-wasm cannot run threaded under Node anyway (see `resolveThreads`).

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { makeInput, outputDim, timeSync } from './mlp.ts';
import type { BaselineRunner, MlpWorkload } from './mlp.ts';
import { disposeParams, forwardTf, uploadParams } from './tfjs-mlp.ts';

/** How the tfjs WASM backend is configured; fixed for the process at first initialisation. */
export interface TfjsWasmOptions {
  /** XNNPACK thread count; only 1 works under Node (default 1). */
  readonly threads?: number;
  /** Load the SIMD binary (default true; false loads the scalar binary for comparison). */
  readonly simd?: boolean;
}

/** What the backend actually ended up with after initialisation. */
export interface TfjsWasmConfig {
  readonly threads: number;
  readonly simd: boolean;
  readonly binary: string;
}

let initialised: { readonly key: string; readonly config: Promise<TfjsWasmConfig> } | undefined;

/**
 * tfjs-backend-wasm 4.22 hard-codes WASM_HAS_MULTITHREAD_SUPPORT to false under Node, and forcing
 * it on fails: the threaded build starts its pthread workers from blob: URLs, which Node's
 * worker_threads reject (ERR_WORKER_PATH). So more than one thread is refused up front.
 */
function resolveThreads(requested: number | undefined): number {
  const threads = requested ?? 1;
  if (threads !== 1) {
    throw new Error(
      `tfjs-wasm: ${threads} threads requested, but tfjs-backend-wasm runs single-threaded under Node ` +
        '(its threaded build needs blob: worker URLs, which Node does not support)',
    );
  }
  return threads;
}

/** Directory holding the tfjs-backend-wasm .wasm binaries, as a file path with a trailing slash. */
function wasmDistDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + '/';
}

async function initBackend(threads: number, simd: boolean): Promise<TfjsWasmConfig> {
  // In Node the Emscripten loader reads the binary with fs, so a directory path works as prefix.
  setWasmPaths(wasmDistDir());
  setThreadsCount(threads);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!simd) tf.env().set('WASM_HAS_SIMD_SUPPORT', false);
  const simdActive = simd && (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs-wasm: backend failed to initialise');
  await tf.ready();
  return {
    threads: getThreadsCount(),
    simd: simdActive,
    binary: simdActive ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm',
  };
}

/** Initialises (once per process) and activates the tfjs WASM backend. */
export async function ensureTfjsWasm(options: TfjsWasmOptions = {}): Promise<TfjsWasmConfig> {
  const threads = resolveThreads(options.threads);
  const simd = options.simd ?? true;
  const key = `${threads}/${simd}`;
  if (initialised === undefined) initialised = { key, config: initBackend(threads, simd) };
  else if (initialised.key !== key) {
    throw new Error(`tfjs-wasm: already initialised as threads/simd=${initialised.key}, cannot switch to ${key}`);
  }
  const config = await initialised.config;
  // Another tfjs backend (webgpu) may have been activated since; switching back is cheap.
  if (tf.getBackend() !== 'wasm') await tf.setBackend('wasm');
  return config;
}

/**
 * Builds a tfjs-wasm runner for the workload at one batch size. Each forward uploads the
 * seeded input, runs all layers and reads the result back, like a caller with plain arrays.
 */
export async function tfjsWasmMlp(
  workload: MlpWorkload,
  batch: number,
  options: TfjsWasmOptions = {},
): Promise<BaselineRunner> {
  const config = await ensureTfjsWasm(options);
  const params = uploadParams(workload);
  const input = makeInput(workload, batch);
  const expectedLength = batch * outputDim(workload);
  const forward = (): Float32Array => {
    if (tf.getBackend() !== 'wasm') throw new Error('tfjs-wasm: another tfjs backend is active');
    const y = forwardTf(workload, params, input, batch);
    const out = y.dataSync();
    y.dispose();
    if (!(out instanceof Float32Array) || out.length !== expectedLength) {
      throw new Error(`tfjs-wasm: unexpected output (${out.length} values)`);
    }
    return out;
  };
  return {
    name: 'tfjs-wasm',
    config: `tfjs-backend-wasm 4.22, ${config.binary}, threads=${config.threads}, fused matMul+bias+relu`,
    forward,
    timeMs: (iters: number) => timeSync(iters, forward),
    dispose: () => disposeParams(params),
  };
}
