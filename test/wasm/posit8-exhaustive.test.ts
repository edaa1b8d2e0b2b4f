// Exhaustive posit8 check: all 65,536 operand pairs of add, sub, mul and div through the WASM
// array kernels agree bit for bit with the TypeScript reference (runtime/numerics positOps).
import { beforeAll, describe, expect, it } from 'vitest';
import { positOps } from '../../runtime/numerics/index.ts';
import type { WasmKernels } from '../../targets/wasm/instantiate.ts';
import { positFormat } from '../../targets/wasm/posit-format.ts';
import { loadKernels, readPatterns, writePatterns } from './harness.ts';

const fmt = positFormat('posit8');
const ref = positOps('posit8');

describe('posit8, every operand pair', () => {
  let k: WasmKernels;
  const a = new Uint8Array(65536);
  const b = new Uint8Array(65536);
  beforeAll(async () => {
    k = await loadKernels({ formats: ['posit8'], f32: false, optimize: { level: 3 } });
    for (let i = 0; i < 65536; i++) {
      a[i] = i >> 8;
      b[i] = i & 255;
    }
  });

  for (const op of ['add', 'sub', 'mul', 'div'] as const) {
    it(`${op} matches positOps('posit8').${op} on all 65,536 pairs`, () => {
      k.reset();
      const pa = writePatterns(k, fmt, a);
      const pb = writePatterns(k, fmt, b);
      const po = k.alloc(65536);
      k.fn(`p8_${op}_arr`)(pa, pb, po, 65536);
      const got = readPatterns(k, fmt, po, 65536);
      const bad: string[] = [];
      for (let i = 0; i < 65536; i++) {
        const want = ref[op](a[i]!, b[i]!);
        if (got[i] !== want && bad.length < 5) bad.push(`${a[i]} ${op} ${b[i]}: got ${got[i]}, want ${want}`);
      }
      expect(bad).toEqual([]);
    });
  }

  it('sqrt, from_f64 of every posit8 value, and to_f64 round-trips', () => {
    k.reset();
    const all = Array.from({ length: 256 }, (_, i) => i);
    const pin = writePatterns(k, fmt, all);
    const pout = k.alloc(256);
    k.fn('p8_sqrt_arr')(pin, pout, 256);
    expect(readPatterns(k, fmt, pout, 256)).toEqual(all.map((p) => ref.sqrt(p)));
    const toF64 = k.fn('p8_to_f64');
    const fromF64 = k.fn('p8_from_f64');
    for (const p of all) {
      const x = toF64(p);
      if (p === 0x80) expect(x).toBeNaN();
      else {
        expect(x).toBe(ref.toF64(p));
        expect(fromF64(x)).toBe(p);
      }
    }
  });
});
