// posit32 kernel throughput of the WASM kernel library as the model modules embed it: p32_mul,
// p32_add and the quire32 FMA over 2^16 operands of moderate magnitude, in M ops/s (fastest rep
// and median), after checking every result against runtime/numerics.
import { Quire, positOps } from '../../runtime/numerics/index.ts';
import { instantiateKernels } from '../../targets/wasm/instantiate.ts';
import { emitKernelLibrary } from '../../targets/wasm/kernel-library.ts';
import { mulberry32 } from '../baselines/mlp.ts';

const N = 1 << 16;

/** Throughput of one kernel. */
export interface OpRate {
  readonly name: string;
  readonly bestMops: number;
  readonly medianMops: number;
}

function operands(seed: number): Uint32Array {
  const ops = positOps('posit32');
  const r = mulberry32(seed);
  return Uint32Array.from({ length: N }, () => ops.fromF64((r() - 0.5) * 2 ** Math.floor(r() * 40 - 20)));
}

/** Best and median M ops/s of `run` (N ops per call) over a time budget. */
function rate(name: string, budgetMs: number, run: () => void): OpRate {
  run();
  const samples: number[] = [];
  const end = performance.now() + budgetMs;
  while (performance.now() < end || samples.length < 5) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const mops = (ms: number): number => N / (ms * 1000);
  return { name, bestMops: mops(samples[0] as number), medianMops: mops(samples[samples.length >> 1] as number) };
}

/** Measures p32_mul, p32_add and q32_fma_arr; throws when a result disagrees with the reference. */
export async function positThroughput(budgetMs: number): Promise<OpRate[]> {
  const lib = emitKernelLibrary({ formats: ['posit32'], f32: false, optimize: { level: 3 } });
  const k = await instantiateKernels(lib.bytes, lib.heapBase);
  const a = operands(1);
  const b = operands(2);
  const pa = k.alloc(4 * N);
  const pb = k.alloc(4 * N);
  const po = k.alloc(4 * N);
  const q = k.alloc(64, 64);
  k.u32().set(a, pa / 4);
  k.u32().set(b, pb / 4);
  const ref = positOps('posit32');
  const check = (what: string, f: (x: number, y: number) => number): void => {
    const out = k.u32().subarray(po / 4, po / 4 + N);
    for (let i = 0; i < N; i += 97) if (out[i] !== f(a[i] as number, b[i] as number)) throw new Error(`${what} disagrees with runtime/numerics at ${i}`);
  };
  const mul = k.fn('p32_mul_arr');
  const add = k.fn('p32_add_arr');
  const clear = k.fn('q32_clear');
  const fma = k.fn('q32_fma_arr');
  const to = k.fn('q32_to');
  mul(pa, pb, po, N);
  check('p32_mul', ref.mul);
  add(pa, pb, po, N);
  check('p32_add', ref.add);
  clear(q);
  fma(q, pa, pb, N);
  const rq = new Quire('posit32');
  for (let i = 0; i < N; i++) rq.mulAdd(a[i] as number, b[i] as number);
  if (to(q) >>> 0 !== rq.toPosit()) throw new Error('q32_fma_arr disagrees with the reference quire');
  return [
    rate('posit32 mul', budgetMs, () => mul(pa, pb, po, N)),
    rate('posit32 add', budgetMs, () => add(pa, pb, po, N)),
    rate('quire32 FMA', budgetMs, () => fma(q, pa, pb, N)),
  ];
}
