// Baseline: onnxruntime-web 1.30 with its WebAssembly execution provider under Node, running the
// shared MLP workload as an ONNX model (Gemm + Relu, opset 17) built in memory by onnx-proto.ts.
// Threads default to 1 so the comparison with tilegate's single-threaded WASM kernels is fair;
// ORT's wasm build is always the SIMD one (ort-wasm-simd-threaded.wasm).

import * as ort from 'onnxruntime-web';
import { inputDim, makeInput, outputDim, timeAsync } from './mlp.ts';
import type { BaselineRunner, MlpWorkload } from './mlp.ts';
import { encodeMlpModel, ONNX_OPSET } from './onnx-proto.ts';

/** How the ORT wasm EP is configured; fixed for the process at the first session. */
export interface OrtWebOptions {
  /** Intra-op threads (default 1; 0 lets ORT pick, more than 1 spawns worker threads). */
  readonly threads?: number;
  /** ORT graph optimisation level (default 'all', what an ORT user gets by default). */
  readonly graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
}

let configuredThreads: number | undefined;

/**
 * Sets the process-wide ORT wasm flags. They are read when the wasm runtime first
 * initialises, so a later session with a different thread count would silently get the old
 * one: that is refused instead.
 */
function configureEnv(threads: number): void {
  if (configuredThreads === undefined) {
    ort.env.wasm.numThreads = threads;
    ort.env.wasm.simd = true;
    ort.env.wasm.proxy = false;
    ort.env.logLevel = 'error';
    configuredThreads = threads;
  } else if (configuredThreads !== threads) {
    throw new Error(`ort-web: already initialised with ${configuredThreads} threads, cannot switch to ${threads}`);
  }
}

/** Builds an ORT session for the workload at one batch size, from in-memory model bytes. */
export async function createOrtSession(
  workload: MlpWorkload,
  batch: number,
  options: OrtWebOptions = {},
): Promise<ort.InferenceSession> {
  configureEnv(options.threads ?? 1);
  const bytes = encodeMlpModel(workload, batch);
  return ort.InferenceSession.create(bytes, {
    executionProviders: ['wasm'],
    // The web build sizes its thread pool from env.wasm.numThreads alone; the session option
    // intraOpNumThreads is not read by it, so it is not set here.
    graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
  });
}

/**
 * Builds an onnxruntime-web runner. Each forward wraps the seeded input in an ort.Tensor, runs
 * the session (which copies it into the wasm heap) and copies the output out.
 */
export async function ortWebMlp(
  workload: MlpWorkload,
  batch: number,
  options: OrtWebOptions = {},
): Promise<BaselineRunner> {
  const session = await createOrtSession(workload, batch, options);
  const input = makeInput(workload, batch);
  const expectedLength = batch * outputDim(workload);
  const forward = async (): Promise<Float32Array> => {
    const feeds = { input: new ort.Tensor('float32', input, [batch, inputDim(workload)]) };
    const result = await session.run(feeds);
    const y = result['output'];
    if (y === undefined || y.type !== 'float32') throw new Error('ort-web: model returned no float32 output');
    const data = y.data;
    if (!(data instanceof Float32Array) || data.length !== expectedLength) {
      throw new Error(`ort-web: unexpected output (${data.length} values)`);
    }
    const out = data.slice();
    y.dispose();
    return out;
  };
  const threads = ort.env.wasm.numThreads ?? 1;
  return {
    name: 'ort-web',
    config:
      `onnxruntime-web ${ort.env.versions.web ?? '?'}, wasm EP, simd, threads=${threads}, ` +
      `opset ${ONNX_OPSET}, opt=${options.graphOptimizationLevel ?? 'all'}`,
    forward,
    timeMs: (iters: number) => timeAsync(iters, forward),
    dispose: () => session.release(),
  };
}
