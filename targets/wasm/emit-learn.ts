// The forward-gradient step inside the module (spec/jvp.md 2-5), as three exports the host
// drives: `jvp_begin(B, step)` runs the full primal sweep with the loss, derives the per-unit
// inactivity masks and clears the estimate; `jvp_dir(B, step)` rounds one host-sampled direction
// into the format, runs every tangent kernel and adds D[r,row]·ṽ into the f64 accumulators in
// the reference's order; `jvp_end(B, k, lr)` applies θ' = round(θ − lr·G/(kB)) in place.
import type { NodeId, NodeOf } from '../../ir/nodes.ts';
import type { TangentPlan } from '../../compiler/passes/jvp.ts';
import type { Expr, FnBuilder, Local } from './binaryen.ts';
import { forRange, offset, slotAddr, tanName, finishFn, type ModelCx } from './emit-context.ts';
import { conversionName } from './emit-values.ts';
import type { PerturbedSlots, Slot } from './model-layout.ts';
import { widthOf } from './model-plan.ts';

/** Size, rows and columns of a parameter. */
function dims(n: NodeOf<'Param'>): { size: number; rows: number; cols: number } {
  const rows = n.shape[0] ?? 1;
  const cols = n.shape.length === 2 ? (n.shape[1] ?? 1) : 1;
  return { size: rows * cols, rows, cols };
}

/** Perturbed parameters in id order, with their slots and owning Dense. */
function perturbedParams(cx: ModelCx): { n: NodeOf<'Param'>; slots: PerturbedSlots; owner: NodeId }[] {
  const g = cx.plan.graph;
  const owner = new Map<NodeId, NodeId>();
  for (const n of g.nodes) if (n.kind === 'Dense') for (const p of [n.weight, n.bias]) owner.set(p, n.id);
  return [...cx.layout.perturbed].map(([id, slots]) => ({ n: g.nodes[id] as NodeOf<'Param'>, slots, owner: owner.get(id) ?? -1 }));
}

/** Emits and exports jvp_begin, jvp_dir and jvp_end (only for a module with a tangent plan). */
export function emitLearning(cx: ModelCx, tangentKernels: readonly NodeId[]): void {
  if (!cx.plan.tangents) return;
  emitBegin(cx);
  emitDirection(cx, tangentKernels);
  emitEnd(cx);
  for (const name of ['jvp_begin', 'jvp_dir', 'jvp_end']) cx.m.exportFunction(name);
}

function emitBegin(cx: ModelCx): void {
  const { m, ops, layout, plan } = cx;
  const f = m.fn('jvp_begin', ['i32', 'i32'], 'none');
  const B = f.param(0);
  const s: Expr[] = [m.call('forward', [f.get(B), f.get(f.param(1)), m.i32.const(1)], 'none')];
  const units: TangentPlan['units'] = plan.tangents?.units ?? new Map();
  for (const [dense, src] of units) {
    const width = widthOf(plan.graph.nodes[dense] as never);
    const mask = (): Expr => slotAddr(cx, f, layout.inactive.get(dense) as Slot, B);
    const total = (): Expr => m.i32.mul(f.get(B), m.i32.const(width));
    s.push(m.memoryFill(mask(), m.i32.const(0), total()));
    for (const gate of src.gates) {
      const gv = layout.values.get(gate) as Slot;
      s.push(forRange(f, total(), (i) => [
        m.if(ops.isZero(m, ops.load(m, offset(m, slotAddr(cx, f, gv, B), f.get(i), ops.bytes))), m.i32.store8(0, 1, m.i32.add(mask(), f.get(i)), m.i32.const(1))),
      ]));
    }
    for (const { weights, expert } of src.experts) {
      const E = widthOf(plan.graph.nodes[weights] as never);
      const wv = layout.values.get(weights) as Slot;
      s.push(forRange(f, f.get(B), (b) => [
        m.if(
          ops.isZero(m, ops.load(m, offset(m, slotAddr(cx, f, wv, B), m.i32.add(m.i32.mul(f.get(b), m.i32.const(E)), m.i32.const(expert)), ops.bytes))),
          m.memoryFill(m.i32.add(mask(), m.i32.mul(f.get(b), m.i32.const(width))), m.i32.const(1), m.i32.const(width)),
        ),
      ]));
    }
  }
  for (const p of perturbedParams(cx)) s.push(m.memoryFill(m.i32.const(p.slots.grad), m.i32.const(0), m.i32.const(8 * dims(p.n).size)));
  finishFn(f, s);
}

function emitDirection(cx: ModelCx, tangentKernels: readonly NodeId[]): void {
  const { m, ops, layout, plan } = cx;
  const f = m.fn('jvp_dir', ['i32', 'i32'], 'none');
  const [B, step] = [f.param(0), f.param(1)];
  const s: Expr[] = [];
  for (const p of perturbedParams(cx)) {
    s.push(m.call(conversionName(ops, 'from'), [m.i32.const(p.slots.stage), m.i32.const(p.slots.dparam), m.i32.const(dims(p.n).size)], 'none'));
  }
  for (const id of tangentKernels) s.push(m.call(tanName(id), [f.get(B), f.get(step)], 'none'));
  const ls = plan.tangents?.lossSamples;
  const dloss = (): Expr => slotAddr(cx, f, layout.dloss, B);
  if (ls !== undefined && plan.tangents?.active[ls]) {
    s.push(m.call(conversionName(ops, 'to'), [slotAddr(cx, f, layout.tangents.get(ls) as Slot, B), dloss(), f.get(B)], 'none'));
  } else {
    s.push(m.memoryFill(dloss(), m.i32.const(0), m.i32.mul(f.get(B), m.i32.const(8))));
  }
  for (const p of perturbedParams(cx)) s.push(accumulate(cx, f, B, p));
  finishFn(f, s);
}

/** D[row] = Σ_b d[b]·e_b(row) (b ascending), then G[i] += D[row(i)]·ṽ[i]. */
function accumulate(cx: ModelCx, f: FnBuilder, B: Local, p: ReturnType<typeof perturbedParams>[number]): Expr {
  const { m, ops, layout, plan } = cx;
  const { rows, cols } = dims(p.n);
  const mask = plan.tangents?.perturbed.get(p.n.id) === 'inactive-units' ? layout.inactive.get(p.owner) : undefined;
  const sum = f.local('f64');
  const d = (b: Local): Expr => m.f64.load(0, 8, offset(m, slotAddr(cx, f, layout.dloss, B), f.get(b), 8));
  const D = (row: Local): Expr => offset(m, m.i32.const(layout.rowSums), f.get(row), 8);
  const i = f.local('i32');
  const add = (b: Local): Expr => f.set(sum, m.f64.add(f.get(sum), d(b)));
  return m.block(null, [
    forRange(f, m.i32.const(rows), (row) => [
      f.set(sum, m.f64.const(0)),
      forRange(f, f.get(B), (b) => [
        mask ? m.if(m.i32.load8_u(0, 1, m.i32.add(slotAddr(cx, f, mask, B), m.i32.add(m.i32.mul(f.get(b), m.i32.const(rows)), f.get(row)))), add(b)) : add(b),
      ]),
      m.f64.store(0, 8, D(row), f.get(sum)),
    ]),
    forRange(f, m.i32.const(rows), (row) => [
      forRange(f, m.i32.const(cols), (col) => {
        const g = (): Expr => offset(m, m.i32.const(p.slots.grad), f.get(i), 8);
        const v = ops.toF64(m, ops.load(m, offset(m, m.i32.const(p.slots.dparam), f.get(i), ops.bytes)));
        return [
          f.set(i, m.i32.add(m.i32.mul(f.get(row), m.i32.const(cols)), f.get(col))),
          m.f64.store(0, 8, g(), m.f64.add(m.f64.load(0, 8, g()), m.f64.mul(m.f64.load(0, 8, D(row)), v))),
        ];
      }),
    ]),
  ], 'none');
}

function emitEnd(cx: ModelCx): void {
  const { m, ops, layout } = cx;
  const f = m.fn('jvp_end', ['i32', 'i32', 'f64'], 'none');
  const [B, k, lr] = [f.param(0), f.param(1), f.param(2)];
  const kB = f.local('f64');
  const g = f.local('f64');
  const s: Expr[] = [f.set(kB, m.f64.convert_s.i32(m.i32.mul(f.get(k), f.get(B))))];
  for (const p of perturbedParams(cx)) {
    const theta = layout.params.get(p.n.id) as number;
    s.push(forRange(f, m.i32.const(dims(p.n).size), (i) => {
      const at = (): Expr => offset(m, m.i32.const(theta), f.get(i), ops.bytes);
      return [
        f.set(g, m.f64.div(m.f64.load(0, 8, offset(m, m.i32.const(p.slots.grad), f.get(i), 8)), f.get(kB))),
        ops.store(m, at(), ops.fromF64(m, m.f64.sub(ops.toF64(m, ops.load(m, at())), m.f64.mul(f.get(lr), f.get(g))))),
      ];
    }));
  }
  finishFn(f, s);
}
