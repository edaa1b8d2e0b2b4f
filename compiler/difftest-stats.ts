// Error statistics of difftest for one layer in one format: absolute and relative error against
// the f64 reference, the ULP distance in the target format (posits: distance between bit
// patterns read as signed integers; f32: between IEEE patterns in monotone order) binned on a
// log2 scale, bit-exact agreement with the reference interpreter in that format, and the flip
// rate of routing decisions (hard gates, Top1) against f64's. Pure functions over f64 arrays.
import type { NumericFormat } from '../ir/meta.ts';
import { isPositFormat, positOps, type PositFormat } from '../runtime/numerics/index.ts';

/** Upper ends (exclusive) of the ULP bins after bin 0 (exactly 0 ULP): [1,2), [2,4), ... [2^29, 2^30), then >= 2^30. */
export const ULP_BIN_EDGES: readonly number[] = Array.from({ length: 31 }, (_, k) => 2 ** k);

/** Label of ULP bin i (0 = exact). */
export function ulpBinLabel(i: number): string {
  if (i === 0) return '0';
  const lo = 2 ** (i - 1);
  if (i > 30) return `>=${2 ** 30}`;
  return lo === 2 ** i - 1 ? String(lo) : `${lo}-${2 ** i - 1}`;
}

/** Statistics of one layer in one format. */
export interface LayerStats {
  readonly elements: number;
  readonly maxAbsError: number;
  /** Over elements whose f64 reference is nonzero. */
  readonly maxRelError: number;
  readonly ulp: { readonly max: number; readonly mean: number; readonly bins: readonly number[] };
  /** Elements that are NaR/NaN in the format while the f64 reference is finite, or the reverse. */
  readonly nonFinite: number;
  readonly bitExact: { readonly matched: number; readonly total: number; readonly fraction: number };
  readonly routingFlips?: { readonly flipped: number; readonly total: number; readonly rate: number };
}

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** The monotone integer of a value in a format (posit pattern sign-extended; f32 sign-magnitude folded). */
export function orderedBits(format: NumericFormat, v: number): number | undefined {
  if (Number.isNaN(v)) return undefined;
  if (isPositFormat(format)) {
    const ops = positOps(format as PositFormat);
    const p = ops.fromF64(v);
    if (p === ops.spec.nar) return undefined;
    const shift = 32 - ops.spec.nbits;
    return (p << shift) >> shift;
  }
  if (format === 'f32') {
    F32[0] = v;
    const b = U32[0] as number;
    return b & 0x80000000 ? -(b & 0x7fffffff) : b;
  }
  return v;
}

/** The ULP bin of a distance. */
export function ulpBin(d: number): number {
  if (d === 0) return 0;
  return Math.min(31, Math.floor(Math.log2(d)) + 1);
}

/** Compares one layer: `got` from the backend in `format`, `exactRef` from the interpreter in `format`, `f64` from the interpreter in f64. */
export function layerStats(format: NumericFormat, got: ArrayLike<number>, exactRef: ArrayLike<number>, f64: ArrayLike<number>, routing: boolean): LayerStats {
  const bins = new Array<number>(32).fill(0);
  let maxAbs = 0;
  let maxRel = 0;
  let maxUlp = 0;
  let sumUlp = 0;
  let counted = 0;
  let nonFinite = 0;
  let matched = 0;
  let flipped = 0;
  for (let i = 0; i < got.length; i++) {
    const g = got[i] as number;
    const r = f64[i] as number;
    if (Object.is(g, exactRef[i])) matched++;
    if (routing && (g !== 0) !== (r !== 0)) flipped++;
    const a = orderedBits(format, g);
    const b = orderedBits(format, r);
    if (a === undefined || b === undefined || !Number.isFinite(r)) {
      if ((a === undefined) !== (b === undefined) || !Number.isFinite(r)) nonFinite++;
      continue;
    }
    const err = Math.abs(g - r);
    maxAbs = Math.max(maxAbs, err);
    if (r !== 0) maxRel = Math.max(maxRel, err / Math.abs(r));
    const d = Math.abs(a - b);
    maxUlp = Math.max(maxUlp, d);
    sumUlp += d;
    counted++;
    bins[ulpBin(d)]! += 1;
  }
  const total = got.length;
  return {
    elements: total,
    maxAbsError: maxAbs,
    maxRelError: maxRel,
    ulp: { max: maxUlp, mean: counted === 0 ? 0 : sumUlp / counted, bins },
    nonFinite,
    bitExact: { matched, total, fraction: total === 0 ? 1 : matched / total },
    ...(routing ? { routingFlips: { flipped, total, rate: total === 0 ? 0 : flipped / total } } : {}),
  };
}
