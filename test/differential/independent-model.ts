// An independent evaluator of the DESIGN section 4 contract for the differential tests, sharing
// no code with runtime/numerics or runtime/interpreter: posit patterns are read bit by bit into
// exact fixed-point BigInts (2^-2400 resolution, enough for every product of every format),
// sums and products are exact, and every rounding builds the posit bit string as text, cuts it
// and rounds to nearest-even on the string before saturating. Transcendentals follow the f64
// formulas of spec/interpreter.md, written out again here. Slow, small and easy to audit.
import type { Graph } from '../../ir/graph.ts';
import type { Node, NodeId } from '../../ir/nodes.ts';

/** A posit-family layout: width, exponent bits, regime cap (Infinity for standard posits). */
export interface Fmt {
  readonly n: number;
  readonly es: number;
  readonly cap: number;
}

/** The formats the differential tests cover. */
export const FMTS = {
  posit16: { n: 16, es: 2, cap: Infinity },
  posit32: { n: 32, es: 2, cap: Infinity },
  bposit32: { n: 32, es: 5, cap: 6 },
} as const satisfies Record<string, Fmt>;

const FRAC = 2400n; // fixed-point fraction bits: value = v / 2^FRAC
const ONE = 1n << FRAC;

/** Exact value of a pattern as fixed point; null for NaR. */
export function decode(f: Fmt, p: number): bigint | null {
  if (p === 0) return 0n;
  if (p === 2 ** (f.n - 1)) return null;
  const neg = p >= 2 ** (f.n - 1);
  const body = (neg ? 2 ** f.n - p : p).toString(2).padStart(f.n, '0').slice(1);
  let run = 0;
  while (run < body.length && run < f.cap && body[run] === body[0]) run++;
  const k = body[0] === '1' ? run - 1 : -run;
  let i = run < f.cap && run < body.length ? run + 1 : run;
  const e = parseInt(body.slice(i, i + f.es).padEnd(f.es, '0'), 2);
  i += f.es;
  const fracBits = body.slice(i);
  const mant = BigInt(`0b1${fracBits}`);
  const shift = BigInt(k * 2 ** f.es + e - fracBits.length) + FRAC;
  const v = mant << shift;
  return neg ? -v : v;
}

/** Rounds num/den (den > 0) to a pattern: bit-string round-to-nearest-even, then saturation. */
export function roundRational(f: Fmt, num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const neg = num < 0n;
  const a = neg ? -num : num;
  let scale = a.toString(2).length - den.toString(2).length;
  const ge = (s: number): boolean => (s >= 0 ? a >= den << BigInt(s) : a << BigInt(-s) >= den);
  if (!ge(scale)) scale--;
  const k = Math.floor(scale / 2 ** f.es);
  const e = scale - k * 2 ** f.es;
  const maxBody = 2 ** (f.n - 1) - 1;
  let body: number;
  if (k + 1 > f.cap || -k > f.cap) body = k >= 0 ? maxBody : 1;
  else {
    const run = k >= 0 ? k + 1 : -k;
    const regime = (k >= 0 ? '1' : '0').repeat(run) + (run < f.cap ? (k >= 0 ? '0' : '1') : '');
    const head = regime + e.toString(2).padStart(f.es, '0');
    const L = Math.max(0, f.n - head.length) + 2;
    const sl = BigInt(L - scale);
    const q = sl >= 0n ? (a << sl) / den : a / (den << -sl);
    const exact = sl >= 0n ? (a << sl) % den === 0n : a % (den << -sl) === 0n;
    const bits = head + (q - (1n << BigInt(L))).toString(2).padStart(L, '0');
    body = parseInt(bits.slice(0, f.n - 1), 2);
    const roundBit = bits[f.n - 1] === '1';
    const sticky = !exact || bits.slice(f.n).includes('1');
    if (roundBit && (sticky || body % 2 === 1)) body++;
    body = Math.min(maxBody, Math.max(1, body));
  }
  return neg ? 2 ** f.n - body : body;
}

/** Rounds an exact fixed-point value. */
export function roundFixed(f: Fmt, v: bigint): number {
  return roundRational(f, v, ONE);
}

/** The exact fixed-point value of a finite double. */
export function fromDouble(x: number): bigint {
  if (x === 0) return 0n;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp = bexp - 1075;
  if (bexp === 0) exp = -1074;
  else mant |= 1n << 52n;
  const v = mant << (BigInt(exp) + FRAC);
  return x < 0 ? -v : v;
}

/** A pattern's exact value as a double (every value of these formats is one); NaR gives NaN. */
export function toDouble(f: Fmt, p: number): number {
  const v = decode(f, p);
  if (v === null) return NaN;
  if (v === 0n) return 0;
  const neg = v < 0n;
  let m = neg ? -v : v;
  let shift = -Number(FRAC);
  while (m >= 1n << 60n) {
    m >>= 1n;
    shift++;
  }
  const d = Number(m) * 2 ** shift;
  return neg ? -d : d;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const ACT: Record<string, (x: number) => number> = {
  sigmoid,
  tanh: Math.tanh,
  gelu: (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))),
};

/** Evaluates every node of a graph in format f; returns patterns per node id (labels as class indices). */
export function evaluate(f: Fmt, g: Graph, params: ReadonlyMap<string, { data: Float64Array }>, inputs: Record<string, { data: Float64Array }>, batch: number): Map<NodeId, number[]> {
  const vals = new Map<NodeId, number[]>();
  const get = (id: NodeId): number[] => vals.get(id) as number[];
  const r = (x: number): number => roundFixed(f, fromDouble(x));
  const d = (p: number): number => toDouble(f, p);
  const width = (n: Node): number => (n.type.shape.length < 2 ? 1 : (n.type.shape.slice(1) as number[]).reduce((a, x) => a * x, 1));
  for (const n of g.nodes) {
    switch (n.kind) {
      case 'Input':
      case 'Label':
        vals.set(n.id, [...(inputs[n.name] as { data: Float64Array }).data].map(n.kind === 'Input' ? r : (x) => x));
        break;
      case 'Param':
        vals.set(n.id, [...(params.get(n.name) as { data: Float64Array }).data].map(r));
        break;
      case 'Dense': {
        const x = get(n.x).map((p) => decode(f, p) as bigint);
        const W = get(n.weight).map((p) => decode(f, p) as bigint);
        const b = get(n.bias).map((p) => decode(f, p) as bigint);
        const nin = width(g.nodes[n.x] as Node);
        const nout = b.length;
        const out: number[] = [];
        for (let s = 0; s < batch; s++) {
          for (let j = 0; j < nout; j++) {
            let acc = (b[j] as bigint) * ONE;
            for (let i = 0; i < nin; i++) acc += (W[j * nin + i] as bigint) * (x[s * nin + i] as bigint);
            out.push(roundRational(f, acc, ONE * ONE));
          }
        }
        vals.set(n.id, out);
        break;
      }
      case 'Activation':
        vals.set(n.id, get(n.x).map((p) => (n.fn === 'relu' ? ((decode(f, p) as bigint) > 0n ? p : 0) : r((ACT[n.fn] as (x: number) => number)(d(p))))));
        break;
      case 'Gate': {
        // Learning step 0: an anneal gate is at its starting temperature `from`.
        const t = decode(f, r(n.threshold)) as bigint;
        const T = n.schedule ? n.schedule.from * Math.pow(n.schedule.to / n.schedule.from, 0 / n.schedule.steps) : 1;
        vals.set(n.id, get(n.logits).map((p) => {
          if (n.mode === 'anneal') return r(sigmoid((d(p) - Math.log(n.threshold / (1 - n.threshold))) / T));
          const s = r(sigmoid(d(p)));
          if (n.mode === 'soft') return s;
          return (decode(f, s) as bigint) >= t ? roundFixed(f, ONE) : 0;
        }));
        break;
      }
      case 'Mul': {
        const b = get(n.b);
        vals.set(n.id, get(n.a).map((p, i) => roundRational(f, (decode(f, p) as bigint) * (decode(f, b[i] as number) as bigint), ONE * ONE)));
        break;
      }
      case 'Softmax':
      case 'CrossEntropy':
      case 'Top1':
        vals.set(n.id, rowOp(f, n, get, batch));
        break;
      case 'Combine': {
        const w = get(n.weights);
        const E = n.experts.length;
        const ex = n.experts.map(get);
        const c = width(n);
        const out: number[] = [];
        for (let s = 0; s < batch; s++) {
          for (let j = 0; j < c; j++) {
            let acc = 0n;
            for (let e = 0; e < E; e++) acc += (decode(f, w[s * E + e] as number) as bigint) * (decode(f, (ex[e] as number[])[s * c + j] as number) as bigint);
            out.push(roundRational(f, acc, ONE * ONE));
          }
        }
        vals.set(n.id, out);
        break;
      }
      case 'Mean': {
        const sum = get(n.x).reduce((a, p) => a + (decode(f, p) as bigint), 0n);
        vals.set(n.id, [roundRational(f, sum, ONE * BigInt(batch))]);
        break;
      }
      case 'Reshape':
      case 'Output':
        vals.set(n.id, get(n.kind === 'Reshape' ? n.x : n.value));
        break;
    }
  }
  return vals;
}

/** Row-wise ops: softmax and cross-entropy by their f64 formulas, Top1 by exact comparison. */
function rowOp(f: Fmt, n: Extract<Node, { kind: 'Softmax' | 'CrossEntropy' | 'Top1' }>, get: (id: NodeId) => number[], batch: number): number[] {
  const src = get(n.kind === 'CrossEntropy' ? n.logits : n.x);
  const c = src.length / batch;
  const out: number[] = [];
  for (let s = 0; s < batch; s++) {
    const row = src.slice(s * c, s * c + c);
    const z = row.map((p) => toDouble(f, p));
    if (n.kind === 'Top1') {
      let best = 0;
      for (let k = 1; k < c; k++) if ((decode(f, row[k] as number) as bigint) > (decode(f, row[best] as number) as bigint)) best = k;
      out.push(...row.map((p, k) => (k === best ? p : 0)));
      continue;
    }
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    let sum = 0;
    for (const v of e) sum += v;
    if (n.kind === 'Softmax') out.push(...e.map((v) => roundFixed(f, fromDouble(v / sum))));
    else {
      const t = get(n.label)[s] as number;
      out.push(roundFixed(f, fromDouble(m + Math.log(sum) - (z[t] as number))));
    }
  }
  return out;
}

const DERIV: Record<string, (x: number) => number> = {
  relu: (x) => (x > 0 ? 1 : 0),
  sigmoid: (x) => sigmoid(x) * (1 - sigmoid(x)),
  tanh: (x) => 1 - Math.tanh(x) * Math.tanh(x),
  gelu: (x) => {
    const c = Math.sqrt(2 / Math.PI);
    const t = Math.tanh(c * (x + 0.044715 * x * x * x));
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * 0.044715 * x * x);
  },
};

/** What the tangent evaluator needs to know about the perturbation (learning step 0). */
export interface TangentSetup {
  /** Param id -> 'all' or 'inactive-units', with its f64 direction. */
  readonly perturbed: ReadonlyMap<NodeId, { readonly how: 'all' | 'inactive-units'; readonly v: Float64Array }>;
  /** W Dense id -> the gates and (weights, expert) pairs that switch its units off. */
  readonly units: ReadonlyMap<NodeId, { readonly gates: readonly NodeId[]; readonly experts: readonly { readonly weights: NodeId; readonly expert: number }[] }>;
}

/**
 * Tangent patterns per node (absent = exactly 0) by the rules of spec/jvp.md 3, from the primal
 * patterns `vals` of `evaluate`: exact sums rounded once, f64 factors rounded once, hard gates
 * straight-through with the relaxed mask on inactive units, Top1 read through its input.
 */
export function evaluateTangents(f: Fmt, g: Graph, vals: Map<NodeId, number[]>, setup: TangentSetup, batch: number): Map<NodeId, number[]> {
  const tan = new Map<NodeId, number[]>();
  const x = (id: NodeId): bigint[] => (vals.get(id) as number[]).map((p) => decode(f, p) as bigint);
  const dt = (id: NodeId): bigint[] | undefined => tan.get(id)?.map((p) => decode(f, p) as bigint);
  const d = (p: number): number => toDouble(f, p);
  const rf = (y: number): number => roundFixed(f, fromDouble(y));
  const one = decode(f, roundFixed(f, ONE)) as bigint;
  const relaxed = (id: NodeId): bigint[] => {
    const n = g.nodes[id] as Node;
    if (n.kind === 'Top1') return x(n.x);
    if (n.kind === 'Gate' && n.mode === 'hard') return (vals.get(id) as number[]).map((m, i) => (m === 0 ? (decode(f, rf(sigmoid(d((vals.get(n.logits) as number[])[i] as number)))) as bigint) : one));
    return x(id);
  };
  const inactive = (dense: NodeId, width: number): Uint8Array => {
    const mask = new Uint8Array(batch * width);
    const src = setup.units.get(dense);
    for (const gid of src?.gates ?? []) (vals.get(gid) as number[]).forEach((m, i) => void (m === 0 && (mask[i] = 1)));
    for (const { weights, expert } of src?.experts ?? []) {
      const w = vals.get(weights) as number[];
      const E = w.length / batch;
      for (let b = 0; b < batch; b++) if (w[b * E + expert] === 0) mask.fill(1, b * width, (b + 1) * width);
    }
    return mask;
  };
  const sq = ONE * ONE;
  for (const n of g.nodes) {
    let out: number[] | undefined;
    switch (n.kind) {
      case 'Param': {
        const p = setup.perturbed.get(n.id);
        if (p) out = [...p.v].map(rf);
        break;
      }
      case 'Dense': {
        const dx = dt(n.x);
        const dW = dt(n.weight);
        const db = dt(n.bias);
        if (!dx && !dW && !db) break;
        const W = x(n.weight);
        const xs = relaxed(n.x);
        const nout = (vals.get(n.bias) as number[]).length;
        const nin = W.length / nout;
        const mask = setup.perturbed.get(n.weight)?.how === 'inactive-units' ? inactive(n.id, nout) : undefined;
        out = [];
        for (let b = 0; b < batch; b++) {
          for (let j = 0; j < nout; j++) {
            const e = !mask || mask[b * nout + j] === 1;
            let acc = e && db ? (db[j] as bigint) * ONE : 0n;
            for (let i = 0; i < nin; i++) {
              if (dx) acc += (W[j * nin + i] as bigint) * (dx[b * nin + i] as bigint);
              if (dW && e) acc += (dW[j * nin + i] as bigint) * (xs[b * nin + i] as bigint);
            }
            out.push(roundRational(f, acc, sq));
          }
        }
        break;
      }
      case 'Activation': {
        const dx = tan.get(n.x);
        if (!dx) break;
        const xs = vals.get(n.x) as number[];
        out = dx.map((dp, i) => (n.fn === 'relu' ? ((decode(f, xs[i] as number) as bigint) > 0n ? dp : 0) : rf((DERIV[n.fn] as (v: number) => number)(d(xs[i] as number)) * d(dp))));
        break;
      }
      case 'Gate': {
        const dz = tan.get(n.logits);
        if (!dz) break;
        const z = vals.get(n.logits) as number[];
        const T = n.schedule ? n.schedule.from : 1;
        out = dz.map((dp, i) => {
          const zi = d(z[i] as number);
          if (n.mode === 'anneal') {
            const m = sigmoid((zi - Math.log(n.threshold / (1 - n.threshold))) / T);
            return rf(((m * (1 - m)) / T) * d(dp));
          }
          return rf(sigmoid(zi) * (1 - sigmoid(zi)) * d(dp));
        });
        break;
      }
      case 'Mul': {
        const da = dt(n.a);
        const db = dt(n.b);
        if (!da && !db) break;
        const a = relaxed(n.a);
        const bb = relaxed(n.b);
        out = a.map((av, i) => roundRational(f, (da ? (da[i] as bigint) * (bb[i] as bigint) : 0n) + (db ? av * (db[i] as bigint) : 0n), sq));
        break;
      }
      case 'Top1': {
        const dx = tan.get(n.x);
        if (dx) out = dx.map((dp, i) => ((vals.get(n.id) as number[])[i] === 0 ? 0 : dp));
        break;
      }
      case 'Combine': {
        const dw = dt(n.weights);
        const dE = n.experts.map(dt);
        if (!dw && dE.every((t) => !t)) break;
        const w = relaxed(n.weights);
        const E = n.experts.map(x);
        const c = (E[0] as bigint[]).length / batch;
        out = [];
        for (let b = 0; b < batch; b++) {
          for (let j = 0; j < c; j++) {
            let acc = 0n;
            E.forEach((ex, e) => {
              if (dw) acc += (dw[b * E.length + e] as bigint) * (ex[b * c + j] as bigint);
              const de = dE[e];
              if (de) acc += (w[b * E.length + e] as bigint) * (de[b * c + j] as bigint);
            });
            out.push(roundRational(f, acc, sq));
          }
        }
        break;
      }
      case 'Softmax':
      case 'CrossEntropy': {
        const src = n.kind === 'Softmax' ? n.x : n.logits;
        const dz = tan.get(src);
        if (!dz) break;
        const z = (vals.get(src) as number[]).map(d);
        const c = z.length / batch;
        out = [];
        for (let b = 0; b < batch; b++) {
          const row = z.slice(b * c, b * c + c);
          const m = Math.max(...row);
          const e = row.map((v) => Math.exp(v - m));
          let s = 0;
          for (const v of e) s += v;
          const p = e.map((v) => v / s);
          const dr = dz.slice(b * c, b * c + c).map(d);
          if (n.kind === 'Softmax') {
            let dot = 0;
            for (let k = 0; k < c; k++) dot += (p[k] as number) * (dr[k] as number);
            for (let k = 0; k < c; k++) out.push(rf((p[k] as number) * ((dr[k] as number) - dot)));
          } else {
            const t = (vals.get(n.label) as number[])[b] as number;
            let acc = 0;
            for (let k = 0; k < c; k++) acc += ((p[k] as number) - (k === t ? 1 : 0)) * (dr[k] as number);
            out.push(rf(acc));
          }
        }
        break;
      }
      case 'Mean': {
        const dx = dt(n.x);
        if (dx) out = [roundRational(f, dx.reduce((a, v) => a + v, 0n), ONE * BigInt(batch))];
        break;
      }
      case 'Reshape':
      case 'Output':
        out = tan.get(n.kind === 'Reshape' ? n.x : n.value);
        break;
      default:
        break;
    }
    if (out) tan.set(n.id, out);
  }
  return tan;
}
