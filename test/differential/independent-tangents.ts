// Tangents for the independent differential model (independent-model.ts): the rules of
// spec/jvp.md 3 over exact BigInt sums, with every f64 factor written out again, sharing no code
// with runtime/interpreter. Hard gates are straight-through with the relaxed mask on inactive
// units; Top1 is read through its input; learning step 0 (anneal gates at temperature `from`).
import type { Graph } from '../../ir/graph.ts';
import type { Node, NodeId } from '../../ir/nodes.ts';
import { ELEMENTARY_CONSTANTS, exp, log, tanh } from '../../runtime/numerics/index.ts';
import { decode, fromDouble, ONE, roundFixed, roundRational, sigmoid, toDouble, type Fmt } from './independent-model.ts';

const { GELU_C, GELU_K } = ELEMENTARY_CONSTANTS;
const DERIV: Record<string, (x: number) => number> = {
  sigmoid: (x) => sigmoid(x) * (1 - sigmoid(x)),
  tanh: (x) => 1 - tanh(x) * tanh(x),
  gelu: (x) => {
    const t = tanh(GELU_C * (x + GELU_K * (x * x * x)));
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * GELU_K * (x * x));
  },
};

/** What the tangent evaluator needs to know about the perturbation (learning step 0). */
export interface TangentSetup {
  /** Param id -> 'all' or 'inactive-units', with its f64 direction. */
  readonly perturbed: ReadonlyMap<NodeId, { readonly how: 'all' | 'inactive-units'; readonly v: Float64Array }>;
  /** W Dense id -> the gates and (weights, expert) pairs that switch its units off. */
  readonly units: ReadonlyMap<NodeId, { readonly gates: readonly NodeId[]; readonly experts: readonly { readonly weights: NodeId; readonly expert: number }[] }>;
}

/** Shared state of one tangent evaluation. */
interface Cx {
  readonly f: Fmt;
  readonly g: Graph;
  readonly vals: Map<NodeId, number[]>;
  readonly setup: TangentSetup;
  readonly batch: number;
  readonly tan: Map<NodeId, number[]>;
}

const SQ = ONE * ONE;
const exact = (cx: Cx, ps: readonly number[]): bigint[] => ps.map((p) => decode(cx.f, p) as bigint);
const primal = (cx: Cx, id: NodeId): bigint[] => exact(cx, cx.vals.get(id) as number[]);
const tangent = (cx: Cx, id: NodeId): bigint[] | undefined => {
  const t = cx.tan.get(id);
  return t ? exact(cx, t) : undefined;
};
const rf = (cx: Cx, y: number): number => roundFixed(cx.f, fromDouble(y));
const dbl = (cx: Cx, p: number): number => toDouble(cx.f, p);

/** The value a tangent rule reads: a hard gate's relaxed mask, a Top1's input, else the primal value. */
function relaxed(cx: Cx, id: NodeId): bigint[] {
  const n = cx.g.nodes[id] as Node;
  if (n.kind === 'Top1') return primal(cx, n.x);
  if (n.kind !== 'Gate' || n.mode !== 'hard') return primal(cx, id);
  const one = decode(cx.f, roundFixed(cx.f, ONE)) as bigint;
  const z = cx.vals.get(n.logits) as number[];
  return (cx.vals.get(id) as number[]).map((m, i) => (m === 0 ? (decode(cx.f, rf(cx, sigmoid(dbl(cx, z[i] as number)))) as bigint) : one));
}

/** `[B, width]` 1 where a unit of the layer is inactive (a gate mask or an expert weight of 0). */
function inactive(cx: Cx, dense: NodeId, width: number): Uint8Array {
  const mask = new Uint8Array(cx.batch * width);
  const src = cx.setup.units.get(dense);
  for (const gid of src?.gates ?? []) (cx.vals.get(gid) as number[]).forEach((m, i) => void (m === 0 && (mask[i] = 1)));
  for (const { weights, expert } of src?.experts ?? []) {
    const w = cx.vals.get(weights) as number[];
    const E = w.length / cx.batch;
    for (let b = 0; b < cx.batch; b++) if (w[b * E + expert] === 0) mask.fill(1, b * width, (b + 1) * width);
  }
  return mask;
}

function dense(cx: Cx, n: Extract<Node, { kind: 'Dense' }>): number[] | undefined {
  const dx = tangent(cx, n.x);
  const dW = tangent(cx, n.weight);
  const db = tangent(cx, n.bias);
  if (!dx && !dW && !db) return undefined;
  const W = primal(cx, n.weight);
  const xs = relaxed(cx, n.x);
  const nout = (cx.vals.get(n.bias) as number[]).length;
  const nin = W.length / nout;
  const mask = cx.setup.perturbed.get(n.weight)?.how === 'inactive-units' ? inactive(cx, n.id, nout) : undefined;
  const out: number[] = [];
  for (let b = 0; b < cx.batch; b++) {
    for (let j = 0; j < nout; j++) {
      const e = !mask || mask[b * nout + j] === 1;
      let acc = e && db ? (db[j] as bigint) * ONE : 0n;
      for (let i = 0; i < nin; i++) {
        if (dx) acc += (W[j * nin + i] as bigint) * (dx[b * nin + i] as bigint);
        if (dW && e) acc += (dW[j * nin + i] as bigint) * (xs[b * nin + i] as bigint);
      }
      out.push(roundRational(cx.f, acc, SQ));
    }
  }
  return out;
}

function combine(cx: Cx, n: Extract<Node, { kind: 'Combine' }>): number[] | undefined {
  const dw = tangent(cx, n.weights);
  const dE = n.experts.map((e) => tangent(cx, e));
  if (!dw && dE.every((t) => !t)) return undefined;
  const w = relaxed(cx, n.weights);
  const E = n.experts.map((e) => primal(cx, e));
  const c = (E[0] as bigint[]).length / cx.batch;
  const out: number[] = [];
  for (let b = 0; b < cx.batch; b++) {
    for (let j = 0; j < c; j++) {
      let acc = 0n;
      E.forEach((ex, e) => {
        if (dw) acc += (dw[b * E.length + e] as bigint) * (ex[b * c + j] as bigint);
        const de = dE[e];
        if (de) acc += (w[b * E.length + e] as bigint) * (de[b * c + j] as bigint);
      });
      out.push(roundRational(cx.f, acc, SQ));
    }
  }
  return out;
}

/** Softmax and cross-entropy tangents by their f64 formulas, per row. */
function rowTangent(cx: Cx, n: Extract<Node, { kind: 'Softmax' | 'CrossEntropy' }>): number[] | undefined {
  const src = n.kind === 'Softmax' ? n.x : n.logits;
  const dz = cx.tan.get(src);
  if (!dz) return undefined;
  const z = (cx.vals.get(src) as number[]).map((p) => dbl(cx, p));
  const c = z.length / cx.batch;
  const out: number[] = [];
  for (let b = 0; b < cx.batch; b++) {
    const row = z.slice(b * c, b * c + c);
    const m = Math.max(...row);
    const e = row.map((v) => exp(v - m));
    let s = 0;
    for (const v of e) s += v;
    const p = e.map((v) => v / s);
    const dr = dz.slice(b * c, b * c + c).map((q) => dbl(cx, q));
    if (n.kind === 'Softmax') {
      let dot = 0;
      for (let k = 0; k < c; k++) dot += (p[k] as number) * (dr[k] as number);
      for (let k = 0; k < c; k++) out.push(rf(cx, (p[k] as number) * ((dr[k] as number) - dot)));
    } else {
      const t = (cx.vals.get(n.label) as number[])[b] as number;
      let acc = 0;
      for (let k = 0; k < c; k++) acc += ((p[k] as number) - (k === t ? 1 : 0)) * (dr[k] as number);
      out.push(rf(cx, acc));
    }
  }
  return out;
}

/** Elementwise tangents: activations, gates (straight-through for hard ones), products. */
function elementwise(cx: Cx, n: Extract<Node, { kind: 'Activation' | 'Gate' | 'Mul' }>): number[] | undefined {
  if (n.kind === 'Mul') {
    const da = tangent(cx, n.a);
    const db = tangent(cx, n.b);
    if (!da && !db) return undefined;
    const a = relaxed(cx, n.a);
    const bb = relaxed(cx, n.b);
    return a.map((av, i) => roundRational(cx.f, (da ? (da[i] as bigint) * (bb[i] as bigint) : 0n) + (db ? av * (db[i] as bigint) : 0n), SQ));
  }
  const src = n.kind === 'Gate' ? n.logits : n.x;
  const dx = cx.tan.get(src);
  if (!dx) return undefined;
  const xs = cx.vals.get(src) as number[];
  return dx.map((dp, i) => {
    const xi = dbl(cx, xs[i] as number);
    if (n.kind === 'Activation') return n.fn === 'relu' ? (xi > 0 ? dp : 0) : rf(cx, (DERIV[n.fn] as (v: number) => number)(xi) * dbl(cx, dp));
    if (n.mode === 'anneal') {
      const T = (n.schedule as { from: number }).from;
      const m = sigmoid((xi - log(n.threshold / (1 - n.threshold))) / T);
      return rf(cx, ((m * (1 - m)) / T) * dbl(cx, dp));
    }
    return rf(cx, sigmoid(xi) * (1 - sigmoid(xi)) * dbl(cx, dp));
  });
}

/** Tangent patterns per node (absent = exactly 0), from the primal patterns `vals` of `evaluate`. */
export function evaluateTangents(f: Fmt, g: Graph, vals: Map<NodeId, number[]>, setup: TangentSetup, batch: number): Map<NodeId, number[]> {
  const cx: Cx = { f, g, vals, setup, batch, tan: new Map() };
  for (const n of g.nodes) {
    let out: number[] | undefined;
    switch (n.kind) {
      case 'Param': {
        const p = setup.perturbed.get(n.id);
        out = p ? [...p.v].map((v) => rf(cx, v)) : undefined;
        break;
      }
      case 'Dense':
        out = dense(cx, n);
        break;
      case 'Activation':
      case 'Gate':
      case 'Mul':
        out = elementwise(cx, n);
        break;
      case 'Top1':
        out = cx.tan.get(n.x)?.map((dp, i) => ((vals.get(n.id) as number[])[i] === 0 ? 0 : dp));
        break;
      case 'Combine':
        out = combine(cx, n);
        break;
      case 'Softmax':
      case 'CrossEntropy':
        out = rowTangent(cx, n);
        break;
      case 'Mean': {
        const dx = tangent(cx, n.x);
        out = dx ? [roundRational(f, dx.reduce((a, v) => a + v, 0n), ONE * BigInt(batch))] : undefined;
        break;
      }
      case 'Reshape':
      case 'Output':
        out = cx.tan.get(n.kind === 'Reshape' ? n.x : n.value);
        break;
      default:
        break;
    }
    if (out) cx.tan.set(n.id, out);
  }
  return cx.tan;
}
