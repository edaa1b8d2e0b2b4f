// The linear-memory map of a model module. A fixed region holds the kernel scratch, the quires,
// the parameters (stored in the format), the tangent directions and gradient accumulators of the
// learning step, and f64 staging for parameter load/save. Above `batchBase` every per-sample
// buffer (inputs and outputs as f64, labels, values, tangents, masks) lives at
// `batchBase + B * offset`, so one module serves any batch size B; the host grows memory to fit.
import type { NodeId } from '../../ir/nodes.ts';
import { positScratchBytes } from './posit-kernels.ts';
import type { ValueOps } from './emit-values.ts';
import { isBatched, widthOf, type ModelPlan } from './model-plan.ts';

/** Where a buffer lives: a fixed byte address, or `batchBase + B * at`. */
export type Slot = { readonly region: 'fixed'; readonly at: number } | { readonly region: 'batch'; readonly at: number };

/** A perturbed parameter's learning buffers. */
export interface PerturbedSlots {
  /** Rounded direction of the current perturbation, in the format (like the parameter). */
  readonly dparam: number;
  /** f64 direction as the host writes it. */
  readonly stage: number;
  /** f64 accumulator G of the estimate, one per element. */
  readonly grad: number;
}

/** The memory map. Every address is a byte address; see the file header. */
export interface ModelLayout {
  readonly scratchBytes: number;
  /** Quire used by the kernels (posit formats; 0-sized otherwise). */
  readonly quire: number;
  /** A second quire-sized area (Mean's magnitude). */
  readonly quireTemp: number;
  /** f64 row scratch (softmax, cross-entropy): 2 × maxRow doubles. */
  readonly rowScratch: number;
  /** Column-skip scratch: i32 indices and gathered elements, maxWidth each. */
  readonly gatherIdx: number;
  readonly gatherVals: number;
  /** f64 per-row sums D of the estimate (max rows of a perturbed parameter). */
  readonly rowSums: number;
  /** f64 staging for parameter load and save (largest parameter). */
  readonly paramStage: number;
  readonly paramStageBytes: number;
  /** f64 of the loss output (the scalar Mean). */
  readonly lossOut: number;
  readonly params: ReadonlyMap<NodeId, number>;
  readonly perturbed: ReadonlyMap<NodeId, PerturbedSlots>;
  /** Computed values (Reshape and Output alias their operand). */
  readonly values: ReadonlyMap<NodeId, Slot>;
  /** f64 input staging per Input, i32 per Label, f64 output staging per prediction Output. */
  readonly inputs: ReadonlyMap<NodeId, Slot>;
  readonly labels: ReadonlyMap<NodeId, Slot>;
  readonly outputs: ReadonlyMap<NodeId, Slot>;
  /** Relaxed mask of every non-soft Gate; selected index (i32) of every Top1. */
  readonly relaxed: ReadonlyMap<NodeId, Slot>;
  readonly top1: ReadonlyMap<NodeId, Slot>;
  /** Tangent of every node the plan marks active (Params: their dparam). */
  readonly tangents: ReadonlyMap<NodeId, Slot>;
  /** Inactivity mask (one byte per unit) of every W Dense with units. */
  readonly inactive: ReadonlyMap<NodeId, Slot>;
  /** f64 [B]: loss-sample tangents of the current perturbation. */
  readonly dloss: Slot;
  /** i32 [B]: sample-index scratch of the row-skipping f32 dense. */
  readonly sampleIdx: Slot;
  readonly fixedBytes: number;
  readonly batchBase: number;
  readonly perSampleBytes: number;
}

const align = (n: number, a: number): number => Math.ceil(n / a) * a;

/** Bump allocators for the two regions. */
class Regions {
  fixed = 0;
  batch = 0;
  takeFixed(bytes: number, a = 16): number {
    const at = align(this.fixed, a);
    this.fixed = at + bytes;
    return at;
  }
  takeBatch(bytesPerSample: number): Slot {
    const at = this.batch;
    this.batch = align(at + bytesPerSample, 8);
    return { region: 'batch', at };
  }
}

/** Lays out the module's memory for a plan and a format. */
export function layoutModel(plan: ModelPlan, ops: ValueOps): ModelLayout {
  const g = plan.graph;
  const r = new Regions();
  const scratchBytes = ops.posit ? positScratchBytes([ops.posit.name]) : 0;
  r.takeFixed(scratchBytes);
  const qBytes = ops.posit?.quire.bytes ?? 0;
  const quire = r.takeFixed(qBytes, 64);
  const quireTemp = r.takeFixed(qBytes, 64);
  const maxWidth = Math.max(1, ...g.nodes.filter((n) => n.kind !== 'Param').map(widthOf));
  const rowScratch = r.takeFixed(16 * maxWidth);
  const gatherIdx = r.takeFixed(4 * maxWidth);
  const gatherVals = r.takeFixed(ops.bytes * maxWidth);
  const params = new Map<NodeId, number>();
  let largest = 1;
  for (const n of g.nodes) {
    if (n.kind !== 'Param') continue;
    const size = n.shape.reduce((a, d) => a * d, 1);
    largest = Math.max(largest, size);
    params.set(n.id, r.takeFixed(size * ops.bytes));
  }
  const perturbed = new Map<NodeId, PerturbedSlots>();
  let maxRows = 1;
  for (const [id] of [...(plan.tangents?.perturbed ?? new Map<NodeId, unknown>())].sort((a, b) => a[0] - b[0])) {
    const n = g.nodes[id];
    if (n?.kind !== 'Param') continue;
    const size = n.shape.reduce((a, d) => a * d, 1);
    maxRows = Math.max(maxRows, n.shape[0] ?? 1);
    perturbed.set(id, { dparam: r.takeFixed(size * ops.bytes), stage: r.takeFixed(size * 8), grad: r.takeFixed(size * 8) });
  }
  const rowSums = r.takeFixed(8 * maxRows);
  const paramStage = r.takeFixed(8 * largest);
  const lossOut = r.takeFixed(8);
  const values = new Map<NodeId, Slot>();
  const inputs = new Map<NodeId, Slot>();
  const labels = new Map<NodeId, Slot>();
  const outputs = new Map<NodeId, Slot>();
  const relaxed = new Map<NodeId, Slot>();
  const top1 = new Map<NodeId, Slot>();
  for (const n of g.nodes) {
    if (!plan.withLoss[n.id] || n.kind === 'Param') continue;
    const w = widthOf(n);
    if (n.kind === 'Input') inputs.set(n.id, r.takeBatch(8 * w));
    if (n.kind === 'Label') {
      labels.set(n.id, r.takeBatch(4));
      continue;
    }
    if (n.kind === 'Output') {
      outputs.set(n.id, n.role === 'loss' ? { region: 'fixed', at: lossOut } : r.takeBatch(8 * w));
      values.set(n.id, values.get(n.value) as Slot);
      continue;
    }
    if (n.kind === 'Reshape') {
      values.set(n.id, values.get(n.x) as Slot);
      continue;
    }
    values.set(n.id, isBatched(n) ? r.takeBatch(w * ops.bytes) : { region: 'fixed', at: r.takeFixed(ops.bytes * w) });
    if (n.kind === 'Gate' && n.mode !== 'soft') relaxed.set(n.id, r.takeBatch(w * ops.bytes));
    if (n.kind === 'Top1') top1.set(n.id, r.takeBatch(4));
  }
  const tangents = new Map<NodeId, Slot>();
  const inactive = new Map<NodeId, Slot>();
  let dloss: Slot = { region: 'batch', at: 0 };
  if (plan.tangents) {
    const t = plan.tangents;
    for (const n of g.nodes) {
      if (!t.active[n.id] || !plan.withLoss[n.id]) continue;
      if (n.kind === 'Param') tangents.set(n.id, { region: 'fixed', at: (perturbed.get(n.id) as PerturbedSlots).dparam });
      else if (n.kind === 'Reshape') tangents.set(n.id, tangents.get(n.x) as Slot);
      else if (n.kind === 'Output') tangents.set(n.id, tangents.get(n.value) as Slot);
      else tangents.set(n.id, isBatched(n) ? r.takeBatch(widthOf(n) * ops.bytes) : { region: 'fixed', at: r.takeFixed(ops.bytes) });
    }
    for (const id of t.units.keys()) inactive.set(id, r.takeBatch(widthOf(g.nodes[id] as never)));
    dloss = r.takeBatch(8);
  }
  const sampleIdx = r.takeBatch(4);
  const batchBase = align(r.fixed, 64);
  return {
    scratchBytes, quire, quireTemp, rowScratch, gatherIdx, gatherVals, rowSums, paramStage, paramStageBytes: 8 * largest, lossOut,
    params, perturbed, values, inputs, labels, outputs, relaxed, top1, tangents, inactive, dloss, sampleIdx,
    fixedBytes: r.fixed, batchBase, perSampleBytes: r.batch,
  };
}

/** Bytes of memory a batch of B needs. */
export function bytesForBatch(l: ModelLayout, batch: number): number {
  return l.batchBase + batch * l.perSampleBytes;
}
