// The posit kernel library: for each format, scalar and array entry points for the rounded
// operations and the quire. Everything is generated from the format table (posit-format.ts) by
// the inline builders of posit-arith.ts, posit-convert.ts and posit-quire.ts, and added to a
// caller's WasmModule, so a whole-model module can embed exactly the kernels it needs.
// Conventions: a posit is an i32 holding the n-bit pattern zero-extended; arrays are packed
// little-endian (1, 2 or 4 bytes per value); pointers and counts are i32 byte addresses/element counts.
import type { Expr, ValType, WasmModule } from './binaryen.ts';
import { countedLoop, loadPosit, storePosit } from './kernel-loops.ts';
import { emitAdd, emitDiv, emitMul, emitSqrt, emitSub } from './posit-arith.ts';
import type { KernelCx } from './posit-codec.ts';
import { emitFromF64, emitToF64 } from './posit-convert.ts';
import { emitPositDense } from './posit-dense.ts';
import { positFormat } from './posit-format.ts';
import type { KernelFormat, PositFormatName } from './posit-format.ts';
import { emitQuireKernels, quireScratchBytes } from './posit-quire.ts';

/** Options for emitting posit kernels into a module. */
export interface PositKernelOptions {
  /** Formats to emit (default: all). */
  readonly formats: readonly PositFormatName[];
  /** Byte address of a scratch area the dot kernels may use (see positScratchBytes). */
  readonly scratchBase: number;
  /** Export every kernel under its own name (default true). */
  readonly exportAll?: boolean;
  /** Operation groups to emit (default: all). `quire` is the whole quire family; `dense` implies it. */
  readonly ops?: readonly PositKernelOp[];
}

/** Operation groups of the posit kernel library. */
export type PositKernelOp = 'add' | 'sub' | 'mul' | 'div' | 'sqrt' | 'from_f64' | 'to_f64' | 'quire' | 'dense';

/** Every operation group. */
export const POSIT_KERNEL_OPS: readonly PositKernelOp[] = ['add', 'sub', 'mul', 'div', 'sqrt', 'from_f64', 'to_f64', 'quire', 'dense'];

/** Bytes of scratch memory the kernels of these formats need at `scratchBase`. */
export function positScratchBytes(formats: readonly PositFormatName[]): number {
  return Math.max(0, ...formats.map((n) => quireScratchBytes(positFormat(n))));
}

type Binary = (cx: KernelCx, a: Expr, b: Expr, out: Expr[]) => Expr;
type Unary = (cx: KernelCx, a: Expr, out: Expr[]) => Expr;

const BINARY: readonly (readonly [PositKernelOp, Binary])[] = [
  ['add', emitAdd],
  ['sub', emitSub],
  ['mul', emitMul],
  ['div', emitDiv],
];

function emitBinaryPair(m: WasmModule, fmt: KernelFormat, op: string, build: Binary, exportAll: boolean): void {
  const name = `${fmt.prefix}_${op}`;
  {
    const f = m.fn(name, ['i32', 'i32'], 'i32');
    const cx: KernelCx = { m, f, fmt };
    const out: Expr[] = [];
    const r = build(cx, f.get(f.param(0)), f.get(f.param(1)), out);
    f.finish([...out, r]);
  }
  const f = m.fn(`${name}_arr`, ['i32', 'i32', 'i32', 'i32'], 'none');
  const cx: KernelCx = { m, f, fmt };
  const [pa, pb, po, n] = [f.param(0), f.param(1), f.param(2), f.param(3)];
  const b = fmt.bytes;
  f.finish(
    countedLoop(f, n, [[pa, b], [pb, b], [po, b]], (s) => {
      const r = build(cx, loadPosit(m, fmt, f.get(pa)), loadPosit(m, fmt, f.get(pb)), s);
      s.push(storePosit(m, fmt, f.get(po), r));
    }),
  );
  if (exportAll) {
    m.exportFunction(name);
    m.exportFunction(`${name}_arr`);
  }
}

function emitUnaryPair(
  m: WasmModule,
  fmt: KernelFormat,
  op: string,
  types: { readonly inT: ValType; readonly outT: ValType; readonly inBytes: number; readonly outBytes: number },
  build: Unary,
  exportAll: boolean,
): void {
  const name = `${fmt.prefix}_${op}`;
  {
    const f = m.fn(name, [types.inT], types.outT);
    const out: Expr[] = [];
    const r = build({ m, f, fmt }, f.get(f.param(0)), out);
    f.finish([...out, r]);
  }
  const f = m.fn(`${name}_arr`, ['i32', 'i32', 'i32'], 'none');
  const [pi, po, n] = [f.param(0), f.param(1), f.param(2)];
  f.finish(
    countedLoop(f, n, [[pi, types.inBytes], [po, types.outBytes]], (s) => {
      const x = types.inT === 'f64' ? m.f64.load(0, 8, f.get(pi)) : loadPosit(m, fmt, f.get(pi));
      const r = build({ m, f, fmt }, x, s);
      s.push(types.outT === 'f64' ? m.f64.store(0, 8, f.get(po), r) : storePosit(m, fmt, f.get(po), r));
    }),
  );
  if (exportAll) {
    m.exportFunction(name);
    m.exportFunction(`${name}_arr`);
  }
}

/** Emits the kernels of one format into `m` (see the file header for conventions). */
export function emitFormatKernels(m: WasmModule, name: PositFormatName, opts: PositKernelOptions): void {
  const fmt = positFormat(name);
  const exportAll = opts.exportAll ?? true;
  const want = new Set(opts.ops ?? POSIT_KERNEL_OPS);
  for (const [op, build] of BINARY) if (want.has(op)) emitBinaryPair(m, fmt, op, build, exportAll);
  const posit = { inT: 'i32', outT: 'i32', inBytes: fmt.bytes, outBytes: fmt.bytes } as const;
  if (want.has('sqrt')) emitUnaryPair(m, fmt, 'sqrt', posit, emitSqrt, exportAll);
  if (want.has('from_f64')) {
    emitUnaryPair(m, fmt, 'from_f64', { inT: 'f64', outT: 'i32', inBytes: 8, outBytes: fmt.bytes }, emitFromF64, exportAll);
  }
  if (want.has('to_f64')) {
    emitUnaryPair(m, fmt, 'to_f64', { inT: 'i32', outT: 'f64', inBytes: fmt.bytes, outBytes: 8 }, emitToF64, exportAll);
  }
  if (want.has('quire') || want.has('dense')) emitQuireKernels(m, fmt, opts.scratchBase, exportAll);
  if (want.has('dense')) emitPositDense(m, fmt, opts.scratchBase, exportAll);
}

/** Emits the kernels of every requested format. */
export function emitPositKernels(m: WasmModule, opts: PositKernelOptions): void {
  for (const name of opts.formats) emitFormatKernels(m, name, opts);
}
