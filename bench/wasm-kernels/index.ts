// Throughput of the WASM kernel library (targets/wasm): posit32 mul/add and quire32 FMA in M ops/s
// beside the TypeScript reference (runtime/numerics) and a JS f64 multiply loop timed in the same
// run, plus the f32 SIMD dense kernel in GFLOP/s beside a plain JS loop. Every timed kernel's
// results are checked against the reference first; the exit status reports only those checks.
// Run: node bin/run-ts.mjs bench/wasm-kernels/index.ts [--ms BUDGET_PER_CASE] [--only posit|dense]
import Table from 'cli-table3';
import { Quire, positOps } from '../../runtime/numerics/index.ts';
import { instantiateKernels } from '../../targets/wasm/instantiate.ts';
import type { WasmKernels } from '../../targets/wasm/instantiate.ts';
import { emitKernelLibrary } from '../../targets/wasm/kernel-library.ts';
import { benchDense } from './dense.ts';
import { argNumber, measure, rng } from './timing.ts';

/** Published native single-core throughputs (M ops/s), quoted, not measured here. */
const ANCHORS = {
  'fast-posit (Rust)': { mul: 72, add: 49, fma: 53 },
  'SoftPosit (C)': { mul: 29, add: 28, fma: 16 },
} as const;
const TARGETS = { mul: 75, fma: 55 } as const;

const N = 1 << 16;

/** posit32 operands of moderate magnitude, as a kernel sees them (same recipe as bench/numerics). */
function operands(seed: number): Uint32Array {
  const ops = positOps('posit32');
  const r = rng(seed);
  const out = new Uint32Array(N);
  for (let i = 0; i < N; i++) out[i] = ops.fromF64((r() - 0.5) * 2 ** Math.floor(r() * 40 - 20));
  return out;
}

interface Row {
  readonly name: string;
  readonly mops: number;
  readonly anchor?: 'mul' | 'add' | 'fma';
}

let failures = 0;

function check(what: string, ok: boolean): void {
  if (!ok) {
    failures++;
    console.error(`CHECK FAILED: ${what}`);
  }
}

function positRows(k: WasmKernels, budget: number): Row[] {
  const a = operands(1);
  const b = operands(2);
  const ref = positOps('posit32');
  const pa = k.alloc(4 * N);
  const pb = k.alloc(4 * N);
  const po = k.alloc(4 * N);
  const q = k.alloc(64);
  k.u32().set(a, pa / 4);
  k.u32().set(b, pb / 4);
  const rows: Row[] = [];
  for (const op of ['mul', 'add'] as const) {
    const arr = k.fn(`p32_${op}_arr`);
    arr(pa, pb, po, N);
    const got = k.u32().subarray(po / 4, po / 4 + N);
    let bad = 0;
    for (let i = 0; i < N; i++) if (got[i] !== ref[op](a[i]!, b[i]!)) bad++;
    check(`WASM p32_${op} vs runtime/numerics (${bad} of ${N} differ)`, bad === 0);
    rows.push({ name: `WASM posit32 ${op} (p32_${op}_arr)`, anchor: op, mops: measure((c) => runChunks(c, (n) => arr(pa, pb, po, n)), budget) });
    const f = ref[op];
    rows.push({
      name: `TS reference posit32 ${op}`,
      mops: measure((c) => {
        let acc = 0;
        for (let i = 0; i < c; i++) acc ^= f(a[i & (N - 1)]!, b[i & (N - 1)]!);
        return acc;
      }, budget),
    });
  }
  const fma = k.fn('q32_fma_arr');
  const dot = k.fn('q32_dot');
  const rq = new Quire('posit32');
  for (let i = 0; i < N; i++) rq.mulAdd(a[i]!, b[i]!);
  check('WASM q32_dot vs runtime/numerics Quire', dot(pa, pb, N) >>> 0 === rq.toPosit());
  rows.push({
    name: 'WASM quire32 FMA (q32_fma_arr, quire in memory)',
    anchor: 'fma',
    mops: measure((c) => runChunks(c, (n) => fma(q, pa, pb, n)), budget),
  });
  rows.push({ name: 'WASM quire32 dot (q32_dot, per product)', anchor: 'fma', mops: measure((c) => runChunks(c, (n) => dot(pa, pb, n)), budget) });
  rows.push({
    name: 'TS reference quire32 FMA',
    mops: measure((c) => {
      rq.clear();
      for (let i = 0; i < c; i++) rq.mulAdd(a[i & (N - 1)]!, b[i & (N - 1)]!);
      return rq.toPosit();
    }, budget),
  });
  return rows;
}

/** Runs `count` element operations as calls over whole arrays of N (plus one partial call). */
function runChunks(count: number, call: (n: number) => number | void): number {
  let left = count;
  let sink = 0;
  while (left > 0) {
    const n = Math.min(left, N);
    sink += Number(call(n) ?? 0);
    left -= n;
  }
  return sink;
}

function f64Baseline(budget: number): number {
  const r = rng(5);
  const a = new Float64Array(N).map(() => r() + 0.5);
  const b = new Float64Array(N).map(() => r() + 0.5);
  return measure((c) => {
    let acc = 0;
    for (let i = 0; i < c; i++) acc += a[i & (N - 1)]! * b[i & (N - 1)]!;
    return acc;
  }, budget);
}

async function main(): Promise<void> {
  const budget = argNumber('--ms', 600);
  const only = process.argv[process.argv.indexOf('--only') + 1];
  if (only !== 'dense') await benchPosit(budget);
  if (only !== 'posit') failures += await benchDense(budget);
  process.exitCode = failures === 0 ? 0 : 1;
}

async function benchPosit(budget: number): Promise<void> {
  const lib = emitKernelLibrary({ formats: ['posit32'], optimize: { level: 3 } });
  const k = await instantiateKernels(lib.bytes, lib.heapBase);
  const base = f64Baseline(budget);
  const rows = positRows(k, budget);
  const anchorNames = Object.keys(ANCHORS) as (keyof typeof ANCHORS)[];
  const table = new Table({ head: ['operation', 'M ops/s', 'vs JS f64 mul', ...anchorNames.map((n) => `vs ${n}`)], style: { head: [] } });
  table.push(['JS f64 multiply loop (baseline)', base.toFixed(1), '1.000', ...anchorNames.map(() => '')]);
  for (const r of rows) {
    const vs = anchorNames.map((n) => (r.anchor ? `${(r.mops / ANCHORS[n][r.anchor]).toFixed(2)}` : '-'));
    table.push([r.name, r.mops.toFixed(1), (r.mops / base).toFixed(3), ...vs]);
  }
  console.log(`tilegate WASM kernels, Node ${process.version}, fastest ~2 ms rep within ${budget} ms per case, posit32 operands of moderate magnitude`);
  console.log(table.toString());
  const wasm = (op: string): number => rows.find((r) => r.name.startsWith(`WASM ${op}`))?.mops ?? 0;
  console.log(`targets: posit32 mul >= ${TARGETS.mul} M/s (${wasm('posit32 mul') >= TARGETS.mul ? 'met' : 'missed'}), quire32 FMA >= ${TARGETS.fma} M/s (${wasm('quire32 FMA') >= TARGETS.fma ? 'met' : 'missed'})`);
  console.log('anchors (published native figures, quoted, not measured in this run):');
  for (const n of anchorNames) console.log(`  ${n}: mul ${ANCHORS[n].mul}, add ${ANCHORS[n].add}, quire FMA ${ANCHORS[n].fma} M ops/s`);
  console.log('');
}

await main();
