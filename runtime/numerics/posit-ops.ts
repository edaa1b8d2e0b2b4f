// Scalar posit/b-posit arithmetic on raw bit patterns: + - * / sqrt, negation, ordering and the
// f64 conversions, each rounded once (bit-string round-to-nearest-even, saturating) via
// decode-encode.ts. This is the functional core of the reference interpreter and the tile-grid
// simulator, so it runs on int32/double arithmetic only: every intermediate below is exact.
import { makeCodec, pow2, TWO32, TWO_M32, type Decoded } from './decode-encode.ts';
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

function makeOps(spec: PositSpec): PositOps {
  const codec = makeCodec(spec);
  const { decode, encode, encodeDouble } = codec;
  const n = spec.nbits;
  const nar = spec.nar;
  const two = 2 ** n;
  const fb = spec.maxFracBits; // significands as integers carry fb fraction bits
  const fracShift = 32 - fb;
  const hidden = 2 ** fb;
  const wideMul = 2 * (fb + 1) > 53; // posit32: a 56-bit significand product needs two words
  const signShift = 32 - n;
  const da: Decoded = { scale: 0, frac: 0 };
  const db: Decoded = { scale: 0, frac: 0 };

  function add(a: number, b: number): number {
    if (a === nar || b === nar) return nar;
    if (a === 0) return b;
    if (b === 0) return a;
    let negX = decode(a, da);
    let negY = decode(b, db);
    let sx = da.scale;
    let x = 1 + da.frac * TWO_M32;
    let y = 1 + db.frac * TWO_M32;
    let d = sx - db.scale;
    if (d < 0) {
      const t = x;
      x = y;
      y = t;
      const tn = negX;
      negX = negY;
      negY = tn;
      sx = db.scale;
      d = -d;
    }
    if (d !== 0) {
      y *= pow2(-d);
      // Far below x's last bit only "how far, and whether nonzero" matters: truncate y to 2^-50 and
      // keep a sticky unit at 2^-51, so x +- y stays exact in a double and rounds the same way.
      if (d > 20) {
        const t = Math.floor(y * TWO50) * TWO_M50;
        y = t === y ? t : t + TWO_M51;
      }
    }
    let r = negX === negY ? x + y : x - y;
    if (r === 0) return 0;
    if (r < 0) {
      r = -r;
      negX = !negX;
    }
    return encodeDouble(negX, r, sx, false);
  }

  function mul(a: number, b: number): number {
    if (a === nar || b === nar) return nar;
    if (a === 0 || b === 0) return 0;
    const neg = decode(a, da) !== decode(b, db);
    const scale = da.scale + db.scale;
    if (!wideMul) return encodeDouble(neg, (1 + da.frac * TWO_M32) * (1 + db.frac * TWO_M32), scale, false);
    const ia = (da.frac >>> fracShift) + hidden;
    const ib = (db.frac >>> fracShift) + hidden;
    const lo = Math.imul(ia, ib) >>> 0; // exact low word
    const hi = Math.round((ia * ib - lo) * TWO_M32); // the double product is within 8 of exact
    const dropped = lo & 0x7ff; // below the 45 bits kept: only stickiness matters
    return encodeDouble(neg, hi * TWO32 + (lo - dropped), scale - 2 * fb, dropped !== 0);
  }

  function div(a: number, b: number): number {
    if (a === nar || b === nar || b === 0) return nar;
    if (a === 0) return 0;
    const neg = decode(a, da) !== decode(b, db);
    const ia = (da.frac >>> fracShift) + hidden;
    const ib = (db.frac >>> fracShift) + hidden;
    // q = floor(ia * 2^31 / ib) in [2^30, 2^32); the double quotient is off by at most one, and the
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
    return encodeDouble(neg, q, da.scale - db.scale - 31, r !== 0);
  }

  function sqrt(a: number): number {
    if (a >= nar) return nar; // NaR and every negative pattern
    if (a === 0) return 0;
    decode(a, da);
    let s = da.scale;
    let sig = (da.frac >>> fracShift) + hidden;
    if ((s & 1) !== 0) {
      sig *= 2;
      s -= 1;
    }
    // X = sig * 2^(60-fb) in [2^60, 2^62): r = floor(sqrt(X)) in [2^30, 2^31) carries 30 fraction bits.
    const x = sig * pow2(60 - fb);
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
    return encode(false, s / 2, (r - 1073741824) * 4, rem !== 0);
  }

  function fromF64(x: number): number {
    if (x !== x || x === Infinity || x === -Infinity) return nar;
    if (x === 0) return 0;
    return x < 0 ? encodeDouble(true, -x, 0, false) : encodeDouble(false, x, 0, false);
  }

  function toF64(p: number): number {
    if (p === 0) return 0;
    if (p === nar) return NaN;
    const neg = decode(p, da);
    const v = (1 + da.frac * TWO_M32) * pow2(da.scale);
    return neg ? -v : v;
  }

  function neg(p: number): number {
    return p === 0 ? 0 : two - p;
  }

  function compare(a: number, b: number): -1 | 0 | 1 {
    const x = a << signShift;
    const y = b << signShift;
    return x < y ? -1 : x > y ? 1 : 0;
  }

  return {
    spec,
    fromF64,
    toF64,
    add,
    sub: (a, b) => add(a, neg(b)),
    mul,
    div,
    sqrt,
    neg,
    compare,
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
