// Property tests (fast-check) of the scalar posit/b-posit ops in every format: algebraic
// symmetries that bit-string rounding must keep, monotonic f64 rounding, NaR propagation, and
// agreement with the independent exact BigInt model (numerics-model.ts) on random operands.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POSIT_FORMATS, POSIT_SPECS, positOps, viaF64, type PositFormat } from '../../runtime/numerics/index.ts';
import { MODEL_FORMATS, modelBinary, modelSqrt, roundExact, type Rat } from './numerics-model.ts';

/** The exact rational value of a finite double. */
function ratOfDouble(x: number): Rat {
  let m = Math.abs(x);
  let e = 0n;
  while (m !== Math.floor(m)) {
    m *= 2;
    e++;
  }
  return { num: BigInt(m) * (x < 0 ? -1n : 1n), den: 1n << e };
}

const RUNS = { numRuns: 2000 };

/** Any pattern of the format, with the special ones (0, NaR, +-1, +-minpos, +-maxpos) boosted. */
function pattern(fmt: PositFormat): fc.Arbitrary<number> {
  const s = POSIT_SPECS[fmt];
  const two = 2 ** s.nbits;
  const specials = [0, s.nar, s.one, two - s.one, s.minpos, two - s.minpos, s.maxpos, two - s.maxpos];
  return fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...specials) }, { weight: 6, arbitrary: fc.integer({ min: 0, max: two - 1 }) });
}

/** Non-NaR patterns. */
function real(fmt: PositFormat): fc.Arbitrary<number> {
  return pattern(fmt).filter((p) => p !== POSIT_SPECS[fmt].nar);
}

describe.each(POSIT_FORMATS)('%s', (fmt) => {
  const ops = positOps(fmt);
  const { nar, one } = POSIT_SPECS[fmt];
  const model = MODEL_FORMATS[fmt];

  it('add and mul are commutative', () => {
    fc.assert(
      fc.property(pattern(fmt), pattern(fmt), (a, b) => {
        expect(ops.add(a, b)).toBe(ops.add(b, a));
        expect(ops.mul(a, b)).toBe(ops.mul(b, a));
      }),
      RUNS,
    );
  });

  it('x*1 = x, x/1 = x, x+0 = x', () => {
    fc.assert(
      fc.property(pattern(fmt), (x) => {
        expect(ops.mul(x, one)).toBe(x);
        expect(ops.div(x, one)).toBe(x);
        expect(ops.add(x, 0)).toBe(x);
      }),
      RUNS,
    );
  });

  it('negation: neg(neg x) = x and rounding is symmetric', () => {
    fc.assert(
      fc.property(pattern(fmt), pattern(fmt), (a, b) => {
        const n = ops.neg;
        expect(n(n(a))).toBe(a);
        expect(ops.add(n(a), n(b))).toBe(n(ops.add(a, b)));
        expect(ops.sub(a, b)).toBe(n(ops.sub(b, a)));
        expect(ops.mul(n(a), b)).toBe(n(ops.mul(a, b)));
        expect(ops.div(a, n(b))).toBe(n(ops.div(a, b)));
      }),
      RUNS,
    );
  });

  it('fromF64 rounds monotonically', () => {
    const dbl = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(dbl, dbl, (x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        expect(ops.compare(ops.fromF64(lo), ops.fromF64(hi))).toBeLessThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it('fromF64 agrees with the model at and beside midpoints of neighbouring patterns', () => {
    fc.assert(
      fc.property(real(fmt), fc.constantFrom(-1, 0, 1), (p, side) => {
        // The pattern above p is p+1 (mod 2^n); skip maxpos, whose successor is NaR.
        const q = p;
        if (q === POSIT_SPECS[fmt].maxpos) return;
        const x = ops.toF64(q);
        const y = ops.toF64((q + 1) % 2 ** POSIT_SPECS[fmt].nbits);
        if (Number.isNaN(y)) return;
        const mid = (x + y) / 2;
        const v = side === 0 ? mid : mid * (1 + side * 2 ** -50);
        expect(ops.fromF64(v)).toBe(roundExact(model, ratOfDouble(v)));
      }),
      RUNS,
    );
  });

  it('toF64 is exact: fromF64(toF64 p) = p, and compare agrees with the values', () => {
    fc.assert(
      fc.property(real(fmt), real(fmt), (a, b) => {
        expect(ops.fromF64(ops.toF64(a))).toBe(a);
        const va = ops.toF64(a);
        const vb = ops.toF64(b);
        expect(ops.compare(a, b)).toBe(va < vb ? -1 : va > vb ? 1 : 0);
      }),
      RUNS,
    );
  });

  it('NaR propagates through every op and sorts below everything', () => {
    fc.assert(
      fc.property(pattern(fmt), (x) => {
        for (const op of ['add', 'sub', 'mul', 'div'] as const) {
          expect(ops[op](x, nar)).toBe(nar);
          expect(ops[op](nar, x)).toBe(nar);
        }
        expect(ops.div(x, 0)).toBe(nar);
        expect(ops.sqrt(nar)).toBe(nar);
        expect(Number.isNaN(ops.toF64(nar))).toBe(true);
        if (x !== nar) expect(ops.compare(nar, x)).toBe(-1);
      }),
      RUNS,
    );
    expect(ops.fromF64(NaN)).toBe(nar);
    expect(ops.fromF64(Infinity)).toBe(nar);
    expect(ops.fromF64(-Infinity)).toBe(nar);
    expect(ops.fromF64(-0)).toBe(0);
  });

  it('+ - * / sqrt agree with the exact BigInt model', () => {
    fc.assert(
      fc.property(pattern(fmt), pattern(fmt), (a, b) => {
        for (const op of ['add', 'sub', 'mul', 'div'] as const) expect(ops[op](a, b)).toBe(modelBinary(model, op, a, b));
        expect(ops.sqrt(a)).toBe(modelSqrt(model, a));
      }),
      { numRuns: 1500 },
    );
  });

  it('near-cancellation and far-apart sums agree with the model', () => {
    // a + (-a') with a' a few ulps from a, and a + tiny: the cases that stress alignment and sticky bits
    const two = 2 ** POSIT_SPECS[fmt].nbits;
    fc.assert(
      fc.property(real(fmt), fc.integer({ min: -3, max: 3 }), fc.integer({ min: 1, max: 40 }), (a, d, far) => {
        const b = (two - ((a + d + two) % two)) % two;
        expect(ops.add(a, b)).toBe(modelBinary(model, 'add', a, b));
        const tiny = far; // small patterns are tiny magnitudes
        expect(ops.add(a, tiny)).toBe(modelBinary(model, 'add', a, tiny));
        expect(ops.sub(a, tiny)).toBe(modelBinary(model, 'sub', a, tiny));
      }),
      RUNS,
    );
  });
});

describe('transcendental rule (viaF64)', () => {
  it('rounds the f64 result once, saturates f64 overflow and keeps NaR', () => {
    for (const fmt of POSIT_FORMATS) {
      const ops = positOps(fmt);
      const { nar, maxpos, one } = POSIT_SPECS[fmt];
      expect(viaF64(ops, one, Math.exp)).toBe(ops.fromF64(Math.E));
      expect(viaF64(ops, maxpos, Math.exp)).toBe(maxpos); // e^maxpos overflows f64: saturate, not NaR
      expect(viaF64(ops, ops.neg(maxpos), (x) => -Math.exp(-x))).toBe(ops.neg(maxpos));
      expect(viaF64(ops, nar, Math.tanh)).toBe(nar);
      expect(viaF64(ops, ops.neg(one), Math.sqrt)).toBe(nar); // NaN out
      expect(viaF64(ops, 0, Math.tanh)).toBe(0);
    }
  });
});
