// Bit-exact conformance of the WASM posit kernels with the posit vector files: every op in every
// file (add, sub, mul, div, sqrt, from_f64, to_f64, fdp; the b-posit fdp_model files for the
// b-posit quire), through the array entry points and q*_dot, for the unoptimised module and the
// binaryen -O3 module the benchmarks run.
import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmKernels } from '../../targets/wasm/instantiate.ts';
import { positFormat } from '../../targets/wasm/posit-format.ts';
import type { KernelFormat, PositFormatName } from '../../targets/wasm/posit-format.ts';
import { hex, loadKernels, readF64Bits, readPatterns, readVectors, writeF64Bits, writePatterns } from './harness.ts';
import type { VectorCase } from './harness.ts';

const FILES: readonly (readonly [PositFormatName, readonly string[]])[] = [
  ['posit8', ['p8']],
  ['posit16', ['p16']],
  ['posit32', ['p32']],
  ['bposit16', ['bp16', 'bp16_fdp_model']],
  ['bposit32', ['bp32', 'bp32_fdp_model']],
];

const NAN = '7ff8000000000000';

function isNanBits(h: string): boolean {
  const v = BigInt(`0x${h}`);
  return (v & 0x7ff0000000000000n) === 0x7ff0000000000000n && (v & 0xfffffffffffffn) !== 0n;
}

/** Runs every case of one op through the kernels; returns the mismatches (at most 5 shown). */
function runOp(k: WasmKernels, fmt: KernelFormat, op: VectorCase['op'], cases: readonly VectorCase[]): string[] {
  k.reset();
  const n = cases.length;
  const pat = (h: string): number => parseInt(h, 16);
  let got: string[];
  if (op === 'fdp') {
    got = cases.map((c) => {
      if (c.op !== 'fdp') throw new Error('mixed ops');
      k.reset();
      const pa = writePatterns(k, fmt, c.a.map(pat));
      const pb = writePatterns(k, fmt, c.b.map(pat));
      return hex(fmt, k.fn(`${fmt.quirePrefix}_dot`)(pa, pb, c.a.length));
    });
  } else if (op === 'from_f64') {
    const pin = writeF64Bits(k, cases.map((c) => c.a as string));
    const pout = k.alloc(n * fmt.bytes);
    k.fn(`${fmt.prefix}_from_f64_arr`)(pin, pout, n);
    got = readPatterns(k, fmt, pout, n).map((v) => hex(fmt, v));
  } else if (op === 'to_f64') {
    const pin = writePatterns(k, fmt, cases.map((c) => pat(c.a as string)));
    const pout = k.alloc(8 * n, 8);
    k.fn(`${fmt.prefix}_to_f64_arr`)(pin, pout, n);
    // Any NaN is an acceptable NaR conversion (vectors README); the kernels emit the canonical one.
    got = readF64Bits(k, pout, n);
  } else if (op === 'sqrt') {
    const pin = writePatterns(k, fmt, cases.map((c) => pat(c.a as string)));
    const pout = k.alloc(n * fmt.bytes);
    k.fn(`${fmt.prefix}_sqrt_arr`)(pin, pout, n);
    got = readPatterns(k, fmt, pout, n).map((v) => hex(fmt, v));
  } else {
    const pa = writePatterns(k, fmt, cases.map((c) => pat(c.a as string)));
    const pb = writePatterns(k, fmt, cases.map((c) => (c.op === op ? pat(c.b) : 0)));
    const pout = k.alloc(n * fmt.bytes);
    k.fn(`${fmt.prefix}_${op}_arr`)(pa, pb, pout, n);
    got = readPatterns(k, fmt, pout, n).map((v) => hex(fmt, v));
  }
  const bad: string[] = [];
  cases.forEach((c, i) => {
    if (got[i] !== c.r && !(op === 'to_f64' && c.r === NAN && isNanBits(got[i] ?? ''))) bad.push(`${JSON.stringify(c).slice(0, 160)} -> got ${got[i]}`);
  });
  return bad.slice(0, 5).concat(bad.length > 5 ? [`... ${bad.length} mismatches in all`] : []);
}

const byOp = new Map<string, Map<VectorCase['op'], VectorCase[]>>();
beforeAll(() => {
  for (const [name, files] of FILES) {
    const ops = new Map<VectorCase['op'], VectorCase[]>();
    for (const file of files) {
      for (const c of readVectors(file)) {
        const list = ops.get(c.op);
        if (list) list.push(c);
        else ops.set(c.op, [c]);
      }
    }
    byOp.set(name, ops);
  }
});

for (const build of ['unoptimised', 'binaryen -O3'] as const) {
  describe(`posit vectors, ${build} module`, () => {
    let k: WasmKernels;
    beforeAll(async () => {
      k = await loadKernels(build === 'unoptimised' ? { f32: false } : { f32: false, optimize: { level: 3 } });
    });
    for (const [name] of FILES) {
      it(`${name}: every op of the vector files is bit-exact`, () => {
        const fmt = positFormat(name);
        const ops = byOp.get(name);
        expect(ops && [...ops.keys()].sort()).toEqual(['add', 'div', 'fdp', 'from_f64', 'mul', 'sqrt', 'sub', 'to_f64']);
        for (const [op, cases] of ops ?? []) {
          const bad = runOp(k, fmt, op, cases);
          expect({ op, count: cases.length, bad }).toEqual({ op, count: cases.length, bad: [] });
        }
      });
    }
  });
}
