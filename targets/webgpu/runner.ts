// Compiles WGSL compute kernels and runs them on a GpuDevice: storage buffers in, one or more
// dispatches, results read back through mapAsync. WGSL errors come back as diagnostics that point
// at the WGSL line; validation errors, device loss and timeouts come back as diagnostics too.
// The model kernels and the posit tests and benchmarks all run through here.
import { SourceFile, type Diagnostic, type SourceMap } from '../../ir/diagnostics.ts';
import { DEFAULT_TIMEOUT_MS, errorDiagnostic, errorText, gpuDiagnostic, type GpuDevice } from './device.ts';

/** A compiled compute pipeline plus the source it came from (kept for error messages). */
export interface Kernel {
  readonly label: string;
  readonly entryPoint: string;
  readonly pipeline: GPUComputePipeline;
}

/** What to compile: `label` names the WGSL in diagnostics (e.g. `dense-posit32.wgsl`). */
export interface KernelSource {
  readonly label: string;
  readonly wgsl: string;
  readonly entryPoint: string;
}

/** Typed arrays a kernel reads or writes; all are 4-byte element types, as in WGSL storage. */
export type WordArray = Uint32Array | Int32Array | Float32Array;

/**
 * One buffer at @group(0) @binding(i), where i is its index in the binding list:
 * `input` is read-only storage, `uniform` a uniform block, `output` zero-filled storage that is
 * read back, and `inout` initialised storage that is read back.
 */
export type KernelBinding =
  | { readonly kind: 'input'; readonly data: WordArray }
  | { readonly kind: 'uniform'; readonly data: WordArray }
  | { readonly kind: 'output'; readonly words: number }
  | { readonly kind: 'inout'; readonly data: WordArray };

/** One run: bindings, workgroup counts and how many times to repeat the dispatch (benchmarks). */
export interface KernelRun {
  readonly bindings: readonly KernelBinding[];
  readonly workgroups: readonly [number, number?, number?];
  readonly repeat?: number;
  readonly timeoutMs?: number;
}

/** Result of a compile or a run: a value, or the diagnostics that replace it. */
export type GpuResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

// GPUBufferUsage / GPUMapMode bit values from the WebGPU spec; Dawn exposes them only on its globals.
const USAGE = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80 } as const;
const MAP_READ_MODE = 0x1;

/** Compiles WGSL into a compute pipeline; compile errors become E5104 diagnostics at the WGSL line. */
export async function compileKernel(gpu: GpuDevice, src: KernelSource): Promise<GpuResult<Kernel>> {
  const dev = gpu.raw;
  dev.pushErrorScope('validation');
  const module = dev.createShaderModule({ code: src.wgsl, label: src.label });
  const info = await gpu.guard(`compiling ${src.label}`, module.getCompilationInfo());
  const scopeError = await dev.popErrorScope();
  if (!info.ok) return { ok: false, diagnostics: [info.diagnostic] };
  const errors = info.value.messages.filter((m) => m.type === 'error');
  if (errors.length > 0) return { ok: false, diagnostics: errors.map((m) => wgslDiagnostic(src, m)) };
  if (scopeError) return { ok: false, diagnostics: [errorDiagnostic(scopeError)] };
  const pipeline = await gpu.guard(
    `creating the pipeline for ${src.label}`,
    dev.createComputePipelineAsync({ label: src.label, layout: 'auto', compute: { module, entryPoint: src.entryPoint } }),
  );
  if (!pipeline.ok) {
    const d = pipeline.diagnostic;
    // createComputePipelineAsync rejects with a GPUPipelineError for a bad entry point or layout.
    const fixed = d.code === 'E5109' ? gpuDiagnostic('E5105', d.message.replace(' failed:', ' was rejected:')) : d;
    return { ok: false, diagnostics: [fixed] };
  }
  return { ok: true, value: { label: src.label, entryPoint: src.entryPoint, pipeline: pipeline.value } };
}

/** The kernels' WGSL as a SourceMap, so renderPretty can underline WGSL compile errors. */
export function kernelSourceMap(...sources: readonly KernelSource[]): SourceMap {
  return new Map(sources.map((s) => [s.label, new SourceFile(s.label, s.wgsl)]));
}

function wgslDiagnostic(src: KernelSource, m: GPUCompilationMessage): Diagnostic {
  const lineText = src.wgsl.split('\n')[m.lineNum - 1]?.trim() ?? '';
  return {
    code: 'E5104',
    severity: 'error',
    message: `WGSL: ${m.message}`,
    at: { file: src.label, line: Math.max(1, m.lineNum), column: Math.max(1, m.linePos) },
    span: { file: src.label, start: m.offset, end: m.offset + Math.max(1, m.length) },
    hint: `WGSL line ${m.lineNum}: ${lineText}`,
  };
}

/**
 * Uploads the bindings, dispatches `repeat` times (default 1) in one submission and reads back
 * every `output`/`inout` binding, in binding order, as Uint32Array words.
 */
export async function runKernel(gpu: GpuDevice, kernel: Kernel, run: KernelRun): Promise<GpuResult<Uint32Array[]>> {
  const gone = gpu.lost;
  if (gone) return { ok: false, diagnostics: [gone] };
  const dev = gpu.raw;
  const owned: GPUBuffer[] = [];
  let openScopes = 0;
  try {
    dev.pushErrorScope('out-of-memory');
    dev.pushErrorScope('validation');
    openScopes = 2;
    const readbacks = encodeAndSubmit(dev, kernel, run, owned);
    openScopes = 0;
    // Popping the scopes does not wait for the GPU (Dawn resolves them at once); mapAsync does,
    // so the readback is what runs under the deadline.
    const scoped = [await dev.popErrorScope(), await dev.popErrorScope()].filter((e): e is GPUError => e !== null);
    const stray = gpu.takeUncapturedErrors();
    if (scoped.length + stray.length > 0) return { ok: false, diagnostics: [...scoped.map(errorDiagnostic), ...stray] };
    const mapped = await gpu.guard(
      `running ${kernel.label}`,
      Promise.all(readbacks.map((r) => r.staging.mapAsync(MAP_READ_MODE))),
      run.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    if (!mapped.ok) return { ok: false, diagnostics: [mapped.diagnostic] };
    return { ok: true, value: readbacks.map((r) => new Uint32Array(r.staging.getMappedRange(0, r.words * 4).slice(0))) };
  } catch (e) {
    // Dawn throws synchronously for a few misuses (e.g. a mapped-range overrun): still a diagnostic.
    for (; openScopes > 0; openScopes--) void dev.popErrorScope().catch(() => null);
    return { ok: false, diagnostics: [gpu.lost ?? gpuDiagnostic('E5105', `running ${kernel.label}: ${errorText(e)}`)] };
  } finally {
    // Never blocks, even with work in flight; after a timeout it also rejects the pending maps.
    for (const b of owned) b.destroy();
  }
}

/** Creates and fills the buffers, records the dispatches and copies to staging, and submits. */
function encodeAndSubmit(dev: GPUDevice, kernel: Kernel, run: KernelRun, owned: GPUBuffer[]): Readback[] {
  const { buffers, readbacks } = createBuffers(dev, kernel, run.bindings, owned);
  const encoder = dev.createCommandEncoder({ label: kernel.label });
  const pass = encoder.beginComputePass();
  pass.setPipeline(kernel.pipeline);
  const entries = buffers.map((buffer, binding) => ({ binding, resource: { buffer } }));
  pass.setBindGroup(0, dev.createBindGroup({ layout: kernel.pipeline.getBindGroupLayout(0), entries }));
  const [x, y = 1, z = 1] = run.workgroups;
  for (let i = 0; i < (run.repeat ?? 1); i++) pass.dispatchWorkgroups(x, y, z);
  pass.end();
  for (const r of readbacks) encoder.copyBufferToBuffer(r.source, 0, r.staging, 0, r.staging.size);
  dev.queue.submit([encoder.finish()]);
  return readbacks;
}

interface Readback {
  readonly source: GPUBuffer;
  readonly staging: GPUBuffer;
  readonly words: number;
}

function createBuffers(dev: GPUDevice, kernel: Kernel, bindings: readonly KernelBinding[], owned: GPUBuffer[]): { buffers: GPUBuffer[]; readbacks: Readback[] } {
  const buffers: GPUBuffer[] = [];
  const readbacks: Readback[] = [];
  bindings.forEach((b, i) => {
    const words = b.kind === 'output' ? b.words : b.data.length;
    // WebGPU rejects zero-sized bindings; an empty array still gets one word.
    const size = Math.max(4, words * 4);
    const usage = (b.kind === 'uniform' ? USAGE.UNIFORM : USAGE.STORAGE) | USAGE.COPY_DST | USAGE.COPY_SRC;
    const buffer = dev.createBuffer({ label: `${kernel.label}#${i}`, size: b.kind === 'uniform' ? roundUp(size, 16) : size, usage });
    owned.push(buffer);
    if (b.kind !== 'output' && b.data.length > 0) dev.queue.writeBuffer(buffer, 0, b.data.buffer, b.data.byteOffset, b.data.byteLength);
    buffers.push(buffer);
    if (b.kind === 'output' || b.kind === 'inout') {
      const staging = dev.createBuffer({ label: `${kernel.label}#${i}-readback`, size, usage: USAGE.MAP_READ | USAGE.COPY_DST });
      owned.push(staging);
      readbacks.push({ source: buffer, staging, words });
    }
  });
  return { buffers, readbacks };
}

function roundUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}
