// Shared setup of the WebGPU tests: one device per test file (vitest runs each file in its own
// process), the skip-or-fail rule for machines without an adapter, and a helper that compiles
// and runs a kernel or fails the test with the diagnostics rendered.
import { renderOneLine } from '../../ir/diagnostics.ts';
import { acquireDevice, type GpuDevice } from '../../targets/webgpu/device.ts';
import { compileKernel, runKernel, type KernelBinding, type KernelSource } from '../../targets/webgpu/runner.ts';
import { workgroupsFor } from '../../targets/webgpu/wgsl/posit32-kernels.ts';

const acquired = await acquireDevice();

/** Why there is no device (rendered diagnostics), or undefined when there is one. */
export const noGpuReason: string | undefined = acquired.ok
  ? undefined
  : acquired.diagnostics.map((d) => `${renderOneLine(d)}${d.hint ? ` (hint: ${d.hint})` : ''}`).join('\n');

/**
 * Skip only outside CI: in CI (process.env.CI set) a missing adapter must fail the tests, so the
 * WebGPU checks can never silently vanish there.
 */
export const skipWithoutGpu: boolean = noGpuReason !== undefined && !process.env.CI;

/** The test file's device; throws (failing the test) with the acquisition diagnostics when absent. */
export function gpuDevice(): GpuDevice {
  if (!acquired.ok) throw new Error(`WebGPU unavailable:\n${noGpuReason ?? ''}`);
  return acquired.device;
}

/** Destroys the device so the worker process exits promptly. */
export function releaseGpu(): void {
  if (acquired.ok) acquired.device.destroy();
}

/** Compiles and runs a one-lane-per-element kernel over `lanes` lanes; returns the read-back words. */
export async function runOrThrow(src: KernelSource, bindings: readonly KernelBinding[], lanes: number): Promise<Uint32Array[]> {
  const dev = gpuDevice();
  const kernel = await compileKernel(dev, src);
  if (!kernel.ok) throw new Error(kernel.diagnostics.map((d) => renderOneLine(d)).join('\n'));
  const out = await runKernel(dev, kernel.value, { bindings, workgroups: workgroupsFor(lanes) });
  if (!out.ok) throw new Error(out.diagnostics.map((d) => renderOneLine(d)).join('\n'));
  return out.value;
}

/** Hex of a u32, 8 digits, as the vector files write it. */
export function hex32(x: number): string {
  return (x >>> 0).toString(16).padStart(8, '0');
}

/** Indices where `got` differs from `want`, with both values, capped for readable failures. */
export function mismatches(got: Uint32Array, want: readonly number[], label: (i: number) => string, cap = 10): string[] {
  const out: string[] = [];
  for (let i = 0; i < want.length && out.length < cap; i++) {
    if (got[i] !== (want[i] ?? 0) >>> 0) out.push(`${label(i)}: got ${hex32(got[i] ?? 0)} want ${hex32(want[i] ?? 0)}`);
  }
  return out;
}

/** A small seeded PRNG (mulberry32): reproducible random tests without extra packages. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
