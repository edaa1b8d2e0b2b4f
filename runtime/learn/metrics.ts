// The paper's adaptation metrics (section 6.4 / 7.1) computed from interpreter runs: accuracy,
// prediction flip rate, routing flip rate, activation ratio AR and the compute proxy FLOPs~.
// Definitions, including which skipped work FLOPs~ counts, are in spec/adapt.md 5.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import { operandsOf } from '../../ir/ops.ts';
import type { Node, NodeId } from '../../ir/nodes.ts';
import { computeGating } from '../../ir/gating.ts';
import type { Samples } from '../data/dataset.ts';
import { widthOf } from '../interpreter/forward-ops.ts';
import { runGraph } from '../interpreter/run-graph.ts';
import type { ParamSet } from '../interpreter/types.ts';
import { ioNames } from './protocol.ts';

/** One model evaluated on one split. */
export interface Evaluation {
  /** Predicted class (first maximum of the output row) per sample. */
  readonly predictions: Int32Array;
  /** Fraction of samples predicted correctly. */
  readonly accuracy: number;
  /** Active gate units and nonzero routing weights over all routing values and samples. */
  readonly activationRatio: number;
  /** Activity (1/0) of every routing unit of every sample, routing nodes in graph order. */
  readonly decisions: Uint8Array;
  /** Multiply-accumulates that routing lets a kernel skip, relative to every unit active (1 without routing). */
  readonly macRatio: number;
  readonly diagnostics: Diagnostic[];
}

/** Samples per interpreter call when evaluating a split (bounds memory of kept values). */
const CHUNK = 128;

/** Runs the model over a split in `format` with the given parameters. */
export function evaluate(graph: Graph, params: ParamSet, data: Samples, format: NumericFormat, gateStep = 0): Evaluation {
  const { input, output } = ioNames(graph);
  const routing = graph.nodes.filter((n) => n.kind === 'Gate' || n.kind === 'Top1' || (n.kind === 'Softmax' && feedsCombine(graph, n.id)));
  const predictions = new Int32Array(data.n);
  const decisionChunks: Uint8Array[] = [];
  const activeUnits = new Map<NodeId, number>(routing.map((n) => [n.id, 0]));
  let correct = 0;
  let active = 0;
  let total = 0;
  for (let from = 0; from < data.n; from += CHUNK) {
    const n = Math.min(CHUNK, data.n - from);
    const x = { shape: [n, data.features], data: data.x.subarray(from * data.features, (from + n) * data.features) };
    const r = runGraph(graph, params, { [input ?? 'x']: x }, { format, gateStep, keepValues: true, outputs: output ? [output] : [] });
    if (r.diagnostics.length > 0) return { predictions, accuracy: NaN, activationRatio: NaN, decisions: new Uint8Array(0), macRatio: NaN, diagnostics: r.diagnostics };
    const y = r.outputs.get(output ?? '')?.data ?? new Float64Array(0);
    const c = y.length / n;
    for (let b = 0; b < n; b++) {
      let best = 0;
      for (let k = 1; k < c; k++) if (y[b * c + k]! > y[b * c + best]!) best = k;
      predictions[from + b] = best;
      if (best === data.t[from + b]) correct++;
    }
    active += r.routing.active;
    total += r.routing.total;
    for (const node of routing) {
      const v = r.values?.get(node.id)?.data ?? new Float64Array(0);
      const d = Uint8Array.from(v, (m) => (m !== 0 ? 1 : 0));
      decisionChunks.push(d);
      activeUnits.set(node.id, (activeUnits.get(node.id) ?? 0) + d.reduce((a, b) => a + b, 0));
    }
  }
  const decisions = new Uint8Array(decisionChunks.reduce((a, d) => a + d.length, 0));
  let at = 0;
  for (const d of decisionChunks) {
    decisions.set(d, at);
    at += d.length;
  }
  const fraction = (id: NodeId): number => (activeUnits.get(id) ?? 0) / (data.n * widthOf(graph.nodes[id] as Node));
  return { predictions, accuracy: data.n === 0 ? NaN : correct / data.n, activationRatio: total === 0 ? 1 : active / total, decisions, macRatio: relativeMacs(graph, fraction, data.n), diagnostics: [] };
}

function feedsCombine(graph: Graph, id: NodeId): boolean {
  return graph.nodes.some((n) => n.kind === 'Combine' && n.weights === id);
}

/**
 * The structural compute ratio: multiply-accumulates of every Dense layer with skippable work
 * removed, over the same count with every unit active (the paper's FLOPs~ is simply AR). A layer's rows are skipped where its output is masked by a
 * gate that does not itself read the layer; its columns where it reads a masked product; an
 * expert where its routing weight is 0. `fraction(id)` is the share of id's units active (for a
 * mixture's weights, the mean share of samples an expert serves).
 */
export function relativeMacs(graph: Graph, fraction: (id: NodeId) => number, samples: number): number {
  const gating = computeGating(graph);
  let full = 0;
  let needed = 0;
  for (const n of graph.nodes) {
    if (n.kind !== 'Dense') continue;
    const macs = widthOf(n) * widthOf(graph.nodes[n.x] as Node);
    let factor = 1;
    for (const g of gating.get(n.weight) ?? []) {
      if (g.kind === 'mask-rows' && !dependsOn(graph, g.mask, n.id)) factor *= fraction(g.mask);
      else if (g.kind === 'mask-cols') factor *= fraction(g.mask);
      // The mean share over experts: exact in the sum when, as moe() builds them, experts are equal.
      else if (g.kind === 'expert') factor *= fraction(g.weights);
    }
    full += macs;
    needed += macs * factor;
  }
  return samples === 0 || full === 0 ? 1 : needed / full;
}

/** Whether node `id` reads (transitively) the value of node `on`. */
function dependsOn(graph: Graph, id: NodeId, on: NodeId): boolean {
  const seen = new Set<NodeId>();
  const stack = [id];
  while (stack.length > 0) {
    const cur = stack.pop() as NodeId;
    if (cur === on) return true;
    if (seen.has(cur)) continue;
    seen.add(cur);
    stack.push(...operandsOf(graph.nodes[cur] as Node));
  }
  return false;
}

/** Fraction of positions where two equally long predictions or decision arrays differ. */
export function flipRate(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d / a.length;
}
