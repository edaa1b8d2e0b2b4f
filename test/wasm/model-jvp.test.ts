// The forward-gradient step inside the WASM module against runtime/learn/forward-gradient.ts:
// same Philox directions, same tangent roundings (spec/jvp.md), same estimate order, so the
// loss, every loss-sample tangent and every updated parameter agree bit for bit in posit
// formats, across learn modes, gate kinds (anneal before and after its schedule) and mixtures.
import { describe, expect, it } from 'vitest';
import type { LearnMode, NumericFormat } from '../../ir/meta.ts';
import { forwardGradientStep } from '../../runtime/learn/forward-gradient.ts';
import { initParams } from '../../runtime/params.ts';
import { batchOf, bitMismatches, exampleGraph, wasmModel } from './model-fixtures.ts';

interface Case {
  readonly example: string;
  readonly format: NumericFormat;
  readonly step: number;
  readonly mode?: LearnMode;
}

const CASES: readonly Case[] = [
  { example: 'dg-hard', format: 'posit32', step: 0 },
  { example: 'moe-top1', format: 'bposit32', step: 3 },
  { example: 'dg-deep', format: 'posit16', step: 600 },
  { example: 'dg-anneal', format: 'posit32', step: 10 },
  { example: 'dg-soft', format: 'posit16', step: 0 },
  { example: 'moe-soft', format: 'posit32', step: 0, mode: 'theta_and_w_inactive' },
  { example: 'drift-digits', format: 'posit16', step: 1, mode: 'w_inactive_only' },
];

describe('jvp step in WASM equals the reference forward-gradient step', () => {
  for (const c of CASES) {
    it(`${c.example} ${c.format} step ${c.step}${c.mode ? ` mode ${c.mode}` : ''}`, async () => {
      const graph = exampleGraph(c.example);
      const model = await wasmModel(graph, c.format, c.mode ? { mode: c.mode } : {});
      const params = initParams(graph, 3);
      expect(model.setParams(params)).toEqual([]);
      const { inputs, labels } = batchOf(graph, 3, 8);
      const k = 2;
      const w = model.jvpStep({ ...inputs, ...labels }, { perturbations: k, step: c.step });
      expect(w.diagnostics).toEqual([]);
      const ref = forwardGradientStep(graph, params, inputs, labels, { format: c.format, perturbations: k, step: c.step, ...(c.mode ? { mode: c.mode } : {}) });
      expect(ref.diagnostics).toEqual([]);
      expect(Object.is(w.loss, ref.loss)).toBe(true);
      expect(w.directional).toEqual(ref.stats.directional);
      expect(ref.estimate.size).toBeGreaterThan(0);
      const updated = model.getParams();
      let changed = 0;
      for (const [name, t] of ref.newParams) {
        if (!ref.estimate.has(name)) continue;
        expect(bitMismatches(updated.get(name)?.data ?? [], t.data), `parameter ${name}`).toEqual([]);
        const before = params.get(name)?.data ?? [];
        changed += t.data.filter((v, i) => v !== before[i]).length;
      }
      expect(changed).toBeGreaterThan(0);
    });
  }

  it('a module compiled for learn mode none has no learning step', async () => {
    const graph = exampleGraph('dense');
    const model = await wasmModel(graph, 'posit32');
    expect(model.canLearn).toBe(false);
    const { inputs, labels } = batchOf(graph, 2, 1);
    expect(model.jvpStep({ ...inputs, ...labels }).diagnostics.map((d) => d.code)).toEqual(['E3603']);
  });
});
