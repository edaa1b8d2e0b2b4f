// Throughput of the reference numerics (runtime/numerics): scalar posit ops and quire FMA in
// million operations per second, beside a plain JS f64 multiply loop timed in the same run, and
// beside published native figures (SoftPosit C, fast-posit Rust) quoted as fixed anchors.
// Run: node bin/run-ts.mjs bench/numerics/index.ts [--reps N] [--ms M]
import Table from 'cli-table3';
import { positOps, Quire, type PositFormat } from '../../runtime/numerics/index.ts';

/** Published native throughputs (M ops/s), quoted, not measured here; other machines, other compilers. */
const ANCHORS = {
  'SoftPosit C': { p32add: 28, p32mul: 29, quireFma: 16 },
  'fast-posit Rust': { p32add: 49, p32mul: 72, quireFma: 53, bp32mul: 50 },
} as const;

type AnchorKey = 'p32add' | 'p32mul' | 'quireFma' | 'bp32mul';

interface Case {
  readonly name: string;
  readonly anchor?: AnchorKey;
  /** Runs `count` operations over the operand arrays; returns a value that depends on every result. */
  readonly run: (count: number) => number;
}

const N = 1 << 16; // operands per array; the index wraps, so the arrays stay in cache
const MASK = N - 1;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    // mulberry32: fast, seeded, good enough to spread bit patterns
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random non-NaR patterns drawn from values of moderate magnitude (as a kernel sees them). */
function operands(fmt: PositFormat, seed: number): Float64Array {
  const ops = positOps(fmt);
  const r = rng(seed);
  const out = new Float64Array(N);
  for (let i = 0; i < N; i++) out[i] = ops.fromF64((r() - 0.5) * 2 ** Math.floor(r() * 40 - 20));
  return out;
}

function binaryCase(name: string, fmt: PositFormat, op: 'add' | 'mul' | 'div', anchor?: AnchorKey): Case {
  const f = positOps(fmt)[op];
  const a = operands(fmt, 1);
  const b = operands(fmt, 2);
  return {
    name,
    ...(anchor ? { anchor } : {}),
    run: (count) => {
      let acc = 0;
      for (let i = 0; i < count; i++) acc ^= f(a[i & MASK]!, b[i & MASK]!);
      return acc;
    },
  };
}

function quireCase(): Case {
  const q = new Quire('posit32');
  const a = operands('posit32', 3);
  const b = operands('posit32', 4);
  return {
    name: 'quire32 FMA (q += a*b)',
    anchor: 'quireFma',
    run: (count) => {
      q.clear();
      for (let i = 0; i < count; i++) q.mulAdd(a[i & MASK]!, b[i & MASK]!);
      return q.toPosit();
    },
  };
}

function f64Case(): Case {
  const r = rng(5);
  const a = new Float64Array(N).map(() => r() + 0.5);
  const b = new Float64Array(N).map(() => r() + 0.5);
  return {
    name: 'JS f64 multiply (baseline)',
    run: (count) => {
      let acc = 0;
      for (let i = 0; i < count; i++) acc += a[i & MASK]! * b[i & MASK]!;
      return acc;
    },
  };
}

/** Best-of-`reps` throughput in M ops/s; each rep runs about `ms` milliseconds. */
function measure(c: Case, reps: number, ms: number): number {
  let count = 1 << 14;
  for (;;) {
    // Warm up and size the batch so one rep takes roughly `ms`.
    const t0 = performance.now();
    c.run(count);
    const dt = performance.now() - t0;
    if (dt > ms / 4 || count > 1 << 30) {
      count = Math.max(1, Math.round((count * ms) / Math.max(dt, 1e-3)));
      break;
    }
    count *= 4;
  }
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    sink += c.run(count);
    best = Math.min(best, performance.now() - t0);
  }
  if (Number.isNaN(sink)) console.error('(sink)'); // keeps results observable
  return count / best / 1000;
}

function argNumber(flag: string, dflt: number): number {
  const i = process.argv.indexOf(flag);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : dflt;
}

function main(): void {
  const reps = argNumber('--reps', 7);
  const ms = argNumber('--ms', 150);
  const cases: Case[] = [
    binaryCase('posit32 add', 'posit32', 'add', 'p32add'),
    binaryCase('posit32 mul', 'posit32', 'mul', 'p32mul'),
    binaryCase('posit32 div', 'posit32', 'div'),
    binaryCase('posit16 mul', 'posit16', 'mul'),
    binaryCase('bposit32 mul', 'bposit32', 'mul', 'bp32mul'),
    quireCase(),
  ];
  const base = measure(f64Case(), reps, ms);
  const anchorNames = Object.keys(ANCHORS) as (keyof typeof ANCHORS)[];
  const table = new Table({
    head: ['operation', 'M ops/s', 'vs JS f64 mul', ...anchorNames.map((n) => `vs ${n}`)],
    style: { head: [], compact: true },
  });
  table.push(['JS f64 multiply (baseline)', base.toFixed(1), '1.000', ...anchorNames.map(() => '')]);
  for (const c of cases) {
    const mops = measure(c, reps, ms);
    const vs = anchorNames.map((n) => {
      const anchors: Partial<Record<AnchorKey, number>> = ANCHORS[n];
      const ref = c.anchor ? anchors[c.anchor] : undefined;
      return ref === undefined ? '-' : `${(mops / ref).toFixed(2)} (of ${ref})`;
    });
    table.push([c.name, mops.toFixed(1), (mops / base).toFixed(3), ...vs]);
  }
  console.log(`tilegate numerics throughput, Node ${process.version}, best of ${reps} x ~${ms} ms`);
  console.log(table.toString());
  console.log('Anchors are published single-core figures of native libraries, quoted, not measured in this run:');
  for (const n of anchorNames) console.log(`  ${n}: ${Object.entries(ANCHORS[n]).map(([k, v]) => `${k} ${v}`).join(', ')} M ops/s`);
}

main();
