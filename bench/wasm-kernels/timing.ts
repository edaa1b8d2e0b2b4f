// Timing helpers of the WASM kernel benchmark: a seeded generator, fastest-rep throughput
// measurement with a self-sized batch, and flag parsing.

/** mulberry32: fast, seeded, uniform in [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Throughput of one case in millions of units per second: fastest rep and median rep. */
export interface Rate {
  readonly best: number;
  readonly median: number;
}

/**
 * Throughput, where `run(count)` performs `count` units and returns a value depending on them.
 * Sizes count so one rep takes about `repMs`, then repeats for `budgetMs` (see the loop for the
 * minimum number of reps).
 * On a shared machine short reps are often uninterrupted, so the fastest rep estimates the
 * uncontended speed of every case alike; the median shows how much contention there was.
 */
export function measure(run: (count: number) => number, budgetMs: number, repMs = 2, start = 1 << 10): Rate {
  let count = start;
  let sink = 0;
  for (;;) {
    const t0 = performance.now();
    sink += run(count);
    const dt = performance.now() - t0;
    if (dt > repMs / 4 || count > 2 ** 30) {
      count = Math.max(1, Math.round((count * repMs) / Math.max(dt, 1e-3)));
      break;
    }
    count *= 2;
  }
  const times: number[] = [];
  const end = performance.now() + budgetMs;
  // At least 20 reps, or 5 when one rep alone is long (a whole forward pass of the JS baseline).
  for (let r = 0; r < 5 || performance.now() < end || (r < 20 && (times[0] ?? 0) < 20); r++) {
    const t0 = performance.now();
    sink += run(count);
    times.push(performance.now() - t0);
  }
  if (Number.isNaN(sink)) console.error('(sink)');
  times.sort((x, y) => x - y);
  const rate = (ms: number): number => count / Math.max(ms, 1e-6) / 1000;
  return { best: rate(times[0]!), median: rate(times[times.length >> 1]!) };
}

/** A positive numeric flag value, or the default. */
export function argNumber(flag: string, dflt: number): number {
  const i = process.argv.indexOf(flag);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : dflt;
}
