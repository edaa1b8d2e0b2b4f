// Baseline: TensorFlow.js 4.22 on its WebGPU backend under Node, with navigator.gpu supplied by
// Dawn (the `webgpu` npm package). On a CPU-only machine the adapter is Mesa's lavapipe, so
// the numbers measure a software rasteriser's compute path, not a GPU; the config string names
// the adapter so no table can pass one off as the other.

import * as tf from '@tensorflow/tfjs-core';
import { create, globals } from 'webgpu';
import { makeInput, outputDim, timeAsync } from './mlp.ts';
import type { BaselineRunner, MlpWorkload } from './mlp.ts';
import { disposeParams, forwardTf, uploadParams } from './tfjs-mlp.ts';

/** What the backend ended up with after initialisation. */
export interface TfjsWebgpuConfig {
  /** Adapter vendor/architecture as Dawn reports them (e.g. "mesa/software"). */
  readonly adapter: string;
}

let initialised: Promise<TfjsWebgpuConfig> | undefined;

/**
 * Installs Dawn's WebGPU globals (GPUBufferUsage and friends, which tfjs reads) and
 * navigator.gpu. Node 20 has no navigator; newer Node has one without gpu, so gpu is added to it.
 */
function installWebgpuGlobals(): void {
  Object.assign(globalThis, globals);
  const existing = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  if (existing?.gpu !== undefined) return;
  const gpu = create([]);
  if (existing !== undefined) Object.defineProperty(existing, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
}

async function initBackend(): Promise<TfjsWebgpuConfig> {
  installWebgpuGlobals();
  // The backend registers itself at import time only if navigator.gpu exists, hence the
  // dynamic import after the globals are in place.
  await import('@tensorflow/tfjs-backend-webgpu');
  // Small ops may otherwise be run on the CPU; the baseline is meant to measure the GPU path.
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs-webgpu: backend failed to initialise (no adapter?)');
  await tf.ready();
  const info = (tf.backend() as unknown as { adapterInfo?: { vendor?: string; architecture?: string } }).adapterInfo;
  return { adapter: `${info?.vendor || '?'}/${info?.architecture || '?'}` };
}

/** Initialises (once per process) and activates the tfjs WebGPU backend. */
export async function ensureTfjsWebgpu(): Promise<TfjsWebgpuConfig> {
  initialised ??= initBackend();
  const config = await initialised;
  if (tf.getBackend() !== 'webgpu') await tf.setBackend('webgpu');
  return config;
}

/**
 * Builds a tfjs-webgpu runner for the workload at one batch size. Each forward uploads the
 * seeded input, dispatches all layers and maps the result back to the host.
 */
export async function tfjsWebgpuMlp(workload: MlpWorkload, batch: number): Promise<BaselineRunner> {
  const config = await ensureTfjsWebgpu();
  const params = uploadParams(workload);
  const input = makeInput(workload, batch);
  const expectedLength = batch * outputDim(workload);
  const forward = async (): Promise<Float32Array> => {
    if (tf.getBackend() !== 'webgpu') throw new Error('tfjs-webgpu: another tfjs backend is active');
    const y = forwardTf(workload, params, input, batch);
    const out = await y.data();
    y.dispose();
    if (!(out instanceof Float32Array) || out.length !== expectedLength) {
      throw new Error(`tfjs-webgpu: unexpected output (${out.length} values)`);
    }
    return out;
  };
  return {
    name: 'tfjs-webgpu',
    config: `tfjs-backend-webgpu 4.22, Dawn adapter ${config.adapter}, fused matMul+bias+relu, no CPU forwarding`,
    forward,
    timeMs: (iters: number) => timeAsync(iters, forward),
    dispose: () => disposeParams(params),
  };
}
