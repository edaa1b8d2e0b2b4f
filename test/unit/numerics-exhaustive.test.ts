// Exhaustive checks of runtime/numerics against the independent exact BigInt model in
// numerics-model.ts: all 65,536 posit8 operand pairs for + - * /, every 16-bit pattern's exact
// f64 value and square root, and the model itself on hand-checked values.
import { describe, expect, it } from 'vitest';
import { positOps, POSIT_SPECS, type PositFormat } from '../../runtime/numerics/index.ts';
import { decodeExact, MODEL_FORMATS, modelBinary, modelSqrt, roundExact } from './numerics-model.ts';

describe('exact model sanity (hand-checked values)', () => {
  const p8 = MODEL_FORMATS.posit8;
  it('decodes posit8 1, -1, minpos, maxpos and NaR', () => {
    expect(decodeExact(p8, 0x40)).toEqual({ num: 1n, den: 1n });
    expect(decodeExact(p8, 0xc0)).toEqual({ num: -1n, den: 1n });
    expect(decodeExact(p8, 0x01)).toEqual({ num: 1n, den: 1n << 24n });
    expect(decodeExact(p8, 0x7f)).toEqual({ num: 1n << 24n, den: 1n });
    expect(decodeExact(p8, 0x80)).toBe('NaR');
  });
  it('puts the posit8 tie between 2^20 and 2^24 at 2^22 (truncated exponent)', () => {
    expect(roundExact(p8, { num: 1n << 22n, den: 1n })).toBe(0x7e);
    expect(roundExact(p8, { num: (1n << 22n) + 1n, den: 1n })).toBe(0x7f);
  });
  it('saturates instead of rounding to 0 or NaR', () => {
    expect(roundExact(p8, { num: 1n, den: 1n << 200n })).toBe(0x01);
    expect(roundExact(p8, { num: -(1n << 200n), den: 1n })).toBe(0x81);
  });
  it('decodes b-posit32 minpos as 2^-192 (1 + 2^-20)', () => {
    expect(decodeExact(MODEL_FORMATS.bposit32, 1)).toEqual({ num: (1n << 20n) + 1n, den: 1n << 212n });
  });
});

describe('posit8: every operand pair against the exact model', () => {
  const ops = positOps('posit8');
  const f = MODEL_FORMATS.posit8;
  for (const op of ['add', 'sub', 'mul', 'div'] as const) {
    it(`${op}: all 65,536 pairs`, () => {
      let bad = 0;
      const firstBad: string[] = [];
      for (let a = 0; a < 256; a++) {
        for (let b = 0; b < 256; b++) {
          const want = modelBinary(f, op, a, b);
          const got = ops[op](a, b);
          if (got !== want) {
            bad++;
            if (firstBad.length < 5) firstBad.push(`${op}(${a.toString(16)}, ${b.toString(16)}) = ${got.toString(16)}, model ${want.toString(16)}`);
          }
        }
      }
      expect(firstBad).toEqual([]);
      expect(bad).toBe(0);
    });
  }
});

function eachPattern(fmt: PositFormat, fn: (p: number) => void): void {
  const n = POSIT_SPECS[fmt].nbits;
  for (let p = 0; p < 2 ** n; p++) fn(p);
}

describe('16-bit formats: every pattern', () => {
  for (const fmt of ['posit8', 'posit16', 'bposit16'] as const) {
    const ops = positOps(fmt);
    const f = MODEL_FORMATS[fmt];
    it(`${fmt}: toF64 is exact and fromF64 inverts it`, () => {
      const bad: string[] = [];
      eachPattern(fmt, (p) => {
        const x = decodeExact(f, p);
        const v = ops.toF64(p);
        if (x === 'NaR') {
          if (!Number.isNaN(v) || ops.fromF64(v) !== POSIT_SPECS[fmt].nar) bad.push(p.toString(16));
          return;
        }
        // v is exact iff v * den == num, checked in BigInt via the double's own exact decomposition
        if (!sameValue(v, x.num, x.den) || ops.fromF64(v) !== p) bad.push(p.toString(16));
      });
      expect(bad.slice(0, 5)).toEqual([]);
    });
    it(`${fmt}: sqrt of every pattern matches the model`, () => {
      const bad: string[] = [];
      eachPattern(fmt, (p) => {
        const want = modelSqrt(f, p);
        const got = ops.sqrt(p);
        if (got !== want && bad.length < 5) bad.push(`sqrt(${p.toString(16)}) = ${got.toString(16)}, model ${want.toString(16)}`);
      });
      expect(bad).toEqual([]);
    });
  }
});

/** True when the double v equals num/den exactly. */
function sameValue(v: number, num: bigint, den: bigint): boolean {
  if (!Number.isFinite(v)) return false;
  let m = Math.abs(v);
  let e = 0;
  while (m !== Math.floor(m)) {
    m *= 2;
    e++;
  }
  const mv = BigInt(m) * (v < 0 ? -1n : 1n); // v = mv / 2^e
  return mv * den === num * (1n << BigInt(e));
}
