// The functional kernels of a lowered xdna program (lower.ts): each kernel spec becomes a
// SimKernel that moves real values through the FIFO buffers. Shims bring batches in and take
// predictions out, memory tiles stage, broadcast, assemble and feed weight chunks of the right
// snapshot version, compute tiles run their channel slices (functional-tile.ts), and the host
// optimizer forms the forward-gradient estimate and publishes snapshots (functional-host.ts).
import type { PlanRole } from '../../compiler/allocate/plan.ts';
import type { Node, NodeId } from '../../ir/nodes.ts';
import type { Buf, InputSet, ParamSet } from '../../runtime/interpreter/types.ts';
import { elementIO, readLabels, writeLabels, type ElementIO } from './functional-buffers.ts';
import { HostState } from './functional-host.ts';
import { assembleGather, readDelivered, writeBlock } from './functional-io.ts';
import { TileExec } from './functional-tile.ts';
import { resolveView } from './lower-compute.ts';
import { align8, maskBytes, widthOf, type RoleSchedule } from './lower-schedule.ts';
import type { DeliveredRef, KernelSpec, Lowered } from './lower-types.ts';
import type { KernelContext, SimKernel } from './sim/index.ts';

/** Where the samples of both streams come from. */
export interface StreamData {
  /** Inputs of inference item `item` (`[batch, features]` per Input). */
  inference(item: number): InputSet;
  /** Inputs and labels of learning step `step`. */
  learning(step: number): InputSet;
}

/** One prediction the grid produced, with the snapshot version it was computed with. */
export interface InferenceRecord {
  readonly item: number;
  readonly version: number;
  /** Per prediction output, `[batch * width]` exact f64 values. */
  readonly outputs: ReadonlyMap<string, Float64Array>;
  /** The snapshot it was computed with, kept for the records chosen for replay. */
  readonly replay?: { readonly params: ParamSet; readonly gateStep: number };
}

/** Options of a functional model. */
export interface FunctionalOptions {
  /** Keep the snapshot of the n-th record (version v) for replay. Default: none. */
  readonly keepForReplay?: (n: number, version: number) => boolean;
  /** Keep the training parameters after each of the first n updates. Default 0. */
  readonly keepSteps?: number;
  /** Called after every inference item and learning step. */
  readonly onProgress?: (inferences: number, steps: number) => void;
}

/** A value the head memory tile holds between gathering it and sending it on. */
export interface Staged {
  readonly primal: Buf;
  readonly tangent?: Buf;
  readonly labels?: Int32Array;
  readonly mask?: Uint8Array;
}

/** The functional state of one simulation: parameters, tiles, host and what came out. */
export class FunctionalModel {
  readonly io: ElementIO;
  readonly host: HostState;
  readonly records: InferenceRecord[] = [];
  private readonly execs = new Map<string, TileExec>();
  private readonly staging = new Map<PlanRole, Map<string, Staged>>();
  private readonly weightSlices = new Map<string, { stamp: string; W: Buf; b: Buf }>();
  private hostPass = 0;

  /** Training parameters after update n (for the first `keepSteps` updates). */
  readonly history: ParamSet[] = [];

  constructor(
    readonly lowered: Lowered,
    params: ParamSet,
    readonly data: StreamData,
    private readonly opts: FunctionalOptions = {},
  ) {
    this.io = elementIO(lowered.plan.format);
    const learn = lowered.roles.find((r) => r.role === 'forward-gradient');
    this.host = new HostState(lowered.graph, this.io, learn?.tangentPlan, params);
  }

  private schedule(role: PlanRole): RoleSchedule {
    const s = this.lowered.roles.find((r) => r.role === role);
    if (!s) throw new Error(`no ${role} side in the program`);
    return s;
  }

  private node(id: NodeId): Node {
    return this.lowered.graph.nodes[id] as Node;
  }

  private exec(role: PlanRole, tile: number): TileExec {
    const key = `${role}:${tile}`;
    let e = this.execs.get(key);
    if (!e) {
      e = new TileExec(this.lowered.graph, this.io, this.schedule(role), tile);
      this.execs.set(key, e);
    }
    return e;
  }

  private stage(role: PlanRole): Map<string, Staged> {
    let m = this.staging.get(role);
    if (!m) this.staging.set(role, (m = new Map<string, Staged>()));
    return m;
  }

  /** Parameters a kernel of `role` reads: the snapshot of its version, or the training copy of its step. */
  private params(role: PlanRole, ctx: KernelContext): { buf: (id: NodeId) => Buf; stamp: string; gateStep: number } {
    if (role === 'inference') {
      const snap = this.host.snapshot(Math.max(0, ctx.version));
      return { buf: (id) => snap.bufs.get(id) as Buf, stamp: `v${snap.version}`, gateStep: snap.gateStep };
    }
    const step = ctx.iteration(0);
    if (step !== this.host.updates) throw new Error(`learning step ${step} read the training copy after ${this.host.updates} updates`);
    return { buf: (id) => this.host.trainingBuf(id), stamp: `t${this.host.updates}`, gateStep: step };
  }

  /** Rows of a Dense's weights and biases from a parameter set (cached per version so decoding is reused). */
  private rows(role: PlanRole, tile: number, id: NodeId, start: number, end: number, p: ReturnType<FunctionalModel['params']>): { W: Buf; b: Buf } {
    const n = this.node(id);
    if (n.kind !== 'Dense') throw new Error(`%${id} is not a Dense`);
    const key = `${role}:${tile}:${id}:${start}`;
    const hit = this.weightSlices.get(key);
    if (hit && hit.stamp === p.stamp) return hit;
    const nin = widthOf(this.node(resolveView(this.lowered.graph.nodes, n.x)));
    const W = p.buf(n.weight).subarray(start * nin, end * nin);
    const b = p.buf(n.bias).subarray(start, end);
    this.weightSlices.set(key, { stamp: p.stamp, W, b });
    return { W, b };
  }

  /** The tile's exec, positioned at the kernel's item and pass. */
  private begin(role: PlanRole, tile: number, ctx: KernelContext, gateStep: number): TileExec {
    const exec = this.exec(role, tile);
    const pass = ctx.iteration(1);
    const direction = role === 'forward-gradient' ? pass - (exec.s.primalPass ? 1 : 0) : -1;
    exec.begin(ctx.iteration(0), pass, gateStep, direction);
    return exec;
  }

  private inputs(exec: TileExec, refs: readonly DeliveredRef[], ctx: KernelContext): void {
    for (const ref of refs) if (!exec.isDelivered(ref.value)) exec.deliver(ref.value, readDelivered(this.io, this.node(ref.value), exec.s.batch, ref, ctx));
  }

  /** Every kernel of the lowered program. */
  kernels(): Map<string, SimKernel> {
    const out = new Map<string, SimKernel>();
    for (const [name, spec] of this.lowered.kernels) out.set(name, this.kernel(spec));
    return out;
  }

  private kernel(spec: KernelSpec): SimKernel {
    switch (spec.kind) {
      case 'sample':
        return (ctx) => this.sample(spec.role, spec.fifo, ctx);
      case 'stage':
        return (ctx) => this.stageSources(spec.role, spec.fifo, ctx);
      case 'deliver':
        return (ctx) => {
          const st = this.stage(spec.role).get(String(spec.d.value));
          if (!st) throw new Error(`nothing staged for %${spec.d.value}`);
          const out = ctx.output(spec.fifo);
          if (st.labels) writeLabels(out, 0, st.labels);
          else this.io.write(out, 0, st.primal);
          if (spec.d.tangent) this.io.write(out, align8(spec.d.bytes), st.tangent ?? this.io.arith.alloc(st.primal.length));
        };
      case 'feed':
        return (ctx) => {
          const p = this.params(spec.role, ctx);
          const { W, b } = this.rows(spec.role, -1, spec.node, spec.rows.start, spec.rows.end, p);
          const out = ctx.output(spec.fifo);
          this.io.write(out, 0, W);
          this.io.write(out, W.length * this.io.bpe, b);
        };
      case 'dense':
        return (ctx) => this.dense(spec, ctx);
      case 'op':
        return (ctx) => {
          const exec = this.begin(spec.role, spec.tile, ctx, this.params(spec.role, ctx).gateStep);
          this.inputs(exec, spec.inputs, ctx);
          exec.computeOp(spec.node);
        };
      case 'block':
        return (ctx) => {
          const exec = this.begin(spec.role, spec.tile, ctx, this.exec(spec.role, spec.tile).gateStep);
          writeBlock(exec, spec.g, ctx.output(spec.fifo));
        };
      case 'assemble':
        return (ctx) => {
          const s = this.schedule(spec.role);
          this.stage(spec.role).set(stageKey(spec.g.kind, spec.g.node), assembleGather(this.io, s.batch, spec.g, spec.parts, ctx));
        };
      case 'outputs':
        return (ctx) => this.sendOutputs(spec.role, ctx.output(spec.fifo));
      case 'record':
        return (ctx) => this.record(spec.fifo, ctx);
      case 'accumulate':
        return (ctx) => this.accumulate(spec.fifo, ctx);
      case 'update':
        return () => {
          this.host.update();
          this.hostPass = 0;
          if (this.host.updates <= (this.opts.keepSteps ?? 0)) this.history.push(this.host.training);
          this.opts.onProgress?.(this.records.length, this.host.updates);
        };
      case 'publish':
        return (ctx) => this.host.publish(ctx.version);
    }
  }

  private sample(role: PlanRole, fifo: string, ctx: KernelContext): void {
    const s = this.schedule(role);
    const set = role === 'inference' ? this.data.inference(ctx.iteration(0)) : this.data.learning(this.host.updates);
    const out = ctx.output(fifo);
    const A = this.io.arith;
    for (const slot of s.sources) {
      const n = this.node(slot.node);
      const name = n.kind === 'Input' || n.kind === 'Label' ? n.name : '';
      const t = set[name];
      if (!t) throw new Error(`no data for '${name}'`);
      if (slot.label) writeLabels(out, slot.offset, t.data);
      else {
        const b = A.alloc(t.data.length);
        for (let i = 0; i < b.length; i++) b[i] = A.round(t.data[i]!);
        this.io.write(out, slot.offset, b);
      }
    }
  }

  private stageSources(role: PlanRole, fifo: string, ctx: KernelContext): void {
    const s = this.schedule(role);
    const buf = ctx.input(fifo);
    const st = this.stage(role);
    for (const slot of s.sources) {
      if (slot.label) st.set(String(slot.node), { primal: this.io.arith.alloc(0), labels: readLabels(buf, slot.offset, s.batch) });
      else st.set(String(slot.node), { primal: this.io.read(buf, slot.offset, slot.bytes / this.io.bpe) });
    }
  }

  private dense(spec: Extract<KernelSpec, { kind: 'dense' }>, ctx: KernelContext): void {
    const n = this.node(spec.node);
    if (n.kind !== 'Dense') throw new Error(`%${spec.node} is not a Dense`);
    const p = this.params(spec.role, ctx);
    const exec = this.begin(spec.role, spec.tile, ctx, p.gateStep);
    const item = ctx.iteration(0);
    const r = exec.direction;
    this.inputs(exec, spec.inputs, ctx);
    const range = exec.rangeOf(spec.node);
    let rows = range;
    let W: Buf;
    let b: Buf;
    if (spec.chunk !== null && spec.weights !== null) {
      const start = range.start + ctx.iteration(2) * spec.chunk;
      rows = { start, end: Math.min(range.end, start + spec.chunk) };
      const k = rows.end - rows.start;
      const nin = widthOf(this.node(resolveView(this.lowered.graph.nodes, n.x)));
      const buf = ctx.input(spec.weights);
      W = this.io.read(buf, 0, k * nin);
      b = this.io.read(buf, k * nin * this.io.bpe, k);
    } else ({ W, b } = this.rows(spec.role, spec.tile, spec.node, range.start, range.end, p));
    const dir =
      spec.role === 'forward-gradient'
        ? (param: NodeId, want: { start: number; end: number }): Buf | undefined => {
            const d = this.host.directions(item, r).get(param);
            const pn = this.node(param);
            const cols = pn.kind === 'Param' && pn.shape.length === 2 ? (pn.shape[1] as number) : 1;
            return d?.buf.subarray(want.start * cols, want.end * cols);
          }
        : undefined;
    exec.dense(n, rows, W, b, dir);
  }

  private sendOutputs(role: PlanRole, out: import('./sim/index.ts').SimBuffer): void {
    const s = this.schedule(role);
    const st = this.stage(role);
    const B = s.batch;
    const bpe = this.io.bpe;
    let offset = 0;
    if (role === 'inference') {
      for (const n of this.lowered.graph.nodes) {
        if (n.kind !== 'Output' || n.role !== 'prediction') continue;
        const v = st.get(String(resolveView(this.lowered.graph.nodes, n.value)));
        if (!v) throw new Error(`output '${n.name}' was not gathered`);
        this.io.write(out, offset, v.primal);
        offset += align8(v.primal.length * bpe);
      }
      return;
    }
    const loss = st.get('loss');
    if (!loss?.tangent) throw new Error('the loss was not gathered');
    this.io.write(out, 0, loss.primal);
    this.io.write(out, align8(bpe), loss.tangent);
    offset = align8(bpe) + align8(B * bpe);
    for (const g of s.gathers) {
      if (g.kind !== 'mask') continue;
      const m = st.get(stageKey('mask', g.node))?.mask;
      if (!m) throw new Error(`mask of %${g.node} was not gathered`);
      packBits(m, new Uint8Array(out.bytes, offset, Math.ceil(m.length / 8)));
      offset += maskBytes(m.length);
    }
  }

  private record(fifo: string, ctx: KernelContext): void {
    const s = this.schedule('inference');
    const buf = ctx.input(fifo);
    const A = this.io.arith;
    const outputs = new Map<string, Float64Array>();
    let offset = 0;
    for (const n of this.lowered.graph.nodes) {
      if (n.kind !== 'Output' || n.role !== 'prediction') continue;
      const count = s.batch * widthOf(this.node(resolveView(this.lowered.graph.nodes, n.value)));
      const v = this.io.read(buf, offset, count);
      outputs.set(n.name, Float64Array.from(v, (c) => A.value(c)));
      offset += align8(count * this.io.bpe);
    }
    const version = ctx.version;
    const keep = this.opts.keepForReplay?.(this.records.length, version) ?? false;
    const snap = keep ? this.host.snapshot(Math.max(0, version)) : undefined;
    this.records.push({ item: ctx.iteration(0), version, outputs, ...(snap ? { replay: { params: snap.params, gateStep: snap.gateStep } } : {}) });
    this.opts.onProgress?.(this.records.length, this.host.updates);
  }

  private accumulate(fifo: string, ctx: KernelContext): void {
    const s = this.schedule('forward-gradient');
    const buf = ctx.input(fifo);
    const A = this.io.arith;
    const B = s.batch;
    const loss = A.value(this.io.read(buf, 0, 1)[0] as number);
    const d = Float64Array.from(this.io.read(buf, align8(this.io.bpe), B), (c) => A.value(c));
    const masks = new Map<NodeId, Uint8Array>();
    let offset = align8(this.io.bpe) + align8(B * this.io.bpe);
    for (const g of s.gathers) {
      if (g.kind !== 'mask') continue;
      masks.set(g.node, unpackBits(new Uint8Array(buf.bytes, offset, Math.ceil((B * g.width) / 8)), B * g.width));
      offset += maskBytes(B * g.width);
    }
    const r = this.hostPass++ - (s.primalPass ? 1 : 0);
    if (r >= 0) this.host.accumulate(this.host.updates, r, loss, d, masks);
  }
}

/** Packs 0/1 bytes into bits, least significant first. */
export function packBits(m: Uint8Array, out: Uint8Array): void {
  out.fill(0);
  for (let i = 0; i < m.length; i++) if (m[i]) out[i >> 3]! |= 1 << (i & 7);
}

/** Unpacks `n` bits into 0/1 bytes. */
export function unpackBits(bits: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (bits[i >> 3]! >> (i & 7)) & 1;
  return out;
}

/** The staging key of a gathered item. */
export function stageKey(kind: 'value' | 'mask' | 'loss', node: NodeId): string {
  return kind === 'value' ? String(node) : kind === 'loss' ? 'loss' : `mask:${node}`;
}
