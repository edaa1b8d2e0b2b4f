// Functional kernels for the synthetic simulator program (bench/sim/synthetic.ts): real dot
// products (f32 storage with f64 accumulation, or posit32 through the exact quire `fdp`),
// forward-gradient JVPs with a tangent pool, a host SGD step per gradient estimate, and
// versioned parameter snapshots published every `syncEvery` steps.
import { fdp, positOps } from '../../runtime/numerics/index.ts';
import type { KernelContext, SimBuffer, SimKernel } from '../../targets/xdna/sim/index.ts';
import { CHUNK, INF, LEARN, NET, learnFirstRow } from './synthetic.ts';
import { mulberry32 } from '../baselines/mlp.ts';

/** Storage and arithmetic of one functional mode. */
export interface Num {
  readonly name: 'f64' | 'posit32';
  view(b: SimBuffer): Float32Array | Uint32Array;
  alloc(n: number): Float32Array | Uint32Array;
  enc(x: number): number;
  dec(p: number): number;
  /** Encoded round(bias + sum w_i x_i). */
  dot(w: ArrayLike<number>, x: ArrayLike<number>, bias: number): number;
  relu(p: number): number;
}

/** f32 storage, f64 accumulation: the plain-JS baseline arithmetic. */
export const F64: Num = {
  name: 'f64',
  view: (b) => b.f32,
  alloc: (n) => new Float32Array(n),
  enc: Math.fround,
  dec: (p) => p,
  dot(w, x, bias) {
    let s = bias;
    for (let i = 0; i < w.length; i++) s += (w[i] as number) * (x[i] as number);
    return Math.fround(s);
  },
  relu: (p) => (p > 0 ? p : 0),
};

const P32 = positOps('posit32');
/** posit32 patterns, exact quire dot products. */
export const POSIT32: Num = {
  name: 'posit32',
  view: (b) => b.u32,
  alloc: (n) => new Uint32Array(n),
  enc: P32.fromF64,
  dec: P32.toF64,
  dot: (w, x, bias) => fdp('posit32', w, x, bias),
  relu: (p) => (p > 0x80000000 ? 0 : p),
};

/** One served parameter snapshot, encoded in the mode's storage. */
interface Snapshot {
  readonly w1: Float32Array | Uint32Array;
  readonly b1: Float32Array | Uint32Array;
  readonly w2: Float32Array | Uint32Array;
  readonly b2: Float32Array | Uint32Array;
}

const POOL = 64;
const INPUTS = 16;
const LR = 1e-3;

/** The whole functional state of one run: data, training copy, snapshots and outputs. */
export class SyntheticModel {
  readonly train: { w1: Float64Array; b1: Float64Array; w2: Float64Array; b2: Float64Array };
  readonly inputs: Float64Array[];
  readonly labels: number[];
  readonly served = new Map<number, Snapshot>();
  readonly outputs: { version: number; y: number[] }[] = [];
  private readonly pool: Float64Array[];
  private readonly poolEnc: (Float32Array | Uint32Array)[];
  private readonly inputsEnc: (Float32Array | Uint32Array)[];
  private readonly learnState = new Map<string, { z: Float64Array; zd: Float64Array }>();
  private step = 0;

  /** `keepAll`: hold every published snapshot so that every output can be replayed. */
  constructor(readonly num: Num, readonly keepAll = false, seed = 7) {
    const rnd = mulberry32(seed);
    const gauss = (): number => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
    const fill = (n: number, s: number): Float64Array => Float64Array.from({ length: n }, () => gauss() * s);
    this.train = { w1: fill(NET.hidden * NET.inputs, 0.05), b1: fill(NET.hidden, 0.01), w2: fill(NET.outputs * NET.hidden, 0.05), b2: fill(NET.outputs, 0.01) };
    this.inputs = Array.from({ length: INPUTS }, () => Float64Array.from({ length: NET.inputs }, () => rnd()));
    this.labels = this.inputs.map((_, i) => i % NET.outputs);
    this.pool = Array.from({ length: POOL }, () => fill(NET.inputs, 1));
    this.poolEnc = this.pool.map((v) => this.encode(v));
    this.inputsEnc = this.inputs.map((v) => this.encode(v));
    this.served.set(0, this.snapshot());
  }

  encode(v: ArrayLike<number>): Float32Array | Uint32Array {
    const out = this.num.alloc(v.length);
    for (let i = 0; i < v.length; i++) out[i] = this.num.enc(v[i] as number);
    return out;
  }

  snapshot(): Snapshot {
    const t = this.train;
    return { w1: this.encode(t.w1), b1: this.encode(t.b1), w2: this.encode(t.w2), b2: this.encode(t.b2) };
  }

  params(version: number): Snapshot {
    const s = this.served.get(version);
    if (!s) throw new Error(`snapshot version ${version} is not held`);
    return s;
  }

  /** Reference forward pass of input `i` on snapshot `version`, outside the simulator. */
  reference(i: number, version: number): number[] {
    const p = this.params(version);
    const x = this.inputsEnc[i % INPUTS] as Float32Array | Uint32Array;
    const h = this.num.alloc(NET.hidden);
    for (let j = 0; j < NET.hidden; j++) h[j] = this.num.relu(this.num.dot(p.w1.subarray(j * NET.inputs, (j + 1) * NET.inputs), x, p.b1[j] as number));
    return Array.from({ length: NET.outputs }, (_, o) => this.num.dot(p.w2.subarray(o * NET.hidden, (o + 1) * NET.hidden), h, p.b2[o] as number));
  }

  /** Every kernel the synthetic program names. */
  kernels(): Map<string, SimKernel> {
    const k = new Map<string, SimKernel>();
    const num = this.num;
    k.set('xfill', (ctx) => num.view(ctx.output('x0')).set(this.inputsEnc[ctx.iteration(0) % INPUTS] as ArrayLike<number>));
    for (let c = 0; c < INF.cols; c++) {
      for (let r = 0; r < INF.rows; r++) {
        const first = (c * INF.rows + r) * INF.rowsPerTile;
        k.set(`wfill${c}_${r}`, (ctx) => {
          const j = first + ctx.iteration() * CHUNK;
          num.view(ctx.output(`wi${c}_${r}`)).set(this.params(ctx.version).w1.subarray(j * NET.inputs, (j + CHUNK) * NET.inputs));
        });
        k.set(`l1rows${c}_${r}`, (ctx) => {
          const row0 = ctx.iteration() * CHUNK;
          const w = num.view(ctx.input(`wi${c}_${r}`));
          const x = num.view(ctx.input(`x${c}`));
          const h = num.view(ctx.output(`h${c}_${r}`));
          const b1 = this.params(ctx.version).b1;
          for (let q = 0; q < CHUNK; q++) {
            h[row0 + q] = num.relu(num.dot(w.subarray(q * NET.inputs, (q + 1) * NET.inputs), x, b1[first + row0 + q] as number));
          }
        });
      }
    }
    k.set('l2', (ctx) => this.layer2(ctx));
    this.learningKernels(k);
    k.set('optimizer', (ctx) => this.optimize(ctx));
    k.set('publish', (ctx) => {
      this.served.set(ctx.version, this.snapshot());
      // Serving never runs more than a few versions behind; keep version 0 for the reference check.
      if (!this.keepAll) for (const v of this.served.keys()) if (v !== 0 && v < ctx.version - 4) this.served.delete(v);
    });
    return k;
  }

  private layer2(ctx: KernelContext): void {
    const p = this.params(ctx.version);
    const g = this.num.view(ctx.input(`g${INF.cols - 1}`));
    const y = this.num.view(ctx.output('y'));
    for (let o = 0; o < NET.outputs; o++) y[o] = this.num.dot(p.w2.subarray(o * NET.hidden, (o + 1) * NET.hidden), g, p.b2[o] as number);
    this.outputs.push({ version: ctx.version, y: Array.from(y) });
  }

  private learningKernels(k: Map<string, SimKernel>): void {
    const num = this.num;
    for (let ci = 0; ci < LEARN.cols; ci++) {
      const c = LEARN.firstCol + ci;
      const rpt = LEARN.rowsPerTile[ci] ?? 0;
      k.set(`xlfill${c}`, (ctx) => num.view(ctx.output(`xl${c}`)).set(this.inputsEnc[ctx.iteration(0) % INPUTS] as ArrayLike<number>));
      k.set(`wdfill${c}`, (ctx) => {
        const out = num.view(ctx.output(`wd${c}`));
        const row0 = ctx.iteration() * CHUNK;
        for (let r = 0; r < LEARN.rows; r++) {
          const j = learnFirstRow(c, r) + row0;
          const src = this.train.w1.subarray(j * NET.inputs, (j + CHUNK) * NET.inputs);
          const dst = out.subarray(r * CHUNK * NET.inputs, (r + 1) * CHUNK * NET.inputs);
          if (num.name === 'f64') dst.set(src);
          else for (let i = 0; i < src.length; i++) dst[i] = num.enc(src[i] as number);
        }
      });
      for (let r = 0; r < LEARN.rows; r++) {
        const state = { z: new Float64Array(rpt), zd: new Float64Array(rpt) };
        this.learnState.set(`${c}_${r}`, state);
        const first = learnFirstRow(c, r);
        k.set(`jvp${c}_${r}`, (ctx) => {
          const row0 = ctx.iteration() * CHUNK;
          const x = num.view(ctx.input(`xl${c}`));
          const w = num.view(ctx.input(`wl${c}_${r}`));
          for (let q = 0; q < CHUNK; q++) {
            const row = row0 + q;
            const v = this.poolEnc[(ctx.iteration(0) * 7 + first + row) % POOL] as Float32Array | Uint32Array;
            state.z[row] = num.dec(num.dot(w.subarray(q * NET.inputs, (q + 1) * NET.inputs), x, num.enc(this.train.b1[first + row] as number)));
            state.zd[row] = num.dec(num.dot(v, x, 0));
          }
        });
        k.set(`gdout${c}_${r}`, (ctx) => {
          const out = num.view(ctx.output(`gd${c}_${r}`));
          for (let i = 0; i < rpt; i++) {
            const on = (state.z[i] as number) > 0;
            out[i] = num.enc(on ? (state.z[i] as number) : 0);
            out[rpt + i] = num.enc(on ? (state.zd[i] as number) : 0);
          }
        });
      }
    }
  }

  /** Host SGD step from one forward-gradient estimate: W1 -= lr * (dL/dy . y') * v. */
  private optimize(ctx: KernelContext): void {
    const g = this.num.view(ctx.input(`gc${LEARN.firstCol + LEARN.cols - 1}`));
    const h = new Float64Array(NET.hidden);
    const hd = new Float64Array(NET.hidden);
    let at = 0;
    for (let ci = 0; ci < LEARN.cols; ci++) {
      const rpt = LEARN.rowsPerTile[ci] ?? 0;
      for (let r = 0; r < LEARN.rows; r++, at += 2 * rpt) {
        const first = learnFirstRow(LEARN.firstCol + ci, r);
        for (let i = 0; i < rpt; i++) {
          h[first + i] = this.num.dec(g[at + i] as number);
          hd[first + i] = this.num.dec(g[at + rpt + i] as number);
        }
      }
    }
    const t = this.train;
    const y = new Float64Array(NET.outputs);
    const yd = new Float64Array(NET.outputs);
    for (let o = 0; o < NET.outputs; o++) {
      let s = t.b2[o] as number;
      let sd = 0;
      for (let j = 0; j < NET.hidden; j++) {
        s += (t.w2[o * NET.hidden + j] as number) * (h[j] as number);
        sd += (t.w2[o * NET.hidden + j] as number) * (hd[j] as number);
      }
      y[o] = s;
      yd[o] = sd;
    }
    const m = Math.max(...y);
    const e = Array.from(y, (v) => Math.exp(v - m));
    const z = e.reduce((a, b) => a + b, 0);
    const label = this.labels[this.step % INPUTS] as number;
    let d = 0;
    for (let o = 0; o < NET.outputs; o++) d += ((e[o] as number) / z - (o === label ? 1 : 0)) * (yd[o] as number);
    for (let j = 0; j < NET.hidden; j++) {
      const v = this.pool[(this.step * 7 + j) % POOL] as Float64Array;
      const base = j * NET.inputs;
      for (let i = 0; i < NET.inputs; i++) t.w1[base + i] = (t.w1[base + i] as number) - LR * d * (v[i] as number);
    }
    this.step++;
  }
}
