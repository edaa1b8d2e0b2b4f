// The number formats tilegate computes in: names, and for each posit/b-posit format its layout
// constants (width, exponent size, regime cap, quire layout, special patterns).
// Everything else in runtime/numerics, the WASM kernels and the simulator read these tables;
// spec/numerics.md derives every number here.

/** A posit-family format: posit<n,2> (Posit Standard 2022) or a bounded posit (regime run <= 6, es = 5). */
export type PositFormat = 'posit8' | 'posit16' | 'posit32' | 'bposit16' | 'bposit32';

/** Every format a kernel can compute in. */
export type NumericFormat = 'f32' | 'f64' | PositFormat;

/** The posit-family formats, narrowest first. */
export const POSIT_FORMATS: readonly PositFormat[] = ['posit8', 'posit16', 'posit32', 'bposit16', 'bposit32'];

/** Every numeric format name, in the order the CLI lists them. */
export const NUMERIC_FORMATS: readonly NumericFormat[] = ['f32', 'f64', ...POSIT_FORMATS];

/** True for the posit-family format names. */
export function isPositFormat(f: string): f is PositFormat {
  return (POSIT_FORMATS as readonly string[]).includes(f);
}

/** True for every numeric format name. */
export function isNumericFormat(f: string): f is NumericFormat {
  return (NUMERIC_FORMATS as readonly string[]).includes(f);
}

/** Layout constants of one posit-family format. Patterns are unsigned numbers 0..2^nbits-1. */
export interface PositSpec {
  readonly name: PositFormat;
  readonly nbits: number;
  readonly es: number;
  /** Longest regime run: n-1 for posits (uncapped), 6 for b-posits. */
  readonly maxRegime: number;
  /** Total quire width in bits (two's complement). */
  readonly quireBits: number;
  readonly nar: number;
  readonly maxpos: number;
  readonly minpos: number;
  readonly one: number;
  /** Most fraction bits any pattern carries (regime of 2 bits): n - 3 - es. */
  readonly maxFracBits: number;
  /** Scale (binary exponent) of maxpos and of minpos. */
  readonly maxScale: number;
  readonly minScale: number;
  /** Quire: bits below the binary point (its LSB is 2^-quireFracBits), integer bits, carry-guard bits. */
  readonly quireFracBits: number;
  readonly quireIntBits: number;
  readonly quireCarryBits: number;
}

function positSpec(name: PositFormat, nbits: number): PositSpec {
  const es = 2;
  const top = 4 * (nbits - 2); // maxpos = 2^(4(n-2)); minpos = its reciprocal
  const quireBits = 16 * nbits;
  return {
    name,
    nbits,
    es,
    maxRegime: nbits - 1,
    quireBits,
    nar: 2 ** (nbits - 1),
    maxpos: 2 ** (nbits - 1) - 1,
    minpos: 1,
    one: 2 ** (nbits - 2),
    maxFracBits: nbits - 3 - es,
    maxScale: top,
    minScale: -top,
    quireFracBits: 2 * top,
    quireIntBits: 2 * top,
    quireCarryBits: quireBits - 1 - 4 * top,
  };
}

// b-posit quire: the lowest product bit is (lsb of minpos)^2 = 2^(2(-192 - fbMin)), where fbMin is
// the fraction width beside a full 6-bit regime (n - 1 - 6 - 5); the highest is below maxpos^2 < 2^384.
function bpositSpec(name: PositFormat, nbits: number, quireBits: number): PositSpec {
  const es = 5;
  const fbMin = nbits - 1 - 6 - es;
  const quireFracBits = 2 * (192 + fbMin);
  const quireIntBits = 384;
  return {
    name,
    nbits,
    es,
    maxRegime: 6,
    quireBits,
    nar: 2 ** (nbits - 1),
    maxpos: 2 ** (nbits - 1) - 1,
    minpos: 1,
    one: 2 ** (nbits - 2),
    maxFracBits: nbits - 3 - es,
    maxScale: 191,
    minScale: -192,
    quireFracBits,
    quireIntBits,
    quireCarryBits: quireBits - 1 - quireIntBits - quireFracBits,
  };
}

/** Layout constants of every posit-family format. */
export const POSIT_SPECS: Readonly<Record<PositFormat, PositSpec>> = {
  posit8: positSpec('posit8', 8),
  posit16: positSpec('posit16', 16),
  posit32: positSpec('posit32', 32),
  bposit16: bpositSpec('bposit16', 16, 832),
  bposit32: bpositSpec('bposit32', 32, 896),
};
