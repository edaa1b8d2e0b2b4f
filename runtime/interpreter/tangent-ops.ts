// Tangent (forward-mode) semantics of every IR node in the reference interpreter: the rules of
// compiler/passes/jvp-rules.ts, rounded exactly as spec/jvp.md section 3 fixes. Tangents run
// after the primal sweep, because a W layer perturbed only on inactive units needs the activity
// of gates evaluated after it; an undefined tangent means exactly zero (no perturbed parameter
// reaches the value), so inactive parts of the graph cost nothing.
import type { NodeId, Node, NodeOf } from '../../ir/nodes.ts';
import { assertNever } from '../../ir/nodes.ts';
import type { TangentPlan } from '../../compiler/passes/jvp.ts';
import { valueOf, widthOf, gateIsHard, type ExecState } from './forward-ops.ts';
import { activationDerivative, annealMask, annealTemperature, sigmoid, softmaxRow } from './transcendental.ts';
import type { AffineBias, AffineTerm } from './arith.ts';
import type { Buf } from './types.ts';

/** The tangent state of one perturbation: the plan, its parameter directions (in the format), and tangents so far. */
export interface TangentSweep {
  readonly plan: TangentPlan;
  /** Per Param node: the direction, already rounded into the format. */
  readonly directions: ReadonlyMap<NodeId, Buf>;
  /** Per W Dense with units: `[B, out]` 1 where the unit is inactive for the sample. */
  readonly inactive: ReadonlyMap<NodeId, Uint8Array>;
  readonly tangents: (Buf | undefined)[];
}

/** Per unit-bearing W layer, the `[B, out]` inactivity mask: a gate mask of 0, or an expert weight of 0. */
export function computeInactive(st: ExecState, plan: TangentPlan): Map<NodeId, Uint8Array> {
  const A = st.arith;
  const out = new Map<NodeId, Uint8Array>();
  for (const [dense, src] of plan.units) {
    const width = widthOf(st.graph.nodes[dense] as Node);
    const mask = new Uint8Array(st.batch * width);
    for (const g of src.gates) {
      const m = valueOf(st, g);
      for (let i = 0; i < mask.length; i++) if (m[i] === A.zero) mask[i] = 1;
    }
    for (const { weights, expert } of src.experts) {
      const w = valueOf(st, weights);
      const E = w.length / st.batch;
      for (let b = 0; b < st.batch; b++) if (w[b * E + expert] === A.zero) mask.fill(1, b * width, (b + 1) * width);
    }
    out.set(dense, mask);
  }
  return out;
}

/** The value a tangent rule reads for an operand: the relaxed routing value where there is one. */
function tangentPathValue(st: ExecState, id: NodeId): Buf {
  return st.routing.get(id)?.relaxed ?? valueOf(st, id);
}

/** Computes a node's tangent (undefined = zero) from its operands' tangents. */
export function tangentNode(st: ExecState, ts: TangentSweep, n: Node): Buf | undefined {
  if (!ts.plan.active[n.id]) return undefined;
  const A = st.arith;
  const d = (id: NodeId): Buf | undefined => ts.tangents[id];
  switch (n.kind) {
    case 'Input':
    case 'Label':
      return undefined;
    case 'Param':
      return ts.directions.get(n.id);
    case 'Dense':
      return denseTangent(st, ts, n);
    case 'Activation': {
      const dx = d(n.x);
      if (!dx) return undefined;
      const x = tangentPathValue(st, n.x);
      const out = A.alloc(dx.length);
      if (n.fn === 'relu') for (let i = 0; i < dx.length; i++) out[i] = A.positive(x[i]!) ? dx[i]! : A.zero;
      else for (let i = 0; i < dx.length; i++) out[i] = A.roundResult(activationDerivative(n.fn, A.value(x[i]!)) * A.value(dx[i]!));
      return out;
    }
    case 'Gate':
      return gateTangent(st, n, d(n.logits));
    case 'Mul': {
      const da = d(n.a);
      const db = d(n.b);
      const a = tangentPathValue(st, n.a);
      const b = tangentPathValue(st, n.b);
      const out = A.alloc(a.length);
      for (let i = 0; i < a.length; i++) {
        A.sumBegin();
        if (da) A.sumProduct(da[i]!, b[i]!);
        if (db) A.sumProduct(a[i]!, db[i]!);
        out[i] = A.sumEnd();
      }
      return out;
    }
    case 'Softmax':
      return softmaxTangent(st, n, d(n.x));
    case 'Top1': {
      const dx = d(n.x);
      const act = st.routing.get(n.id)?.active;
      if (!dx || !act) return undefined;
      const out = A.alloc(dx.length);
      for (let i = 0; i < dx.length; i++) if (act[i]) out[i] = dx[i]!;
      return out;
    }
    case 'Combine':
      return combineTangent(st, ts, n);
    case 'Reshape':
      return d(n.x);
    case 'Output':
      return d(n.value);
    case 'CrossEntropy':
      return crossEntropyTangent(st, n, d(n.logits));
    case 'Mean': {
      const dx = d(n.x);
      if (!dx) return undefined;
      A.sumBegin();
      for (let b = 0; b < dx.length; b++) A.sumAdd(dx[b]!);
      const out = A.alloc(1);
      out[0] = A.sumEndQuotient(dx.length);
      return out;
    }
    default:
      return assertNever(n, 'node kind');
  }
}

/** dy = round(e·db + W·dx + e·(dW·x̃)), one rounding per output. */
function denseTangent(st: ExecState, ts: TangentSweep, n: NodeOf<'Dense'>): Buf | undefined {
  const A = st.arith;
  const nin = widthOf(st.graph.nodes[n.x] as Node);
  const nout = widthOf(n);
  const terms: AffineTerm[] = [];
  const biases: AffineBias[] = [];
  const rowMask = ts.plan.perturbed.get(n.weight) === 'inactive-units' ? ts.inactive.get(n.id) : undefined;
  const db = ts.tangents[n.bias];
  if (db) biases.push(rowMask ? { b: db, rowMask } : { b: db });
  const dx = ts.tangents[n.x];
  if (dx) terms.push({ W: valueOf(st, n.weight), x: dx, nin });
  const dW = ts.tangents[n.weight];
  if (dW) {
    const x = tangentPathValue(st, n.x);
    terms.push(rowMask ? { W: dW, x, nin, rowMask } : { W: dW, x, nin });
  }
  if (terms.length === 0 && biases.length === 0) return undefined;
  const out = A.alloc(st.batch * nout);
  A.affine({ batch: st.batch, nout, terms, biases }, out);
  return out;
}

/** Gate tangents: the soft derivative (also the straight-through rule of hard gates) or the annealed one. */
function gateTangent(st: ExecState, n: NodeOf<'Gate'>, dz: Buf | undefined): Buf | undefined {
  if (!dz) return undefined;
  const A = st.arith;
  const z = tangentPathValue(st, n.logits);
  const out = A.alloc(dz.length);
  const annealed = n.mode === 'anneal' && !gateIsHard(n, st.gateStep) ? n.schedule : undefined;
  const T = annealed ? annealTemperature(annealed, st.gateStep) : 1;
  for (let i = 0; i < dz.length; i++) {
    const zi = A.value(z[i]!);
    let factor: number;
    if (annealed) {
      const m = annealMask(zi, n.threshold, T);
      factor = (m * (1 - m)) / T;
    } else {
      const s = sigmoid(zi);
      factor = s * (1 - s);
    }
    out[i] = A.roundResult(factor * A.value(dz[i]!));
  }
  return out;
}

/** dy_j = round(p_j·(dx_j − Σ_k p_k·dx_k)) in f64 per row. */
function softmaxTangent(st: ExecState, n: NodeOf<'Softmax'>, dx: Buf | undefined): Buf | undefined {
  if (!dx) return undefined;
  const A = st.arith;
  const x = tangentPathValue(st, n.x);
  const c = widthOf(n);
  const row = new Float64Array(c);
  const p = new Float64Array(c);
  const out = A.alloc(dx.length);
  for (let b = 0; b < st.batch; b++) {
    for (let k = 0; k < c; k++) row[k] = A.value(x[b * c + k]!);
    softmaxRow(row, p);
    let dot = 0;
    for (let k = 0; k < c; k++) dot += p[k]! * A.value(dx[b * c + k]!);
    for (let k = 0; k < c; k++) out[b * c + k] = A.roundResult(p[k]! * (A.value(dx[b * c + k]!) - dot));
  }
  return out;
}

/** dy[b,j] = round(Σ_e dw[b,e]·E_e[b,j] + w̃[b,e]·dE_e[b,j]), one exact sum. */
function combineTangent(st: ExecState, ts: TangentSweep, n: NodeOf<'Combine'>): Buf | undefined {
  const A = st.arith;
  const dw = ts.tangents[n.weights];
  const w = tangentPathValue(st, n.weights);
  const experts = n.experts.map((e) => ({ v: valueOf(st, e), d: ts.tangents[e] }));
  const E = experts.length;
  const width = widthOf(n);
  const out = A.alloc(st.batch * width);
  for (let b = 0; b < st.batch; b++) {
    for (let j = 0; j < width; j++) {
      A.sumBegin();
      for (let e = 0; e < E; e++) {
        const ex = experts[e] as { v: Buf; d: Buf | undefined };
        if (dw) A.sumProduct(dw[b * E + e]!, ex.v[b * width + j]!);
        if (ex.d) A.sumProduct(w[b * E + e]!, ex.d[b * width + j]!);
      }
      out[b * width + j] = A.sumEnd();
    }
  }
  return out;
}

/** dℓ[b] = round(Σ_k (p_k − [k = t_b])·dz_k) in f64 per row. */
function crossEntropyTangent(st: ExecState, n: NodeOf<'CrossEntropy'>, dz: Buf | undefined): Buf | undefined {
  if (!dz) return undefined;
  const A = st.arith;
  const z = tangentPathValue(st, n.logits);
  const c = widthOf(st.graph.nodes[n.logits] as Node);
  const t = st.labels.get(n.label) as Int32Array;
  const row = new Float64Array(c);
  const p = new Float64Array(c);
  const out = A.alloc(st.batch);
  for (let b = 0; b < st.batch; b++) {
    for (let k = 0; k < c; k++) row[k] = A.value(z[b * c + k]!);
    softmaxRow(row, p);
    let s = 0;
    for (let k = 0; k < c; k++) s += (p[k]! - (k === t[b] ? 1 : 0)) * A.value(dz[b * c + k]!);
    out[b] = A.roundResult(s);
  }
  return out;
}
