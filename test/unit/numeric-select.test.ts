// Numeric selection: FORMAT for every value (declared format or override, none for labels, f64 for
// outputs), QUIRE for exactly the quire-category values of posit formats (terms, headroom,
// capability), tangent sums from the jvp plan, and E3001 for a quire a requested target lacks.
// The capability table is checked against what the WASM, WebGPU and xdna targets implement.
import { describe, expect, it } from 'vitest';
import { QUIRE_CAPABILITY } from '../../compiler/coeffects/capability.ts';
import { QUIRE } from '../../compiler/coeffects/keys.ts';
import { compileToIR } from '../../compiler/index.ts';
import { jvpPass } from '../../compiler/passes/jvp.ts';
import { numericSelectPass, type NumericSelectOptions } from '../../compiler/passes/numeric-select.ts';
import { PASSES } from '../../compiler/pipeline.ts';
import { renderOneLine } from '../../ir/diagnostics.ts';
import { FORMAT } from '../../ir/tables.ts';
import { POSIT_FORMATS, POSIT_SPECS } from '../../runtime/numerics/index.ts';
import { positFormat } from '../../targets/wasm/posit-format.ts';
import { WEBGPU_FORMATS } from '../../targets/webgpu/formats.ts';
import { GRID_PRESETS } from '../../targets/xdna/grid.ts';

const MODEL = (numeric: string, targets = '') => `model m {
  input x : [6]
  label t : class[3]
  numeric ${numeric}
  h = dense(x, 4, act: relu)
  g = gate(h, 4, kind: hard)
  y = dense(h * g, 3)
  output y
  loss cross_entropy(y, t)
  learn { mode: theta_and_w_inactive, batch: 2 }
  ${targets}
}`;

function select(text: string, opts: NumericSelectOptions = {}, withJvp = false) {
  const base = PASSES.filter((p) => p.name !== 'numeric-select' && p.name !== 'coeffects' && p.name !== 'jvp');
  const r = compileToIR(text, 'm.dg', { verify: true, passes: [...base, ...(withJvp ? [jvpPass] : []), numericSelectPass(opts)] });
  const lines = r.diagnostics.map((d) => `${renderOneLine(d, r.sources)}${d.hint ? ` | ${d.hint}` : ''}`);
  const g = r.graph;
  return { r, lines, g, format: g && r.tables?.get(FORMAT, g), quire: g && r.tables?.get(QUIRE, g) };
}

describe('FORMAT', () => {
  it('gives every real value the declared format, labels none, outputs f64', () => {
    const { g, format, lines } = select(MODEL('posit16 quire'));
    expect(lines).toEqual([]);
    for (const n of g!.nodes) {
      const want = n.kind === 'Label' ? undefined : n.kind === 'Output' ? 'f64' : 'posit16';
      expect(format!.get(n.id), `%${n.id} ${n.kind}`).toBe(want);
    }
  });

  it('takes a --format override', () => {
    const { g, format } = select(MODEL('posit16 quire'), { format: 'bposit32' });
    expect(format!.get(g!.nodes.find((n) => n.kind === 'Dense')!.id)).toBe('bposit32');
  });
});

describe('QUIRE', () => {
  it('covers exactly the Dense and Mean values of a posit model, with their term counts', () => {
    const { g, quire } = select(MODEL('posit32 quire'));
    const withQuire = g!.nodes.filter((n) => quire!.has(n.id)).map((n) => `${n.kind}:${quire!.get(n.id)!.terms}`);
    // h: 6 inputs + bias; g: 4 + bias; y: 4 + bias; Mean over the learn batch of 2.
    expect(withQuire).toEqual(['Dense:7', 'Dense:5', 'Dense:5', 'Mean:2']);
    const h = quire!.get(g!.nodes.find((n) => n.kind === 'Dense')!.id)!;
    expect(h).toMatchObject({ bits: 512, products: 6, addends: 1, guardBits: 28, capability: { wasm: 'emulated', webgpu: 'emulated', xdna: 'emulated' } });
  });

  it('is empty for f32 and f64', () => {
    for (const f of ['f32', 'f64']) expect(select(MODEL(f)).quire!.size).toBe(0);
  });

  it('has tangent sums only once the jvp plan says which values carry tangents', () => {
    const { g, quire, lines } = select(MODEL('posit32 quire'), {}, true);
    expect(lines).toEqual([]);
    const dense = g!.nodes.filter((n) => n.kind === 'Dense').map((n) => quire!.get(n.id)!.tangent);
    // h: dW.x (6) + db; g: W.dx (4) + dW.x (4) + db; y: W.dx (4) only, its W is not perturbed.
    expect(dense.map((t) => t?.terms)).toEqual([7, 9, 4]);
  });

  it('has a capability table that agrees with what the backends implement', () => {
    for (const f of POSIT_FORMATS) {
      // WASM: every format has a quire kernel geometry of whole i64 limbs.
      expect(positFormat(f).quire.bits, f).toBe(POSIT_SPECS[f].quireBits);
      expect(QUIRE_CAPABILITY.wasm[f]).toBe('emulated');
      // WebGPU: a posit format has kernels (and so a quire) exactly when the WGSL target lists it.
      expect(QUIRE_CAPABILITY.webgpu[f] !== 'unavailable', `webgpu ${f}`).toBe((WEBGPU_FORMATS as readonly string[]).includes(f));
      // xdna: the grid cost model prices every quire format.
      expect(GRID_PRESETS.xdna2.arith.quireAccumulateCycles[f], `xdna ${f}`).toBeGreaterThan(0);
      expect(QUIRE_CAPABILITY.xdna[f]).toBe('emulated');
    }
  });

  it('reads its capability from the one capability table', () => {
    expect(QUIRE_CAPABILITY.webgpu.posit32).toBe('emulated');
    const { g, quire } = select(MODEL('posit8 quire'));
    expect(quire!.get(g!.nodes.find((n) => n.kind === 'Dense')!.id)!.capability.webgpu).toBe(QUIRE_CAPABILITY.webgpu.posit8);
  });
});

describe('E3001: a quire a requested target lacks', () => {
  it('is an error at the first accumulation, with a hint naming the formats that target has', () => {
    const { lines } = select(MODEL('posit16 quire', 'target webgpu { workgroup_size: 64 }'));
    expect(lines).toEqual([
      "m.dg:5:7: error[E3001]: webgpu has no posit16 quire, which 'numeric posit16 quire' needs for 4 exact accumulations (first: Dense h) | webgpu has a quire for posit32 only; use that format, or remove the 'target webgpu' block",
    ]);
  });

  it('follows the targets option over the model blocks', () => {
    expect(select(MODEL('posit16 quire', 'target webgpu { }'), { targets: ['wasm', 'xdna'] }).lines).toEqual([]);
    const { lines } = select(MODEL('bposit16'), { targets: ['wasm', 'webgpu'] });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('webgpu has no bposit16 quire, which bposit16 needs');
    expect(lines[0]).toContain('leave webgpu out of --target');
  });

  it('is not raised for posit32 on webgpu, nor for float formats anywhere', () => {
    expect(select(MODEL('posit32 quire', 'target webgpu { }')).lines).toEqual([]);
    expect(select(MODEL('f32', 'target webgpu { }')).lines).toEqual([]);
  });
});
