// The gating analysis on the examples: which W rows, columns and experts a gate or router
// switches off (what learning modes C and D may update per input); anneal schedule scalars.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileToIR } from '../../compiler/index.ts';
import { annealMask, annealTemperature, sigmoid } from '../../runtime/interpreter/transcendental.ts';
import { computeGating } from '../../ir/gating.ts';
import type { Graph } from '../../ir/graph.ts';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
const graphOf = (f: string): Graph => compileToIR(readFileSync(join(examples, f), 'utf8'), f).graph!;

/** Gating by param name, with node ids replaced by the kind of node they name. */
function named(g: Graph): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [id, list] of computeGating(g)) {
    const p = g.nodes[id]!;
    if (p.kind !== 'Param') throw new Error('not a param');
    out[p.name] = list.map((b) => (b.kind === 'expert' ? `expert ${b.expert} of ${g.nodes[b.weights]!.kind}` : `${b.kind} by ${g.nodes[b.mask]!.kind} ${g.nodes[b.mask]!.binding}`));
  }
  return out;
}

describe('gating analysis', () => {
  it('gates the hidden rows and the output columns of DG-Hard, and never theta', () => {
    expect(named(graphOf('dg-hard.dg'))).toEqual({
      'h.weight': ['mask-rows by Gate g'],
      'h.bias': ['mask-rows by Gate g'],
      'y.weight': ['mask-cols by Gate g'],
    });
  });

  it('finds nothing to gate in the dense model', () => {
    expect(named(graphOf('dense.dg'))).toEqual({});
  });

  it('gates whole experts of a top-1 mixture by their routing column', () => {
    const n = named(graphOf('moe-top1.dg'));
    expect(n['e.experts.2.weight']).toEqual(['expert 2 of Top1']);
    expect(n['h.weight']).toBeUndefined();
    expect(Object.keys(n)).toHaveLength(8);
  });

  it('composes row and column gating through stacked gated layers', () => {
    const n = named(graphOf('dg-deep.dg'));
    expect(n['h2.weight']).toEqual(['mask-cols by Gate g1', 'mask-rows by Gate g2']);
    expect(n['h2.bias']).toEqual(['mask-rows by Gate g2']);
    expect(n['y.weight']).toEqual(['mask-cols by Gate g3']);
  });
});

describe('anneal schedule scalars', () => {
  const s = { from: 1, to: 0.01, steps: 100 };
  it('falls geometrically from `from` to `to`', () => {
    expect(annealTemperature(s, 0)).toBe(1);
    expect(annealTemperature(s, 50)).toBeCloseTo(0.1, 12);
    expect(annealTemperature(s, 99)).toBeGreaterThan(0.01);
  });

  it('is the soft gate at T = 1 with threshold 0.5, and centred on the threshold otherwise', () => {
    expect(annealMask(0.7, 0.5, 1)).toBe(sigmoid(0.7));
    expect(annealMask(Math.log(0.3 / 0.7), 0.3, 0.05)).toBeCloseTo(0.5, 12);
  });
});
