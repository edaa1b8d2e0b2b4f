// Quire headroom is exact: for every posit format the guard-bit count computed in BigInt from the
// quire layout agrees with the reference quire (runtime/numerics) on where overflow starts. The
// reference quire is loaded just below capacity, then fed maxpos^2 products until it turns NaR.
import { describe, expect, it } from 'vitest';
import { floorLog2Ratio, guardBitsOf, quireLimits } from '../../compiler/coeffects/quire.ts';
import { POSIT_FORMATS, POSIT_SPECS, Quire, type PositFormat } from '../../runtime/numerics/index.ts';

/** Two's-complement little-endian 32-bit words of a non-negative BigInt in `bits` bits. */
function words(v: bigint, bits: number): Uint32Array {
  const out = new Uint32Array(bits / 32);
  for (let i = 0; i < out.length; i++) out[i] = Number((v >> BigInt(32 * i)) & 0xffffffffn);
  return out;
}

/** Largest number of maxpos^2 products the quire of `fmt` holds. */
function maxProducts(fmt: PositFormat): bigint {
  const l = quireLimits(fmt);
  return l.capacity / l.maxProduct;
}

describe('quire limits', () => {
  it('match the Posit Standard for posit<n,2>: 31 carry bits, so 2^31 - 1 products of maxpos^2', () => {
    for (const f of ['posit8', 'posit16', 'posit32'] as const) {
      expect(POSIT_SPECS[f].quireCarryBits).toBe(31);
      expect(maxProducts(f)).toBe(2n ** 31n - 1n);
      expect(quireLimits(f).maxProduct).toBe(1n << BigInt(2 * POSIT_SPECS[f].quireFracBits));
    }
  });

  it('put the reference quire into NaR exactly one product past the computed capacity', () => {
    for (const f of POSIT_FORMATS) {
      const spec = POSIT_SPECS[f];
      const l = quireLimits(f);
      const kmax = maxProducts(f);
      const q = new Quire(f);
      q.loadWords(words((kmax - 1n) * l.maxProduct, spec.quireBits));
      q.mulAdd(spec.maxpos, spec.maxpos);
      expect(q.isNaR, `${f}: k = kmax fits`).toBe(false);
      q.mulAdd(spec.maxpos, spec.maxpos);
      expect(q.isNaR, `${f}: k = kmax + 1 overflows`).toBe(true);
    }
  });

  it('give guard bits >= 0 exactly up to the capacity and -1 just past it', () => {
    // Term counts are JS numbers: check the formats whose capacity is an exact double.
    for (const f of POSIT_FORMATS.filter((x) => maxProducts(x) < 2n ** 53n)) {
      const kmax = Number(maxProducts(f));
      expect(guardBitsOf(f, { products: kmax, addends: 0 })).toBe(0);
      expect(guardBitsOf(f, { products: kmax + 1, addends: 0 })).toBe(-1);
    }
  });
});

describe('guard bits', () => {
  it('of the drift_digits hidden layer (784 products + bias) in posit32 are 31 - 10 = 21', () => {
    expect(guardBitsOf('posit32', { products: 784, addends: 1 })).toBe(21);
  });

  it('drop by one each time k doubles past a power of two', () => {
    expect(guardBitsOf('posit16', { products: 1, addends: 0 })).toBe(30);
    expect(guardBitsOf('posit16', { products: 1023, addends: 0 })).toBe(21);
    expect(guardBitsOf('posit16', { products: 1024, addends: 0 })).toBe(20);
    expect(guardBitsOf('posit16', { products: 2048, addends: 0 })).toBe(19);
  });

  it('count single addends (bias, Mean terms) as maxpos, not maxpos^2', () => {
    // posit32: maxpos = 2^120 sits 120 bits below maxpos^2, so a sum of addends has 150 spare bits.
    expect(guardBitsOf('posit32', { products: 0, addends: 1 })).toBe(150);
    expect(guardBitsOf('posit32', { products: 0, addends: 4 })).toBe(148);
  });

  it('are wider for b-posits, whose quires keep more carry bits', () => {
    expect(guardBitsOf('bposit32', { products: 784, addends: 1 })).toBeGreaterThan(guardBitsOf('posit32', { products: 784, addends: 1 }));
    expect(POSIT_SPECS.bposit32.quireBits).toBe(896);
  });
});

describe('floorLog2Ratio', () => {
  it('is exact on both sides of 1', () => {
    expect(floorLog2Ratio(8n, 1n)).toBe(3);
    expect(floorLog2Ratio(15n, 2n)).toBe(2);
    expect(floorLog2Ratio(1n, 1n)).toBe(0);
    expect(floorLog2Ratio(1n, 2n)).toBe(-1);
    expect(floorLog2Ratio(3n, 7n)).toBe(-2);
    expect(floorLog2Ratio(1n, 9n)).toBe(-4);
  });
});
