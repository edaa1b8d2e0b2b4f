// The jvp pass: every primitive has a rule, a missing rule is a compile error naming the node
// and its source span (E2501), and the plan's perturbed sets, units and active values follow
// the learn modes on the examples (theta vs rows of gated units vs whole experts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileToIR } from '../../compiler/index.ts';
import { computeTangentPlan, JVP, makeJvpPass, type TangentInfo } from '../../compiler/passes/jvp.ts';
import { TANGENT_RULES, type TangentRuleTable } from '../../compiler/passes/jvp-rules.ts';
import { layoutPass } from '../../compiler/passes/layout.ts';
import { renderOneLine } from '../../ir/diagnostics.ts';
import { GraphBuilder, type Graph } from '../../ir/graph.ts';
import { DEFAULT_LEARN } from '../../ir/meta.ts';
import type { NodeKind } from '../../ir/nodes.ts';
import { OPS } from '../../ir/ops.ts';
import { compileExample, EXAMPLES, EXAMPLES_DIR } from './interp-fixtures.ts';

const passes = [layoutPass, makeJvpPass()];
const paramIds = (g: Graph, pred: (name: string) => boolean): number[] => g.nodes.filter((n) => n.kind === 'Param' && pred(n.name)).map((n) => n.id);

describe('tangent rule table', () => {
  it('has a rule for every node kind, flowing only from operand fields', () => {
    expect(Object.keys(TANGENT_RULES).sort()).toEqual(Object.keys(OPS).sort());
    for (const [kind, rule] of Object.entries(TANGENT_RULES)) {
      for (const f of rule.from) expect(OPS[kind as NodeKind].operands as readonly string[]).toContain(f);
    }
    expect(TANGENT_RULES.CrossEntropy.from).toEqual(['logits']);
  });
});

describe('jvp pass on the examples', () => {
  for (const name of EXAMPLES) {
    it(`${name}: runs without diagnostics and fills the JVP table for every node`, () => {
      const text = readFileSync(join(EXAMPLES_DIR, `${name}.dg`), 'utf8');
      const r = compileToIR(text, `${name}.dg`, { verify: true, passes });
      expect(r.diagnostics.map((d) => renderOneLine(d, r.sources))).toEqual([]);
      const table = r.tables?.get(JVP, r.graph as Graph);
      expect(table?.size).toBe(r.graph?.nodes.length);
      const loss = r.graph?.nodes.find((n) => n.kind === 'Output' && n.role === 'loss');
      const mode = r.graph?.meta.learn.mode;
      expect((table?.get(loss?.id ?? -1) as TangentInfo).active).toBe(mode !== 'none');
    });
  }

  it('dg-hard (theta_and_w_inactive): theta everywhere, h only on inactive rows, y never', () => {
    const g = compileExample('dg-hard');
    const plan = computeTangentPlan(g, 'theta_and_w_inactive').plan;
    expect(plan).toBeDefined();
    const kinds = new Map([...(plan?.perturbed ?? [])].map(([id, how]) => [(g.nodes[id] as { name?: string }).name, how]));
    expect(Object.fromEntries(kinds)).toEqual({ 'h.weight': 'inactive-units', 'h.bias': 'inactive-units', 'g.weight': 'all', 'g.bias': 'all' });
    const gate = g.nodes.find((n) => n.kind === 'Gate')?.id;
    const hDense = g.nodes.find((n) => n.kind === 'Dense' && n.binding === 'h')?.id as number;
    expect(plan?.units.get(hDense)).toEqual({ gates: [gate], experts: [] });
    expect(plan?.units.size).toBe(1);
    const yDense = g.nodes.find((n) => n.kind === 'Dense' && n.binding === 'y')?.id as number;
    expect(plan?.active[yDense]).toBe(true);
    for (const id of paramIds(g, (n) => n.startsWith('y.'))) expect(plan?.active[id]).toBe(false);
  });

  it('theta_only perturbs no W; w_inactive_only no theta; none nothing', () => {
    const g = compileExample('dg-hard');
    const names = (mode: 'theta_only' | 'w_inactive_only' | 'none'): string[] =>
      [...(computeTangentPlan(g, mode).plan?.perturbed.keys() ?? [])].map((id) => (g.nodes[id] as { name: string }).name).sort();
    expect(names('theta_only')).toEqual(['g.bias', 'g.weight']);
    expect(names('w_inactive_only')).toEqual(['h.bias', 'h.weight']);
    expect(names('none')).toEqual([]);
    expect(computeTangentPlan(g, 'none').plan?.active.some(Boolean)).toBe(false);
  });

  it('moe-top1: each expert layer is a unit of its own expert; the shared trunk is not', () => {
    const g = compileExample('moe-top1');
    const plan = computeTangentPlan(g, 'w_inactive_only').plan;
    const top1 = g.nodes.find((n) => n.kind === 'Top1')?.id;
    for (let e = 0; e < 4; e++) {
      const d = g.nodes.find((n) => n.kind === 'Dense' && g.nodes[n.weight]?.kind === 'Param' && (g.nodes[n.weight] as { name: string }).name === `e.experts.${e}.weight`);
      expect(plan?.units.get(d?.id as number)).toEqual({ gates: [], experts: [{ weights: top1, expert: e }] });
    }
    expect(plan?.units.size).toBe(4);
    expect(paramIds(g, (n) => n.startsWith('h.')).some((id) => plan?.perturbed.has(id))).toBe(false);
  });

  it('dg-deep (w_inactive_only): the three gated layers, whatever the gate kind', () => {
    const g = compileExample('dg-deep');
    const plan = computeTangentPlan(g, 'w_inactive_only').plan;
    const perturbed = [...(plan?.perturbed.keys() ?? [])].map((id) => (g.nodes[id] as { name: string }).name).sort();
    expect(perturbed).toEqual(['h1.bias', 'h1.weight', 'h2.bias', 'h2.weight', 'h3.bias', 'h3.weight']);
  });
});

describe('missing tangent rules', () => {
  it('a primitive without a rule is E2501 at its source span, and compilation stops', () => {
    const text = readFileSync(join(EXAMPLES_DIR, 'moe-top1.dg'), 'utf8');
    const { Top1: _dropped, ...rest } = TANGENT_RULES;
    const rules: TangentRuleTable = rest;
    const r = compileToIR(text, 'examples/moe-top1.dg', { passes: [layoutPass, makeJvpPass(rules)] });
    expect(r.graph).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect(d?.code).toBe('E2501');
    expect(d?.message).toContain('Top1');
    const line = renderOneLine(d!, r.sources);
    const row = Number(/:(\d+):\d+: error/.exec(line)?.[1]);
    expect(text.split('\n')[row - 1]).toContain('moe(');
  });

  it('learning without a loss is E2502', () => {
    const b = new GraphBuilder({ name: 't', numeric: { format: 'f64', quire: false }, learn: { ...DEFAULT_LEARN, mode: 'theta_only' }, targets: [] });
    const x = b.add({ kind: 'Input', name: 'x', dims: [2] });
    const p = (part: 'weight' | 'bias', shape: number[]): number => b.add({ kind: 'Param', name: `g.${part}`, role: 'theta', layer: 'g', part, shape, fanIn: 2 });
    const z = b.add({ kind: 'Dense', x, weight: p('weight', [2, 2]), bias: p('bias', [2]) });
    b.add({ kind: 'Output', name: 'm', role: 'prediction', value: b.add({ kind: 'Gate', mode: 'soft', logits: z, threshold: 0.5 }) });
    const r = computeTangentPlan(b.finish(), 'theta_only');
    expect(r.plan).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E2502']);
  });
});
