// Shared state and small builders of the whole-model emitters: the model context (module, plan,
// memory map, format), buffer addresses, counted index loops, and the one-rounding accumulator
// that every dense-like sum uses: a quire in posit formats (exact, rounded once), a sequential
// f32 sum otherwise (each add rounded, in the reference's order).
import type { Expr, FnBuilder, Local, ValType, WasmModule } from './binaryen.ts';
import type { ValueOps } from './emit-values.ts';
import type { ModelLayout, Slot } from './model-layout.ts';
import type { ModelPlan } from './model-plan.ts';

/** Everything a node emitter reads. */
export interface ModelCx {
  readonly m: WasmModule;
  readonly plan: ModelPlan;
  readonly layout: ModelLayout;
  readonly ops: ValueOps;
}

/** Per function: the locals holding batch-region base addresses, and the statements that set them. */
const HOISTED = new WeakMap<FnBuilder, { readonly locals: Map<number, Local>; readonly sets: Expr[] }>();

/**
 * Byte address of a slot for the batch size held in parameter `B`. Batch-region addresses are
 * computed once per function into a local (set in the prologue that `finishFn` adds), so inner
 * loops do not recompute `batchBase + B * offset`.
 */
export function slotAddr(cx: ModelCx, f: FnBuilder, slot: Slot, B: Local): Expr {
  const { m } = cx;
  if (slot.region === 'fixed') return m.i32.const(slot.at);
  let h = HOISTED.get(f);
  if (!h) {
    h = { locals: new Map(), sets: [] };
    HOISTED.set(f, h);
  }
  let l = h.locals.get(slot.at);
  if (!l) {
    l = f.local('i32');
    h.locals.set(slot.at, l);
    h.sets.push(f.set(l, m.i32.add(m.i32.const(cx.layout.batchBase), m.i32.mul(f.get(B), m.i32.const(slot.at)))));
  }
  return f.get(l);
}

/** Finishes a function that used slotAddr: the hoisted address computations come first. */
export function finishFn(f: FnBuilder, body: Expr | readonly Expr[]): void {
  const sets = HOISTED.get(f)?.sets ?? [];
  f.finish([...sets, ...(typeof body === 'number' ? [body] : body)]);
}

/** `base + i * stride` as an i32 expression. */
export function offset(m: WasmModule, base: Expr, i: Expr, stride: number): Expr {
  return m.i32.add(base, stride === 1 ? i : m.i32.mul(i, m.i32.const(stride)));
}

/** for (i = 0; i < count; i++) body(i); count is evaluated once. */
export function forRange(f: FnBuilder, count: Expr, body: (i: Local) => readonly Expr[]): Expr {
  const m = f.mod;
  const i = f.local('i32');
  const n = f.local('i32');
  const exit = f.label('done');
  const top = f.label('next');
  return m.block(exit, [
    f.set(n, count),
    f.set(i, m.i32.const(0)),
    m.br(exit, m.i32.ge_s(f.get(i), f.get(n))),
    m.loop(top, m.block(null, [
      ...body(i),
      f.set(i, m.i32.add(f.get(i), m.i32.const(1))),
      m.br(top, m.i32.lt_s(f.get(i), f.get(n))),
    ], 'none')),
  ], 'none');
}

/** A one-rounding sum inside one function (see the file header). */
export interface Accumulator {
  clear(): Expr;
  /** Adds one element of the format. */
  add(v: Expr): Expr;
  /** Adds a·b exactly (posit) or rounded product then rounded add (f32). */
  fma(a: Expr, b: Expr): Expr;
  /** Adds Σ_i w[i]·x[i] over n elements at byte addresses w and x. */
  fmaArr(w: Expr, x: Expr, n: Expr): Expr;
  /** The sum rounded once into the format. */
  result(): Expr;
}

/** The accumulator of the model's format, using the module's quire or an f32 local. */
export function accumulator(cx: ModelCx, f: FnBuilder): Accumulator {
  const { m, ops, layout } = cx;
  const p = ops.posit;
  if (p) {
    const q = (): Expr => m.i32.const(layout.quire);
    const qp = p.quirePrefix;
    return {
      clear: () => m.call(`${qp}_clear`, [q()], 'none'),
      add: (v) => m.call(`${qp}_add`, [q(), v], 'none'),
      fma: (a, b) => m.call(`${qp}_fma`, [q(), a, b], 'none'),
      fmaArr: (w, x, n) => m.call(`${qp}_fma_arr`, [q(), w, x, n], 'none'),
      result: () => m.call(`${qp}_to`, [q()], 'i32'),
    };
  }
  const acc = f.local('f32');
  return {
    clear: () => f.set(acc, m.f32.const(0)),
    add: (v) => f.set(acc, m.f32.add(f.get(acc), v)),
    fma: (a, b) => f.set(acc, m.f32.add(f.get(acc), m.f32.mul(a, b))),
    fmaArr: (w, x, n) => f.set(acc, m.call('f32_dot_acc', [f.get(acc), w, x, n], 'f32')),
    result: () => f.get(acc),
  };
}

/** Function name of a node's forward kernel (`full`) or its skipping variant. */
export function fwdName(id: number, variant: 'full' | 'skip'): string {
  return variant === 'full' ? `fwd_${id}` : `skip_${id}`;
}

/** Function name of a node's tangent kernel. */
export function tanName(id: number): string {
  return `tan_${id}`;
}

/** Fresh locals of the given types, as a tuple (destructures without undefined). */
export function localTuple<const T extends readonly ValType[]>(f: FnBuilder, types: T): { -readonly [K in keyof T]: Local } {
  return types.map((t) => f.local(t)) as { -readonly [K in keyof T]: Local };
}

/** The first n parameters of a function, as a tuple. */
export function paramTuple<const N extends number>(f: FnBuilder, n: N): Local[] & { length: N } {
  return Array.from({ length: n }, (_, i) => f.param(i)) as Local[] & { length: N };
}
