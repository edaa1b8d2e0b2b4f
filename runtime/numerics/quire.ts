// The quire: an exact fixed-point accumulator for posit-family products, stored as two's-complement
// 32-bit limbs (little-endian words). Products and posits are added without any rounding; the
// sum is rounded once by toPosit(). Overflow past the carry guard and any NaR input make the
// quire NaR until clear(). Layouts (widths, LSB, carry guard) come from formats.ts and are derived
// in spec/numerics.md. Used by dense layers in the reference interpreter and the simulator.
import { decode, encode, makeLayout, TWO32, TWO_M32, type Decoded, type Layout } from './decode-encode.ts';
import { POSIT_SPECS, type PositFormat, type PositSpec } from './formats.ts';

/** Exact accumulator for one posit-family format (the stateful service of the numerics). */
export class Quire {
  /** Width in bits: 16n for posits; 832 / 896 for bposit16 / bposit32. */
  readonly bits: number;
  /** Layout constants of the format this quire accumulates. */
  readonly spec: PositSpec;
  private readonly limbs: Uint32Array;
  private readonly scratch: Uint32Array;
  private readonly layout: Layout;
  private readonly da: Decoded = { scale: 0, frac: 0 };
  private readonly db: Decoded = { scale: 0, frac: 0 };
  /** Quire bit offset of a product's integer significand: quireFracBits - 2 fb. */
  private readonly productBase: number;
  private readonly fracBits: number;
  private nar = false;

  constructor(fmt: PositFormat) {
    const spec = POSIT_SPECS[fmt];
    this.spec = spec;
    this.bits = spec.quireBits;
    this.limbs = new Uint32Array(spec.quireBits / 32);
    this.scratch = new Uint32Array(spec.quireBits / 32);
    this.layout = makeLayout(spec);
    this.productBase = spec.quireFracBits - 2 * spec.maxFracBits;
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
    this.mulAcc(a, b, 0);
  }

  /** q -= a*b exactly. */
  mulSub(a: number, b: number): void {
    this.mulAcc(a, b, 1);
  }

  /** q += p exactly. */
  add(p: number): void {
    this.addPosit(p, 0);
  }

  /** q -= p exactly. */
  sub(p: number): void {
    this.addPosit(p, 1);
  }

  /** The sum rounded once to the format (bit-string RNE, saturating); NaR if the quire is NaR. */
  toPosit(): number {
    if (this.nar) return this.spec.nar;
    const q = this.limbs;
    const top = q.length - 1;
    const neg = q[top]! >>> 31;
    let w = q;
    if (neg !== 0) {
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
    let sticky: number;
    if (s === 32) {
      frac = next;
      sticky = 0;
    } else {
      frac = (hiWord << s) | (next >>> (32 - s));
      sticky = next << s;
    }
    for (let j = i - 2; j >= 0 && sticky === 0; j--) sticky = w[j]!;
    const scale = i * 32 + (32 - s) - this.fracBits;
    return encode(this.layout, neg, scale, frac, sticky === 0 ? 0 : 1);
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

  private mulAcc(a: number, b: number, subtract: number): void {
    if (this.nar) return;
    const L = this.layout;
    if (a === L.nar || b === L.nar) {
      this.nar = true;
      return;
    }
    if (a === 0 || b === 0) return;
    const { da, db } = this;
    const neg = decode(L, a, da) ^ decode(L, b, db) ^ subtract;
    const ia = (da.frac >>> L.fracShift) + L.hidden;
    const ib = (db.frac >>> L.fracShift) + L.hidden;
    const lo = Math.imul(ia, ib) >>> 0;
    const hi = Math.round((ia * ib - lo) * TWO_M32); // exact: the double product is within 8 of ia*ib
    this.addAt(hi, lo, da.scale + db.scale + this.productBase, neg);
  }

  private addPosit(p: number, subtract: number): void {
    if (this.nar) return;
    const L = this.layout;
    if (p === L.nar) {
      this.nar = true;
      return;
    }
    if (p === 0) return;
    const neg = decode(L, p, this.da) ^ subtract;
    const sig = (this.da.frac >>> L.fracShift) + L.hidden;
    this.addAt(0, sig, this.da.scale - L.fb + this.fracBits, neg);
  }

  /**
   * Adds (-1)^neg * (hi:lo) * 2^offset in two's complement: the magnitude's words are XORed with
   * the sign mask and a carry-in of neg completes the negation, so one branch-free path serves
   * both signs; the carry then ripples only while it still changes a word.
   */
  private addAt(hi: number, lo: number, offset: number, neg: number): void {
    if (offset < 0) {
      // Only products of the smallest posits land here; the bits shifted out are zero by the layout.
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
    const mask = -neg >>> 0; // 0 or 0xffffffff
    const w0 = ((sh === 0 ? lo : lo << sh) ^ mask) >>> 0;
    const w1 = ((sh === 0 ? hi : (hi << sh) | (lo >>> (32 - sh))) ^ mask) >>> 0;
    const w2 = ((sh === 0 ? 0 : hi >>> (32 - sh)) ^ mask) >>> 0;
    const q = this.limbs;
    const top = q.length - 1;
    const before = q[top]! >>> 31;
    let i = offset >>> 5;
    let t = q[i]! + w0 + neg;
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
        // Higher words add the sign extension (mask): only a carry that differs from neg changes them.
        while (c !== neg && ++i <= top) {
          t = q[i]! + mask + c;
          q[i] = t;
          c = t >= TWO32 ? 1 : 0;
        }
      }
    }
    const after = q[top]!;
    // A sum that leaves the range flips the sign the wrong way; -2^(bits-1) itself is the NaR pattern.
    if (before === neg && after >>> 31 !== neg) this.overflow();
    else if (neg !== 0 && after === 0x80000000 && this.isMinimum()) this.overflow();
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
