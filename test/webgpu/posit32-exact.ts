// An exact posit32 oracle for the WebGPU tests, written independently of the WGSL library: values
// are BigInt dyadic rationals (mant * 2^exp), and rounding literally builds the unbounded posit bit
// string (regime, exponent, all fraction bits), cuts it at 31 bits and rounds ties to even.
// Slow and obvious on purpose; it only has to be right.

/** An exact real value: (-1)^neg * mant * 2^exp (mant = 0n is zero). */
export interface Exact {
  readonly neg: boolean;
  readonly mant: bigint;
  readonly exp: number;
}

/** posit32 NaR pattern. */
export const NAR = 0x80000000;

/** Exact value of a posit32 pattern, or 'nar'. */
export function decodeExact(p: number): Exact | 'nar' {
  const bitsU = p >>> 0;
  if (bitsU === 0) return { neg: false, mant: 0n, exp: 0 };
  if (bitsU === NAR) return 'nar';
  const neg = bitsU >>> 31 === 1;
  const mag = neg ? -bitsU >>> 0 : bitsU;
  const bits = mag.toString(2).padStart(32, '0').slice(1);
  const first = bits[0];
  let run = 1;
  while (run < 31 && bits[run] === first) run++;
  const k = first === '1' ? run - 1 : -run;
  const rest = bits.slice(run + 1);
  const e = parseInt(rest.slice(0, 2).padEnd(2, '0'), 2);
  const frac = rest.slice(2);
  return { neg, mant: BigInt(`0b1${frac}`), exp: 4 * k + e - frac.length };
}

/** Rounds an exact value to posit32 by the bit-string rule, saturating at maxpos/minpos. */
export function roundExact(x: Exact): number {
  if (x.mant === 0n) return 0;
  const m = x.mant.toString(2);
  const scale = m.length - 1 + x.exp;
  const k = Math.floor(scale / 4);
  const e = scale - 4 * k;
  const regime = k >= 0 ? `${'1'.repeat(k + 1)}0` : `${'0'.repeat(-k)}1`;
  const bits = regime + e.toString(2).padStart(2, '0') + m.slice(1);
  let body = parseInt(bits.slice(0, 31).padEnd(31, '0'), 2);
  const round = bits[31] === '1';
  const sticky = bits.slice(32).includes('1');
  if (round && (sticky || (body & 1) === 1)) body++;
  body = Math.min(Math.max(body, 1), 0x7fffffff);
  return x.neg ? -body >>> 0 : body;
}

/** Exact product. */
export function mulExact(a: Exact, b: Exact): Exact {
  return { neg: a.neg !== b.neg, mant: a.mant * b.mant, exp: a.exp + b.exp };
}

/** Exact sum. */
export function addExact(a: Exact, b: Exact): Exact {
  const exp = Math.min(a.exp, b.exp);
  const sa = (a.neg ? -a.mant : a.mant) << BigInt(a.exp - exp);
  const sb = (b.neg ? -b.mant : b.mant) << BigInt(b.exp - exp);
  const s = sa + sb;
  return { neg: s < 0n, mant: s < 0n ? -s : s, exp };
}

/** Reference posit32 a*b. */
export function refMul(a: number, b: number): number {
  const x = decodeExact(a);
  const y = decodeExact(b);
  return x === 'nar' || y === 'nar' ? NAR : roundExact(mulExact(x, y));
}

/** Reference posit32 a+b. */
export function refAdd(a: number, b: number): number {
  const x = decodeExact(a);
  const y = decodeExact(b);
  return x === 'nar' || y === 'nar' ? NAR : roundExact(addExact(x, y));
}

// Quotients and roots are not dyadic: compute 64 bits more than a posit32 keeps, then fold the
// remainder into one extra low bit, which rounds exactly like the infinite tail.
const EXTRA = 64;

/** Reference posit32 a/b (NaR for NaR operands or b = 0). */
export function refDiv(a: number, b: number): number {
  const x = decodeExact(a);
  const y = decodeExact(b);
  if (x === 'nar' || y === 'nar' || y.mant === 0n) return NAR;
  if (x.mant === 0n) return 0;
  const num = x.mant << BigInt(EXTRA + y.mant.toString(2).length);
  const q = num / y.mant;
  const sticky = num % y.mant !== 0n ? 1n : 0n;
  return roundExact({ neg: x.neg !== y.neg, mant: (q << 1n) | sticky, exp: x.exp - y.exp - EXTRA - y.mant.toString(2).length - 1 });
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let r = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const next = (r + n / r) >> 1n;
    if (next >= r) return r;
    r = next;
  }
}

/** Reference posit32 sqrt (NaR for NaR or negative input). */
export function refSqrt(a: number): number {
  const x = decodeExact(a);
  if (x === 'nar' || (x.neg && x.mant !== 0n)) return NAR;
  if (x.mant === 0n) return 0;
  // Make the exponent even, then scale up by 2^(2 * EXTRA) so the root has EXTRA spare bits.
  const odd = ((x.exp % 2) + 2) % 2;
  const n = (x.mant << BigInt(odd)) << BigInt(2 * EXTRA);
  const r = isqrt(n);
  const sticky = r * r !== n ? 1n : 0n;
  return roundExact({ neg: false, mant: (r << 1n) | sticky, exp: (x.exp - odd) / 2 - EXTRA - 1 });
}

/** Reference fused dot product: exact sum of products, rounded once; any NaR gives NaR. */
export function refDot(a: readonly number[], b: readonly number[]): number {
  let acc: Exact = { neg: false, mant: 0n, exp: 0 };
  for (let i = 0; i < a.length; i++) {
    const x = decodeExact(a[i] ?? 0);
    const y = decodeExact(b[i] ?? 0);
    if (x === 'nar' || y === 'nar') return NAR;
    acc = addExact(acc, mulExact(x, y));
  }
  return roundExact(acc);
}

/** Reference binary32 bits -> posit32 (NaN/Inf give NaR). */
export function refFromF32Bits(f: number): number {
  const bits = f >>> 0;
  const ex = (bits >>> 23) & 0xff;
  const man = bits & 0x7fffff;
  if (ex === 0xff) return NAR;
  const neg = bits >>> 31 === 1;
  if (ex === 0) return roundExact({ neg, mant: BigInt(man), exp: -149 });
  return roundExact({ neg, mant: BigInt(man | 0x800000), exp: ex - 150 });
}

/** Reference posit32 -> binary32 bits (one rounding; NaR gives a NaN). */
export function refToF32Bits(p: number): number {
  const x = decodeExact(p);
  if (x === 'nar') return 0x7fc00000;
  // A posit32 has at most 28 significant bits, so the double is exact and fround rounds once.
  const v = Number(x.mant) * 2 ** x.exp * (x.neg ? -1 : 1);
  return new Uint32Array(new Float32Array([v]).buffer)[0] ?? 0;
}
