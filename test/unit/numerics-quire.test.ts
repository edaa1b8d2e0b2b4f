// Quire tests: exactness against the BigInt model (numerics-model.ts) for random short dot
// products in every format, b-posit products below 2^-384 included; independence of term order;
// sticky NaR; overflow of the carry guard to NaR (never a silent wrap); layout constants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fdp, POSIT_FORMATS, POSIT_SPECS, positOps, Quire, type PositFormat } from '../../runtime/numerics/index.ts';
import { MODEL_FORMATS, modelDot } from './numerics-model.ts';

/** Patterns spread over the whole range, with tiny (near minpos) and huge (near maxpos) ones boosted. */
function operand(fmt: PositFormat): fc.Arbitrary<number> {
  const s = POSIT_SPECS[fmt];
  const two = 2 ** s.nbits;
  const tiny = fc.integer({ min: 1, max: 40 });
  const huge = fc.integer({ min: s.maxpos - 40, max: s.maxpos });
  const anyReal = fc.integer({ min: 0, max: two - 1 }).filter((p) => p !== s.nar);
  const signed = (a: fc.Arbitrary<number>): fc.Arbitrary<number> => fc.tuple(a, fc.boolean()).map(([p, neg]) => (neg ? positOps(fmt).neg(p) : p));
  return fc.oneof({ weight: 4, arbitrary: anyReal }, { weight: 1, arbitrary: signed(tiny) }, { weight: 1, arbitrary: signed(huge) });
}

function pairs(fmt: PositFormat, maxLength: number): fc.Arbitrary<[number, number][]> {
  return fc.array(fc.tuple(operand(fmt), operand(fmt)), { minLength: 1, maxLength });
}

describe.each(POSIT_FORMATS)('%s quire', (fmt) => {
  const model = MODEL_FORMATS[fmt];
  const { nar } = POSIT_SPECS[fmt];

  it('rounds the exact dot product once (vs the BigInt model)', () => {
    fc.assert(
      fc.property(pairs(fmt, 8), fc.option(operand(fmt), { nil: undefined }), (ps, bias) => {
        const a = ps.map((p) => p[0]);
        const b = ps.map((p) => p[1]);
        expect(fdp(fmt, a, b, bias)).toBe(modelDot(model, a, b, bias));
      }),
      { numRuns: 1500 },
    );
  });

  it('gives the same result for any order of the terms', () => {
    fc.assert(
      fc.property(
        pairs(fmt, 12).chain((ps) => fc.tuple(fc.constant(ps), fc.shuffledSubarray(ps, { minLength: ps.length, maxLength: ps.length }))),
        ([ps, shuffled]) => {
          const run = (xs: [number, number][]): number =>
            fdp(
              fmt,
              xs.map((p) => p[0]),
              xs.map((p) => p[1]),
            );
          expect(run(shuffled)).toBe(run(ps));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('mulSub undoes mulAdd and cancels exactly to zero', () => {
    fc.assert(
      fc.property(pairs(fmt, 10), (ps) => {
        const q = new Quire(fmt);
        for (const [x, y] of ps) q.mulAdd(x, y);
        for (const [x, y] of ps) q.mulSub(x, y);
        expect(q.toPosit()).toBe(0);
        expect(Array.from(q.toWords()).every((w) => w === 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('NaR anywhere makes the quire NaR until clear()', () => {
    fc.assert(
      fc.property(pairs(fmt, 6), fc.nat(), fc.boolean(), (ps, at, inFirst) => {
        const q = new Quire(fmt);
        const k = at % (ps.length + 1);
        ps.forEach(([x, y], i) => {
          if (i === k) q.mulAdd(inFirst ? nar : x, inFirst ? y : nar);
          q.mulAdd(x, y);
        });
        if (k === ps.length) q.add(nar);
        expect(q.isNaR).toBe(true);
        q.mulAdd(POSIT_SPECS[fmt].one, POSIT_SPECS[fmt].one);
        expect(q.toPosit()).toBe(nar);
        q.clear();
        expect(q.isNaR).toBe(false);
        expect(q.toPosit()).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('holds minpos^2 exactly: n copies of minpos^2 sum to round(n * minpos^2)', () => {
    const q = new Quire(fmt);
    const { minpos } = POSIT_SPECS[fmt];
    for (let i = 0; i < 1000; i++) q.mulAdd(minpos, minpos);
    const a = new Array<number>(1000).fill(minpos);
    expect(q.toPosit()).toBe(modelDot(model, a, a));
  });
});

describe('quire layout', () => {
  it('is 16n bits for posits and exact for every b-posit product', () => {
    expect([8, 16, 32].map((n) => POSIT_SPECS[`posit${n}` as PositFormat].quireBits)).toEqual([128, 256, 512]);
    for (const fmt of POSIT_FORMATS) {
      const s = POSIT_SPECS[fmt];
      expect(1 + s.quireCarryBits + s.quireIntBits + s.quireFracBits).toBe(s.quireBits);
      expect(new Quire(fmt).bits).toBe(s.quireBits);
      expect(s.quireBits % 64).toBe(0);
    }
    // b-posit minpos = 2^-192 (1 + 2^-fb), fb = n - 12: its square reaches 2^(-384 - 2 fb)
    expect(POSIT_SPECS.bposit16.quireFracBits).toBe(384 + 2 * 4);
    expect(POSIT_SPECS.bposit32.quireFracBits).toBe(384 + 2 * 20);
    expect(POSIT_SPECS.posit32.quireCarryBits).toBe(31);
  });

  it('keeps the bits of a b-posit minpos^2 below 2^-384 (down to its LSB)', () => {
    for (const [fmt, fb] of [['bposit16', 4], ['bposit32', 20]] as const) {
      const q = new Quire(fmt);
      q.mulAdd(1, 1); // minpos^2 = 2^-384 (1 + 2^-fb)^2 = (2^fb + 1)^2 * 2^(-384 - 2 fb)
      const words = q.toWords();
      let value = 0n;
      for (let i = words.length - 1; i >= 0; i--) value = (value << 32n) | BigInt(words[i]!);
      expect(value).toBe(((1n << BigInt(fb)) + 1n) ** 2n); // in units of the LSB 2^(-384 - 2 fb)
    }
  });
});

describe('quire overflow', () => {
  // posit8: maxpos^2 = 2^48 sits at bit 96 of the 128-bit quire (LSB 2^-48); the sum limit is 2^79,
  // i.e. 2^31 - 1 copies of maxpos^2. Reaching it by 2^31 real additions would take minutes, so the
  // quire is loaded with the state 2^31 - 2 additions leave, checked against real additions first.
  const fmt: PositFormat = 'posit8';
  const { maxpos, nar } = POSIT_SPECS[fmt];
  const negMax = positOps(fmt).neg(maxpos);

  it('real additions of maxpos^2 produce the words the overflow tests load', () => {
    const q = new Quire(fmt);
    for (let i = 0; i < 1000; i++) q.mulAdd(maxpos, maxpos);
    expect(Array.from(q.toWords())).toEqual([0, 0, 0, 1000]);
    for (let i = 0; i < 1000; i++) q.mulAdd(negMax, maxpos);
    for (let i = 0; i < 3; i++) q.mulAdd(negMax, maxpos);
    expect(Array.from(q.toWords())).toEqual([0, 0, 0, 0xfffffffd]);
  });

  it('positive overflow of the carry guard gives NaR, and NaR stays', () => {
    const q = new Quire(fmt);
    q.loadWords([0, 0, 0, 0x7ffffffe]); // (2^31 - 2) maxpos^2
    q.mulAdd(maxpos, maxpos); // 2^31 - 1 copies: the largest sum the quire holds
    expect(q.isNaR).toBe(false);
    expect(Array.from(q.toWords())).toEqual([0, 0, 0, 0x7fffffff]);
    expect(q.toPosit()).toBe(maxpos);
    q.add(positOps(fmt).fromF64(2 ** -24)); // still below the limit: the low bits absorb it
    expect(q.isNaR).toBe(false);
    q.mulAdd(maxpos, maxpos); // 2^31 copies: past the limit
    expect(q.isNaR).toBe(true);
    expect(q.toPosit()).toBe(nar);
    expect(Array.from(q.toWords())).toEqual([0, 0, 0, 0x80000000]);
    q.mulSub(maxpos, maxpos);
    expect(q.toPosit()).toBe(nar);
  });

  it('negative overflow (including landing exactly on 100...0) gives NaR', () => {
    const q = new Quire(fmt);
    q.loadWords([0, 0, 0, 0x80000001]); // -(2^31 - 1) maxpos^2
    expect(q.toPosit()).toBe(negMax);
    q.mulSub(maxpos, maxpos); // exactly -2^79: the quire's NaR pattern, not a value
    expect(q.isNaR).toBe(true);
    q.clear();
    q.loadWords([0, 0, 0, 0x80000001]);
    q.mulAdd(negMax, 0x7e); // -2^44: the sum -2^79 + 2^48 - 2^44 is still inside the range
    expect(q.isNaR).toBe(false);
    q.mulAdd(negMax, maxpos); // -2^48 more: below -2^79, where a plain adder would wrap to positive
    expect(q.isNaR).toBe(true);
  });

  it('loadWords of the NaR pattern is NaR; wrong length is refused', () => {
    const q = new Quire(fmt);
    q.loadWords([0, 0, 0, 0x80000000]);
    expect(q.isNaR).toBe(true);
    expect(() => q.loadWords([0, 0])).toThrow(RangeError);
  });

  it('a 32-bit quire survives 100k products of maxpos^2 and cancels back to zero', () => {
    const q = new Quire('posit32');
    const m = POSIT_SPECS.posit32.maxpos;
    for (let i = 0; i < 100_000; i++) q.mulAdd(m, m);
    expect(q.isNaR).toBe(false);
    expect(q.toPosit()).toBe(m);
    for (let i = 0; i < 100_000; i++) q.mulSub(m, m);
    expect(q.toPosit()).toBe(0);
  });
});
