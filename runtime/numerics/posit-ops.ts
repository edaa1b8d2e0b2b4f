// Scalar posit/b-posit arithmetic on raw bit patterns: + - * / sqrt, negation, ordering and the
// f64 conversions, each rounded once (bit-string round-to-nearest-even, saturating) via
// decode-encode.ts. This is the functional core of the reference interpreter and the tile-grid
// simulator, so it runs on int32/double arithmetic only: every intermediate below is exact.
import { decode, encode, encodeDouble, makeLayout, pow2, TWO32, TWO_M32, type Decoded, type Layout } from './decode-encode.ts';
import { POSIT_SPECS, type PositFormat, type PositSpec } from './formats.ts';

/**
 * Arithmetic of one format on raw patterns (unsigned numbers 0..2^n-1). Members are plain
 * functions (no `this`), so hot loops may destructure them.
 */
export interface PositOps {
  readonly spec: PositSpec;
  /** Rounds a double once; NaN and +-Infinity give NaR, +-0 gives 0. */
  readonly fromF64: (x: number) => number;
  /** Exact value as a double; NaR gives NaN. */
  readonly toF64: (p: number) => number;
  readonly add: (a: number, b: number) => number;
  readonly sub: (a: number, b: number) => number;
  readonly mul: (a: number, b: number) => number;
  /** a / b; x / 0 is NaR. */
  readonly div: (a: number, b: number) => number;
  /** Square root; negative input is NaR. */
  readonly sqrt: (a: number) => number;
  readonly neg: (p: number) => number;
  /** Total order on patterns read as signed integers: NaR below everything. */
  readonly compare: (a: number, b: number) => -1 | 0 | 1;
  readonly isNaR: (p: number) => boolean;
}

const TWO50 = 2 ** 50;
const TWO_M50 = 2 ** -50;
const TWO_M51 = 2 ** -51;
const TWO400 = 2 ** 400;

// Decode scratch shared by every format (single-threaded; each worker has its own module copy).
const DA: Decoded = { scale: 0, frac: 0 };
const DB: Decoded = { scale: 0, frac: 0 };

/**
 * Far below the other operand only "how far, and whether nonzero" matters: cut x at 2^-50 and
 * add a sticky unit 2^-51 iff bits were cut. Branch-free: the cut-off part is >= 2^-412 when
 * nonzero (scales differ by < 400), so scaling it by 2^400 and capping at 2^-51 gives the unit.
 */
function stickyCut(x: number): number {
  const t = Math.floor(x * TWO50) * TWO_M50;
  return t + Math.min((x - t) * TWO400, TWO_M51);
}

function addL(L: Layout, a: number, b: number): number {
  const nar = L.nar;
  if (a === nar || b === nar) return nar;
  if (a === 0) return b;
  if (b === 0) return a;
  const na = decode(L, a, DA);
  const nb = decode(L, b, DB);
  const sa = DA.scale;
  const sb = DB.scale;
  const d = sa - sb;
  const ds = d >> 31;
  const top = sa - (d & ds); // max(sa, sb) without a branch
  // Both significands scaled to the larger operand's binade; the smaller one is cut below 2^-50
  // with a sticky unit (a no-op for the larger one and whenever nothing is cut), so x + y is exact.
  let x = (1 + (DA.frac >>> 0) * TWO_M32) * pow2(sa - top);
  let y = (1 + (DB.frac >>> 0) * TWO_M32) * pow2(sb - top);
  if ((d ^ ds) - ds > 20) {
    x = stickyCut(x);
    y = stickyCut(y);
  }
  const r = (1 - 2 * na) * x + (1 - 2 * nb) * y;
  if (r === 0) return 0;
  return encodeDouble(L, +(r < 0), Math.abs(r), top, 0);
}

function mulL(L: Layout, a: number, b: number): number {
  const nar = L.nar;
  if (a === nar || b === nar) return nar;
  if (a === 0 || b === 0) return 0;
  const neg = decode(L, a, DA) ^ decode(L, b, DB);
  const scale = DA.scale + DB.scale;
  if (L.fb < 26) return encodeDouble(L, neg, (1 + (DA.frac >>> 0) * TWO_M32) * (1 + (DB.frac >>> 0) * TWO_M32), scale, 0);
  // posit32: the 56-bit product of 28-bit significands, as an exact low word (imul) and a high
  // word from the double product (within 8 of exact); P in [2^54, 2^56).
  const ia = (DA.frac >>> L.fracShift) + L.hidden;
  const ib = (DB.frac >>> L.fracShift) + L.hidden;
  const lo = Math.imul(ia, ib) >>> 0;
  const hi = Math.round((ia * ib - lo) * TWO_M32);
  const up = hi >>> 23; // 1 when P >= 2^55
  const sh = 64 - 2 * L.fb - up; // left shift that drops P's leading one out of the high word
  return encode(L, neg, scale + up, (hi << sh) | (lo >>> (32 - sh)), lo << sh);
}

function divL(L: Layout, a: number, b: number): number {
  const nar = L.nar;
  if (a === nar || b === nar || b === 0) return nar;
  if (a === 0) return 0;
  const neg = decode(L, a, DA) ^ decode(L, b, DB);
  const ia = (DA.frac >>> L.fracShift) + L.hidden;
  const ib = (DB.frac >>> L.fracShift) + L.hidden;
  // q = floor(ia * 2^31 / ib) in [2^30, 2^32): the double quotient is off by at most one, and the
  // remainder is small, so its low 32 bits (exact via imul) are the remainder itself.
  let q = Math.floor((ia * 2147483648) / ib);
  let r = ((ia << 31) - Math.imul(q, ib)) | 0;
  if (r < 0) {
    q--;
    r += ib;
  } else if (r >= ib) {
    q++;
    r -= ib;
  }
  const up = q >>> 31; // leading one at bit 31 (1) or bit 30 (0)
  return encode(L, neg, DA.scale - DB.scale - 1 + up, q << (2 - up), r);
}

function sqrtL(L: Layout, a: number): number {
  if (a >= L.nar) return L.nar; // NaR and every negative pattern
  if (a === 0) return 0;
  decode(L, a, DA);
  const odd = DA.scale & 1;
  const s = DA.scale - odd;
  // X = sig * 2^(60-fb) (doubled for an odd scale) in [2^60, 2^62): r = floor(sqrt X) in [2^30, 2^31).
  const x = ((DA.frac >>> L.fracShift) + L.hidden) * pow2(60 - L.fb + odd);
  let r = Math.floor(Math.sqrt(x));
  const rh = r >>> 16;
  const rl = r & 0xffff;
  // rem = X - r^2, exact: each partial difference below fits 53 bits.
  let rem = x - rh * rh * TWO32;
  rem -= rh * rl * 131072;
  rem -= rl * rl;
  if (rem < 0) {
    r--;
    rem += 2 * r + 1;
  } else if (rem > 2 * r) {
    rem -= 2 * r + 1;
    r++;
  }
  return encode(L, 0, s / 2, r << 2, rem === 0 ? 0 : 1);
}

function fromF64L(L: Layout, x: number): number {
  if (x !== x || x === Infinity || x === -Infinity) return L.nar;
  if (x === 0) return 0;
  return encodeDouble(L, +(x < 0), Math.abs(x), 0, 0);
}

function toF64L(L: Layout, p: number): number {
  if (p === 0) return 0;
  if (p === L.nar) return NaN;
  const neg = decode(L, p, DA);
  return (1 - 2 * neg) * (1 + (DA.frac >>> 0) * TWO_M32) * pow2(DA.scale);
}

function makeOps(spec: PositSpec): PositOps {
  const L = makeLayout(spec);
  const two = 2 ** spec.nbits;
  const nar = spec.nar;
  const sh = 32 - spec.nbits;
  const neg = (p: number): number => (p === 0 ? 0 : two - p);
  return {
    spec,
    fromF64: (x) => fromF64L(L, x),
    toF64: (p) => toF64L(L, p),
    add: (a, b) => addL(L, a, b),
    sub: (a, b) => addL(L, a, neg(b)),
    mul: (a, b) => mulL(L, a, b),
    div: (a, b) => divL(L, a, b),
    sqrt: (a) => sqrtL(L, a),
    neg,
    compare: (a, b) => {
      const x = a << sh;
      const y = b << sh;
      return x < y ? -1 : x > y ? 1 : 0;
    },
    isNaR: (p) => p === nar,
  };
}

const CACHE = new Map<PositFormat, PositOps>();

/** The arithmetic of a format (one shared instance per format). */
export function positOps(fmt: PositFormat): PositOps {
  let ops = CACHE.get(fmt);
  if (!ops) {
    ops = makeOps(POSIT_SPECS[fmt]);
    CACHE.set(fmt, ops);
  }
  return ops;
}
