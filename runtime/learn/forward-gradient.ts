// One forward-gradient learning step (Baydin et al. 2022) on the reference interpreter: sample
// k tangent directions v ~ N(0, I) over the parameters the learn mode perturbs, run the graph
// once with k tangent streams (no activation tape), form g = mean_r (∇f·v_r) v_r per
// parameter, and take the SGD step θ ← round(θ − lr·g). The tangent generator, the estimate's
// summation order and the update rounding are fixed in spec/jvp.md 4-5, so the simulator and
// other runtimes reproduce the same parameters bit for bit.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import type { LearnMode, NumericFormat } from '../../ir/meta.ts';
import type { NodeId } from '../../ir/nodes.ts';
import { computeTangentPlan, type TangentPlan } from '../../compiler/passes/jvp.ts';
import { arithFor } from '../interpreter/arith.ts';
import { fillNormals } from '../interpreter/random.ts';
import { runGraph, type TangentResult } from '../interpreter/run-graph.ts';
import type { InputSet, ParamSet, Tensor } from '../interpreter/types.ts';

/** Options of one step; every field defaults to the model's learn block. */
export interface ForwardGradientOptions {
  readonly format?: NumericFormat;
  readonly mode?: LearnMode;
  /** k, the number of tangent directions averaged. */
  readonly perturbations?: number;
  readonly seed?: number;
  readonly lr?: number;
  /** Learning step counter: selects the tangent stream, and anneal gates read it. Default 0. */
  readonly step?: number;
  /** A plan computed earlier for this graph and mode (saves re-planning every step). */
  readonly plan?: TangentPlan;
}

/** Facts about one step, for logs and the paper's metrics. */
export interface ForwardGradientStats {
  readonly mode: LearnMode;
  readonly perturbations: number;
  /** Parameter elements in the perturbed tensors. */
  readonly perturbedElements: number;
  /** Per direction r: the batch-mean directional derivative (1/B) Σ_b d_{r,b}. */
  readonly directional: readonly number[];
  /** Fraction of gate units / experts active over the batch (1 when the model has no routing). */
  readonly activationRatio: number;
  /** Fraction of unit rows eligible (inactive) over the batch, among layers perturbed on inactive units. */
  readonly inactiveRatio: number;
}

/** Result of a step. On error only `diagnostics` is meaningful and `newParams` is the input. */
export interface ForwardGradientResult {
  /** The loss before the update, as computed in the format. */
  readonly loss: number;
  /** Prediction outputs before the update. */
  readonly outputs: ReadonlyMap<string, Tensor>;
  /** The estimate g per perturbed parameter name (f64). */
  readonly estimate: ReadonlyMap<string, Float64Array>;
  readonly newParams: ParamSet;
  readonly stats: ForwardGradientStats;
  readonly diagnostics: Diagnostic[];
}

/** Ordinal of each Param node among the graph's Params (the tangent stream index `a`). */
function paramOrdinals(graph: Graph): Map<NodeId, number> {
  const m = new Map<NodeId, number>();
  for (const n of graph.nodes) if (n.kind === 'Param') m.set(n.id, m.size);
  return m;
}

/** The k direction maps: element i of Param p in direction r is normal i of stream (ordinal(p), r, step). */
export function sampleDirections(graph: Graph, plan: TangentPlan, k: number, seed: number, step: number): Map<NodeId, Float64Array>[] {
  const ordinals = paramOrdinals(graph);
  const out: Map<NodeId, Float64Array>[] = [];
  for (let r = 0; r < k; r++) {
    const m = new Map<NodeId, Float64Array>();
    for (const id of [...plan.perturbed.keys()].sort((a, b) => a - b)) {
      const n = graph.nodes[id];
      if (n?.kind !== 'Param') continue;
      const v = new Float64Array(n.shape.reduce((a, d) => a * d, 1));
      fillNormals(v, seed, ordinals.get(id) ?? 0, r, step);
      m.set(id, v);
    }
    out.push(m);
  }
  return out;
}

/** Runs one forward-gradient step. Never throws on user errors. */
export function forwardGradientStep(graph: Graph, params: ParamSet, batch: InputSet, labels: InputSet, opts: ForwardGradientOptions = {}): ForwardGradientResult {
  const learn = graph.meta.learn;
  const mode = opts.mode ?? learn.mode;
  const k = opts.perturbations ?? learn.gradient.perturbations;
  const step = opts.step ?? 0;
  const format = opts.format ?? graph.meta.numeric.format;
  const lossName = graph.nodes.find((n) => n.kind === 'Output' && n.role === 'loss');
  const stats0 = { mode, perturbations: k, perturbedElements: 0, directional: [], activationRatio: 1, inactiveRatio: 0 };
  const fail = (diagnostics: Diagnostic[]): ForwardGradientResult => ({ loss: NaN, outputs: new Map(), estimate: new Map(), newParams: params, stats: stats0, diagnostics });
  let plan = opts.plan;
  if (!plan || plan.mode !== mode) {
    const planned = computeTangentPlan(graph, mode);
    if (!planned.plan) return fail(planned.diagnostics);
    plan = planned.plan;
  }
  const inputs = { ...batch, ...labels };
  const directions = mode === 'none' ? [] : sampleDirections(graph, plan, k, opts.seed ?? learn.gradient.seed, step);
  const run = runGraph(graph, params, inputs, { format, gateStep: step, ...(mode === 'none' ? {} : { tangents: { plan, directions } }) });
  if (run.diagnostics.length > 0) return fail(run.diagnostics);
  const loss = lossName?.kind === 'Output' ? (run.outputs.get(lossName.name)?.data[0] ?? NaN) : NaN;
  const outputs = new Map([...run.outputs].filter(([name]) => name !== (lossName?.kind === 'Output' ? lossName.name : '')));
  const activationRatio = run.routing.total === 0 ? 1 : run.routing.active / run.routing.total;
  if (!run.tangents) return { loss, outputs, estimate: new Map(), newParams: params, stats: { ...stats0, activationRatio }, diagnostics: [] };
  const est = estimateGradient(graph, plan, run.tangents, k);
  const lr = opts.lr ?? learn.lr;
  const newParams = applyUpdate(graph, params, est, lr, format);
  const B = run.tangents.lossSamples[0]?.length ?? 1;
  const directional = run.tangents.lossSamples.map((d) => d.reduce((a, x) => a + x, 0) / B);
  let rows = 0;
  let inactiveRows = 0;
  for (const m of run.tangents.inactive.values()) {
    rows += m.length;
    for (const x of m) inactiveRows += x;
  }
  const perturbedElements = [...est.values()].reduce((a, g) => a + g.length, 0);
  return {
    loss,
    outputs,
    estimate: new Map([...est].map(([id, g]) => [paramName(graph, id), g])),
    newParams,
    stats: { mode, perturbations: k, perturbedElements, directional, activationRatio, inactiveRatio: rows === 0 ? 0 : inactiveRows / rows },
    diagnostics: [],
  };
}

function paramName(graph: Graph, id: NodeId): string {
  const n = graph.nodes[id];
  return n?.kind === 'Param' ? n.name : `%${id}`;
}

/**
 * g_i = (1/(kB)) Σ_r D_{r,row(i)} ṽ_{r,i}, with D_{r,row} = Σ_b d_{r,b} e_b(row) summed over b
 * first (in f64, index order), then over r. e_b(row) is 1, or for parameters perturbed only on
 * inactive units, 1 exactly where unit `row` of the layer was inactive for sample b.
 */
export function estimateGradient(graph: Graph, plan: TangentPlan, t: Pick<TangentResult, 'lossSamples' | 'directions' | 'inactive'>, k: number): Map<NodeId, Float64Array> {
  const owner = new Map<NodeId, NodeId>();
  for (const n of graph.nodes) if (n.kind === 'Dense') for (const p of [n.weight, n.bias]) owner.set(p, n.id);
  const out = new Map<NodeId, Float64Array>();
  const B = t.lossSamples[0]?.length ?? 0;
  for (const [id, how] of [...plan.perturbed].sort((a, b) => a[0] - b[0])) {
    const n = graph.nodes[id];
    if (n?.kind !== 'Param') continue;
    const rowsN = n.shape[0] ?? 1;
    const cols = n.shape.length === 2 ? (n.shape[1] ?? 1) : 1;
    const mask = how === 'inactive-units' ? t.inactive.get(owner.get(id) ?? -1) : undefined;
    const g = new Float64Array(rowsN * cols);
    const D = new Float64Array(rowsN);
    t.lossSamples.forEach((d, r) => {
      for (let row = 0; row < rowsN; row++) {
        let s = 0;
        for (let b = 0; b < B; b++) if (!mask || mask[b * rowsN + row]) s += d[b]!;
        D[row] = s;
      }
      const v = t.directions[r]?.get(id);
      if (!v) return;
      for (let i = 0; i < g.length; i++) g[i]! += D[Math.floor(i / cols)]! * v[i]!;
    });
    for (let i = 0; i < g.length; i++) g[i] = g[i]! / (k * B);
    out.set(id, g);
  }
  return out;
}

/** θ_new = round(round(θ) − lr·g) in the format, for every element of every perturbed tensor. */
export function applyUpdate(graph: Graph, params: ParamSet, est: ReadonlyMap<NodeId, Float64Array>, lr: number, format: NumericFormat): ParamSet {
  const A = arithFor(format);
  const next = new Map(params);
  for (const [id, g] of est) {
    const n = graph.nodes[id];
    if (n?.kind !== 'Param') continue;
    const old = params.get(n.name);
    if (!old) continue;
    const data = new Float64Array(old.data.length);
    for (let i = 0; i < data.length; i++) {
      const theta = A.value(A.round(old.data[i]!));
      data[i] = A.value(A.round(theta - lr * g[i]!));
    }
    next.set(n.name, { shape: old.shape, data });
  }
  return next;
}
