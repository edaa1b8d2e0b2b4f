// Host side of a compiled model module: instantiates model.wasm against its manifest, moves
// parameters, inputs and labels in as f64 (the module rounds them into its format) and outputs
// out as exact f64, grows memory to the batch, and drives the forward-gradient step: tangent
// directions are sampled here with the Philox stream of spec/jvp.md 4 and handed to the module
// one perturbation at a time; every arithmetic step runs inside WASM. Bad inputs are diagnostics.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { DiagCode } from '../../ir/diagnostic-codes.ts';
import { fillNormals } from '../../runtime/interpreter/random.ts';
import type { InputSet, ParamSet, Tensor } from '../../runtime/interpreter/types.ts';
import type { ManifestParam, ModelManifest } from './model-manifest.ts';
import type { Slot } from './model-layout.ts';

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Readonly<Record<string, unknown>> } }>;
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

type Fn = (...args: number[]) => number;

const diag = (code: DiagCode, message: string, hint?: string): Diagnostic => ({ code, severity: 'error', message, ...(hint ? { hint } : {}) });

/** Options of one run. */
export interface ModelRunOptions {
  /** Learning step of the served snapshot (anneal gates read it); default 0. */
  readonly step?: number;
  /** `infer` skips hard-gated work; `forward` computes every value (and the loss with labels). */
  readonly entry?: 'infer' | 'forward';
}

/** Result of a run: outputs by name (prediction outputs, plus `loss` after a forward with labels). */
export interface ModelRunResult {
  readonly outputs: Map<string, Tensor>;
  readonly batch: number;
  readonly diagnostics: Diagnostic[];
}

/** Options of one forward-gradient step (defaults: the model's learn block, step 0). */
export interface JvpOptions {
  readonly perturbations?: number;
  readonly seed?: number;
  readonly lr?: number;
  readonly step?: number;
}

/** Result of a step: loss before the update, per-direction loss-sample tangents d[r][b]. */
export interface JvpResult {
  readonly loss: number;
  readonly lossTangents: readonly Float64Array[];
  /** Per direction: the batch-mean directional derivative (1/B) Σ_b d[r][b]. */
  readonly directional: readonly number[];
  readonly diagnostics: Diagnostic[];
}

/** One instantiated model module. Stateful: holds the parameters inside its memory. */
export class WasmModel {
  private constructor(
    readonly manifest: ModelManifest,
    private readonly exports: Readonly<Record<string, unknown>>,
    private readonly memory: WasmMemory,
  ) {}

  /** Instantiates a module; the manifest must be the one emitted with it. */
  static async create(bytes: Uint8Array, manifest: ModelManifest): Promise<WasmModel> {
    const { instance } = await WA.instantiate(bytes, {});
    const memory = instance.exports['memory'] as WasmMemory | undefined;
    if (!memory) throw new Error('model module exports no memory');
    return new WasmModel(manifest, instance.exports, memory);
  }

  private fn(name: string): Fn {
    const f = this.exports[name];
    if (typeof f !== 'function') throw new Error(`model module exports no function ${name}`);
    return f as Fn;
  }

  /** True when the module has the learning exports. */
  get canLearn(): boolean {
    return typeof this.exports['jvp_begin'] === 'function';
  }

  private f64(): Float64Array {
    return new Float64Array(this.memory.buffer);
  }

  private addr(slot: Slot, batch: number): number {
    return slot.region === 'fixed' ? slot.at : this.manifest.memory.batchBase + batch * slot.at;
  }

  /** Grows memory so a batch fits; a diagnostic when the 4 GiB address space cannot hold it. */
  ensureBatch(batch: number): Diagnostic | undefined {
    const need = this.manifest.memory.batchBase + batch * this.manifest.memory.perSampleBytes;
    const have = this.memory.buffer.byteLength;
    if (need <= have) return undefined;
    try {
      this.memory.grow(Math.ceil((need - have) / 65536));
      return undefined;
    } catch {
      return diag('E3604', `batch ${batch} needs ${need} bytes of WASM memory`, 'run the batch in smaller pieces');
    }
  }

  /** Loads every parameter (f64, rounded into the format by the module). */
  setParams(params: ParamSet): Diagnostic[] {
    const ds: Diagnostic[] = [];
    for (const p of this.manifest.params) {
      const t = params.get(p.name);
      const size = p.shape.reduce((a, d) => a * d, 1);
      if (!t) ds.push(diag('E4504', `missing parameter '${p.name}' [${p.shape.join(', ')}]`, 'create parameters with `tilegate init model.dg -o params.safetensors`'));
      else if (t.data.length !== size || t.shape.length !== p.shape.length || t.shape.some((d, i) => d !== p.shape[i])) {
        ds.push(diag('E4505', `parameter '${p.name}' has shape [${t.shape.join(', ')}], expected [${p.shape.join(', ')}]`, 'weights are [out, in] and biases [out]'));
      } else if (t.data.some((v) => !Number.isFinite(v))) ds.push(diag('E4506', `parameter '${p.name}' holds a non-finite value`, 'parameters must be finite numbers'));
    }
    if (ds.length > 0) return ds;
    for (const p of this.manifest.params) this.convertIn((params.get(p.name) as Tensor).data, p.addr);
    return [];
  }

  /** The stored parameters as exact f64 values of the format. */
  getParams(): Map<string, Tensor> {
    return new Map(this.manifest.params.map((p) => [p.name, { shape: p.shape.slice(), data: this.paramValues(p) }]));
  }

  private paramValues(p: ManifestParam): Float64Array {
    const size = p.shape.reduce((a, d) => a * d, 1);
    const stage = this.manifest.memory.paramStage;
    this.fn('value_to_f64')(p.addr, stage, size);
    return this.f64().slice(stage / 8, stage / 8 + size);
  }

  private convertIn(data: Float64Array, dst: number): void {
    const stage = this.manifest.memory.paramStage;
    this.f64().set(data, stage / 8);
    this.fn('value_from_f64')(stage, dst, data.length);
  }

  /** Writes inputs (and labels, when every label is given); returns the batch or diagnostics. */
  private writeInputs(inputs: InputSet): { batch: number; labels: boolean; diagnostics: Diagnostic[] } {
    const ds: Diagnostic[] = [];
    let batch: number | undefined;
    const rows = (name: string, t: Tensor): number | undefined => {
      const b = t.shape[0];
      if (b === undefined || b < 1) ds.push(diag('E4502', `input '${name}' has an empty batch`, 'inputs are [batch, features] with batch >= 1'));
      else if (batch !== undefined && b !== batch) ds.push(diag('E4502', `input '${name}' has batch ${b}, others ${batch}`, 'every input and label shares the batch size'));
      else return (batch = b);
      return undefined;
    };
    for (const i of this.manifest.inputs) {
      const t = inputs[i.name];
      if (!t) ds.push(diag('E4501', `missing input '${i.name}'`, `provide '${i.name}' as [batch, ${i.width}]`));
      else if (rows(i.name, t) !== undefined && t.data.length !== (batch as number) * i.width) ds.push(diag('E4502', `input '${i.name}' has shape [${t.shape.join(', ')}], expected [${batch}, ${i.width}]`));
      else if (t.data.some((v) => !Number.isFinite(v))) ds.push(diag('E4506', `input '${i.name}' holds a non-finite value`, 'inputs must be finite numbers'));
    }
    const labels = this.manifest.labels.length > 0 && this.manifest.labels.every((l) => inputs[l.name] !== undefined);
    if (labels) {
      for (const l of this.manifest.labels) {
        const t = inputs[l.name] as Tensor;
        if (rows(l.name, t) === undefined) continue;
        const bad = [...t.data].findIndex((v) => !Number.isInteger(v) || v < 0 || v >= l.classes);
        if (t.data.length !== batch) ds.push(diag('E4502', `label '${l.name}' has shape [${t.shape.join(', ')}], expected [${batch}]`));
        else if (bad >= 0) ds.push(diag('E4503', `label '${l.name}' sample ${bad} is ${t.data[bad]}, not a class index in 0..${l.classes - 1}`));
      }
    }
    if (ds.length > 0 || batch === undefined) return { batch: 0, labels, diagnostics: ds };
    const grow = this.ensureBatch(batch);
    if (grow) return { batch: 0, labels, diagnostics: [grow] };
    for (const i of this.manifest.inputs) this.f64().set((inputs[i.name] as Tensor).data, this.addr(i.slot, batch) / 8);
    if (labels) {
      const i32 = new Int32Array(this.memory.buffer);
      for (const l of this.manifest.labels) i32.set(Int32Array.from((inputs[l.name] as Tensor).data), this.addr(l.slot, batch) / 4);
    }
    return { batch, labels, diagnostics: [] };
  }

  /** Runs the model on a batch. */
  run(inputs: InputSet, opts: ModelRunOptions = {}): ModelRunResult {
    const w = this.writeInputs(inputs);
    if (w.diagnostics.length > 0) return { outputs: new Map(), batch: 0, diagnostics: w.diagnostics };
    const step = opts.step ?? 0;
    const withLoss = w.labels && opts.entry === 'forward';
    if (opts.entry === 'forward') this.fn('forward')(w.batch, step, withLoss ? 1 : 0);
    else this.fn('infer')(w.batch, step);
    return { outputs: this.readOutputs(w.batch, withLoss), batch: w.batch, diagnostics: [] };
  }

  /**
   * Hot path without validation: the f64 staging of an input (or a prediction output) for a
   * batch, as a view into module memory. Fill the input views, call `inferBatch`, read the output
   * views. Views are invalidated when memory grows (a larger batch), so fetch them per batch size.
   */
  stagingView(name: string, batch: number): Float64Array {
    const b = this.manifest.inputs.find((i) => i.name === name) ?? this.manifest.outputs.find((o) => o.name === name && o.role === 'prediction');
    if (!b) throw new Error(`model has no input or prediction output '${name}'`);
    const grow = this.ensureBatch(batch);
    if (grow) throw new Error(grow.message);
    return new Float64Array(this.memory.buffer, this.addr(b.slot, batch), batch * b.width);
  }

  /** Runs `infer` (or `forward`) on whatever the input staging holds; see stagingView. */
  inferBatch(batch: number, step = 0, entry: 'infer' | 'forward' = 'infer'): void {
    if (entry === 'forward') this.fn('forward')(batch, step, 0);
    else this.fn('infer')(batch, step);
  }

  private readOutputs(batch: number, withLoss: boolean): Map<string, Tensor> {
    const out = new Map<string, Tensor>();
    const f64 = this.f64();
    for (const o of this.manifest.outputs) {
      if (o.role === 'loss') {
        if (withLoss) out.set(o.name, { shape: [], data: f64.slice(o.slot.at / 8, o.slot.at / 8 + 1) });
        continue;
      }
      const at = this.addr(o.slot, batch) / 8;
      out.set(o.name, { shape: [batch, o.width], data: f64.slice(at, at + batch * o.width) });
    }
    return out;
  }

  /** Exact values of a node's buffer after the last `forward` of this batch (difftest). */
  value(node: number, batch: number): Float64Array | undefined {
    const v = this.manifest.values.find((x) => x.node === node);
    if (!v) return undefined;
    const n = v.slot.region === 'batch' ? batch * v.width : v.width;
    const dst = this.manifest.memory.paramStage;
    if (n * 8 > this.manifest.memory.paramStageBytes) {
      // Larger than the staging area: convert element by element through it.
      const out = new Float64Array(n);
      const chunk = this.manifest.memory.paramStageBytes / 8;
      for (let i = 0; i < n; i += chunk) {
        const len = Math.min(chunk, n - i);
        this.fn('value_to_f64')(this.addr(v.slot, batch) + i * this.manifest.elementBytes, dst, len);
        out.set(this.f64().subarray(dst / 8, dst / 8 + len), i);
      }
      return out;
    }
    this.fn('value_to_f64')(this.addr(v.slot, batch), dst, n);
    return this.f64().slice(dst / 8, dst / 8 + n);
  }

  /**
   * One forward-gradient step on a batch (inputs and labels): k directions from Philox stream
   * (ordinal, r, step) under `seed`, the update applied to the parameters inside the module.
   */
  jvpStep(inputs: InputSet, opts: JvpOptions = {}): JvpResult {
    const fail = (diagnostics: Diagnostic[]): JvpResult => ({ loss: NaN, lossTangents: [], directional: [], diagnostics });
    if (!this.canLearn) return fail([diag('E3603', `the module was compiled for learn mode '${this.manifest.learn.mode}', which perturbs nothing`, 'compile with a learn mode that perturbs parameters')]);
    const w = this.writeInputs(inputs);
    if (w.diagnostics.length > 0) return fail(w.diagnostics);
    if (!w.labels) return fail([diag('E4501', 'the learning step needs every label', `provide ${this.manifest.labels.map((l) => l.name).join(', ')}`)]);
    const { perturbations: k = this.manifest.learn.perturbations, seed = this.manifest.learn.seed, lr = this.manifest.learn.lr, step = 0 } = opts;
    const B = w.batch;
    this.fn('jvp_begin')(B, step);
    const lossTangents: Float64Array[] = [];
    for (let r = 0; r < k; r++) {
      this.manifest.params.forEach((p, ordinal) => {
        if (p.stage === undefined) return;
        const size = p.shape.reduce((a, d) => a * d, 1);
        fillNormals(this.f64().subarray(p.stage / 8, p.stage / 8 + size), seed, ordinal, r, step);
      });
      this.fn('jvp_dir')(B, step);
      const at = this.addr(this.manifest.memory.dloss, B) / 8;
      lossTangents.push(this.f64().slice(at, at + B));
    }
    this.fn('jvp_end')(B, k, lr);
    const loss = this.f64()[this.manifest.memory.lossOut / 8] ?? NaN;
    return { loss, lossTangents, directional: lossTangents.map((d) => d.reduce((a, x) => a + x, 0) / B), diagnostics: [] };
  }
}
