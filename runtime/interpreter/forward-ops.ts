// Primal (forward) semantics of every IR node in the reference interpreter, one case per kind,
// following spec/ir.md section 2 in the format of the run: quire sums round once, ReLU and
// masks are exact, transcendentals are evaluated in f64 from exact inputs and rounded once.
// Routing facts the learning step needs (gate activity, relaxed masks, Top1 choices) are kept
// in `ExecState.routing`, computed here once rather than re-derived by every consumer.
import type { Graph } from '../../ir/graph.ts';
import { assertNever, type Node, type NodeId, type NodeOf } from '../../ir/nodes.ts';
import { featureSize } from '../../ir/types.ts';
import type { Arith } from './arith.ts';
import { activation, annealMask, annealTemperature, crossEntropyRow, sigmoid, softmaxRow } from './transcendental.ts';
import type { Buf } from './types.ts';

/** Per-run facts about a routing node. */
export interface RoutingFacts {
  /** `[B, n]` 1 where the unit / expert is active for the sample (its mask or weight is not 0). */
  readonly active: Uint8Array;
  /** The value consumers' tangent rules read (spec/jvp.md); absent when it is the primal value. */
  readonly relaxed?: Buf;
}

/** The state of one graph run: format, batch, node values and routing facts. */
export interface ExecState {
  readonly graph: Graph;
  readonly arith: Arith;
  readonly batch: number;
  /** Learning step k that anneal gates read (0 before any learning). */
  readonly gateStep: number;
  readonly values: (Buf | undefined)[];
  /** Class indices of each Label node. */
  readonly labels: Map<NodeId, Int32Array>;
  readonly routing: Map<NodeId, RoutingFacts>;
}

/** Width of a node's value per sample (1 for `[B]`, the flattened features for `[B, ...]`). */
export function widthOf(n: Node): number {
  const s = n.type.shape;
  if (s.length === 0) return 1;
  if (s[0] !== 'B') return s.reduce<number>((a, d) => a * (typeof d === 'number' ? d : 1), 1);
  return s.length === 1 ? 1 : featureSize(s);
}

/** The value of a node already computed in this run. */
export function valueOf(st: ExecState, id: NodeId): Buf {
  const v = st.values[id];
  if (!v) throw new Error(`interpreter: value %${id} used before it was computed`);
  return v;
}

/** Computes a non-source node's value (Inputs, Labels and Params are loaded by run-graph.ts). */
export function forwardNode(st: ExecState, n: Node): Buf {
  const { arith: A, batch: B } = st;
  switch (n.kind) {
    case 'Input':
    case 'Label':
    case 'Param':
      throw new Error(`interpreter: source %${n.id} was not loaded`);
    case 'Dense': {
      const x = valueOf(st, n.x);
      const nin = widthOf(st.graph.nodes[n.x] as Node);
      const nout = widthOf(n);
      const out = A.alloc(B * nout);
      A.affine({ batch: B, nout, terms: [{ W: valueOf(st, n.weight), x, nin }], biases: [{ b: valueOf(st, n.bias) }] }, out);
      return out;
    }
    case 'Activation': {
      const x = valueOf(st, n.x);
      const out = A.alloc(x.length);
      if (n.fn === 'relu') for (let i = 0; i < x.length; i++) out[i] = A.positive(x[i]!) || A.isNaN(x[i]!) ? x[i]! : A.zero;
      else for (let i = 0; i < x.length; i++) out[i] = A.roundResult(activation(n.fn, A.value(x[i]!)));
      return out;
    }
    case 'Gate':
      return gate(st, n);
    case 'Mul': {
      const a = valueOf(st, n.a);
      const b = valueOf(st, n.b);
      const out = A.alloc(a.length);
      for (let i = 0; i < a.length; i++) out[i] = A.mul(a[i]!, b[i]!);
      return out;
    }
    case 'Softmax':
      return softmax(st, n);
    case 'Top1':
      return top1(st, n);
    case 'Combine':
      return combine(st, n);
    case 'Reshape':
    case 'Output':
      return valueOf(st, n.kind === 'Reshape' ? n.x : n.value);
    case 'CrossEntropy':
      return crossEntropy(st, n);
    case 'Mean': {
      const x = valueOf(st, n.x);
      A.sumBegin();
      for (let b = 0; b < x.length; b++) A.sumAdd(x[b]!);
      const out = A.alloc(1);
      out[0] = A.sumEndQuotient(x.length);
      return out;
    }
    default:
      return assertNever(n, 'node kind');
  }
}

/** Softmax per row by the f64 formula, each output rounded once. */
function softmax(st: ExecState, n: NodeOf<'Softmax'>): Buf {
  const A = st.arith;
  const x = valueOf(st, n.x);
  const c = widthOf(n);
  const out = A.alloc(x.length);
  const row = new Float64Array(c);
  const p = new Float64Array(c);
  for (let b = 0; b < st.batch; b++) {
    for (let k = 0; k < c; k++) row[k] = A.value(x[b * c + k]!);
    softmaxRow(row, p);
    for (let k = 0; k < c; k++) out[b * c + k] = A.roundResult(p[k]!);
  }
  return out;
}

/** Per-sample cross-entropy by the f64 formula, rounded once. */
function crossEntropy(st: ExecState, n: NodeOf<'CrossEntropy'>): Buf {
  const A = st.arith;
  const z = valueOf(st, n.logits);
  const c = widthOf(st.graph.nodes[n.logits] as Node);
  const t = st.labels.get(n.label) as Int32Array;
  const out = A.alloc(st.batch);
  const row = new Float64Array(c);
  for (let b = 0; b < st.batch; b++) {
    for (let k = 0; k < c; k++) row[k] = A.value(z[b * c + k]!);
    out[b] = A.roundResult(crossEntropyRow(row, t[b]!));
  }
  return out;
}

/** True when the gate at this step follows the hard rule (hard, or anneal past its schedule). */
export function gateIsHard(n: NodeOf<'Gate'>, step: number): boolean {
  return n.mode === 'hard' || (n.mode === 'anneal' && step >= (n.schedule?.steps ?? 0));
}

/** Gate: s = round(σ(z)); hard m = [s >= round(t)], soft m = s, anneal per spec/ir.md 2.1. */
function gate(st: ExecState, n: NodeOf<'Gate'>): Buf {
  const A = st.arith;
  const z = valueOf(st, n.logits);
  const t = A.round(n.threshold);
  const hard = gateIsHard(n, st.gateStep);
  const temperature = n.mode === 'anneal' && !hard && n.schedule ? annealTemperature(n.schedule, st.gateStep) : 1;
  const m = A.alloc(z.length);
  const active = new Uint8Array(z.length);
  const relaxed = hard ? A.alloc(z.length) : undefined;
  for (let i = 0; i < z.length; i++) {
    const zi = A.value(z[i]!);
    const s = A.roundResult(sigmoid(zi));
    if (hard) {
      const on = A.ge(s, t);
      m[i] = on ? A.one : A.zero;
      (relaxed as Buf)[i] = on ? A.one : s;
    } else if (n.mode === 'soft') m[i] = s;
    else m[i] = A.roundResult(annealMask(zi, n.threshold, temperature));
    active[i] = m[i] === A.zero ? 0 : 1;
  }
  st.routing.set(n.id, relaxed ? { active, relaxed } : { active });
  return m;
}

/** Top1: keeps the first maximum of each row (compared in the format), zeroes the rest. */
function top1(st: ExecState, n: NodeOf<'Top1'>): Buf {
  const A = st.arith;
  const x = valueOf(st, n.x);
  const c = widthOf(n);
  const out = A.alloc(x.length);
  const active = new Uint8Array(x.length);
  for (let b = 0; b < st.batch; b++) {
    let best = b * c;
    for (let k = 1; k < c; k++) if (A.gt(x[b * c + k]!, x[best]!)) best = b * c + k;
    out[best] = x[best]!;
    active[best] = 1;
  }
  st.routing.set(n.id, { active, relaxed: x });
  return out;
}

/** Combine: y[b,j] = round(Σ_e w[b,e]·E_e[b,j]), one exact sum per output. */
function combine(st: ExecState, n: NodeOf<'Combine'>): Buf {
  const A = st.arith;
  const w = valueOf(st, n.weights);
  const experts = n.experts.map((e) => valueOf(st, e));
  const E = experts.length;
  const width = widthOf(n);
  const out = A.alloc(st.batch * width);
  const active = new Uint8Array(st.batch * E);
  for (let b = 0; b < st.batch; b++) {
    for (let e = 0; e < E; e++) active[b * E + e] = w[b * E + e] === A.zero ? 0 : 1;
    for (let j = 0; j < width; j++) {
      A.sumBegin();
      for (let e = 0; e < E; e++) A.sumProduct(w[b * E + e]!, (experts[e] as Buf)[b * width + j]!);
      out[b * width + j] = A.sumEnd();
    }
  }
  st.routing.set(n.id, { active });
  return out;
}
