// The WGSL renderer's four kernel templates, filled with a format's scalar snippets (formats.ts)
// and a node's body (kernels-forward.ts, kernels-tangent.ts): `affine`, the tiled dense kernel
// with W and x tiles in workgroup memory; `map`, one lane per element; `rows`, one lane per sample;
// `single`, one lane. Binding 0 is the Run uniform. Sizes are uniforms, not constants, so layers of
// any width share one pipeline: compiling is the slow part on a software adapter.
import type { FormatOps } from './formats.ts';

/** Lanes per workgroup of map and row kernels unless the model's `target webgpu { workgroup_size }` says otherwise. */
export const WORKGROUP = 64;

/**
 * The shape of a dense kernel's work: a workgroup of LJ x LB lanes computes LJ * RJ outputs for
 * LB * RB samples, each lane keeping RJ x RB accumulators; TK inputs per tile step.
 */
export interface DenseTile {
  readonly LJ: number;
  readonly LB: number;
  readonly RJ: number;
  readonly RB: number;
  readonly TK: number;
}

/** One dense variant: the tile it uses, for batches from `minBatch` up to the next variant's. */
export interface DenseVariant {
  readonly name: string;
  readonly minBatch: number;
  readonly tile: DenseTile;
}

/**
 * Dense variants per format. f32: one output per lane with 4 samples unrolled for small batches,
 * and a 4 x 4 register tile (16 x 4 lanes) for large ones, where it reuses each loaded W and x
 * word four times. posit32: one quire per lane for small batches (each q_fma call site is
 * inlined by the driver, so accumulators cost compile time), and from batch 4 four quires per
 * lane, so each W word loaded into workgroup memory serves four samples.
 */
export const DENSE_VARIANTS: Readonly<Record<'f32' | 'posit32', readonly DenseVariant[]>> = {
  f32: [
    { name: 'narrow', minBatch: 1, tile: { LJ: 64, LB: 1, RJ: 1, RB: 4, TK: 32 } },
    { name: 'wide', minBatch: 8, tile: { LJ: 16, LB: 4, RJ: 4, RB: 4, TK: 32 } },
  ],
  posit32: [
    { name: 'narrow', minBatch: 1, tile: { LJ: 64, LB: 1, RJ: 1, RB: 1, TK: 32 } },
    { name: 'wide', minBatch: 4, tile: { LJ: 64, LB: 1, RJ: 1, RB: 4, TK: 32 } },
  ],
};

/** Outputs and samples one workgroup of a tile covers. */
export function tileCover(t: DenseTile): { outputs: number; samples: number } {
  return { outputs: t.LJ * t.RJ, samples: t.LB * t.RB };
}

/** One storage binding of a kernel: its WGSL name, element type and access. */
export interface StorageVar {
  readonly name: string;
  readonly elem: 'f32' | 'u32';
  readonly write: boolean;
}

/**
 * The uniform every kernel reads at binding 0: the batch; for annealed gates the host scalars of
 * the served step (spec/ir.md 2.1): whether the schedule is over, logit(t) and T in f32 and as
 * f64 words (high, low) for the exact posit path; and the kernel's sizes in `dims`.
 */
export const RUN_STRUCT = `struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}
`;

/** Words of the Run uniform. */
export const RUN_WORDS = 12;

function declarations(lib: string, vars: readonly StorageVar[]): string {
  const lines = [lib, RUN_STRUCT, '@group(0) @binding(0) var<uniform> run: Run;'];
  vars.forEach((v, i) => lines.push(`@group(0) @binding(${i + 1}) var<storage, ${v.write ? 'read_write' : 'read'}> ${v.name}: array<${v.elem}>;`));
  return `${lines.join('\n')}\n`;
}

/** A kernel over every element of a [B, N] value (N = dims.x): `col`, `b` and `i = b * N + col` are in scope. */
export function mapKernel(lib: string, vars: readonly StorageVar[], body: string, extra = '', lanes = WORKGROUP): string {
  return `${declarations(lib, vars)}${extra}
@compute @workgroup_size(${lanes})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
${indent(body)}
}
`;
}

/** A kernel with one lane per sample, rows of C = dims.x: `b` and `base = b * C` are in scope. */
export function rowsKernel(lib: string, vars: readonly StorageVar[], body: string, extra = '', lanes = WORKGROUP): string {
  return `${declarations(lib, vars)}${extra}
@compute @workgroup_size(${lanes})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let C = run.dims.x;
  let b = gid.x;
  if (b >= run.batch) {
    return;
  }
  let base = b * C;
${indent(body)}
}
`;
}

/** A kernel run by a single lane (batch reductions). */
export function singleKernel(lib: string, vars: readonly StorageVar[], body: string): string {
  return `${declarations(lib, vars)}
@compute @workgroup_size(1)
fn main() {
${indent(body)}
}
`;
}

/** One product term of an affine kernel: `w` is [NOUT, NIN], `x` is [B, NIN]. */
export interface AffineTermVars {
  readonly w: string;
  readonly x: string;
  /** The term enters only outputs whose unit is inactive (`inactive(b, j)`). */
  readonly masked: boolean;
}

/** A bias term [NOUT], optionally masked like a product term. */
export interface AffineBiasVars {
  readonly b: string;
  readonly masked: boolean;
}

/** What an affine kernel sums per output: biases first, then each term, then one rounding. */
export interface AffineSpec {
  readonly nin: number;
  readonly nout: number;
  readonly terms: readonly AffineTermVars[];
  readonly biases: readonly AffineBiasVars[];
  /** WGSL bool expression over `b` and `j`: unit j of sample b is inactive (needed when anything is masked). */
  readonly inactive?: string;
  readonly out: string;
}

/**
 * The tiled affine kernel (NIN = dims.x inputs, NOUT = dims.y outputs): a workgroup of LJ x LB
 * lanes computes TN = LJ * RJ outputs for TB = LB * RB samples; a lane owns outputs
 * oj_q = j0 + q * LJ + jl (q < RJ) of samples sb_p = b0 + bl * RB + p (p < RB), one accumulator each.
 * Per tile step the lanes load a TN x TK tile of W (stored transposed, so lanes read consecutive
 * words) and a TB x TK tile of x into workgroup memory; then each accumulator adds its products
 * in input order, so an f32 sum has the reference's order and a posit sum is exact in any order.
 * Dispatch: (ceil(NOUT / TN), ceil(B / TB)).
 */
export function affineKernel(ops: FormatOps, vars: readonly StorageVar[], s: AffineSpec, tile: DenseTile): string {
  const { LJ, LB, RJ, RB, TK } = tile;
  const TN = LJ * RJ;
  const TB = LB * RB;
  const each = (f: (q: number, p: number) => string, sep = '\n  '): string => Array.from({ length: RJ * RB }, (_, i) => f(Math.floor(i / RB), i % RB)).join(sep);
  const guarded = (cond: string, stmt: string): string => `if (${cond}) {\n    ${stmt}\n  }`;
  const ok = (q: number, p: number): string => `oj${q} < NOUT && sb${p} < run.batch`;
  const init = each((q, p) => [ops.accClear(`acc${q}_${p}`), ...s.biases.map((bv) => guarded(`${ok(q, p)}${bv.masked ? ` && inactive(sb${p}, oj${q})` : ''}`, ops.accAdd(`acc${q}_${p}`, `${bv.b}[oj${q}]`)))].join('\n  '));
  const masks = s.terms.some((t) => t.masked) ? each((q, p) => `let inact${q}_${p} = ${ok(q, p)} && inactive(sb${p}, oj${q});`) : '';
  const stores = each((q, p) => guarded(ok(q, p), `${s.out}[sb${p} * NOUT + oj${q}] = ${ops.accRound(`acc${q}_${p}`)};`));
  const helper = s.inactive ? `\nfn inactive(b: u32, j: u32) -> bool {\n  let NOUT = run.dims.y;\n  return ${s.inactive};\n}\n` : '';
  return `${declarations(ops.library, vars)}
const TN = ${TN}u;
const TB = ${TB}u;
const TK = ${TK}u;
var<workgroup> wt: array<${ops.elem}, ${TN * TK}>;
var<workgroup> xt: array<${ops.elem}, ${TB * TK}>;
${helper}
@compute @workgroup_size(${LJ * LB})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % ${LJ}u;
  let bl = t / ${LJ}u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  ${Array.from({ length: RJ }, (_, q) => `let oj${q} = j0 + ${q > 0 ? `${q * LJ}u + ` : ''}jl;`).join('\n  ')}
  ${Array.from({ length: RB }, (_, p) => `let sb${p} = b0 + ${sampleRow(RB, p)};`).join('\n  ')}
  ${each((q, p) => `var acc${q}_${p}: ${ops.acc};`)}
  ${init}${masks ? `\n  ${masks}` : ''}
${s.terms.map((t) => termLoop(ops, t, tile)).join('\n')}
  ${stores}
}
`;
}

/** The tile loop of one product term. */
function termLoop(ops: FormatOps, t: AffineTermVars, tile: DenseTile): string {
  const { LJ, LB, RJ, RB, TK } = tile;
  const TN = LJ * RJ;
  const TB = LB * RB;
  const ws = Array.from({ length: RJ }, (_, q) => `let w${q} = wt[c * TN + ${q > 0 ? `${q * LJ}u + ` : ''}jl];`).join('\n      ');
  // Grouped by sample, so a lane skips the products of samples past the batch (all of them but
  // one at batch 1); a masked term tests each accumulator's unit.
  const adds = Array.from({ length: RB }, (_, p) => {
    const row = Array.from({ length: RJ }, (_, q) => {
      const add = ops.accProduct(`acc${q}_${p}`, `w${q}`, `x${p}`);
      return t.masked ? `if (inact${q}_${p}) {\n          ${add}\n        }` : add;
    }).join('\n        ');
    return `if (sb${p} < run.batch) {\n        let x${p} = xt[(${sampleRow(RB, p)}) * TK + c];\n        ${row}\n      }`;
  }).join('\n      ');
  return `  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < ${TN * TK}u; e += ${LJ * LB}u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = ${ops.zero};
      if (j0 + row < NOUT && k < NIN) {
        v = ${t.w}[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < ${TB * TK}u; e += ${LJ * LB}u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = ${ops.zero};
      if (r < nb && k < NIN) {
        v = ${t.x}[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      ${ws}
      ${adds}
    }
    workgroupBarrier();
  }`;
}

/** WGSL of a lane's p-th sample row within the workgroup's tile: bl * RB + p. */
function sampleRow(RB: number, p: number): string {
  const base = RB === 1 ? 'bl' : `bl * ${RB}u`;
  return p > 0 ? `${base} + ${p}u` : base;
}

/** Indents a body by two spaces per line. */
export function indent(body: string, by = '  '): string {
  return body
    .split('\n')
    .map((l) => (l.length > 0 ? by + l : l))
    .join('\n');
}
