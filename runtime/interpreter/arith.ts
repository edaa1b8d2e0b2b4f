// Arithmetic of one numeric format for the reference interpreter: elements, one-rounding
// conversions, the rounded multiply, in-format comparison, one-rounding sums and the affine
// (dense) kernel. Posit/b-posit elements are raw bit patterns summed exactly (exact-dot.ts);
// f32 elements are f64 numbers holding f32 values, every operation rounded by Math.fround;
// f64 is plain IEEE double. spec/interpreter.md states each rule.
import { isPositFormat, type NumericFormat } from '../../ir/meta.ts';
import { positOps } from '../numerics/index.ts';
import type { PositFormat } from '../numerics/formats.ts';
import { exactAccumulator, type DecodedRows } from './exact-dot.ts';
import type { Buf } from './types.ts';

/** One product term of an affine kernel: `W` is `[nout, nin]`, `x` is `[B, nin]`. */
export interface AffineTerm {
  readonly W: Buf;
  readonly x: Buf;
  readonly nin: number;
  /** `[B, nout]` 0/1: the term only enters outputs whose mask is 1. */
  readonly rowMask?: Uint8Array;
}

/** A bias term `[nout]`, optionally row-masked like a product term. */
export interface AffineBias {
  readonly b: Buf;
  readonly rowMask?: Uint8Array;
}

/** `out[b, j] = round(Σ biases[j] + Σ_terms Σ_i W[j, i]·x[b, i])`: one rounding per output. */
export interface AffineRequest {
  readonly batch: number;
  readonly nout: number;
  readonly terms: readonly AffineTerm[];
  readonly biases: readonly AffineBias[];
}

/** Arithmetic of one format (plain functions over elements of a Buf). */
export interface Arith {
  readonly format: NumericFormat;
  readonly zero: number;
  readonly one: number;
  /** A zero-filled buffer of n elements. */
  alloc(n: number): Buf;
  /** One rounding from f64 into the format (NaN and infinities give NaR in posits). */
  round(v: number): number;
  /**
   * Rounds the f64 result of a transcendental formula (the f64 rule of runtime/numerics'
   * viaF64): like `round`, except that an f64 overflow stands for a real beyond maxpos and
   * saturates in posits instead of becoming NaR.
   */
  roundResult(v: number): number;
  /** The exact value of an element as f64 (NaR reads as NaN). */
  value(c: number): number;
  /** a·b rounded once. */
  mul(a: number, b: number): number;
  /** a >= b, compared in the format (false when either is NaR/NaN). */
  ge(a: number, b: number): boolean;
  /** a > b, compared in the format (NaR orders below everything, like NaN never wins). */
  gt(a: number, b: number): boolean;
  /** True for a value > 0 (ReLU keeps it). */
  positive(c: number): boolean;
  /** True for NaR / NaN. */
  isNaN(c: number): boolean;
  /** Starts a one-rounding sum. */
  sumBegin(): void;
  /** Adds a·b to the running sum (exactly in posits; rounded product then rounded add in f32). */
  sumProduct(a: number, b: number): void;
  /** Adds an element to the running sum. */
  sumAdd(a: number): void;
  /** The sum rounded once. */
  sumEnd(): number;
  /** The sum divided by a positive integer, rounded once. */
  sumEndQuotient(divisor: number): number;
  /** The affine kernel; writes `[batch, nout]` into out. */
  affine(req: AffineRequest, out: Buf): void;
}

const CACHE = new Map<NumericFormat, Arith>();

/** The arithmetic of a format (one shared instance per format). */
export function arithFor(format: NumericFormat): Arith {
  let a = CACHE.get(format);
  if (!a) {
    a = isPositFormat(format) ? positArith(format as PositFormat) : ieeeArith(format === 'f32');
    CACHE.set(format, a);
  }
  return a;
}

function ieeeArith(single: boolean): Arith {
  const r = single ? Math.fround : (v: number): number => v;
  let acc = 0;
  return {
    format: single ? 'f32' : 'f64',
    zero: 0,
    one: 1,
    alloc: (n) => new Float64Array(n),
    round: r,
    roundResult: r,
    value: (c) => c,
    mul: (a, b) => r(a * b),
    ge: (a, b) => a >= b,
    gt: (a, b) => a > b || (b !== b && a === a),
    positive: (c) => c > 0,
    isNaN: (c) => c !== c,
    sumBegin: () => void (acc = 0),
    sumProduct: (a, b) => void (acc = r(acc + r(a * b))),
    sumAdd: (a) => void (acc = r(acc + a)),
    sumEnd: () => acc,
    sumEndQuotient: (d) => r(acc / d),
    affine: (req, out) => (single ? affineF32(req, out as Float64Array) : affineF64(req, out as Float64Array)),
  };
}

/** f32 affine: per output, biases first, then each term's products in index order, all fround. */
function affineF32(req: AffineRequest, out: Float64Array): void {
  const { batch, nout } = req;
  const f = Math.fround;
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < nout; j++) {
      const o = b * nout + j;
      let acc = 0;
      for (const bias of req.biases) if (!bias.rowMask || bias.rowMask[o]) acc = f(acc + bias.b[j]!);
      for (const t of req.terms) {
        if (t.rowMask && !t.rowMask[o]) continue;
        const W = t.W as Float64Array;
        const x = t.x as Float64Array;
        const wo = j * t.nin;
        const xo = b * t.nin;
        for (let i = 0; i < t.nin; i++) acc = f(acc + f(W[wo + i]! * x[xo + i]!));
      }
      out[o] = acc;
    }
  }
}

/** f64 affine: the same order as f32 without the roundings to single. */
function affineF64(req: AffineRequest, out: Float64Array): void {
  const { batch, nout } = req;
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < nout; j++) {
      const o = b * nout + j;
      let acc = 0;
      for (const bias of req.biases) if (!bias.rowMask || bias.rowMask[o]) acc += bias.b[j]!;
      for (const t of req.terms) {
        if (t.rowMask && !t.rowMask[o]) continue;
        const W = t.W as Float64Array;
        const x = t.x as Float64Array;
        const wo = j * t.nin;
        const xo = b * t.nin;
        for (let i = 0; i < t.nin; i++) acc += W[wo + i]! * x[xo + i]!;
      }
      out[o] = acc;
    }
  }
}

function positArith(fmt: PositFormat): Arith {
  const ops = positOps(fmt);
  const acc = exactAccumulator(fmt);
  const { nar } = ops.spec;
  const signShift = 32 - ops.spec.nbits;
  // Weights are decoded once per buffer and reused across batches, tangents and steps.
  const decoded = new WeakMap<Buf, DecodedRows>();
  const decode = (buf: Buf, rowLen: number): DecodedRows => {
    let d = decoded.get(buf);
    if (!d || d.rowLen !== rowLen) {
      d = acc.decodeRows(buf as Uint32Array, rowLen);
      decoded.set(buf, d);
    }
    return d;
  };
  const affine = (req: AffineRequest, out: Buf): void => {
    const { batch, nout } = req;
    const terms = req.terms.map((t) => ({ t, W: decode(t.W, t.nin), x: decode(t.x, t.nin) }));
    for (let b = 0; b < batch; b++) {
      for (let j = 0; j < nout; j++) {
        const o = b * nout + j;
        acc.clear();
        for (const bias of req.biases) if (!bias.rowMask || bias.rowMask[o]) acc.addPattern(bias.b[j]!);
        for (const { t, W, x } of terms) {
          if (t.rowMask && !t.rowMask[o]) continue;
          if (W.rowNaR[j] || x.rowNaR[b]) acc.markNaR();
          else acc.addDot(W, j * t.nin, x, b * t.nin, t.nin);
        }
        out[o] = acc.round();
      }
    }
  };
  return {
    format: fmt,
    zero: 0,
    one: ops.spec.one,
    alloc: (n) => new Uint32Array(n),
    round: ops.fromF64,
    roundResult: (v) => (v === Infinity ? ops.spec.maxpos : v === -Infinity ? ops.neg(ops.spec.maxpos) : ops.fromF64(v)),
    value: ops.toF64,
    mul: ops.mul,
    ge: (a, b) => a !== nar && b !== nar && a << signShift >= b << signShift,
    gt: (a, b) => a !== nar && (b === nar || a << signShift > b << signShift),
    positive: (c) => c !== 0 && c < nar,
    isNaN: (c) => c === nar,
    sumBegin: () => acc.clear(),
    sumProduct: (a, b) => acc.addProduct(a, b),
    sumAdd: (a) => acc.addPattern(a),
    sumEnd: () => acc.round(),
    sumEndQuotient: (d) => acc.roundQuotient(d),
    affine,
  };
}
