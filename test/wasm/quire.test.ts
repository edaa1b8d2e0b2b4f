// WASM quire kernels against the reference Quire (runtime/numerics): the raw two's-complement
// words after mixed fma/fms/add/sub sequences, the rounded result, fused dot products, carry
// ripple over many limbs, overflow of the carry guard turning into NaR, and NaR stickiness.
import { beforeAll, describe, expect, it } from 'vitest';
import { fdp, Quire } from '../../runtime/numerics/index.ts';
import type { WasmKernels } from '../../targets/wasm/instantiate.ts';
import { POSIT_FORMAT_NAMES, positFormat } from '../../targets/wasm/posit-format.ts';
import type { KernelFormat, PositFormatName } from '../../targets/wasm/posit-format.ts';
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

/** Random non-NaR patterns: half uniform over all patterns (extreme scales), half near 1. */
function patterns(fmt: KernelFormat, n: number, r: () => number): number[] {
  const span = 2 ** fmt.n;
  return Array.from({ length: n }, () => {
    const v = r() < 0.5 ? Math.floor(r() * span) : (2 ** (fmt.n - 2) + Math.floor((r() - 0.5) * 2 ** (fmt.n - 4)) + span) % span;
    return v === fmt.nar ? 0 : v;
  });
}

/** The quire at q as 32-bit little-endian words (the reference's toWords layout). */
function words(k: WasmKernels, fmt: KernelFormat, q: number): number[] {
  return Array.from(k.u32().subarray(q / 4, q / 4 + fmt.quire.bits / 32));
}

function loadWords(k: WasmKernels, q: number, w: ArrayLike<number>): void {
  k.u32().set(w, q / 4);
}

describe('quire kernels', () => {
  let k: WasmKernels;
  beforeAll(async () => {
    k = await loadKernels({ f32: false, ops: ['quire'], optimize: { level: 3 } });
  });

  for (const name of POSIT_FORMAT_NAMES) {
    const fmt = positFormat(name);
    const qp = fmt.quirePrefix;

    it(`${name}: mixed fma/fms/add/sub leave the same quire words as the reference`, () => {
      const r = rng(fmt.n * 31 + (fmt.bounded ? 7 : 0));
      const ref = new Quire(name);
      k.reset();
      const q = k.alloc(fmt.quire.bytes, 8);
      k.fn(`${qp}_clear`)(q);
      const ops = ['fma', 'fms', 'add', 'sub'] as const;
      for (let i = 0; i < 2000; i++) {
        const [a, b] = patterns(fmt, 2, r) as [number, number];
        const op = ops[Math.floor(r() * 4)]!;
        if (op === 'fma') ref.mulAdd(a, b);
        else if (op === 'fms') ref.mulSub(a, b);
        else if (op === 'add') ref.add(a);
        else ref.sub(a);
        if (op === 'fma' || op === 'fms') k.fn(`${qp}_${op}`)(q, a, b);
        else k.fn(`${qp}_${op}`)(q, a);
        if (i % 97 === 0 || i === 1999) {
          expect(words(k, fmt, q)).toEqual(Array.from(ref.toWords()));
          expect(k.fn(`${qp}_to`)(q) >>> 0).toBe(ref.toPosit());
        }
      }
    });

    it(`${name}: fused dot products and fma_arr agree with the reference fdp`, () => {
      const r = rng(fmt.n + 1000);
      for (const len of [1, 2, 3, 17, 256, 1000]) {
        const a = patterns(fmt, len, r);
        const b = patterns(fmt, len, r);
        k.reset();
        const pa = writePatterns(k, fmt, a);
        const pb = writePatterns(k, fmt, b);
        expect(k.fn(`${qp}_dot`)(pa, pb, len) >>> 0).toBe(fdp(name, a, b));
        const q = k.alloc(fmt.quire.bytes, 8);
        const ref = new Quire(name);
        const bias = patterns(fmt, 1, r)[0]!;
        ref.add(bias);
        for (let i = 0; i < len; i++) ref.mulAdd(a[i]!, b[i]!);
        k.fn(`${qp}_clear`)(q);
        k.fn(`${qp}_add`)(q, bias);
        k.fn(`${qp}_fma_arr`)(q, pa, pb, len);
        expect(words(k, fmt, q)).toEqual(Array.from(ref.toWords()));
      }
    });

    it(`${name}: a carry or borrow ripples through every limb`, () => {
      const ref = new Quire(name);
      k.reset();
      const q = k.alloc(fmt.quire.bytes, 8);
      k.fn(`${qp}_clear`)(q);
      // -minpos^2 has ones in every limb above its lowest bits (all ones for posits, where it is
      // one LSB); adding minpos^2 back ripples a carry up to the top limb.
      k.fn(`${qp}_fms`)(q, 1, 1);
      ref.mulSub(1, 1);
      expect(words(k, fmt, q)).toEqual(Array.from(ref.toWords()));
      expect(words(k, fmt, q).slice(2).every((w) => w === 0xffffffff)).toBe(true);
      if (!fmt.bounded) expect(words(k, fmt, q).every((w) => w === 0xffffffff)).toBe(true);
      k.fn(`${qp}_fma`)(q, 1, 1);
      expect(words(k, fmt, q).every((w) => w === 0)).toBe(true);
      k.fn(`${qp}_add`)(q, 1);
      k.fn(`${qp}_sub`)(q, 1);
      expect(words(k, fmt, q).every((w) => w === 0)).toBe(true);
      expect(k.fn(`${qp}_to`)(q)).toBe(0);
    });
  }
});

describe('quire NaR: overflow and stickiness', () => {
  let k: WasmKernels;
  beforeAll(async () => {
    k = await loadKernels({ f32: false, ops: ['quire'] });
  });

  const cases: readonly PositFormatName[] = POSIT_FORMAT_NAMES;
  for (const name of cases) {
    const fmt = positFormat(name);
    const qp = fmt.quirePrefix;
    const limbs32 = fmt.quire.bits / 32;
    const maxWords = Array.from({ length: limbs32 }, (_, i) => (i === limbs32 - 1 ? 0x7fffffff : 0xffffffff));
    // Most negative non-NaR value: 100...01.
    const minWords = Array.from({ length: limbs32 }, (_, i) => (i === limbs32 - 1 ? 0x80000000 : i === 0 ? 1 : 0));

    it(`${name}: overflow past the carry guard gives NaR, as in the reference`, () => {
      k.reset();
      const q = k.alloc(fmt.quire.bytes, 8);
      const ref = new Quire(name);
      for (const [start, op] of [
        [maxWords, 'fma'],
        [minWords, 'fms'],
      ] as const) {
        loadWords(k, q, start);
        ref.loadWords(start);
        expect(k.fn(`${qp}_is_nar`)(q)).toBe(0);
        if (op === 'fma') {
          k.fn(`${qp}_fma`)(q, fmt.maxpos, fmt.maxpos);
          ref.mulAdd(fmt.maxpos, fmt.maxpos);
        } else {
          k.fn(`${qp}_fms`)(q, fmt.maxpos, fmt.maxpos);
          ref.mulSub(fmt.maxpos, fmt.maxpos);
        }
        expect(ref.isNaR).toBe(true);
        expect(k.fn(`${qp}_is_nar`)(q)).toBe(1);
        expect(words(k, fmt, q)).toEqual(Array.from(ref.toWords()));
        expect(k.fn(`${qp}_to`)(q) >>> 0).toBe(fmt.nar);
      }
    });

    it(`${name}: near the carry guard without overflow stays exact`, () => {
      k.reset();
      const q = k.alloc(fmt.quire.bytes, 8);
      const ref = new Quire(name);
      loadWords(k, q, maxWords);
      ref.loadWords(maxWords);
      k.fn(`${qp}_fms`)(q, fmt.maxpos, fmt.maxpos);
      ref.mulSub(fmt.maxpos, fmt.maxpos);
      k.fn(`${qp}_fma`)(q, fmt.maxpos, fmt.maxpos);
      ref.mulAdd(fmt.maxpos, fmt.maxpos);
      expect(ref.isNaR).toBe(false);
      expect(k.fn(`${qp}_is_nar`)(q)).toBe(0);
      expect(words(k, fmt, q)).toEqual(maxWords);
      expect(k.fn(`${qp}_to`)(q) >>> 0).toBe(fmt.maxpos);
    });

    it(`${name}: NaR is sticky until clear`, () => {
      k.reset();
      const q = k.alloc(fmt.quire.bytes, 8);
      const one = 2 ** (fmt.n - 2);
      k.fn(`${qp}_clear`)(q);
      k.fn(`${qp}_fma`)(q, one, one);
      k.fn(`${qp}_fma`)(q, fmt.nar, 0);
      expect(k.fn(`${qp}_is_nar`)(q)).toBe(1);
      k.fn(`${qp}_fma`)(q, one, one);
      k.fn(`${qp}_fms`)(q, fmt.maxpos, fmt.maxpos);
      k.fn(`${qp}_add`)(q, one);
      k.fn(`${qp}_sub`)(q, fmt.maxpos);
      expect(k.fn(`${qp}_is_nar`)(q)).toBe(1);
      expect(k.fn(`${qp}_to`)(q) >>> 0).toBe(fmt.nar);
      const pa = writePatterns(k, fmt, [one, fmt.nar, one]);
      const pb = writePatterns(k, fmt, [one, one, one]);
      expect(k.fn(`${qp}_dot`)(pa, pb, 3) >>> 0).toBe(fmt.nar);
      k.fn(`${qp}_clear`)(q);
      k.fn(`${qp}_add`)(q, fmt.nar);
      expect(k.fn(`${qp}_to`)(q) >>> 0).toBe(fmt.nar);
      k.fn(`${qp}_clear`)(q);
      expect(k.fn(`${qp}_is_nar`)(q)).toBe(0);
      k.fn(`${qp}_fma`)(q, one, one);
      expect(k.fn(`${qp}_to`)(q) >>> 0).toBe(one);
    });
  }
});

describe('posit dense kernel (qp_dense)', () => {
  let k: WasmKernels;
  beforeAll(async () => {
    k = await loadKernels({ f32: false, ops: ['dense'], optimize: { level: 3 } });
  });

  for (const name of POSIT_FORMAT_NAMES) {
    const fmt = positFormat(name);
    it(`${name}: y = round(bias + W x) per output, one rounding, as the reference fdp`, () => {
      const r = rng(fmt.n * 5 + 3);
      for (const [batch, inDim, outDim] of [
        [1, 7, 3],
        [3, 33, 5],
        [2, 1, 1],
      ] as const) {
        const w = patterns(fmt, inDim * outDim, r);
        const bias = patterns(fmt, outDim, r);
        const x = patterns(fmt, batch * inDim, r);
        k.reset();
        const [pw, pb, px] = [writePatterns(k, fmt, w), writePatterns(k, fmt, bias), writePatterns(k, fmt, x)];
        const py = writePatterns(k, fmt, new Array<number>(batch * outDim).fill(fmt.nar));
        k.fn(`${fmt.quirePrefix}_dense`)(pw, pb, px, py, batch, inDim, outDim);
        const want: number[] = [];
        for (let b = 0; b < batch; b++) {
          for (let j = 0; j < outDim; j++) {
            want.push(fdp(name, w.slice(j * inDim, (j + 1) * inDim), x.slice(b * inDim, (b + 1) * inDim), bias[j]));
          }
        }
        expect(readPatterns(k, fmt, py, batch * outDim)).toEqual(want);
      }
    });
  }
});
