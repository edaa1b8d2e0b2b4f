// Seeded random differential test of the WASM posit kernels against the TypeScript reference
// (runtime/numerics positOps) for the 16- and 32-bit formats: 20,000 operand pairs per op drawn
// half uniformly over all patterns and half near 1 (where cancellation and ties are frequent),
// random doubles for from_f64, and every 16-bit pattern for sqrt and to_f64.
import { beforeAll, describe, expect, it } from 'vitest';
import { positOps } from '../../runtime/numerics/index.ts';
import type { WasmKernels } from '../../targets/wasm/instantiate.ts';
import { positFormat } from '../../targets/wasm/posit-format.ts';
import type { PositFormatName } from '../../targets/wasm/posit-format.ts';
import { loadKernels, readPatterns, writePatterns } from './harness.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N = 20000;
const FORMATS: readonly PositFormatName[] = ['posit16', 'posit32', 'bposit16', 'bposit32'];

describe('WASM posit kernels vs runtime/numerics, seeded random', () => {
  let k: WasmKernels;
  beforeAll(async () => {
    k = await loadKernels({ formats: FORMATS, f32: false, optimize: { level: 3 } });
  });

  for (const name of FORMATS) {
    const fmt = positFormat(name);
    const ref = positOps(name);
    const span = 2 ** fmt.n;
    const one = 2 ** (fmt.n - 2);

    it(`${name}: add, sub, mul, div on ${N} pairs`, () => {
      const r = rng(fmt.n * 7 + (fmt.bounded ? 1 : 0));
      const pick = (): number =>
        r() < 0.5 ? Math.floor(r() * span) : (one + Math.floor((r() - 0.5) * 2 ** (fmt.n - 6)) + (r() < 0.5 ? 0 : span / 2)) % span;
      const a = Array.from({ length: N }, pick);
      const b = Array.from({ length: N }, pick);
      for (const op of ['add', 'sub', 'mul', 'div'] as const) {
        k.reset();
        const pa = writePatterns(k, fmt, a);
        const pb = writePatterns(k, fmt, b);
        const po = k.alloc(N * fmt.bytes);
        k.fn(`${fmt.prefix}_${op}_arr`)(pa, pb, po, N);
        const got = readPatterns(k, fmt, po, N);
        const bad: string[] = [];
        for (let i = 0; i < N && bad.length < 5; i++) {
          const want = ref[op](a[i]!, b[i]!);
          if (got[i] !== want) bad.push(`${a[i]!.toString(16)} ${op} ${b[i]!.toString(16)}: got ${got[i]!.toString(16)} want ${want.toString(16)}`);
        }
        expect(bad).toEqual([]);
      }
    });

    it(`${name}: from_f64 on random doubles`, () => {
      const r = rng(fmt.n * 13 + 5);
      const bits = new BigUint64Array(N);
      const xs = new Float64Array(bits.buffer);
      for (let i = 0; i < N; i++) {
        if (i % 2 === 0) bits[i] = (BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32));
        else xs[i] = (r() - 0.5) * 2 ** Math.floor(r() * 500 - 250);
      }
      k.reset();
      const pin = k.alloc(8 * N, 8);
      k.f64().set(xs, pin / 8);
      const pout = k.alloc(N * fmt.bytes);
      k.fn(`${fmt.prefix}_from_f64_arr`)(pin, pout, N);
      const got = readPatterns(k, fmt, pout, N);
      const bad = got.flatMap((g, i) => (g === ref.fromF64(xs[i]!) ? [] : [`${xs[i]} -> ${g}`])).slice(0, 5);
      expect(bad).toEqual([]);
    });

    if (fmt.n === 16) {
      it(`${name}: sqrt and to_f64 of every pattern`, () => {
        const all = Array.from({ length: span }, (_, i) => i);
        k.reset();
        const pin = writePatterns(k, fmt, all);
        const pout = k.alloc(span * fmt.bytes);
        k.fn(`${fmt.prefix}_sqrt_arr`)(pin, pout, span);
        expect(readPatterns(k, fmt, pout, span)).toEqual(all.map((p) => ref.sqrt(p)));
        const pf = k.alloc(8 * span, 8);
        k.fn(`${fmt.prefix}_to_f64_arr`)(pin, pf, span);
        const xs = Array.from(k.f64().subarray(pf / 8, pf / 8 + span));
        expect(xs.map((x, p) => Object.is(x, ref.toF64(p)) || (Number.isNaN(x) && p === fmt.nar))).not.toContain(false);
      });
    }
  }
});
