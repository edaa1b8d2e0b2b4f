// Runs a GpuProgram on a Dawn device: compiles every kernel once, keeps the parameters resident,
// and per run uploads the inputs (and tangent directions), records the needed forward kernels and
// then the tangent kernels once per perturbation in one command buffer, and reads back the
// requested buffers under the device's deadline. GPU failures come back as diagnostics (E51xx,
// E34xx), never exceptions or hangs. GpuModel is stateful (pipelines, buffers), hence a class.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { Node, NodeId } from '../../ir/nodes.ts';
import { operandsOf } from '../../ir/ops.ts';
import type { InputSet, ParamSet } from '../../runtime/interpreter/types.ts';
import { errorDiagnostic, errorText, gpuDiagnostic, type GpuDevice } from './device.ts';
import { hostCodec } from './formats.ts';
import { runUniform } from './host-scalars.ts';
import { loadInputs, loadParams } from './inputs.ts';
import { groupsOf } from './kernel-draft.ts';
import type { GpuProgram, ProgramBuffer, ProgramKernel } from './program.ts';
import { RUN_WORDS } from './render.ts';
import { compileKernel, type GpuResult } from './runner.ts';

// GPUBufferUsage / GPUMapMode bits (WebGPU spec); Dawn exposes them only on its globals.
const USAGE = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80 } as const;

/** One run: inputs (with labels to compute the loss), the served step, and tangent directions. */
export interface GpuRunRequest {
  readonly inputs: InputSet;
  /** Output names to compute; default: every prediction, plus the loss when labels are given. */
  readonly outputs?: readonly string[];
  readonly gateStep?: number;
  /** Per perturbation, the f64 direction of each perturbed Param (rounded once into the format here). */
  readonly directions?: readonly ReadonlyMap<NodeId, Float64Array>[];
  /** Further buffers to read back by name (`v7`, `t12#0`). */
  readonly read?: readonly string[];
}

/** Read-back words of every requested buffer, by name (`name#r` for perturbation r). */
export interface GpuRunResult {
  readonly batch: number;
  readonly words: ReadonlyMap<string, Uint32Array>;
  /** Output names that were computed. */
  readonly outputs: readonly string[];
}

/** A program compiled on a device, parameters resident. */
export class GpuModel {
  private readonly buffers = new Map<string, GPUBuffer>();
  private readonly uniforms = new Map<string, GPUBuffer>();
  private readonly bindGroups = new Map<string, GPUBindGroup>();
  private sized = { batch: -1, k: -1 };
  private paramsLoaded = false;

  private constructor(
    private readonly gpu: GpuDevice,
    /** The program this model runs. */
    readonly program: GpuProgram,
    private readonly pipelines: ReadonlyMap<string, GPUComputePipeline>,
  ) {}

  /** Compiles every kernel of the program; E3402 when a kernel binds more buffers than the device allows. */
  static async create(gpu: GpuDevice, program: GpuProgram): Promise<GpuResult<GpuModel>> {
    const max = gpu.raw.limits.maxStorageBuffersPerShaderStage;
    const wide = program.kernels.filter((k) => k.bindings.length > max);
    if (wide.length > 0) {
      const k = wide[0] as ProgramKernel;
      return { ok: false, diagnostics: [gpuDiagnostic('E3402', `kernel ${k.name} binds ${k.bindings.length} storage buffers; this device allows ${max}`, 'use fewer experts in the mixture, or a device with a higher maxStorageBuffersPerShaderStage')] };
    }
    const compiled = await Promise.all(program.kernels.map((k) => pipelineFor(gpu, k)));
    const diagnostics = compiled.flatMap((c) => (c.ok ? [] : c.diagnostics));
    if (diagnostics.length > 0) return { ok: false, diagnostics };
    const pipelines = new Map(program.kernels.map((k, i) => [k.name, (compiled[i] as { value: GPUComputePipeline }).value]));
    return { ok: true, value: new GpuModel(gpu, program, pipelines) };
  }

  /** Uploads parameters (rounded once into the format); diagnostics for missing or misshapen ones. */
  setParams(params: ParamSet): readonly Diagnostic[] {
    const loaded = loadParams(this.program.graph, this.program.format, params);
    if (loaded.diagnostics.length > 0) return loaded.diagnostics;
    for (const [id, words] of loaded.words) this.write(this.buffer(`v${id}`, words.length), words);
    this.paramsLoaded = true;
    return [];
  }

  /** Runs the program once; reads back every computed output (and tangent) plus `read`. */
  async run(req: GpuRunRequest): Promise<GpuResult<GpuRunResult>> {
    const p = this.program;
    const graph = p.graph;
    const gone = this.gpu.lost;
    if (gone) return { ok: false, diagnostics: [gone] };
    if (!this.paramsLoaded) return { ok: false, diagnostics: [gpuDiagnostic('E4504', 'no parameters were loaded before the run', 'call setParams first')] };
    const labelsGiven = graph.nodes.every((n) => n.kind !== 'Label' || req.inputs[n.name] !== undefined);
    const tangents = req.directions !== undefined && p.plan !== undefined;
    const wanted = p.outputs.filter((o) => (req.outputs ? req.outputs.includes(o.name) : o.role === 'prediction' || labelsGiven || tangents));
    const needed = neededNodes(graph.nodes, [...wanted.map((o) => o.node), ...(tangents ? unitSources(p) : []), ...(tangents && p.plan?.lossSamples !== undefined ? [p.plan.lossSamples] : [])]);
    const loaded = loadInputs(graph, p.format, req.inputs, graph.nodes.some((n) => n.kind === 'Label' && needed[n.id]));
    if (loaded.diagnostics.length > 0) return { ok: false, diagnostics: loaded.diagnostics };
    const B = loaded.batch;
    if (B > 65535) return { ok: false, diagnostics: [gpuDiagnostic('E3404', `batch ${B} is larger than one WebGPU dispatch allows (65535)`, 'split the batch')] };
    const k = tangents ? (req.directions?.length ?? 0) : 0;
    const sized = this.ensureBuffers(B, k);
    if (!sized.ok) return sized;
    for (const [id, words] of loaded.words) this.write(this.buffer(`v${id}`), words);
    if (tangents) this.uploadDirections(req.directions ?? []);
    const chosen = kernelsFor(p.kernels, B).filter((kn) => needed[kn.node]);
    const order: { kernel: ProgramKernel; r: number }[] = chosen.filter((kn) => kn.phase === 'forward').map((kernel) => ({ kernel, r: -1 }));
    for (let r = 0; r < k; r++) for (const kernel of chosen) if (kernel.phase === 'tangent') order.push({ kernel, r });
    const reads = [...wanted.map((o) => o.buffer), ...(req.read ?? [])];
    for (let r = 0; r < k; r++) {
      for (const o of wanted) if (o.tangent) reads.push(`${o.tangent}#${r}`);
      if (p.lossTangent) reads.push(`${p.lossTangent}#${r}`);
    }
    const words = await this.dispatch(order, [...new Set(reads)], B, req.gateStep ?? 0);
    if (!words.ok) return words;
    return { ok: true, value: { batch: B, words: words.value, outputs: wanted.map((o) => o.name) } };
  }

  /** Decodes read-back storage words to exact f64. */
  decode(words: Uint32Array): Float64Array {
    return hostCodec(this.program.format).decode(words);
  }

  /** Frees every buffer (the device stays with its owner). */
  destroy(): void {
    for (const b of [...this.buffers.values(), ...this.uniforms.values()]) b.destroy();
    this.buffers.clear();
    this.uniforms.clear();
    this.bindGroups.clear();
  }

  private uploadDirections(dirs: readonly ReadonlyMap<NodeId, Float64Array>[]): void {
    const codec = hostCodec(this.program.format);
    dirs.forEach((m, r) => {
      for (const b of this.program.buffers) {
        if (b.role !== 'direction') continue;
        const v = m.get(b.node);
        this.write(this.buffer(`${b.name}#${r}`), v ? codec.encode(v) : new Uint32Array(b.fixed));
      }
    });
  }

  /** (Re)creates the batch-sized and per-perturbation buffers when the batch or k changes. */
  private ensureBuffers(batch: number, k: number): GpuResult<true> {
    if (this.sized.batch === batch && this.sized.k >= k) return { ok: true, value: true };
    const limit = this.gpu.raw.limits.maxStorageBufferBindingSize;
    const sizes: [string, ProgramBuffer][] = [];
    for (const b of this.program.buffers) {
      if (b.role === 'param') continue;
      if (b.perPerturbation) for (let r = 0; r < k; r++) sizes.push([`${b.name}#${r}`, b]);
      else sizes.push([b.name, b]);
    }
    for (const [name, b] of sizes) {
      const bytes = 4 * (b.perSample * batch + b.fixed);
      if (bytes > limit) return { ok: false, diagnostics: [gpuDiagnostic('E3403', `buffer ${name} needs ${bytes} bytes at batch ${batch}; this device binds at most ${limit}`, 'use a smaller batch')] };
    }
    for (const [name, b] of sizes) {
      this.buffers.get(name)?.destroy();
      this.buffers.delete(name);
      this.buffer(name, b.perSample * batch + b.fixed);
    }
    this.bindGroups.clear();
    this.sized = { batch, k };
    return { ok: true, value: true };
  }

  /** A named storage buffer, created on first use with `words` words. */
  private buffer(name: string, words = 1): GPUBuffer {
    let b = this.buffers.get(name);
    if (!b) {
      b = this.gpu.raw.createBuffer({ label: name, size: Math.max(4, words * 4), usage: USAGE.STORAGE | USAGE.COPY_DST | USAGE.COPY_SRC });
      this.buffers.set(name, b);
    }
    return b;
  }

  private write(buf: GPUBuffer, data: Uint32Array): void {
    if (data.length > 0) this.gpu.raw.queue.writeBuffer(buf, 0, data.buffer, data.byteOffset, data.byteLength);
  }

  /** The bind group of a kernel for perturbation r (-1: forward), cached per buffer generation. */
  private bindGroup(kernel: ProgramKernel, r: number): GPUBindGroup {
    const key = `${kernel.name}#${r}`;
    let g = this.bindGroups.get(key);
    if (g) return g;
    let u = this.uniforms.get(kernel.name);
    if (!u) {
      u = this.gpu.raw.createBuffer({ label: `${kernel.name}.run`, size: RUN_WORDS * 4, usage: USAGE.UNIFORM | USAGE.COPY_DST });
      this.uniforms.set(kernel.name, u);
    }
    const perR = new Set(this.program.buffers.filter((b) => b.perPerturbation).map((b) => b.name));
    const entries = [{ binding: 0, resource: { buffer: u } }, ...kernel.bindings.map((v, i) => ({ binding: i + 1, resource: { buffer: this.buffer(perR.has(v.buffer) ? `${v.buffer}#${r}` : v.buffer) } }))];
    const pipeline = this.pipelines.get(kernel.name) as GPUComputePipeline;
    g = this.gpu.raw.createBindGroup({ label: key, layout: pipeline.getBindGroupLayout(0), entries });
    this.bindGroups.set(key, g);
    return g;
  }

  /** Records the kernels in order, copies the read-backs to staging, submits and maps them under the deadline. */
  private async dispatch(order: readonly { kernel: ProgramKernel; r: number }[], reads: readonly string[], batch: number, step: number): Promise<GpuResult<Map<string, Uint32Array>>> {
    const dev = this.gpu.raw;
    const staging: { name: string; buf: GPUBuffer; bytes: number }[] = [];
    let scopes = 0;
    try {
      dev.pushErrorScope('out-of-memory');
      dev.pushErrorScope('validation');
      scopes = 2;
      for (const { kernel } of order) {
        const gate = kernel.gate === undefined ? undefined : (this.program.graph.nodes[kernel.gate] as Node);
        const u = runUniform(batch, gate?.kind === 'Gate' ? gate : undefined, step, kernel.dims);
        this.bindGroup(kernel, -1);
        dev.queue.writeBuffer(this.uniforms.get(kernel.name) as GPUBuffer, 0, u.buffer, 0, u.byteLength);
      }
      const enc = dev.createCommandEncoder({ label: 'tilegate-model' });
      const pass = enc.beginComputePass();
      for (const { kernel, r } of order) {
        pass.setPipeline(this.pipelines.get(kernel.name) as GPUComputePipeline);
        pass.setBindGroup(0, this.bindGroup(kernel, r));
        pass.dispatchWorkgroups(groupsOf(kernel.dispatch.x, batch), groupsOf(kernel.dispatch.y, batch));
      }
      pass.end();
      for (const name of reads) {
        const src = this.buffers.get(name);
        if (!src) continue;
        const buf = dev.createBuffer({ label: `${name}.readback`, size: src.size, usage: USAGE.MAP_READ | USAGE.COPY_DST });
        staging.push({ name, buf, bytes: src.size });
        enc.copyBufferToBuffer(src, 0, buf, 0, src.size);
      }
      dev.queue.submit([enc.finish()]);
      scopes = 0;
      const scoped = [await dev.popErrorScope(), await dev.popErrorScope()].filter((e): e is GPUError => e !== null);
      const stray = this.gpu.takeUncapturedErrors();
      if (scoped.length + stray.length > 0) return { ok: false, diagnostics: [...scoped.map(errorDiagnostic), ...stray] };
      const mapped = await this.gpu.guard('running the model kernels', Promise.all(staging.map((s) => s.buf.mapAsync(0x1))));
      if (!mapped.ok) return { ok: false, diagnostics: [mapped.diagnostic] };
      return { ok: true, value: new Map(staging.map((s) => [s.name, new Uint32Array(s.buf.getMappedRange(0, s.bytes).slice(0))])) };
    } catch (e) {
      // Dawn throws synchronously for a few misuses; rebalance the scopes and report it.
      for (; scopes > 0; scopes--) void dev.popErrorScope().catch(() => null);
      return { ok: false, diagnostics: [this.gpu.lost ?? gpuDiagnostic('E5105', `running the model: ${errorText(e)}`)] };
    } finally {
      for (const s of staging) s.buf.destroy();
    }
  }
}

// Pipelines by WGSL text, per device: kernels of equal text (same op, format and variant; sizes
// are uniforms) compile once per device, whichever model they belong to.
const PIPELINES = new WeakMap<GpuDevice, Map<string, Promise<GpuResult<GPUComputePipeline>>>>();

/** The compiled pipeline of a kernel, shared by every kernel of the same WGSL on this device. */
function pipelineFor(gpu: GpuDevice, k: ProgramKernel): Promise<GpuResult<GPUComputePipeline>> {
  let cache = PIPELINES.get(gpu);
  if (!cache) {
    cache = new Map();
    PIPELINES.set(gpu, cache);
  }
  let p = cache.get(k.wgsl);
  if (!p) {
    p = compileKernel(gpu, { label: `${k.name}.wgsl`, wgsl: k.wgsl, entryPoint: 'main' }).then((r) => (r.ok ? { ok: true as const, value: r.value.pipeline } : r));
    cache.set(k.wgsl, p);
  }
  return p;
}

/** The kernels to dispatch at a batch size: of a node's variants, the one with the largest minBatch <= batch. */
export function kernelsFor(kernels: readonly ProgramKernel[], batch: number): ProgramKernel[] {
  const best = new Map<string, number>();
  for (const k of kernels) {
    if (!k.variant || k.variant.minBatch > batch) continue;
    const key = `${k.phase}:${k.node}`;
    best.set(key, Math.max(best.get(key) ?? 0, k.variant.minBatch));
  }
  return kernels.filter((k) => !k.variant || best.get(`${k.phase}:${k.node}`) === k.variant.minBatch);
}

/** Marks every node the roots depend on. */
function neededNodes(nodes: readonly Node[], roots: readonly NodeId[]): boolean[] {
  const needed = nodes.map(() => false);
  for (const r of roots) needed[r] = true;
  for (let i = nodes.length - 1; i >= 0; i--) if (needed[i]) for (const op of operandsOf(nodes[i] as Node)) needed[op] = true;
  return needed;
}

/** Gates and routing weights that decide unit activity (tangent masks read them). */
function unitSources(p: GpuProgram): NodeId[] {
  const ids: NodeId[] = [];
  for (const src of p.plan?.units.values() ?? []) ids.push(...src.gates, ...src.experts.map((e) => e.weights));
  return ids;
}
