// What one compute tile computes in the functional simulator: its channel slice of every op of
// its side, with the reference interpreter's per-node arithmetic (runtime/interpreter forwardNode,
// tangentNode and the affine kernel), so posit results are bit-identical to runGraph. Whole
// values come from held broadcast buffers; tangents of the learning side are formed as soon as
// their operands exist (spec/jvp.md 3.2): a Dense perturbed on inactive units keeps both sums
// until its gate decides which one each unit takes.
import type { ChannelRange } from '../../compiler/allocate/plan.ts';
import type { RoleOp } from '../../compiler/allocate/role-program.ts';
import type { TangentPlan } from '../../compiler/passes/jvp.ts';
import type { Graph } from '../../ir/graph.ts';
import type { Node, NodeId, NodeOf } from '../../ir/nodes.ts';
import { operandsOf } from '../../ir/ops.ts';
import type { AffineBias, AffineTerm } from '../../runtime/interpreter/arith.ts';
import { forwardNode, type ExecState, type RoutingFacts } from '../../runtime/interpreter/forward-ops.ts';
import { tangentNode, type TangentSweep } from '../../runtime/interpreter/tangent-ops.ts';
import type { Buf } from '../../runtime/interpreter/types.ts';
import { copyColumns, type ElementIO } from './functional-buffers.ts';
import { resolveView } from './lower-compute.ts';
import { widthOf, type RoleSchedule } from './lower-schedule.ts';

/** A whole value taken from a broadcast buffer. */
export interface Delivered {
  readonly primal: Buf;
  readonly tangent?: Buf;
  readonly labels?: Int32Array;
}

/** What a column form an operand is wanted in: the op's channel range, or whole. */
type Want = ChannelRange | 'whole';

/** Both tangent sums of a Dense perturbed on inactive units: without and with the unit's own terms. */
interface DenseTangent {
  readonly active: Buf | undefined;
  readonly inactive: Buf;
}

/** One compute tile's functional state for the item and pass it is working on. */
export class TileExec {
  private item = -1;
  private pass = -1;
  private readonly primal = new Map<NodeId, Buf>();
  private readonly routing = new Map<NodeId, RoutingFacts>();
  private readonly delivered = new Map<NodeId, Delivered>();
  private readonly tangents = new Map<NodeId, Buf | undefined>();
  private readonly denseTan = new Map<NodeId, Buf | DenseTangent>();
  private readonly masks = new Map<NodeId, Uint8Array>();
  /** gateStep of the parameters in use (anneal gates). */
  gateStep = 0;
  /** Direction index of this pass, or -1 for a primal-only pass (no tangents). */
  direction = -1;

  constructor(
    readonly graph: Graph,
    readonly io: ElementIO,
    readonly s: RoleSchedule,
    readonly index: number,
  ) {}

  private get tp(): TangentPlan | undefined {
    return this.s.tangentPlan;
  }

  /** Starts (or continues) item `item`, pass `pass`: a new item forgets everything, a new pass its tangents. */
  begin(item: number, pass: number, gateStep: number, direction = -1): void {
    if (item !== this.item) {
      this.item = item;
      this.pass = -1;
      this.primal.clear();
      this.routing.clear();
      this.masks.clear();
    }
    if (pass !== this.pass) {
      this.pass = pass;
      this.delivered.clear();
      this.tangents.clear();
      this.denseTan.clear();
    }
    this.gateStep = gateStep;
    this.direction = direction;
  }

  /** True once the primal values of this item exist (later passes reuse them). */
  hasPrimal(id: NodeId): boolean {
    return this.primal.has(id);
  }

  isDelivered(id: NodeId): boolean {
    return this.delivered.has(id);
  }

  deliver(id: NodeId, d: Delivered): void {
    this.delivered.set(id, d);
  }

  private op(id: NodeId): RoleOp | undefined {
    return this.s.program.byId.get(id);
  }

  /** This tile's channel range of op `id`. */
  rangeOf(id: NodeId): ChannelRange {
    const op = this.op(id);
    return op ? this.s.layout.rangeOf(op, this.index) : { start: 0, end: 0 };
  }

  private node(id: NodeId): Node {
    return this.graph.nodes[id] as Node;
  }

  /** Columns `want` of a whole `[B][width]` value. */
  private sliceOf(whole: Buf, width: number, want: ChannelRange): Buf {
    const n = want.end - want.start;
    const out = this.io.arith.alloc(this.s.batch * n);
    copyColumns(whole, width, want.start, out, n, 0, this.s.batch, n);
    return out;
  }

  /** The primal value of `id` in the wanted form: a local slice, a local whole (replicated or head op), or a delivered whole, sliced if asked. */
  value(id: NodeId, want: Want): Buf {
    const r = resolveView(this.graph.nodes, id);
    const sliced = this.op(r)?.placement === 'sliced';
    const local = this.primal.get(r);
    if (local && (want === 'whole') === !sliced) return local;
    const whole = local && !sliced ? local : this.delivered.get(r)?.primal;
    if (!whole) throw new Error(`tile ${this.index} holds no value %${r} ${want === 'whole' ? 'whole' : 'slice'}`);
    return want === 'whole' ? whole : this.sliceOf(whole, widthOf(this.node(r)), want);
  }

  /** The tangent of `id` in the wanted form; undefined means zero. */
  tangent(id: NodeId, want: Want): Buf | undefined {
    const r = resolveView(this.graph.nodes, id);
    if (this.direction < 0 || !this.tp?.active[r]) return undefined;
    const sliced = this.op(r)?.placement === 'sliced';
    const local = this.primal.has(r);
    if (local && (want === 'whole') === !sliced) return this.localTangent(r);
    let whole: Buf | undefined;
    if (local && !sliced) whole = this.localTangent(r);
    else {
      const d = this.delivered.get(r);
      if (!d) throw new Error(`tile ${this.index} holds no tangent of %${r}`);
      whole = d.tangent;
    }
    if (!whole || want === 'whole') return whole;
    return this.sliceOf(whole, widthOf(this.node(r)), want);
  }

  /** Class labels of a delivered Label. */
  labels(id: NodeId): Int32Array {
    const l = this.delivered.get(id)?.labels;
    if (!l) throw new Error(`tile ${this.index} has no labels %${id}`);
    return l;
  }

  private state(values: (Buf | undefined)[], labels: Map<NodeId, Int32Array>): ExecState {
    return { graph: this.graph, arith: this.io.arith, batch: this.s.batch, gateStep: this.gateStep, values, labels, routing: this.routing };
  }

  /** How op `n` (placed as `p`) wants operand `o`. */
  private wantOf(n: Node, o: NodeId, range: ChannelRange, sliced: boolean): Want {
    if (n.kind === 'Dense' || n.kind === 'Softmax' || n.kind === 'Top1' || n.kind === 'CrossEntropy' || n.kind === 'Mean') return 'whole';
    if (n.kind === 'Combine') return o === n.weights ? 'whole' : range;
    return sliced ? range : 'whole';
  }

  /** Operands of `n` as the interpreter reads them, in the forms this tile holds. */
  private operands(n: Node, withTangents: boolean): { st: ExecState; ts: (Buf | undefined)[] } {
    const values: (Buf | undefined)[] = [];
    const ts: (Buf | undefined)[] = [];
    const labels = new Map<NodeId, Int32Array>();
    const op = this.op(n.id);
    const range = this.rangeOf(n.id);
    const sliced = op?.placement === 'sliced';
    for (const o of operandsOf(n)) {
      const src = this.node(resolveView(this.graph.nodes, o));
      if (src.kind === 'Label') {
        labels.set(o, this.labels(src.id));
        continue;
      }
      const want = this.wantOf(n, o, range, sliced);
      values[o] = this.value(o, want);
      if (withTangents) ts[o] = this.tangent(o, want);
    }
    return { st: this.state(values, labels), ts };
  }

  /** Computes op `id` (not a Dense) on this tile's range, once per item. */
  computeOp(id: NodeId): void {
    if (this.primal.has(id)) return;
    const n = this.node(id);
    if (n.kind === 'Combine') {
      this.primal.set(id, this.combine(n, false));
      return;
    }
    const { st } = this.operands(n, false);
    this.primal.set(id, forwardNode(st, n));
  }

  /** Combine on this tile's range: y[b,j] = round(Σ_e w[b,e]·E_e[b,j]), or its tangent. */
  private combine(n: NodeOf<'Combine'>, tangent: boolean): Buf {
    const A = this.io.arith;
    const B = this.s.batch;
    const range = this.rangeOf(n.id);
    const len = range.end - range.start;
    const w = this.value(n.weights, 'whole');
    const E = n.experts.length;
    const ex = n.experts.map((e) => this.value(e, range));
    const dw = tangent ? this.tangent(n.weights, 'whole') : undefined;
    const wt = tangent ? (this.routing.get(resolveView(this.graph.nodes, n.weights))?.relaxed ?? w) : w;
    const dex = tangent ? n.experts.map((e) => this.tangent(e, range)) : [];
    const out = A.alloc(B * len);
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < len; j++) {
        A.sumBegin();
        for (let e = 0; e < E; e++) {
          if (!tangent) A.sumProduct(w[b * E + e]!, (ex[e] as Buf)[b * len + j]!);
          else {
            if (dw) A.sumProduct(dw[b * E + e]!, (ex[e] as Buf)[b * len + j]!);
            const de = dex[e];
            if (de) A.sumProduct(wt[b * E + e]!, de[b * len + j]!);
          }
        }
        out[b * len + j] = A.sumEnd();
      }
    }
    return out;
  }

  /** The local tangent of a value this tile computed (memoised per pass). */
  private localTangent(id: NodeId): Buf | undefined {
    if (this.tangents.has(id)) return this.tangents.get(id);
    const n = this.node(id);
    let t: Buf | undefined;
    if (n.kind === 'Dense') t = this.denseTangent(n);
    else if (n.kind === 'Combine') t = this.combine(n, true);
    else {
      const { st, ts } = this.operands(n, true);
      const sweep: TangentSweep = { plan: this.tp as TangentPlan, directions: new Map(), inactive: new Map(), tangents: ts };
      t = tangentNode(st, sweep, n);
    }
    this.tangents.set(id, t);
    return t;
  }

  /** The Dense tangent of this pass, each unit taking the sum its activity selects. */
  private denseTangent(n: NodeOf<'Dense'>): Buf | undefined {
    const t = this.denseTan.get(n.id);
    if (t === undefined || !('inactive' in t)) return t;
    const mask = this.inactiveMask(n.id);
    const out = this.io.arith.alloc(t.inactive.length);
    for (let i = 0; i < out.length; i++) out[i] = mask[i] ? t.inactive[i]! : t.active ? t.active[i]! : this.io.arith.zero;
    return out;
  }

  /** `[B][n]` 1 where unit j of layer `dense` is inactive for sample b (spec/jvp.md section 2). */
  inactiveMask(dense: NodeId): Uint8Array {
    const cached = this.masks.get(dense);
    if (cached) return cached;
    const src = this.tp?.units.get(dense);
    const range = this.rangeOf(dense);
    const n = range.end - range.start;
    const B = this.s.batch;
    const zero = this.io.arith.zero;
    const mask = new Uint8Array(B * n);
    for (const g of src?.gates ?? []) {
      const m = this.value(g, range);
      for (let i = 0; i < mask.length; i++) if (m[i] === zero) mask[i] = 1;
    }
    for (const { weights, expert } of src?.experts ?? []) {
      const w = this.value(weights, 'whole');
      const E = w.length / B;
      for (let b = 0; b < B; b++) if (w[b * E + expert] === zero) mask.fill(1, b * n, (b + 1) * n);
    }
    this.masks.set(dense, mask);
    return mask;
  }

  /**
   * Dense rows `rows` of this tile's range: the primal (once per item) and, on the learning side,
   * the tangent of this pass. `W` holds the rows' weights `[rows][in]`, `b` their biases; `dir`
   * gives a perturbed parameter's direction rows in the format.
   */
  dense(n: NodeOf<'Dense'>, rows: ChannelRange, W: Buf, b: Buf, dir?: (param: NodeId, rows: ChannelRange) => Buf | undefined): void {
    const A = this.io.arith;
    const B = this.s.batch;
    const range = this.rangeOf(n.id);
    const len = range.end - range.start;
    const k = rows.end - rows.start;
    const nin = widthOf(this.node(resolveView(this.graph.nodes, n.x)));
    const x = this.value(n.x, 'whole');
    const col = rows.start - range.start;
    // The primal is the same in every pass of an item: compute it in pass 0 only.
    if (this.pass === 0) {
      let y = this.primal.get(n.id);
      if (!y) {
        y = A.alloc(B * len);
        this.primal.set(n.id, y);
      }
      const out = A.alloc(B * k);
      A.affine({ batch: B, nout: k, terms: [{ W, x, nin }], biases: [{ b }] }, out);
      copyColumns(out, k, 0, y, len, col, B, k);
    }
    const tp = this.tp;
    if (!tp || !dir || this.direction < 0 || !tp.active[n.id]) return;
    this.denseTangentRows(n, rows, W, x, nin, dir, len, col);
  }

  private denseTangentRows(n: NodeOf<'Dense'>, rows: ChannelRange, W: Buf, x: Buf, nin: number, dir: (param: NodeId, rows: ChannelRange) => Buf | undefined, len: number, col: number): void {
    const tp = this.tp as TangentPlan;
    const A = this.io.arith;
    const B = this.s.batch;
    const k = rows.end - rows.start;
    const xr = resolveView(this.graph.nodes, n.x);
    const dx = tp.active[xr] ? this.tangent(n.x, 'whole') : undefined;
    const dW = tp.perturbed.has(n.weight) ? dir(n.weight, rows) : undefined;
    const db = tp.perturbed.has(n.bias) ? dir(n.bias, rows) : undefined;
    const xt = this.routing.get(xr)?.relaxed ?? x;
    const masked = tp.perturbed.get(n.weight) === 'inactive-units';
    const base: AffineTerm[] = dx ? [{ W, x: dx, nin }] : [];
    const own: AffineTerm[] = dW ? [{ W: dW, x: xt, nin }] : [];
    const biases: AffineBias[] = db ? [{ b: db }] : [];
    const sum = (terms: AffineTerm[], bs: AffineBias[]): Buf => {
      const out = A.alloc(B * k);
      A.affine({ batch: B, nout: k, terms, biases: bs }, out);
      return out;
    };
    const place = (key: 'active' | 'inactive' | 'all', v: Buf | undefined): void => {
      let t = this.denseTan.get(n.id);
      if (t === undefined) {
        t = masked ? { active: dx ? A.alloc(B * len) : undefined, inactive: A.alloc(B * len) } : A.alloc(B * len);
        this.denseTan.set(n.id, t);
      }
      const dst = key === 'all' ? (t as Buf) : (t as DenseTangent)[key];
      if (v && dst) copyColumns(v, k, 0, dst, len, col, B, k);
    };
    if (!masked) place('all', sum([...base, ...own], biases));
    else {
      if (dx) place('active', sum(base, []));
      place('inactive', sum([...base, ...own], biases));
    }
  }

  /** The local primal of `id` (slice or whole, as computed). */
  primalOf(id: NodeId): Buf | undefined {
    return this.primal.get(id);
  }
}
