// Posit and b-posit format parameters for the WASM kernel emitters, derived from the reference
// numerics' table (runtime/numerics/formats.ts) so widths and quire layout are the same by
// construction: field widths, scale range, quire geometry and the exported name prefixes.
import { POSIT_FORMATS, POSIT_SPECS } from '../../runtime/numerics/index.ts';
import type { PositFormat } from '../../runtime/numerics/index.ts';

/** The posit formats the WASM kernels implement (runtime/numerics names). */
export type PositFormatName = PositFormat;

/** Every format, in a stable order. */
export const POSIT_FORMAT_NAMES: readonly PositFormatName[] = POSIT_FORMATS;

/** Derived parameters of one format. */
export interface KernelFormat {
  readonly name: PositFormatName;
  /** Bits per value. */
  readonly n: 8 | 16 | 32;
  /** Exponent field width. */
  readonly es: number;
  /** Regime run cap; n - 1 (no cap) for standard posits. */
  readonly rs: number;
  /** True for b-posits: the regime cap can bind and minpos carries fraction bits. */
  readonly bounded: boolean;
  /** Bytes per stored value (1, 2 or 4; little-endian, zero-extended in an i32). */
  readonly bytes: 1 | 2 | 4;
  /** Largest and smallest scale (exponent of 2) of a nonzero value. */
  readonly maxScale: number;
  readonly minScale: number;
  /** Most fraction bits any value of the format carries (regime of length 2). */
  readonly fracMax: number;
  /** The NaR pattern. */
  readonly nar: number;
  /** maxpos pattern (minpos is 1). */
  readonly maxpos: number;
  /** Prefix of the exported scalar/array kernels (`p32_mul`). */
  readonly prefix: string;
  /** Prefix of the exported quire kernels (`q32_fma`). */
  readonly quirePrefix: string;
  readonly quire: QuireGeometry;
}

/**
 * Quire layout in linear memory: `limbs` little-endian i64 words, one two's-complement integer Q,
 * value = Q * 2^lsbExp. NaR is the pattern 1 followed by zeros (top limb INT64_MIN, others 0).
 */
export interface QuireGeometry {
  readonly bits: number;
  readonly limbs: number;
  readonly bytes: number;
  /** Exponent of the weight of bit 0. */
  readonly lsbExp: number;
  /** Exponent of the weight of the sign bit (bit bits-1). */
  readonly signExp: number;
}

function quire(bits: number, lsbExp: number): QuireGeometry {
  return { bits, limbs: bits / 64, bytes: bits / 8, lsbExp, signExp: lsbExp + bits - 1 };
}

const PREFIX: Readonly<Record<PositFormatName, readonly [string, string]>> = {
  posit8: ['p8', 'q8'],
  posit16: ['p16', 'q16'],
  posit32: ['p32', 'q32'],
  bposit16: ['bp16', 'qbp16'],
  bposit32: ['bp32', 'qbp32'],
};

function derive(name: PositFormatName): KernelFormat {
  const s = POSIT_SPECS[name];
  const [prefix, quirePrefix] = PREFIX[name];
  if (s.quireBits % 64 !== 0) throw new Error(`quire of ${name} is not a whole number of i64 limbs`);
  return {
    name,
    n: s.nbits as 8 | 16 | 32,
    es: s.es,
    rs: s.maxRegime,
    bounded: s.maxRegime < s.nbits - 1,
    bytes: (s.nbits / 8) as 1 | 2 | 4,
    maxScale: s.maxScale,
    minScale: s.minScale,
    fracMax: s.maxFracBits,
    nar: s.nar,
    maxpos: s.maxpos,
    prefix,
    quirePrefix,
    quire: quire(s.quireBits, -s.quireFracBits),
  };
}

const TABLE: Readonly<Record<PositFormatName, KernelFormat>> = {
  posit8: derive('posit8'),
  posit16: derive('posit16'),
  posit32: derive('posit32'),
  bposit16: derive('bposit16'),
  bposit32: derive('bposit32'),
};

/** Parameters of a format by name. */
export function positFormat(name: PositFormatName): KernelFormat {
  return TABLE[name];
}
