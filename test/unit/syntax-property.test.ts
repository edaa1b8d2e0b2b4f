// Property tests (fast-check) of the front end on arbitrary input: any string, any token soup
// and any well-formed model with random widths and options either compiles to a verified graph
// or yields coded diagnostics whose spans lie inside the text. Nothing ever throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileToIR, parseModel } from '../../compiler/index.ts';
import { verifyGraph } from '../../ir/verify.ts';

function checkOutcome(text: string): void {
  const r = compileToIR(text, 'prop.dg', { verify: true });
  for (const d of r.diagnostics) {
    expect(d.code).toMatch(/^E[01]\d{3}$/);
    expect(d.span).toBeDefined();
    expect(d.span!.start).toBeGreaterThanOrEqual(0);
    expect(d.span!.end).toBeGreaterThanOrEqual(d.span!.start);
    expect(d.span!.end).toBeLessThanOrEqual(text.length);
  }
  if (r.diagnostics.length === 0) expect(verifyGraph(r.graph!)).toEqual([]);
  else expect(r.graph).toBeUndefined();
}

const WORDS = ['model', 'm', '{', '}', 'input', 'x', ':', '[', '784', ']', 'label', 't', 'class', '10', 'h', '=', 'dense', 'gate', 'moe', '(', ')', ',', 'act', 'relu', 'kind', 'hard', '*', 'output', 'loss', 'cross_entropy', 'learn', 'mode', 'target', 'xdna', 'numeric', 'posit32', 'quire', '-', '0.5', '\n', '//'];

describe('parser properties', () => {
  it('arbitrary strings never throw and always diagnose inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        checkOutcome(s);
        const p = parseModel(s, 'prop.dg');
        expect(p.sources.get('prop.dg')?.text).toBe(s);
      }),
      { numRuns: 400, seed: 1 },
    );
  });

  it('token soups never throw and always diagnose inside the text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 80 }), (ws) => checkOutcome(ws.join(' '))),
      { numRuns: 400, seed: 2 },
    );
  });

  it('well-formed models with random widths, gates and modes compile or diagnose', () => {
    const model = fc.record({
      inW: fc.integer({ min: 1, max: 64 }),
      hW: fc.integer({ min: 1, max: 64 }),
      gW: fc.integer({ min: 1, max: 64 }),
      kind: fc.constantFrom('hard', 'soft', 'anneal', 'anneal(from: 1.0, to: 0.1, steps: 10)', 'hardd'),
      act: fc.constantFrom('relu', 'gelu', 'tanh', 'sigmoid', 'rleu'),
      classes: fc.integer({ min: 1, max: 12 }),
      mode: fc.constantFrom('none', 'theta_only', 'w_inactive_only', 'theta_and_w_inactive'),
      format: fc.constantFrom('f32', 'f64', 'posit8', 'posit16 quire', 'bposit32 quire', 'f32 quire'),
    });
    fc.assert(
      fc.property(model, (m) => {
        const text = `model p {
  input x : [${m.inW}]
  label t : class[${m.classes}]
  numeric ${m.format}
  h = dense(x, ${m.hW}, act: ${m.act})
  g = gate(x, ${m.gW}, kind: ${m.kind})
  y = dense(h * g, ${m.classes})
  output y
  loss cross_entropy(y, t)
  learn { mode: ${m.mode} }
}`;
        checkOutcome(text);
        const r = compileToIR(text, 'prop.dg');
        const shouldPass = m.hW === m.gW && m.classes >= 2 && m.kind !== 'hardd' && m.act !== 'rleu' && m.format !== 'f32 quire';
        expect(r.graph !== undefined).toBe(shouldPass);
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
