// The pass driver and the layout pass: stop-after and dump-after by stage name, unknown stage
// names, verification after every pass naming the pass and node, requirement checks, side-table
// carrying, and the channels-last legalisation with its LAYOUT table.
import { describe, expect, it } from 'vitest';
import { compileToIR } from '../../compiler/index.ts';
import { layoutPass } from '../../compiler/passes/layout.ts';
import { stageNames } from '../../compiler/pipeline.ts';
import { rebuildGraph } from '../../ir/graph.ts';
import type { Pass } from '../../ir/pass.ts';
import { LAYOUT } from '../../ir/tables.ts';

const IMAGE = `model img {
  input im : [2, 3]
  label t : class[2]
  y = dense(im, 2)
  output y, im
  loss cross_entropy(y, t)
}`;

describe('stage options', () => {
  it('lists front-end stages then passes', () => {
    expect(stageNames()).toEqual(['parse', 'check', 'lower', 'layout', 'jvp']);
  });

  it('stops after lowering with a logical graph and no side tables', () => {
    const r = compileToIR(IMAGE, 'i.dg', { verify: true, stopAfter: 'lower' });
    expect(r.diagnostics).toEqual([]);
    expect(r.lastStage).toBe('lower');
    expect(r.graph?.form).toBe('logical');
    expect(r.graph?.nodes.some((n) => n.kind === 'Reshape')).toBe(false);
    expect(r.tables).toBeUndefined();
  });

  it('stops after check with a checked model and no graph', () => {
    const r = compileToIR(IMAGE, 'i.dg', { stopAfter: 'check' });
    expect(r.graph).toBeUndefined();
    expect(r.checked?.meta.name).toBe('img');
    expect(r.lastStage).toBe('check');
  });

  it('dumps after each requested stage, through onDump too', () => {
    const seen: string[] = [];
    const r = compileToIR(IMAGE, 'i.dg', { dumpAfter: ['parse', 'lower', 'layout'], onDump: (s) => seen.push(s) });
    expect(r.dumps.map((d) => d.stage)).toEqual(['parse', 'lower', 'layout']);
    expect(seen).toEqual(['parse', 'lower', 'layout']);
    expect(JSON.parse(r.dumps[0]!.text)).toMatchObject({ name: { name: 'img' } });
    expect(r.dumps[1]!.text).toContain('form=logical');
    expect(r.dumps[2]!.text).toContain('%1 = Reshape %0 : real[B,6]  ; layout={strides=[6,1], tileAxis=1}');
  });

  it('rejects unknown stage names with E2002 and a suggestion', () => {
    const r = compileToIR(IMAGE, 'i.dg', { dumpAfter: ['layuot'] });
    expect(r.graph).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.hint])).toEqual([['E2002', "did you mean 'layout'?"]]);
  });
});

describe('pass driver', () => {
  it('reports a pass that breaks an invariant as E2001 naming the pass and the node', () => {
    const breaker: Pass = {
      name: 'breaker',
      requires: [],
      preserves: ['*'],
      run: (g) => ({ ...g, nodes: g.nodes.map((n) => (n.kind === 'Dense' ? { ...n, type: { elem: 'real', shape: ['B', 99] } } : n)) }),
    };
    const r = compileToIR(IMAGE, 'i.dg', { verify: true, passes: [layoutPass, breaker] });
    expect(r.graph).toBeUndefined();
    expect(r.diagnostics[0]?.code).toBe('E2001');
    expect(r.diagnostics[0]?.message).toMatch(/^after breaker: %\d+ \(Dense y\): stored type real\[B,99\]/);
  });

  it('turns an exception inside a pass into E2001 instead of throwing', () => {
    const thrower: Pass = { name: 'thrower', requires: [], preserves: [], run: () => { throw new Error('boom'); } };
    const r = compileToIR(IMAGE, 'i.dg', { passes: [thrower] });
    expect(r.diagnostics.map((d) => d.message)).toEqual(['in pass thrower: boom']);
  });

  it('refuses a pass whose required side table is missing (E2003)', () => {
    const needy: Pass = { name: 'needy', requires: ['layout'], preserves: [], run: (g) => g };
    const r = compileToIR(IMAGE, 'i.dg', { passes: [needy] });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E2003']);
    const ok = compileToIR(IMAGE, 'i.dg', { passes: [layoutPass, needy] });
    expect(ok.diagnostics).toEqual([]);
  });

  it('carries preserved tables to a rebuilt graph and drops the rest', () => {
    const copyKeep: Pass = { name: 'copy-keep', requires: ['layout'], preserves: ['layout'], run: (g) => rebuildGraph(g, () => undefined).graph };
    const copyDrop: Pass = { name: 'copy-drop', requires: [], preserves: [], run: (g) => rebuildGraph(g, () => undefined).graph };
    const kept = compileToIR(IMAGE, 'i.dg', { passes: [layoutPass, copyKeep] });
    expect(kept.tables!.get(LAYOUT, kept.graph!)).toBeDefined();
    const dropped = compileToIR(IMAGE, 'i.dg', { passes: [layoutPass, copyDrop] });
    expect(dropped.tables!.get(LAYOUT, dropped.graph!)).toBeUndefined();
  });
});

describe('layout pass', () => {
  it('flattens a multi-dim input once, at the input, and lays out every value', () => {
    const r = compileToIR(IMAGE, 'i.dg', { verify: true });
    const g = r.graph!;
    expect(g.form).toBe('channels-last');
    const reshapes = g.nodes.filter((n) => n.kind === 'Reshape');
    expect(reshapes).toHaveLength(1);
    const layout = r.tables!.require(LAYOUT, g);
    expect(layout.size).toBe(g.nodes.length);
    const input = g.nodes.find((n) => n.kind === 'Input')!;
    expect(layout.get(input.id)).toEqual({ strides: [6, 3, 1], tileAxis: -1 });
    const weight = g.nodes.find((n) => n.kind === 'Param' && n.part === 'weight')!;
    expect(layout.get(weight.id)).toEqual({ strides: [6, 1], tileAxis: 0 });
    const dense = g.nodes.find((n) => n.kind === 'Dense')!;
    expect(g.nodes[dense.kind === 'Dense' ? dense.x : -1]?.kind).toBe('Reshape');
    const outIm = g.nodes.find((n) => n.kind === 'Output' && n.name === 'im')!;
    expect(outIm.type.shape).toEqual(['B', 6]);
  });

  it('is idempotent on a channels-last graph', () => {
    const r = compileToIR(IMAGE, 'i.dg', { passes: [layoutPass, layoutPass], dumpAfter: ['layout'] });
    expect(r.diagnostics).toEqual([]);
    expect(r.graph!.nodes.filter((n) => n.kind === 'Reshape')).toHaveLength(1);
  });
});
