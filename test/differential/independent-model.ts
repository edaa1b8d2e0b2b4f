// An independent evaluator of the DESIGN section 4 contract for the differential tests, sharing
// no posit code with runtime/numerics or runtime/interpreter: patterns are read bit by bit into
// exact fixed-point BigInts (2^-2400 resolution, enough for every product of every format), sums
// and products are exact, and every rounding builds the posit bit string as text, cuts it and
// rounds to nearest-even on the string before saturating. The f64 elementary functions (exp,
// log, tanh, sigmoid, gelu) are the ones that define the transcendental rule (spec/numerics.md 8);
// softmax and cross-entropy are written out again here. Slow, small and easy to audit.
import type { Graph } from '../../ir/graph.ts';
import type { Node, NodeId } from '../../ir/nodes.ts';
import { exp, gelu, log, sigmoid as elementarySigmoid, tanh } from '../../runtime/numerics/index.ts';

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
/** 1 in the fixed-point representation. */
export const ONE = 1n << FRAC;

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

/** The logistic function of the transcendental rule. */
export const sigmoid = elementarySigmoid;
const ACT: Record<string, (x: number) => number> = { sigmoid, tanh, gelu };

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
        const T = n.schedule ? n.schedule.from * exp(log(n.schedule.to / n.schedule.from) * (0 / n.schedule.steps)) : 1;
        vals.set(n.id, get(n.logits).map((p) => {
          if (n.mode === 'anneal') return r(sigmoid((d(p) - log(n.threshold / (1 - n.threshold))) / T));
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
    const e = z.map((v) => exp(v - m));
    let sum = 0;
    for (const v of e) sum += v;
    if (n.kind === 'Softmax') out.push(...e.map((v) => roundFixed(f, fromDouble(v / sum))));
    else {
      const t = get(n.label)[s] as number;
      out.push(roundFixed(f, fromDouble(m + log(sum) - (z[t] as number))));
    }
  }
  return out;
}

