// Lowering: checked model -> graph IR (form 'logical'). Only bindings that an output or the
// loss uses are lowered, in source order (so a long chain of bindings needs no deep recursion
// and `%N` numbering is stable); then the outputs in declaration order, then the loss. Layers
// expand to primitives: dense/gate/moe to Params + Dense (+ Gate, Softmax, Top1, Combine), the
// loss to CrossEntropy + Mean. Names follow spec/ir.md 4.2.
import type { Span } from '../../ir/diagnostics.ts';
import { GraphBuilder, type Graph } from '../../ir/graph.ts';
import type { ActivationFn, NodeId, ParamRole } from '../../ir/nodes.ts';
import type { CheckedModel, TExpr } from '../check/checked.ts';
import { visitReachable } from '../check/walk.ts';

/** Where new nodes come from: the binding being lowered and its source range. */
interface Origin {
  readonly binding: string;
  readonly span: Span;
}

class Lowerer {
  private readonly b: GraphBuilder;
  private readonly bindings = new Map<string, NodeId>();

  constructor(private readonly m: CheckedModel) {
    this.b = new GraphBuilder(m.meta, 'logical');
  }

  run(): Graph {
    const roots = [...this.m.outputs.map((o) => this.m.bindings.get(o.name)?.expr), this.m.loss?.logits].filter((e): e is TExpr => e !== undefined);
    const used = new Set<string>();
    visitReachable(roots, this.m.bindings, (e) => {
      if (e.kind === 'Ref' && e.target === 'binding') used.add(e.name);
    });
    for (const o of this.m.outputs) if (this.m.bindings.has(o.name)) used.add(o.name);
    // Bindings only refer to earlier ones, so source order lowers every operand first.
    for (const [name, bnd] of this.m.bindings) {
      if (used.has(name)) this.bindings.set(name, this.expr(bnd.expr, { binding: name, span: bnd.span }));
    }
    for (const o of this.m.outputs) {
      const value = this.ref(o.name, o.span);
      this.b.add({ kind: 'Output', name: o.name, role: 'prediction', value, binding: o.name, span: o.span });
    }
    const loss = this.m.loss;
    if (loss) {
      const at: Origin = { binding: 'loss', span: loss.span };
      const logits = this.expr(loss.logits, at);
      const l = this.m.labels.get(loss.label);
      if (!l) throw new Error(`label ${loss.label} was not checked`);
      const label = this.b.add({ kind: 'Label', name: l.name, classes: l.classes, span: l.span, binding: l.name });
      const ce = this.b.add({ kind: 'CrossEntropy', logits, label, ...at });
      const mean = this.b.add({ kind: 'Mean', x: ce, ...at });
      this.b.add({ kind: 'Output', name: 'loss', role: 'loss', value: mean, ...at });
    }
    return this.b.finish();
  }

  /** A name used as a value: an input (added on first use), or an already lowered binding. */
  private ref(name: string, span: Span): NodeId {
    const input = this.m.inputs.get(name);
    if (input) return this.b.add({ kind: 'Input', name, dims: input.dims, span: input.span, binding: name });
    const done = this.bindings.get(name);
    if (done === undefined) throw new Error(`binding ${name} used before it was lowered (at ${span.start})`);
    return done;
  }

  private expr(e: TExpr, at: Origin): NodeId {
    const here: Origin = { binding: at.binding, span: e.span };
    switch (e.kind) {
      case 'Ref':
        return this.ref(e.name, e.span);
      case 'Mul': {
        const [first, ...rest] = e.factors.map((f) => this.expr(f, at));
        return rest.reduce((a, b) => this.b.add({ kind: 'Mul', a, b, ...here }), first as NodeId);
      }
      case 'Act':
        return this.b.add({ kind: 'Activation', fn: e.fn, x: this.expr(e.x, at), ...here });
      case 'Softmax':
        return this.b.add({ kind: 'Softmax', x: this.expr(e.x, at), ...here });
      case 'Dense': {
        let x = this.expr(e.x, at);
        e.widths.forEach((w, i) => {
          const layer = e.widths.length > 1 ? `${e.layer}.${i}` : e.layer;
          x = this.dense(x, layer, w, 'W', e.act, here);
        });
        return x;
      }
      case 'Gate': {
        const logits = this.dense(this.expr(e.x, at), e.layer, e.width, 'theta', undefined, here);
        const threshold = e.mode === 'soft' ? 0.5 : e.threshold;
        return this.b.add({ kind: 'Gate', mode: e.mode, logits, threshold, ...(e.schedule ? { schedule: e.schedule } : {}), ...here });
      }
      case 'Moe':
        return this.moe(e, this.expr(e.x, at), here);
    }
  }

  /** Params `<layer>.weight` [out, in] and `<layer>.bias` [out], a Dense, and the activation. */
  private dense(x: NodeId, layer: string, out: number, role: ParamRole, act: ActivationFn | undefined, at: Origin): NodeId {
    const shape = this.b.node(x).type.shape;
    let fanIn = 1;
    for (const d of shape.slice(1)) fanIn *= typeof d === 'number' ? d : 1;
    const weight = this.b.add({ kind: 'Param', name: `${layer}.weight`, role, layer, part: 'weight', shape: [out, fanIn], fanIn, ...at });
    const bias = this.b.add({ kind: 'Param', name: `${layer}.bias`, role, layer, part: 'bias', shape: [out], fanIn, ...at });
    const y = this.b.add({ kind: 'Dense', x, weight, bias, ...at });
    return act ? this.b.add({ kind: 'Activation', fn: act, x: y, ...at }) : y;
  }

  /** Router (theta) -> Softmax [-> Top1] as weights; experts (W) each a dense; Combine. */
  private moe(e: Extract<TExpr, { kind: 'Moe' }>, x: NodeId, at: Origin): NodeId {
    const logits = this.dense(x, `${e.layer}.router`, e.experts, 'theta', undefined, at);
    const probs = this.b.add({ kind: 'Softmax', x: logits, ...at });
    const weights = e.route === 'top1' ? this.b.add({ kind: 'Top1', x: probs, ...at }) : probs;
    const experts: NodeId[] = [];
    for (let i = 0; i < e.experts; i++) experts.push(this.dense(x, `${e.layer}.experts.${i}`, e.width, 'W', e.act, at));
    return this.b.add({ kind: 'Combine', weights, experts, ...at });
  }
}

/** Lowers a checked model to a logical-form graph. Throws IrError only on a compiler bug. */
export function lowerModel(m: CheckedModel): Graph {
  return new Lowerer(m).run();
}
