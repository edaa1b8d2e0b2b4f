// The quire: an exact fixed-point accumulator for posit-family products, stored as two's-complement
// 32-bit limbs (little-endian words). Products and posits are added without any rounding; the
// sum is rounded once by toPosit(). Overflow past the carry guard and any NaR input make the
// quire NaR until clear(). Layouts (widths, LSB, carry guard) come from formats.ts and are derived
// in spec/numerics.md. Used by dense layers in the reference interpreter and the simulator.
import { makeCodec, TWO32, TWO_M32, type Codec, type Decoded } from './decode-encode.ts';
import { POSIT_SPECS, type PositFormat, type PositSpec } from './formats.ts';

/** Exact accumulator for one posit-family format (the stateful service of the numerics). */
export class Quire {
  /** Width in bits: 16n for posits; 832 / 896 for bposit16 / bposit32. */
  readonly bits: number;
  /** Layout constants of the format this quire accumulates. */
  readonly spec: PositSpec;
  private readonly limbs: Uint32Array;
  private readonly scratch: Uint32Array;
  private readonly codec: Codec;
  private readonly da: Decoded = { scale: 0, frac: 0 };
  private readonly db: Decoded = { scale: 0, frac: 0 };
  private readonly fb: number;
  private readonly fracShift: number;
  private readonly hidden: number;
  private readonly fracBits: number;
  private nar = false;

  constructor(fmt: PositFormat) {
    const spec = POSIT_SPECS[fmt];
    this.spec = spec;
    this.bits = spec.quireBits;
    this.limbs = new Uint32Array(spec.quireBits / 32);
    this.scratch = new Uint32Array(spec.quireBits / 32);
    this.codec = makeCodec(spec);
    this.fb = spec.maxFracBits;
    this.fracShift = 32 - spec.maxFracBits;
    this.hidden = 2 ** spec.maxFracBits;
    this.fracBits = spec.quireFracBits;
  }

  /** Sets the quire to exact zero (and clears NaR). */
  clear(): void {
    this.limbs.fill(0);
    this.nar = false;
  }

  /** True once a NaR operand or an overflow of the carry guard has been seen. */
  get isNaR(): boolean {
    return this.nar;
  }

  /** q += a*b exactly. */
  mulAdd(a: number, b: number): void {
    this.mulAcc(a, b, false);
  }

  /** q -= a*b exactly. */
  mulSub(a: number, b: number): void {
    this.mulAcc(a, b, true);
  }

  /** q += p exactly. */
  add(p: number): void {
    this.addPosit(p, false);
  }

  /** q -= p exactly. */
  sub(p: number): void {
    this.addPosit(p, true);
  }

  /** The sum rounded once to the format (bit-string RNE, saturating); NaR if the quire is NaR. */
  toPosit(): number {
    if (this.nar) return this.spec.nar;
    const q = this.limbs;
    const top = q.length - 1;
    const neg = q[top]! >>> 31 !== 0;
    let w = q;
    if (neg) {
      w = this.scratch;
      let c = 1;
      for (let i = 0; i <= top; i++) {
        const t = (~q[i]! >>> 0) + c;
        w[i] = t;
        c = t >= TWO32 ? 1 : 0;
      }
    }
    let i = top;
    while (i >= 0 && w[i] === 0) i--;
    if (i < 0) return 0;
    const hiWord = w[i]!;
    const s = Math.clz32(hiWord) + 1; // bits of hiWord at and above the leading 1
    const next = i > 0 ? w[i - 1]! : 0;
    let frac: number;
    let sticky: boolean;
    if (s === 32) {
      frac = next;
      sticky = false;
    } else {
      frac = ((hiWord << s) | (next >>> (32 - s))) >>> 0;
      sticky = next << s !== 0;
    }
    for (let j = i - 2; j >= 0 && !sticky; j--) sticky = w[j] !== 0;
    const scale = i * 32 + (32 - s) - this.fracBits;
    return this.codec.encode(neg, scale, frac, sticky);
  }

  /**
   * The raw two's-complement words (little-endian); NaR reads as 100...0 (the standard's quire NaR).
   * For snapshots and for comparing quire states across targets bit for bit.
   */
  toWords(): Uint32Array {
    const out = new Uint32Array(this.limbs.length);
    if (this.nar) out[out.length - 1] = 0x80000000;
    else out.set(this.limbs);
    return out;
  }

  /** Loads raw words (as toWords returns them); 100...0 loads as NaR. */
  loadWords(words: ArrayLike<number>): void {
    if (words.length !== this.limbs.length) throw new RangeError(`quire of ${this.bits} bits needs ${this.limbs.length} words, got ${words.length}`);
    for (let i = 0; i < words.length; i++) this.limbs[i] = words[i]!;
    this.nar = this.isMinimum();
    if (this.nar) this.limbs.fill(0);
  }

  private mulAcc(a: number, b: number, subtract: boolean): void {
    if (this.nar) return;
    const nar = this.spec.nar;
    if (a === nar || b === nar) {
      this.nar = true;
      return;
    }
    if (a === 0 || b === 0) return;
    const { codec, da, db, fracShift, hidden } = this;
    const neg = codec.decode(a, da) !== codec.decode(b, db);
    const ia = (da.frac >>> fracShift) + hidden;
    const ib = (db.frac >>> fracShift) + hidden;
    const lo = Math.imul(ia, ib) >>> 0;
    const hi = Math.round((ia * ib - lo) * TWO_M32); // exact: the double product is within 8 of ia*ib
    this.addAt(hi, lo, da.scale + db.scale - 2 * this.fb + this.fracBits, neg !== subtract);
  }

  private addPosit(p: number, subtract: boolean): void {
    if (this.nar) return;
    if (p === this.spec.nar) {
      this.nar = true;
      return;
    }
    if (p === 0) return;
    const neg = this.codec.decode(p, this.da);
    const sig = (this.da.frac >>> this.fracShift) + this.hidden;
    this.addAt(0, sig, this.da.scale - this.fb + this.fracBits, neg !== subtract);
  }

  /** Adds (or subtracts) the 64-bit magnitude hi:lo times 2^offset; detects two's-complement overflow. */
  private addAt(hi: number, lo: number, offset: number, negative: boolean): void {
    if (offset < 0) {
      // Only minpos-sized products land here; the bits shifted out are zero by the quire's layout.
      const r = -offset;
      if (r >= 32) {
        lo = hi >>> (r - 32);
        hi = 0;
      } else {
        lo = ((lo >>> r) | (hi << (32 - r))) >>> 0;
        hi >>>= r;
      }
      offset = 0;
    }
    const sh = offset & 31;
    const w0 = sh === 0 ? lo : (lo << sh) >>> 0;
    const w1 = sh === 0 ? hi : ((hi << sh) | (lo >>> (32 - sh))) >>> 0;
    const w2 = sh === 0 ? 0 : hi >>> (32 - sh);
    const q = this.limbs;
    const top = q.length - 1;
    const before = q[top]! >>> 31;
    let i = offset >>> 5;
    if (!negative) {
      let t = q[i]! + w0;
      q[i] = t;
      let c = t >= TWO32 ? 1 : 0;
      if (++i <= top) {
        t = q[i]! + w1 + c;
        q[i] = t;
        c = t >= TWO32 ? 1 : 0;
        if (++i <= top) {
          t = q[i]! + w2 + c;
          q[i] = t;
          c = t >= TWO32 ? 1 : 0;
          while (c !== 0 && ++i <= top) {
            t = q[i]! + 1;
            q[i] = t;
            c = t >= TWO32 ? 1 : 0;
          }
        }
      }
      if (before === 0 && q[top]! >>> 31 !== 0) this.overflow();
    } else {
      let t = q[i]! - w0;
      q[i] = t;
      let c = t < 0 ? 1 : 0;
      if (++i <= top) {
        t = q[i]! - w1 - c;
        q[i] = t;
        c = t < 0 ? 1 : 0;
        if (++i <= top) {
          t = q[i]! - w2 - c;
          q[i] = t;
          c = t < 0 ? 1 : 0;
          while (c !== 0 && ++i <= top) {
            t = q[i]! - 1;
            q[i] = t;
            c = t < 0 ? 1 : 0;
          }
        }
      }
      const after = q[top]!;
      // Going below -2^(bits-1)+1 either wraps to a positive sign or lands on 100...0, the NaR pattern.
      if (before !== 0 && (after >>> 31 === 0 || (after === 0x80000000 && this.isMinimum()))) this.overflow();
    }
  }

  private isMinimum(): boolean {
    const q = this.limbs;
    const top = q.length - 1;
    if (q[top] !== 0x80000000) return false;
    for (let i = 0; i < top; i++) if (q[i] !== 0) return false;
    return true;
  }

  private overflow(): void {
    this.nar = true;
    this.limbs.fill(0);
  }
}

const SCRATCH = new Map<PositFormat, Quire>();

/** Exact fused dot product helper: round(sum a[i]*b[i] (+ bias)) in one rounding. */
export function fdp(fmt: PositFormat, a: ArrayLike<number>, b: ArrayLike<number>, bias?: number): number {
  if (a.length !== b.length) throw new RangeError(`fdp: operand lengths differ (${a.length} vs ${b.length})`);
  let q = SCRATCH.get(fmt);
  if (!q) {
    q = new Quire(fmt);
    SCRATCH.set(fmt, q);
  }
  q.clear();
  for (let i = 0; i < a.length; i++) q.mulAdd(a[i]!, b[i]!);
  if (bias !== undefined) q.add(bias);
  return q.toPosit();
}
