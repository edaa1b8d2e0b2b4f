// Quire analysis of one exact accumulation: its width, its accumulation length k and its headroom
// in guard bits, computed exactly (BigInt) from the quire layout of runtime/numerics/formats.ts.
// numeric-select calls `quireFactOf` for every Dense, Combine and Mean value in a posit format.
import type { Graph } from '../../ir/graph.ts';
import type { Node, NodeId } from '../../ir/nodes.ts';
import { positOps, POSIT_SPECS, type PositFormat } from '../../runtime/numerics/index.ts';
import { capabilityOf } from './capability.ts';
import type { QuireFact, QuireSum } from './keys.ts';

/** The terms of one accumulation: products of two values, and single values added in. */
export interface QuireTerms {
  readonly products: number;
  readonly addends: number;
}

/**
 * The terms a quire op sums before its one rounding (spec/ir.md section 2): Dense fan-in
 * products plus the bias, Combine one product per expert, Mean one value per batch row.
 * Undefined for ops outside the `quire` category.
 */
export function quireTermsOf(n: Node, graph: Graph, batch: number): QuireTerms | undefined {
  switch (n.kind) {
    case 'Dense': {
      const w = graph.nodes[n.weight];
      const fanIn = w?.kind === 'Param' ? (w.shape[1] ?? 1) : 1;
      return { products: fanIn, addends: 1 };
    }
    case 'Combine':
      return { products: n.experts.length, addends: 0 };
    case 'Mean':
      return { products: 0, addends: batch };
    default:
      return undefined;
  }
}

/** An exact binary value `m * 2^e` (m an integer). */
interface Dyadic {
  readonly m: bigint;
  readonly e: number;
}

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);

/** Splits a finite positive double into an odd integer mantissa and a power of two, exactly. */
function dyadicOf(x: number): Dyadic {
  F64[0] = x;
  const bits = U64[0] as bigint;
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  let m = exp === 0 ? frac : frac | (1n << 52n);
  let e = exp === 0 ? -1074 : exp - 1075;
  while (m > 0n && (m & 1n) === 0n) {
    m >>= 1n;
    e++;
  }
  return { m, e };
}

/** The layout numbers the headroom needs, per format (exact, in units of the quire's LSB). */
interface QuireLimits {
  readonly bits: number;
  /** Largest magnitude the quire holds: 2^(bits-1) - 1 (the pattern 100...0 is NaR). */
  readonly capacity: bigint;
  /** maxpos^2 and maxpos in LSB units. */
  readonly maxProduct: bigint;
  readonly maxValue: bigint;
}

const LIMITS = new Map<PositFormat, QuireLimits>();

/** Quire limits of a format, from POSIT_SPECS and the exact value of maxpos. */
export function quireLimits(fmt: PositFormat): QuireLimits {
  const cached = LIMITS.get(fmt);
  if (cached) return cached;
  const spec = POSIT_SPECS[fmt];
  const { m, e } = dyadicOf(positOps(fmt).toF64(spec.maxpos));
  const shift = (k: number): bigint => (k >= 0 ? 1n << BigInt(k) : 0n);
  // maxpos^2 and maxpos are exact multiples of the quire's LSB 2^-quireFracBits by its layout.
  const limits: QuireLimits = {
    bits: spec.quireBits,
    capacity: (1n << BigInt(spec.quireBits - 1)) - 1n,
    maxProduct: m * m * shift(2 * e + spec.quireFracBits),
    maxValue: m * shift(e + spec.quireFracBits),
  };
  LIMITS.set(fmt, limits);
  return limits;
}

/** floor(log2(a / b)) for positive integers, exactly; negative when a < b. */
export function floorLog2Ratio(a: bigint, b: bigint): number {
  if (a >= b) return (a / b).toString(2).length - 1;
  let k = 0;
  while (a << BigInt(k) < b) k++;
  return -k;
}

/** Headroom in guard bits of summing `terms` worst-case terms in the quire of `fmt`. */
export function guardBitsOf(fmt: PositFormat, terms: QuireTerms): number {
  const l = quireLimits(fmt);
  const worst = BigInt(terms.products) * l.maxProduct + BigInt(terms.addends) * l.maxValue;
  return worst === 0n ? floorLog2Ratio(l.capacity, 1n) : floorLog2Ratio(l.capacity, worst);
}

/** Which values carry a tangent and which parameters are perturbed (from the jvp plan or the learn mode). */
export interface TangentView {
  readonly carries: (id: NodeId) => boolean;
}

/**
 * The terms of the tangent sum of a quire op (spec/jvp.md): a Dense sums W.dx (when x carries a
 * tangent) and dW.x (when W does) plus db; a Combine sums dw.E and w.dE; a Mean sums B tangents.
 */
export function tangentTermsOf(n: Node, graph: Graph, batch: number, t: TangentView): QuireTerms | undefined {
  if (!t.carries(n.id)) return undefined;
  switch (n.kind) {
    case 'Dense': {
      const fanIn = quireTermsOf(n, graph, batch)?.products ?? 0;
      return { products: (t.carries(n.x) ? fanIn : 0) + (t.carries(n.weight) ? fanIn : 0), addends: t.carries(n.bias) ? 1 : 0 };
    }
    case 'Combine':
      return { products: (t.carries(n.weights) ? n.experts.length : 0) + n.experts.filter((e) => t.carries(e)).length, addends: 0 };
    case 'Mean':
      return { products: 0, addends: batch };
    default:
      return undefined;
  }
}

function sumOf(fmt: PositFormat, t: QuireTerms): QuireSum {
  return { terms: t.products + t.addends, products: t.products, addends: t.addends, guardBits: guardBitsOf(fmt, t) };
}

/** The quire fact of a quire op in format `fmt`, or undefined when the node accumulates nothing. */
export function quireFactOf(n: Node, graph: Graph, fmt: PositFormat, batch: number, tangents?: TangentView): QuireFact | undefined {
  const t = quireTermsOf(n, graph, batch);
  if (!t) return undefined;
  const dt = tangents ? tangentTermsOf(n, graph, batch, tangents) : undefined;
  return { bits: POSIT_SPECS[fmt].quireBits, ...sumOf(fmt, t), capability: capabilityOf(fmt), ...(dt ? { tangent: sumOf(fmt, dt) } : {}) };
}
