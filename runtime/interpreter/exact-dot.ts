// Fast exact dot products for posit/b-posit kernels of the reference interpreter. Operands are
// decoded once into (sign, integer significand, exponent); products are split into 32-bit
// pieces and added into a carry-save array of f64 limbs, which stays exact because every piece
// is an integer below 2^33 and the limbs are renormalised long before they reach 2^53. The sum
// is rounded once through runtime/numerics' Quire, so results equal `fdp` bit for bit
// (test/unit/interp-posit.test.ts checks it) at a fraction of the cost of Quire.mulAdd.
import { makeCodec, type Codec, type Decoded } from '../numerics/decode-encode.ts';
import { POSIT_SPECS, type PositFormat, type PositSpec } from '../numerics/formats.ts';
import { Quire } from '../numerics/quire.ts';

const TWO32 = 4294967296;
const TWO_M32 = 1 / TWO32;
/** 2^r for r in 0..31. */
const POW = Float64Array.from({ length: 32 }, (_, r) => 2 ** r);
/** Pad limbs below the quire's LSB: the smallest products land up to 54 bits under it (posit32). */
const PAD = 2;
/** Products added between renormalisations: each adds < 2^33 to a limb, so limbs stay < 2^53. */
const RENORM_EVERY = 1 << 19;

/**
 * Posit patterns decoded for exact products: value = (-1)^neg * sig * 2^(exp - H), where H is
 * the accumulator's half offset (so exp_a + exp_b is a product's bit position in the limbs).
 * Zero and NaR have sig 0; NaR marks its row in `rowNaR`.
 */
export interface DecodedRows {
  readonly sig: Int32Array;
  readonly exp: Int32Array;
  readonly neg: Uint8Array;
  readonly rowLen: number;
  readonly rowNaR: Uint8Array;
}

/** Exact accumulator of one posit format (stateful service: the limbs of the running sum). */
export class ExactAccumulator {
  readonly spec: PositSpec;
  private readonly codec: Codec;
  private readonly limbs: Float64Array;
  private readonly words: Uint32Array;
  private readonly quire: Quire;
  private readonly half: number;
  private readonly fracShift: number;
  private readonly hidden: number;
  private readonly d: Decoded = { scale: 0, frac: 0 };
  private count = 0;
  private nar = false;

  constructor(fmt: PositFormat) {
    const spec = POSIT_SPECS[fmt];
    this.spec = spec;
    this.codec = makeCodec(spec);
    this.quire = new Quire(fmt);
    const q = spec.quireBits / 32;
    this.limbs = new Float64Array(PAD + q + 3);
    this.words = new Uint32Array(q);
    this.half = spec.quireFracBits / 2 + 16 * PAD;
    this.fracShift = 32 - spec.maxFracBits;
    this.hidden = 2 ** spec.maxFracBits;
  }

  /** Decodes row-major patterns (rows of `rowLen`) into product operands. */
  decodeRows(p: Uint32Array, rowLen: number): DecodedRows {
    const n = p.length;
    const sig = new Int32Array(n);
    const exp = new Int32Array(n);
    const neg = new Uint8Array(n);
    const rowNaR = new Uint8Array(rowLen === 0 ? 0 : Math.ceil(n / rowLen));
    const { codec, d, fracShift, hidden } = this;
    const nar = this.spec.nar;
    const bias = this.half - this.spec.maxFracBits;
    for (let i = 0; i < n; i++) {
      const x = p[i]!;
      if (x === 0) continue;
      if (x === nar) {
        rowNaR[Math.floor(i / rowLen)] = 1;
        continue;
      }
      neg[i] = codec.decode(x, d) ? 1 : 0;
      sig[i] = (d.frac >>> fracShift) + hidden;
      exp[i] = d.scale + bias;
    }
    return { sig, exp, neg, rowLen, rowNaR };
  }

  /** Sets the sum to exact zero. */
  clear(): void {
    this.limbs.fill(0);
    this.count = 0;
    this.nar = false;
  }

  /** Makes the sum NaR (a NaR operand was seen). */
  markNaR(): void {
    this.nar = true;
  }

  /** Adds Σ_i a[ao+i]·b[bo+i] exactly (NaR rows are the caller's to check via rowNaR). */
  addDot(a: DecodedRows, ao: number, b: DecodedRows, bo: number, n: number): void {
    for (let start = 0; start < n; start += RENORM_EVERY) {
      const len = Math.min(RENORM_EVERY, n - start);
      if (this.count + len > RENORM_EVERY) this.renormalise();
      this.count += len;
      this.dotChunk(a, ao + start, b, bo + start, len);
    }
  }

  private dotChunk(a: DecodedRows, ao: number, b: DecodedRows, bo: number, n: number): void {
    const L = this.limbs;
    const as = a.sig;
    const ae = a.exp;
    const an = a.neg;
    const bs = b.sig;
    const be = b.exp;
    const bn = b.neg;
    for (let i = 0; i < n; i++) {
      const x = as[ao + i]!;
      if (x === 0) continue;
      const y = bs[bo + i]!;
      if (y === 0) continue;
      const o = ae[ao + i]! + be[bo + i]!;
      const lo = Math.imul(x, y) >>> 0;
      const hi = Math.round((x * y - lo) * TWO_M32); // the double product is within 8 of exact
      const k = o >>> 5;
      const p = POW[o & 31]!;
      const u = lo * p;
      const u1 = Math.floor(u * TWO_M32);
      const v = hi * p;
      const v1 = Math.floor(v * TWO_M32);
      const s = 1 - 2 * (an[ao + i]! ^ bn[bo + i]!); // branch-free: signs are random in real data
      L[k]! += s * (u - u1 * TWO32);
      L[k + 1]! += s * (u1 + (v - v1 * TWO32));
      L[k + 2]! += s * v1;
    }
  }

  /** Adds (or subtracts) one posit pattern exactly. */
  addPattern(p: number, subtract = false): void {
    if (p === 0) return;
    if (p === this.spec.nar) {
      this.nar = true;
      return;
    }
    const neg = this.codec.decode(p, this.d) !== subtract;
    const sig = (this.d.frac >>> this.fracShift) + this.hidden;
    this.addScaled(sig, this.d.scale - this.spec.maxFracBits + 2 * this.half, neg);
  }

  /** Adds the exact product of two posit patterns. */
  addProduct(a: number, b: number): void {
    const nar = this.spec.nar;
    if (a === nar || b === nar) {
      this.nar = true;
      return;
    }
    if (a === 0 || b === 0) return;
    const d = this.d;
    const na = this.codec.decode(a, d);
    const sa = (d.frac >>> this.fracShift) + this.hidden;
    const ea = d.scale;
    const nb = this.codec.decode(b, d);
    const sb = (d.frac >>> this.fracShift) + this.hidden;
    const o = ea + d.scale - 2 * this.spec.maxFracBits + 2 * this.half;
    const lo = Math.imul(sa, sb) >>> 0;
    const hi = Math.round((sa * sb - lo) * TWO_M32);
    this.addScaled(lo, o, na !== nb);
    this.addScaled(hi, o + 32, na !== nb);
  }

  /** Adds m·2^o (m an integer below 2^32, o a limb bit position). */
  private addScaled(m: number, o: number, neg: boolean): void {
    if (++this.count > RENORM_EVERY) this.renormalise();
    const k = o >>> 5;
    const u = m * POW[o & 31]!;
    const u1 = Math.floor(u * TWO_M32);
    const s = neg ? -1 : 1;
    this.limbs[k]! += s * (u - u1 * TWO32);
    this.limbs[k + 1]! += s * u1;
  }

  /** Carries every limb into [0, 2^32) except the top one, which keeps the sign. */
  private renormalise(): void {
    const L = this.limbs;
    for (let k = 0; k < L.length - 1; k++) {
      const c = Math.floor(L[k]! * TWO_M32);
      L[k]! -= c * TWO32;
      L[k + 1]! += c;
    }
    this.count = 0;
  }

  /** Loads the normalised sum into the quire words; returns false when it is zero. */
  private toQuireWords(): boolean {
    this.renormalise();
    const L = this.limbs;
    const top = L[L.length - 1]!;
    const q = this.words;
    let any = false;
    // Two's complement of the whole limb string: the top limb is -1 for a negative sum.
    for (let i = 0; i < q.length; i++) {
      const w = L[PAD + i]!;
      q[i] = w;
      if (w !== 0) any = true;
    }
    // Beyond the quire's width only sign extension may remain (a longer sum would overflow it).
    const ext = top < 0 ? TWO32 - 1 : 0;
    for (let k = PAD + q.length; k < L.length - 1; k++) if (L[k] !== ext) this.nar = true;
    if (q[q.length - 1]! >>> 31 !== (top < 0 ? 1 : 0)) this.nar = true;
    return any || top !== 0;
  }

  /** The sum rounded once to the format (bit-string RNE, saturating); NaR if any NaR was added. */
  round(): number {
    if (this.nar) return this.spec.nar;
    if (!this.toQuireWords()) return 0;
    if (this.nar) return this.spec.nar;
    this.quire.loadWords(this.words);
    return this.quire.toPosit();
  }

  /** The sum divided by a positive integer, rounded once (the exact quotient is never formed). */
  roundQuotient(divisor: number): number {
    if (this.nar) return this.spec.nar;
    if (!this.toQuireWords()) return 0;
    if (this.nar) return this.spec.nar;
    let m = 0n;
    for (let i = this.words.length - 1; i >= 0; i--) m = (m << 32n) | BigInt(this.words[i]!);
    const bits = BigInt(this.words.length * 32);
    const neg = m >> (bits - 1n) === 1n;
    if (neg) m = (1n << bits) - m;
    if (m === 0n) return 0;
    const num = m << 64n;
    const den = BigInt(divisor);
    const q = num / den;
    const lead = q.toString(2).length - 1; // >= 32 because divisor < 2^32
    const cut = BigInt(lead - 32);
    const frac = Number((q >> cut) & 0xffffffffn);
    const sticky = num % den !== 0n || (q & ((1n << cut) - 1n)) !== 0n;
    return this.codec.encode(neg, lead - 64 - this.spec.quireFracBits, frac, sticky);
  }
}

const SHARED = new Map<PositFormat, ExactAccumulator>();

/** The shared accumulator of a format (the interpreter is single-threaded per process). */
export function exactAccumulator(fmt: PositFormat): ExactAccumulator {
  let acc = SHARED.get(fmt);
  if (!acc) {
    acc = new ExactAccumulator(fmt);
    SHARED.set(fmt, acc);
  }
  return acc;
}
