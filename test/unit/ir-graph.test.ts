// The IR core: builder type inference and hash-consing, the op table, rebuilds, side tables,
// the printer, and the verifier catching each class of broken invariant.
import { describe, expect, it } from 'vitest';
import { computeUsers, GraphBuilder, IrError, rebuildGraph, type Graph } from '../../ir/graph.ts';
import { DEFAULT_LEARN, type ModelMeta } from '../../ir/meta.ts';
import type { Node, NodeSpec } from '../../ir/nodes.ts';
import { identityKey, inCategory, isTranscendental, mapOperands, operandsOf, OPS } from '../../ir/ops.ts';
import { formatValue, printGraph, printNode } from '../../ir/print.ts';
import { LAYOUT, TableStore } from '../../ir/tables.ts';
import { formatType } from '../../ir/types.ts';
import { verifyGraph } from '../../ir/verify.ts';

const META: ModelMeta = { name: 't', numeric: { format: 'posit32', quire: true }, learn: DEFAULT_LEARN, targets: [] };

/** x[B,4] -> dense W (3) -> relu -> * gate(theta) -> output. */
function small(meta: ModelMeta = META): { g: Graph; ids: Record<string, number> } {
  const b = new GraphBuilder(meta);
  const x = b.add({ kind: 'Input', name: 'x', dims: [4] });
  const param = (name: string, role: 'W' | 'theta', part: 'weight' | 'bias', shape: number[]) =>
    b.add({ kind: 'Param', name: `${name}.${part}`, role, layer: name, part, shape, fanIn: 4 });
  const d = b.add({ kind: 'Dense', x, weight: param('h', 'W', 'weight', [3, 4]), bias: param('h', 'W', 'bias', [3]) });
  const h = b.add({ kind: 'Activation', fn: 'relu', x: d });
  const z = b.add({ kind: 'Dense', x, weight: param('g', 'theta', 'weight', [3, 4]), bias: param('g', 'theta', 'bias', [3]) });
  const gate = b.add({ kind: 'Gate', mode: 'hard', logits: z, threshold: 0.5 });
  const y = b.add({ kind: 'Mul', a: h, b: gate });
  const out = b.add({ kind: 'Output', name: 'y', role: 'prediction', value: y });
  return { g: b.finish(), ids: { x, d, h, z, gate, y, out } };
}

/** A graph with one node replaced, bypassing the builder (to break invariants on purpose). */
function withNode(g: Graph, id: number, node: Node): Graph {
  return { ...g, nodes: g.nodes.map((n) => (n.id === id ? node : n)) };
}

describe('GraphBuilder', () => {
  it('infers types and keeps ids dense and topological', () => {
    const { g, ids } = small();
    expect(g.nodes.map((n) => n.id)).toEqual(g.nodes.map((_, i) => i));
    expect(formatType(g.nodes[ids.y!]!.type)).toBe('real[B,3]');
    for (const n of g.nodes) for (const op of operandsOf(n)) expect(op).toBeLessThan(n.id);
    expect(Object.isFrozen(g.nodes[0])).toBe(true);
    expect(verifyGraph(g)).toEqual([]);
  });

  it('hash-conses identical nodes regardless of span and binding', () => {
    const b = new GraphBuilder(META);
    const x = b.add({ kind: 'Input', name: 'x', dims: [4], span: { file: 'a', start: 0, end: 1 } });
    const r1 = b.add({ kind: 'Activation', fn: 'tanh', x, binding: 'a' });
    const r2 = b.add({ kind: 'Activation', fn: 'tanh', x, binding: 'b', span: { file: 'a', start: 5, end: 9 } });
    const r3 = b.add({ kind: 'Activation', fn: 'gelu', x });
    expect(r2).toBe(r1);
    expect(r3).not.toBe(r1);
    expect(b.size).toBe(3);
  });

  it('throws IrError on ill-typed or forward-referencing specs', () => {
    const b = new GraphBuilder(META);
    const x = b.add({ kind: 'Input', name: 'x', dims: [4] });
    const y = b.add({ kind: 'Input', name: 'y', dims: [5] });
    expect(() => b.add({ kind: 'Mul', a: x, b: y })).toThrow(IrError);
    expect(() => b.add({ kind: 'Activation', fn: 'relu', x: 7 })).toThrow(/not an earlier node/);
    const w = b.add({ kind: 'Param', name: 'l.weight', role: 'W', layer: 'l', part: 'weight', shape: [2, 5], fanIn: 5 });
    const bias = b.add({ kind: 'Param', name: 'l.bias', role: 'W', layer: 'l', part: 'bias', shape: [2], fanIn: 5 });
    expect(() => b.add({ kind: 'Dense', x, weight: w, bias })).toThrow(/weight must be real\[out,4\]/);
    expect(() => b.add({ kind: 'Input', name: 'z', dims: [0] })).toThrow(IrError);
  });

  it('flattens multi-dim Dense inputs and Reshape to [B, product]', () => {
    const b = new GraphBuilder(META);
    const x = b.add({ kind: 'Input', name: 'x', dims: [2, 3] });
    const r = b.add({ kind: 'Reshape', x });
    expect(b.node(r).type).toEqual({ elem: 'real', shape: ['B', 6] });
  });
});

describe('op table', () => {
  it('lists operands consistently with operandsOf and mapOperands', () => {
    const { g } = small();
    for (const n of g.nodes) {
      expect(operandsOf(n)).toHaveLength(OPS[n.kind].operands.length);
      const shifted = mapOperands(n, (id) => id + 100);
      expect(operandsOf(shifted)).toEqual(operandsOf(n).map((id) => id + 100));
    }
  });

  it('has category sets and transcendental predicates', () => {
    expect(inCategory({ kind: 'Dense' }, 'quire')).toBe(true);
    expect(inCategory({ kind: 'Gate' }, 'routing')).toBe(true);
    expect(inCategory({ kind: 'Mul' }, 'elementwise')).toBe(true);
    expect(inCategory({ kind: 'Mul' }, 'reduction')).toBe(false);
    expect(isTranscendental({ kind: 'Activation', fn: 'relu', x: 0 })).toBe(false);
    expect(isTranscendental({ kind: 'Activation', fn: 'gelu', x: 0 })).toBe(true);
    expect(isTranscendental({ kind: 'Softmax', x: 0 })).toBe(true);
  });

  it('excludes provenance from identity', () => {
    const a: NodeSpec = { kind: 'Mul', a: 1, b: 2, binding: 'p', span: { file: 'f', start: 0, end: 3 } };
    expect(identityKey(a)).toBe(identityKey({ kind: 'Mul', a: 1, b: 2 }));
    expect(identityKey(a)).not.toBe(identityKey({ kind: 'Mul', a: 2, b: 1 }));
  });
});

describe('rebuildGraph and users', () => {
  it('copies a graph exactly when nothing is rewritten', () => {
    const { g } = small();
    const { graph, remap } = rebuildGraph(g, () => undefined);
    expect(printGraph(graph)).toBe(printGraph(g));
    expect([...remap.values()]).toEqual(g.nodes.map((n) => n.id));
  });

  it('lets a rewrite replace a node and remaps users', () => {
    const { g, ids } = small();
    const { graph } = rebuildGraph(g, (spec, b) => (spec.kind === 'Activation' ? b.add({ ...spec, fn: 'tanh' }) : undefined));
    expect(graph.nodes.filter((n) => n.kind === 'Activation').map((n) => (n.kind === 'Activation' ? n.fn : ''))).toEqual(['tanh']);
    expect(verifyGraph(graph)).toEqual([]);
    expect(computeUsers(g)[ids.x!]).toEqual([ids.d, ids.z]);
  });
});

describe('TableStore', () => {
  it('returns a table only for the graph it was computed on, and carries preserved ones', () => {
    const { g } = small();
    const { graph: g2 } = rebuildGraph(g, () => undefined);
    const s = new TableStore();
    s.set(LAYOUT, g, new Map([[0, { strides: [4, 1], tileAxis: 1 }]]));
    s.set({ name: 'other' }, g, new Map([[0, 1]]));
    expect(s.get(LAYOUT, g2)).toBeUndefined();
    expect(() => s.require(LAYOUT, g2)).toThrow(IrError);
    s.carry(g, g2, ['layout']);
    expect(s.get(LAYOUT, g2)?.get(0)).toEqual({ strides: [4, 1], tileAxis: 1 });
    expect(s.namesFor(g2)).toEqual(['layout']);
  });
});

describe('printer', () => {
  it('prints one stable line per node', () => {
    const { g, ids } = small();
    expect(printNode(g.nodes[ids.gate!]!)).toBe('%8 = Gate %7 {mode=hard, threshold=0.5} : real[B,3]');
    expect(printNode(g.nodes[1]!)).toBe('%1 = Param {fanIn=4, layer=h, name="h.weight", part=weight, role=W, shape=[3,4]} : real[3,4]');
    expect(printGraph(g).split('\n')[0]).toBe('graph t form=logical');
    expect(printNode(g.nodes[ids.y!]!, { tables: [{ name: 'fmt', table: new Map([[ids.y!, 'posit32']]) }] })).toBe('%9 = Mul %4, %8 : real[B,3]  ; fmt=posit32');
  });

  it('formats values deterministically', () => {
    expect(formatValue({ from: 1, to: 0.01, steps: 10 })).toBe('{from=1, to=0.01, steps=10}');
    expect(formatValue('a.b')).toBe('"a.b"');
    expect(formatValue(-0)).toBe('-0');
  });
});

describe('verifier', () => {
  it('catches a stored type that operands do not give', () => {
    const { g, ids } = small();
    const bad = withNode(g, ids.h!, { ...(g.nodes[ids.h!] as Node), type: { elem: 'real', shape: ['B', 9] } } as Node);
    expect(verifyGraph(bad).map((i) => i.node)).toContain(ids.h);
  });

  it('catches a Param consumed by something other than Dense', () => {
    const { g, ids } = small();
    const mul = g.nodes[ids.y!] as Extract<Node, { kind: 'Mul' }>;
    const bad = withNode(g, ids.y!, { ...mul, a: 1 });
    // Params have no batch dim, so the misuse already fails type re-inference at that node.
    expect(verifyGraph(bad).some((i) => i.node === ids.y && /Mul of real\[3,4\]/.test(i.message))).toBe(true);
  });

  it('catches a gate whose logits are not routing parameters', () => {
    const { g, ids } = small();
    const gate = g.nodes[ids.gate!] as Extract<Node, { kind: 'Gate' }>;
    const bad = withNode(g, ids.gate!, { ...gate, logits: ids.d! });
    expect(verifyGraph(bad).some((i) => /theta parameters/.test(i.message))).toBe(true);
  });

  it('catches dead nodes and a missing prediction output', () => {
    const { g, ids } = small();
    const noOut = { ...g, nodes: g.nodes.filter((n) => n.id !== ids.out) };
    const msgs = verifyGraph(noOut).map((i) => i.message);
    expect(msgs).toContain('the graph has no prediction Output');
    expect(msgs.some((m) => m.startsWith('dead node'))).toBe(true);
  });

  it('checks the learn mode against the graph', () => {
    const { g } = small({ ...META, learn: { ...DEFAULT_LEARN, mode: 'theta_only' } });
    expect(verifyGraph(g).map((i) => i.message)).toContain('learn mode theta_only needs a loss Output');
  });

  it('checks channels-last form only after layout', () => {
    const b = new GraphBuilder(META, 'channels-last');
    const x = b.add({ kind: 'Input', name: 'x', dims: [2, 2] });
    const a = b.add({ kind: 'Activation', fn: 'relu', x });
    b.add({ kind: 'Output', name: 'a', role: 'prediction', value: a });
    expect(verifyGraph(b.finish()).some((i) => i.node === a && /\[B,c\]/.test(i.message))).toBe(true);
  });

  it('checks anneal schedules and thresholds', () => {
    const { g, ids } = small();
    const gate = g.nodes[ids.gate!] as Extract<Node, { kind: 'Gate' }>;
    const msgs = verifyGraph(withNode(g, ids.gate!, { ...gate, mode: 'anneal', threshold: 1 })).map((i) => i.message);
    expect(msgs).toContain('threshold 1 outside (0, 1)');
    expect(msgs).toContain('an anneal schedule is present exactly on anneal gates');
  });
});
