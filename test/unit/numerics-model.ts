// Exact BigInt model of posit and b-posit arithmetic for the numerics tests, written independently
// of runtime/numerics: patterns are read as bit strings into exact rationals, arithmetic is exact,
// and results are rounded by building the unbounded posit bit string as text, cutting it to n bits
// and rounding to nearest-even on that string, then saturating. Slow, simple, and easy to audit.
import type { PositFormat } from '../../runtime/numerics/index.ts';

/** Layout as the model sees it: width, exponent bits, regime cap (Infinity for standard posits). */
export interface ModelFormat {
  readonly n: number;
  readonly es: number;
  readonly rs: number;
}

/** The five formats. */
export const MODEL_FORMATS: Readonly<Record<PositFormat, ModelFormat>> = {
  posit8: { n: 8, es: 2, rs: Infinity },
  posit16: { n: 16, es: 2, rs: Infinity },
  posit32: { n: 32, es: 2, rs: Infinity },
  bposit16: { n: 16, es: 5, rs: 6 },
  bposit32: { n: 32, es: 5, rs: 6 },
};

/** An exact rational num/den with den > 0; NaR is the string 'NaR'. */
export interface Rat {
  readonly num: bigint;
  readonly den: bigint;
}

/** Exact value of a pattern: num/den as m * 2^e; 'NaR' for the NaR pattern. */
export function decodeExact(f: ModelFormat, p: number): Rat | 'NaR' {
  const bits = p.toString(2).padStart(f.n, '0');
  if (/^0+$/.test(bits)) return { num: 0n, den: 1n };
  if (bits === `1${'0'.repeat(f.n - 1)}`) return 'NaR';
  const negative = bits[0] === '1';
  const mag = negative ? (2 ** f.n - p).toString(2).padStart(f.n, '0') : bits;
  const body = mag.slice(1);
  const first = body[0]!;
  let run = 0;
  while (run < body.length && run < f.rs && body[run] === first) run++;
  const k = first === '1' ? run - 1 : -run;
  let i = run;
  if (run < f.rs && i < body.length) i++; // terminator
  const expBits = body.slice(i, i + f.es).padEnd(f.es, '0');
  const fracBits = body.slice(i + f.es);
  const scale = k * 2 ** f.es + parseInt(expBits, 2);
  const frac = fracBits.length ? BigInt(`0b${fracBits}`) : 0n;
  const m = (1n << BigInt(fracBits.length)) + frac;
  const e = scale - fracBits.length;
  const sign = negative ? -1n : 1n;
  return lowest(e >= 0 ? { num: sign * (m << BigInt(e)), den: 1n } : { num: sign * m, den: 1n << BigInt(-e) });
}

/** num/den in lowest terms (den is a power of two here). */
function lowest(x: Rat): Rat {
  let { num, den } = x;
  while (den > 1n && (num & 1n) === 0n) {
    num >>= 1n;
    den >>= 1n;
  }
  return { num, den };
}

/** Rounds an exact rational to a pattern of `f` (bit-string RNE, saturating, never 0/NaR for x != 0). */
export function roundExact(f: ModelFormat, x: Rat): number {
  if (x.num === 0n) return 0;
  const negative = x.num < 0n;
  let num = negative ? -x.num : x.num;
  let den = x.den;
  // scale s = floor(log2(num/den))
  let s = num.toString(2).length - den.toString(2).length;
  if (s >= 0 ? num < den << BigInt(s) : num << BigInt(-s) < den) s--;
  if (s >= 0) den <<= BigInt(s);
  else num <<= BigInt(-s);
  const k = Math.floor(s / 2 ** f.es);
  const e = s - k * 2 ** f.es;
  const maxBody = 2 ** (f.n - 1) - 1;
  let body: number;
  const run = k >= 0 ? k + 1 : -k;
  if (run > f.rs) {
    body = k >= 0 ? maxBody : 1; // outside the b-posit regime range
  } else {
    let str = k >= 0 ? '1'.repeat(run) + (run < f.rs ? '0' : '') : '0'.repeat(run) + (run < f.rs ? '1' : '');
    str += e.toString(2).padStart(f.es, '0');
    let rem = num - den; // fraction = rem/den in [0, 1)
    while (str.length < f.n) {
      rem *= 2n;
      if (rem >= den) {
        str += '1';
        rem -= den;
      } else str += '0';
    }
    const kept = str.slice(0, f.n - 1);
    const roundBit = str[f.n - 1] === '1';
    const sticky = str.slice(f.n).includes('1') || rem !== 0n;
    body = parseInt(kept, 2);
    if (roundBit && (sticky || body % 2 === 1)) body++;
    if (body > maxBody) body = maxBody;
    if (body === 0) body = 1;
  }
  return negative ? 2 ** f.n - body : body;
}

/** Exact binary operation in the model; NaR and x/0 give NaR. */
export function modelBinary(f: ModelFormat, op: 'add' | 'sub' | 'mul' | 'div', a: number, b: number): number {
  const x = decodeExact(f, a);
  const y = decodeExact(f, b);
  const nar = 2 ** (f.n - 1);
  if (x === 'NaR' || y === 'NaR') return nar;
  switch (op) {
    case 'add':
      return roundExact(f, { num: x.num * y.den + y.num * x.den, den: x.den * y.den });
    case 'sub':
      return roundExact(f, { num: x.num * y.den - y.num * x.den, den: x.den * y.den });
    case 'mul':
      return roundExact(f, { num: x.num * y.num, den: x.den * y.den });
    case 'div': {
      if (y.num === 0n) return nar;
      const num = x.num * y.den;
      const den = x.den * y.num;
      return den < 0n ? roundExact(f, { num: -num, den: -den }) : roundExact(f, { num, den });
    }
  }
}

/** Square root in the model: floor of a 200-bit-scaled integer root plus a far sticky half-unit. */
export function modelSqrt(f: ModelFormat, a: number): number {
  const x = decodeExact(f, a);
  const nar = 2 ** (f.n - 1);
  if (x === 'NaR' || x.num < 0n) return nar;
  if (x.num === 0n) return 0;
  const K = 400n; // root scaled by 2^200; every rounding boundary of these formats lies far above 2^-200
  const scaled = (x.num << K) / x.den; // floor; floor(sqrt(floor(y))) = floor(sqrt(y))
  const exact = (x.num << K) % x.den === 0n;
  const r = isqrt(scaled);
  const inexact = !exact || r * r !== scaled;
  // sqrt(x) = r/2^200 (+ something in (0, 2^-200) when inexact): model it as r + 1/2 units.
  return roundExact(f, { num: inexact ? 2n * r + 1n : 2n * r, den: 1n << (K / 2n + 1n) });
}

function isqrt(v: bigint): bigint {
  if (v < 2n) return v;
  let x = 1n << BigInt(Math.ceil(v.toString(2).length / 2));
  for (;;) {
    const y = (x + v / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** Exact sum of products (plus an optional addend), rounded once: the model of a quire dot product. */
export function modelDot(f: ModelFormat, a: readonly number[], b: readonly number[], bias?: number): number {
  let acc: Rat = { num: 0n, den: 1n };
  const terms: [Rat | 'NaR', Rat | 'NaR'][] = a.map((ai, i) => [decodeExact(f, ai), decodeExact(f, b[i]!)]);
  if (bias !== undefined) terms.push([decodeExact(f, bias), { num: 1n, den: 1n }]);
  for (const [x, y] of terms) {
    if (x === 'NaR' || y === 'NaR') return 2 ** (f.n - 1);
    const num = x.num * y.num;
    const den = x.den * y.den; // powers of two: keep the larger denominator
    acc = den >= acc.den ? { num: acc.num * (den / acc.den) + num, den } : { num: acc.num + num * (acc.den / den), den: acc.den };
  }
  return roundExact(f, acc);
}
