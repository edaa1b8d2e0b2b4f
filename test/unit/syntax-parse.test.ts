// Parser and checker behaviour on specific inputs: the design example verbatim, spans that
// slice the source exactly, keyword/identifier boundaries, numbers, recovery that reports
// several errors in one run, bounded nesting, and the layer forms (stacks, anneal, moe).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileToIR, parseModel } from '../../compiler/index.ts';
import type { Expr, Item } from '../../compiler/syntax/ast.ts';
import { closest, editDistance } from '../../compiler/syntax/suggest.ts';
import { nodesOfKind } from '../../ir/graph.ts';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
const DESIGN_EXAMPLE = `model drift_digits {
  input  x : [784]                       // one sample; batch is the leading dim
  label  t : class[10]
  numeric posit32 quire                  // f32 | f64 | posit8 | posit16 | posit32 | bposit16 | bposit32

  h = dense(x, 512, act: relu)
  g = gate(x, 512, kind: hard, threshold: 0.5)   // routing params (theta); kind: hard | soft | anneal
  y = dense(h * g, 10)
  output y
  loss cross_entropy(y, t)

  learn {
    mode: theta_and_w_inactive           // none | theta_only | w_inactive_only | theta_and_w_inactive
    gradient: forward(perturbations: 8, seed: 7)
    lr: 0.01
    sync_every: 16                       // publish training params to serving every 16 steps
  }
  target xdna { grid: xdna2, learning_tiles: 12 }
}
`;

const slice = (text: string, s: { start: number; end: number }): string => text.slice(s.start, s.end);

describe('parsing the design example', () => {
  it('is the examples/drift-digits.dg file, verbatim', () => {
    expect(readFileSync(join(examples, 'drift-digits.dg'), 'utf8')).toBe(DESIGN_EXAMPLE);
  });

  it('parses without diagnostics into the expected items', () => {
    const r = parseModel(DESIGN_EXAMPLE, 'd.dg');
    expect(r.diagnostics).toEqual([]);
    expect(r.ast?.name.name).toBe('drift_digits');
    expect(r.ast?.items.map((i) => i.kind)).toEqual(['InputDecl', 'LabelDecl', 'NumericDecl', 'Binding', 'Binding', 'Binding', 'OutputDecl', 'LossDecl', 'LearnBlock', 'TargetBlock']);
  });

  it('gives spans that slice the source exactly', () => {
    const ast = parseModel(DESIGN_EXAMPLE, 'd.dg').ast!;
    const h = ast.items[3] as Extract<Item, { kind: 'Binding' }>;
    expect(slice(DESIGN_EXAMPLE, h.name.span)).toBe('h');
    expect(slice(DESIGN_EXAMPLE, h.value.span)).toBe('dense(x, 512, act: relu)');
    expect(slice(DESIGN_EXAMPLE, h.span)).toBe('h = dense(x, 512, act: relu)');
    const y = ast.items[5] as Extract<Item, { kind: 'Binding' }>;
    const call = y.value as Extract<Expr, { kind: 'Call' }>;
    expect(slice(DESIGN_EXAMPLE, call.args[0]!.span)).toBe('h * g');
    const learn = ast.items[8] as Extract<Item, { kind: 'LearnBlock' }>;
    expect(learn.entries.map((e) => e.key.name)).toEqual(['mode', 'gradient', 'lr', 'sync_every']);
    expect(slice(DESIGN_EXAMPLE, learn.entries[1]!.value.span)).toBe('forward(perturbations: 8, seed: 7)');
    expect(ast.span.start).toBe(0);
    expect(slice(DESIGN_EXAMPLE, ast.span).endsWith('}')).toBe(true);
  });

  it('compiles to a graph with the declared metadata', () => {
    const r = compileToIR(DESIGN_EXAMPLE, 'd.dg', { verify: true });
    expect(r.diagnostics).toEqual([]);
    const meta = r.graph!.meta;
    expect(meta.numeric).toEqual({ format: 'posit32', quire: true });
    expect(meta.learn).toEqual({ mode: 'theta_and_w_inactive', gradient: { kind: 'forward', perturbations: 8, seed: 7 }, lr: 0.01, syncEvery: 16, batch: 1 });
    expect(meta.targets).toEqual([{ name: 'xdna', options: { grid: 'xdna2', learning_tiles: 12 } }]);
  });
});

describe('lexical details', () => {
  it('lexes keyword prefixes as identifiers (longer_alt)', () => {
    const r = compileToIR('model m { input inputs : [4]\n  labels = dense(inputs, 2)\n  output labels }', 'k.dg');
    expect(r.diagnostics).toEqual([]);
    expect(nodesOfKind(r.graph!, 'Param').map((p) => p.name)).toEqual(['labels.weight', 'labels.bias']);
  });

  it('reads exponents, decimals and negative numbers', () => {
    const ast = parseModel('model m { learn { lr: 1e-3, batch: -2, sync_every: 0.5 } }', 'n.dg').ast!;
    const learn = ast.items[0] as Extract<Item, { kind: 'LearnBlock' }>;
    expect(learn.entries.map((e) => (e.value.kind === 'Number' ? e.value.value : null))).toEqual([0.001, -2, 0.5]);
  });

  it('ignores comments, including one at end of file without a newline', () => {
    const r = parseModel('// head\nmodel m { // a\n input x : [1] // b\n output x } // tail', 'c.dg');
    expect(r.diagnostics).toEqual([]);
  });
});

describe('recovery', () => {
  const broken = `model m {
  input x : [784]
  h = dense(x 512, act: relu)
  g = gate(x, 512 kind: hard)
  y = dense(h * g, 10
  output y
}`;

  it('reports several syntax errors in one run, one per line', () => {
    const r = compileToIR(broken, 'b.dg');
    const lines = r.diagnostics.map((d) => r.sources.get('b.dg')!.position(d.span!.start).line);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E0002', 'E0002', 'E0002']);
    expect(lines).toEqual([3, 4, 5]);
  });

  it('points a missing token at the end of the previous line, not at the next token', () => {
    const r = compileToIR('model m {\n  input x : [784]\n  y = dense(x, 10\n  output y\n}', 'u.dg');
    const pos = r.sources.get('u.dg')!.position(r.diagnostics[0]!.span!.start);
    expect(pos).toEqual({ line: 3, column: 18 });
  });

  it('recovers a missing token by insertion and keeps the items around it', () => {
    const r = parseModel('model m { input x [784] output x }', 'i.dg');
    expect(r.diagnostics.map((d) => [d.code, d.message, d.span?.start])).toEqual([['E0002', "expected ':', found '['", 18]]);
    expect(r.ast?.items.map((i) => i.kind)).toEqual(['InputDecl', 'OutputDecl']);
    const input = r.ast!.items[0] as Extract<Item, { kind: 'InputDecl' }>;
    expect(input.dims.map((d) => (d.kind === 'Number' ? d.value : NaN))).toEqual([784]);
  });

  it('keeps a partial AST with spans inside the text after recovery', () => {
    const text = 'model m { input x : 784] h = dense(x, ) output }';
    const r = parseModel(text, 'p.dg');
    expect(r.diagnostics.length).toBeGreaterThan(0);
    const walk = (v: unknown): void => {
      if (typeof v !== 'object' || v === null) return;
      const o = v as Record<string, unknown>;
      if ('file' in o && 'start' in o && 'end' in o) {
        expect(o.start as number).toBeGreaterThanOrEqual(0);
        expect(o.end as number).toBeLessThanOrEqual(text.length);
        expect(o.end as number).toBeGreaterThanOrEqual(o.start as number);
      }
      Object.values(o).forEach(walk);
    };
    walk(r.ast);
  });

  it('refuses deep nesting with E0005 instead of overflowing the stack', () => {
    const text = `model m { input x : [1]\n y = ${'('.repeat(100_000)}x${')'.repeat(100_000)}\n output y }`;
    const r = compileToIR(text, 'deep.dg');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E0005']);
  });

  it('lowers a chain of 2,000 bindings without deep recursion', () => {
    let text = 'model m { input x : [4]\n h0 = relu(x)\n';
    for (let i = 1; i < 2000; i++) text += ` h${i} = dense(h${i - 1}, 4, act: relu)\n`;
    const r = compileToIR(`${text} output h1999 }`, 'chain.dg');
    expect(r.diagnostics).toEqual([]);
    expect(nodesOfKind(r.graph!, 'Dense')).toHaveLength(1999);
  });

  it('accepts nesting up to the limit', () => {
    const text = `model m { input x : [1]\n y = ${'relu('.repeat(60)}x${')'.repeat(60)}\n output y }`;
    const r = compileToIR(text, 'ok.dg', { verify: true });
    expect(r.diagnostics).toEqual([]);
  });
});

describe('layer forms', () => {
  const compile = (body: string) => compileToIR(`model m {\n input x : [8]\n label t : class[3]\n${body}\n}`, 'l.dg', { verify: true });

  it('expands a dense stack into numbered layers', () => {
    const r = compile('h = dense(x, [6, 5, 4], act: tanh)\n output h');
    expect(r.diagnostics).toEqual([]);
    const params = nodesOfKind(r.graph!, 'Param');
    expect(params.map((p) => `${p.name}:${p.shape.join('x')}`)).toEqual(['h.0.weight:6x8', 'h.0.bias:6', 'h.1.weight:5x6', 'h.1.bias:5', 'h.2.weight:4x5', 'h.2.bias:4']);
    expect(nodesOfKind(r.graph!, 'Activation')).toHaveLength(3);
  });

  it('names layers nested inside a binding after their function', () => {
    const r = compile('y = dense(relu(dense(x, 4)), 3)\n output y');
    expect(nodesOfKind(r.graph!, 'Param').map((p) => p.name)).toEqual(['y.dense0.weight', 'y.dense0.bias', 'y.weight', 'y.bias']);
  });

  it('gives a bare anneal kind the default schedule and keeps the threshold', () => {
    const r = compile('h = dense(x, 4)\n g = gate(x, 4, kind: anneal, threshold: 0.3)\n y = h * g\n output y');
    const [gate] = nodesOfKind(r.graph!, 'Gate');
    expect(gate).toMatchObject({ mode: 'anneal', threshold: 0.3, schedule: { from: 1, to: 0.01, steps: 1000 } });
  });

  it('lowers moe to a theta router, softmax, top1, W experts and a combine', () => {
    const r = compile('e = moe(x, experts: 3, route: top1)\n output e');
    expect(r.diagnostics).toEqual([]);
    const g = r.graph!;
    const params = nodesOfKind(g, 'Param');
    expect(params.filter((p) => p.role === 'theta').map((p) => p.name)).toEqual(['e.router.weight', 'e.router.bias']);
    expect(params.filter((p) => p.role === 'W').map((p) => p.name)).toEqual(['e.experts.0.weight', 'e.experts.0.bias', 'e.experts.1.weight', 'e.experts.1.bias', 'e.experts.2.weight', 'e.experts.2.bias']);
    const [combine] = nodesOfKind(g, 'Combine');
    expect(combine!.experts).toHaveLength(3);
    expect(g.nodes[combine!.weights]!.kind).toBe('Top1');
    expect(combine!.type.shape).toEqual(['B', 8]);
  });

  it('counts the paper models\' parameters: W 203,530 and theta 65,792 for DG; theta 1,028 for MoE', () => {
    const count = (file: string, role: 'W' | 'theta'): number => {
      const r = compileToIR(readFileSync(join(examples, file), 'utf8'), file);
      return nodesOfKind(r.graph!, 'Param')
        .filter((p) => p.role === role)
        .reduce((a, p) => a + p.shape.reduce((x, y) => x * y, 1), 0);
    };
    for (const f of ['dg-hard.dg', 'dg-soft.dg', 'dg-anneal.dg']) {
      expect(count(f, 'W')).toBe(203_530);
      expect(count(f, 'theta')).toBe(65_792);
    }
    expect(count('moe-top1.dg', 'theta')).toBe(1_028);
    expect(count('moe-soft.dg', 'theta')).toBe(1_028);
  });

  it('lowers only what outputs and the loss use', () => {
    const r = compile('unused = dense(x, 7)\n y = dense(x, 3)\n output y');
    expect(nodesOfKind(r.graph!, 'Param').map((p) => p.name)).toEqual(['y.weight', 'y.bias']);
  });
});

describe('did-you-mean', () => {
  it('measures transpositions as one edit', () => {
    expect(editDistance('dnese', 'dense')).toBe(1);
    expect(editDistance('gate', 'gate')).toBe(0);
  });

  it('suggests close words, prefixes, and nothing for unrelated or one-letter words', () => {
    expect(closest('posit23', ['posit32', 'posit16'])).toBe('posit32');
    expect(closest('activation', ['x', 'units', 'act'])).toBe('act');
    expect(closest('q', ['x', 'h'])).toBeUndefined();
    expect(closest('zzzzzz', ['dense', 'gate'])).toBeUndefined();
  });
});
