// Throughput of the WASM kernel library (targets/wasm): posit32 mul/add and quire32 FMA in M ops/s
// beside the TypeScript reference (runtime/numerics) and a JS f64 multiply loop timed in the same
// run, plus the f32 SIMD dense kernel in GFLOP/s beside a plain JS loop. Every timed kernel's
// results are checked against the reference first; the exit status reports only those checks.
// Run: node bin/run-ts.mjs bench/wasm-kernels/index.ts [--ms BUDGET_PER_CASE] [--only posit|dense]
import Table from 'cli-table3';
import { Quire, positOps } from '../../runtime/numerics/index.ts';
import type { PositFormat } from '../../runtime/numerics/index.ts';
import { instantiateKernels } from '../../targets/wasm/instantiate.ts';
import type { WasmKernels } from '../../targets/wasm/instantiate.ts';
import { emitKernelLibrary } from '../../targets/wasm/kernel-library.ts';
import { benchDense } from './dense.ts';
import { argNumber, measure, rng } from './timing.ts';
import type { Rate } from './timing.ts';

/** Published native single-core throughputs (M ops/s), quoted, not measured here. */
const ANCHORS: Readonly<Record<string, Readonly<Partial<Record<AnchorKey, number>>>>> = {
  'fast-posit (Rust)': { mul: 72, add: 49, fma: 53, bp32mul: 50 },
  'SoftPosit (C)': { mul: 29, add: 28, fma: 16 },
};
type AnchorKey = 'mul' | 'add' | 'fma' | 'bp32mul';
const TARGETS = { mul: 75, fma: 55 } as const;

const N = 1 << 16;

/** Operands of moderate magnitude, as a kernel sees them (same recipe as bench/numerics). */
function operands(seed: number, fmt: PositFormat = 'posit32'): Uint32Array {
  const ops = positOps(fmt);
  const r = rng(seed);
  const out = new Uint32Array(N);
  for (let i = 0; i < N; i++) out[i] = ops.fromF64((r() - 0.5) * 2 ** Math.floor(r() * 40 - 20));
  return out;
}

interface Row {
  readonly name: string;
  readonly mops: Rate;
  readonly anchor?: AnchorKey;
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
  rows.push(denseRow(k, budget));
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

/** A posit32 dense layer 784->512 at batch 1 through q32_dense, in multiply-adds per second. */
function denseRow(k: WasmKernels, budget: number): Row {
  const [inD, outD] = [784, 512];
  const w = operands(7);
  const x = operands(8);
  const pw = k.alloc(4 * inD * outD);
  const [pb, px, py] = [k.alloc(4 * outD), k.alloc(4 * inD), k.alloc(4 * outD)];
  for (let i = 0; i < inD * outD; i += N) k.u32().set(w.subarray(0, Math.min(N, inD * outD - i)), pw / 4 + i);
  k.u32().set(x.subarray(0, inD), px / 4);
  k.u32().set(w.subarray(0, outD), pb / 4);
  const dense = k.fn('q32_dense');
  dense(pw, pb, px, py, 1, inD, outD);
  const j = 5;
  const row = k.u32().slice(pw / 4 + j * inD, pw / 4 + (j + 1) * inD);
  const rq = new Quire('posit32');
  rq.add(k.u32()[pb / 4 + j]!);
  for (let i = 0; i < inD; i++) rq.mulAdd(row[i]!, x[i]!);
  check('WASM q32_dense vs runtime/numerics Quire', k.u32()[py / 4 + j] === rq.toPosit());
  const layer = measure((c) => {
    for (let i = 0; i < c; i++) dense(pw, pb, px, py, 1, inD, outD);
    return c;
  }, budget, 5, 1);
  const macs = inD * outD;
  return { name: 'WASM posit32 dense 784->512 (q32_dense), per multiply-add', anchor: 'fma', mops: { best: layer.best * macs, median: layer.median * macs } };
}

/** bposit32 and posit16 mul and quire FMA (32-bit storage for both; checked like posit32). */
function otherRows(k: WasmKernels, budget: number): Row[] {
  const rows: Row[] = [];
  for (const [fmt, p, qp] of [
    ['bposit32', 'bp32', 'qbp32'],
    ['posit16', 'p16', 'q16'],
  ] as const) {
    k.reset();
    const a = operands(3, fmt);
    const b = operands(4, fmt);
    const bytes = fmt === 'posit16' ? 2 : 4;
    const [pa, pb, po, q] = [k.alloc(bytes * N), k.alloc(bytes * N), k.alloc(bytes * N), k.alloc(128, 8)];
    const view = bytes === 2 ? k.u16() : k.u32();
    view.set(a, pa / bytes);
    view.set(b, pb / bytes);
    const mul = k.fn(`${p}_mul_arr`);
    mul(pa, pb, po, N);
    const ref = positOps(fmt);
    const got = (bytes === 2 ? k.u16() : k.u32()).subarray(po / bytes, po / bytes + N);
    let bad = 0;
    for (let i = 0; i < N; i++) if (got[i] !== ref.mul(a[i]!, b[i]!)) bad++;
    check(`WASM ${p}_mul vs runtime/numerics (${bad} of ${N} differ)`, bad === 0);
    const rq = new Quire(fmt);
    for (let i = 0; i < N; i++) rq.mulAdd(a[i]!, b[i]!);
    check(`WASM ${qp}_dot vs runtime/numerics Quire`, k.fn(`${qp}_dot`)(pa, pb, N) >>> 0 === rq.toPosit());
    const fma = k.fn(`${qp}_fma_arr`);
    rows.push(
      { name: `WASM ${fmt} mul (${p}_mul_arr)`, ...(fmt === 'bposit32' ? { anchor: 'bp32mul' as const } : {}), mops: measure((c) => runChunks(c, (n) => mul(pa, pb, po, n)), budget) },
      { name: `WASM ${fmt} quire FMA (${qp}_fma_arr)`, mops: measure((c) => runChunks(c, (n) => fma(q, pa, pb, n)), budget) },
    );
  }
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

function f64Baseline(budget: number): Rate {
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
  const lib = emitKernelLibrary({ formats: ['posit32', 'posit16', 'bposit32'], f32: false, optimize: { level: 3 } });
  const k = await instantiateKernels(lib.bytes, lib.heapBase);
  const base = f64Baseline(budget);
  const rows = [...positRows(k, budget), ...otherRows(k, budget)];
  const anchorNames = Object.keys(ANCHORS);
  const table = new Table({
    head: ['operation', 'M ops/s (fastest rep)', 'median rep', 'vs JS f64 mul', ...anchorNames.map((n) => `vs ${n}`)],
    style: { head: [] },
  });
  table.push(['JS f64 multiply loop (baseline)', base.best.toFixed(1), base.median.toFixed(1), '1.000', ...anchorNames.map(() => '')]);
  for (const r of rows) {
    const vs = anchorNames.map((n) => {
      const ref = r.anchor ? ANCHORS[n]?.[r.anchor] : undefined;
      return ref ? `${(r.mops.best / ref).toFixed(2)}` : '-';
    });
    table.push([r.name, r.mops.best.toFixed(1), r.mops.median.toFixed(1), (r.mops.best / base.best).toFixed(3), ...vs]);
  }
  console.log(`tilegate WASM kernels, Node ${process.version}, fastest ~2 ms rep within ${budget} ms per case, posit32 operands of moderate magnitude`);
  console.log(table.toString());
  const wasm = (op: string): number => rows.find((r) => r.name.startsWith(`WASM ${op}`))?.mops.best ?? 0;
  console.log(`targets: posit32 mul >= ${TARGETS.mul} M/s (${wasm('posit32 mul') >= TARGETS.mul ? 'met' : 'missed'}), quire32 FMA >= ${TARGETS.fma} M/s (${wasm('quire32 FMA') >= TARGETS.fma ? 'met' : 'missed'})`);
  console.log('anchors (published native figures, quoted, not measured in this run):');
  for (const n of anchorNames) {
    console.log(`  ${n}: ${Object.entries(ANCHORS[n] ?? {}).map(([op, v]) => `${op} ${v}`).join(', ')} M ops/s`);
  }
  console.log('');
}

await main();
