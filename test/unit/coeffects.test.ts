// The coeffects pass and its analyses on compiled models: escape classes from the graph (views
// and outputs included), tile roles under each learn mode, the reverse-mode tape counted by hand,
// value bytes, the even-split tile estimate against hand arithmetic, and the verdict rules
// (unknown is never pass; an impossible tile split is E2603), and report() on generated models.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocatorMemoryModel } from '../../compiler/coeffects/allocator-model.ts';
import { ESCAPE, MEMORY, ROLE } from '../../compiler/coeffects/keys.ts';
import { coeffectsPass } from '../../compiler/coeffects/pass.ts';
import { summarizeCoeffects, type SummaryOptions } from '../../compiler/coeffects/summary.ts';
import { compileToIR } from '../../compiler/index.ts';
import { jvpPass } from '../../compiler/passes/jvp.ts';
import { numericSelect } from '../../compiler/passes/numeric-select.ts';
import { PASSES } from '../../compiler/pipeline.ts';
import { report } from '../../compiler/report.ts';
import { DiagnosticBag, renderOneLine } from '../../ir/diagnostics.ts';
import type { Pass } from '../../ir/pass.ts';
import { GRID_PRESETS } from '../../targets/xdna/grid.ts';

const BASE = PASSES.filter((p) => !['jvp', 'numeric-select', 'coeffects'].includes(p.name));

function compile(text: string, opts: SummaryOptions = {}, extra: readonly Pass[] = []) {
  const r = compileToIR(text, 'm.dg', { verify: true, passes: [...BASE, ...extra, numericSelect, coeffectsPass] });
  expect(r.diagnostics.map((d) => renderOneLine(d, r.sources))).toEqual([]);
  const g = r.graph!;
  const t = r.tables!;
  const bag = new DiagnosticBag();
  const s = summarizeCoeffects(g, t, opts, bag);
  const byName = (name: string, kind?: string) => g.nodes.find((n) => (('name' in n && n.name === name) || n.binding === name) && (!kind || n.kind === kind))!.id;
  return { g, s, bag, escape: t.get(ESCAPE, g)!, role: t.get(ROLE, g)!, memory: t.get(MEMORY, g)!, byName };
}

const TINY = (mode: string, extra = '') => `model tiny {
  input x : [4]
  label t : class[3]
  numeric posit16 quire
  h = dense(x, 5, act: relu)
  g = gate(h, 5, kind: hard)
  y = dense(h * g, 3)
  output y
  loss cross_entropy(y, t)
  learn { mode: ${mode}, batch: 2 }
  ${extra}
}`;

const example = (name: string) => readFileSync(new URL(`../../examples/${name}.dg`, import.meta.url), 'utf8');
const verdict = (s: ReturnType<typeof compile>['s'], check: string) => s!.verdicts.find((v) => v.check === check);

describe('escape', () => {
  it('is Persistent for parameters, ReturnEscape for outputs and what they return, StackScoped otherwise', () => {
    const { g, escape, byName } = compile(TINY('none'));
    expect(escape.get(byName('h.weight'))).toBe('Persistent');
    expect(escape.get(byName('y', 'Dense'))).toBe('ReturnEscape');
    expect(escape.get(byName('loss', 'Mean'))).toBe('ReturnEscape');
    expect(escape.get(byName('h', 'Dense'))).toBe('StackScoped');
    expect(escape.get(byName('x'))).toBe('StackScoped');
    expect(g.nodes.filter((n) => escape.get(n.id) === 'ReturnEscape').map((n) => n.kind)).toEqual(['Dense', 'Output', 'Mean', 'Output']);
  });

  it('flows back through a view: an input returned through its Reshape escapes', () => {
    const { g, escape } = compile(`model img {
      input im : [2, 3]
      label t : class[2]
      y = dense(im, 2)
      output y, im
      loss cross_entropy(y, t)
    }`);
    const reshape = g.nodes.find((n) => n.kind === 'Reshape')!;
    expect(reshape.kind === 'Reshape' && escape.get(reshape.x)).toBe('ReturnEscape');
    expect(escape.get(reshape.id)).toBe('ReturnEscape');
  });
});

describe('tile roles', () => {
  it('are inference for every value but parameters (memory) when nothing is learned', () => {
    const { g, role } = compile(TINY('none'));
    for (const n of g.nodes) expect(role.get(n.id)).toEqual({ role: n.kind === 'Param' ? 'memory' : 'inference', mirrored: false });
  });

  it('mirror the serving path on the learning tiles and give loss-only values to forward-gradient', () => {
    const { role, byName } = compile(TINY('theta_and_w_inactive'));
    expect(role.get(byName('h', 'Dense'))).toEqual({ role: 'inference', mirrored: true });
    expect(role.get(byName('y', 'Output'))).toEqual({ role: 'inference', mirrored: false });
    expect(role.get(byName('t'))).toEqual({ role: 'forward-gradient', mirrored: false });
    expect(role.get(byName('loss', 'CrossEntropy'))).toEqual({ role: 'forward-gradient', mirrored: false });
  });

  it('do not mirror prediction-only values (dg-deep softmax p)', () => {
    const { role, byName } = compile(example('dg-deep'));
    expect(role.get(byName('p', 'Softmax'))).toEqual({ role: 'inference', mirrored: false });
  });
});

describe('activation tape', () => {
  it('is 0 in forward mode; reverse mode keeps what the VJPs read, counted by hand', () => {
    const { s } = compile(TINY('theta_and_w_inactive'));
    // batch 2, posit16 (2 B): x 16 (dW of h), h pre-relu 20, relu out 20 (dW of g, and Mul),
    // g logits 20, mask 20 (Mul), CE probs 12, labels 2 x int32 8. y's W is not trainable: no save.
    expect(s!.tape.forwardBytes).toBe(0);
    expect(s!.tape.reverse.map((e) => [e.id, e.what, e.bytes])).toEqual([
      [0, 'value', 16],
      [3, 'value', 20],
      [4, 'value', 20],
      [7, 'value', 20],
      [8, 'value', 20],
      [14, 'value', 8],
      [15, 'probs', 12],
    ]);
    expect(s!.tape.reverseBytes).toBe(116);
  });

  it('grows with the batch and is empty without learning', () => {
    const two = compile(TINY('theta_and_w_inactive')).s!.tape.reverseBytes;
    const eight = compile(TINY('theta_and_w_inactive').replace('batch: 2', 'batch: 8')).s!.tape.reverseBytes;
    expect(eight).toBe(4 * two);
    expect(compile(TINY('none')).s!.tape.reverseBytes).toBe(0);
  });
});

describe('memory', () => {
  it('sizes values by shape at the learn batch and bytes of their format', () => {
    const { memory, byName } = compile(TINY('theta_and_w_inactive'));
    expect(memory.get(byName('x'))).toMatchObject({ elements: 8, bytesPerElement: 2, bytes: 16, storage: 'buffer' });
    expect(memory.get(byName('h.weight'))).toMatchObject({ elements: 20, bytes: 40, tangent: true });
    expect(memory.get(byName('y.weight'))).toMatchObject({ tangent: false });
    expect(memory.get(byName('t'))).toMatchObject({ bytesPerElement: 4, bytes: 8 });
    expect(memory.get(byName('y', 'Output'))).toMatchObject({ bytesPerElement: 8, bytes: 48, storage: 'host' });
  });

  it('splits drift_digits weights evenly over 20 inference tiles, as hand arithmetic says', () => {
    const { s } = compile(example('drift-digits'));
    const inf = s!.memory.groups.find((g) => g.role === 'inference')!;
    // h and g: ceil(512/20) = 26 rows x 784 x 4 B + 26 x 4 B bias; y: 1 row x 512 x 4 B + 4 B.
    expect(inf.tiles).toBe(20);
    expect(inf.perTile.weights).toBe(2 * (26 * 784 * 4 + 26 * 4) + 512 * 4 + 4);
    expect(inf.perTile.quire).toBe(64);
    expect(inf.perTile.stack).toBe(1024);
    expect(s!.memory.method).toBe('even-split-estimate');
    // Memory tiles: the snapshot of all parameters plus the training copy of the trainable h and g.
    const mem = s!.memory.groups.find((g) => g.role === 'memory')!;
    expect(mem.perTile.weights).toBe(Math.ceil(((2 * (512 * 784 + 512) + 10 * 512 + 10) * 4 + 2 * (512 * 784 + 512) * 4) / 8));
  });

  it('follows --grid and --learning-tiles over the model xdna block', () => {
    const { s } = compile(example('drift-digits'), { grid: GRID_PRESETS.xdna1, learningTiles: 4 });
    expect(s!.memory.budget).toMatchObject({ grid: 'xdna1', computeTiles: 16, inferenceTiles: 12, learningTiles: 4, learningTilesFrom: 'option' });
  });

  it('rejects a tile split that leaves no inference tile (E2603)', () => {
    const { s, bag } = compile(example('drift-digits'), { learningTiles: 32 });
    expect(s).toBeUndefined();
    expect(bag.items.map((d) => d.code)).toEqual(['E2603']);
  });
});

describe('verdicts', () => {
  it('keep tangents-defined unknown until the jvp pass has run, then pass', () => {
    expect(verdict(compile(TINY('theta_only')).s, 'tangents-defined')?.status).toBe('unknown');
    expect(verdict(compile(TINY('theta_only'), {}, [jvpPass]).s, 'tangents-defined')?.status).toBe('pass');
    expect(verdict(compile(TINY('none')).s, 'tangents-defined')?.status).toBe('pass');
  });

  it('fail quire availability for a requested target without the quire', () => {
    const { s } = compile(TINY('none'), { targets: ['wasm', 'webgpu'] });
    expect(s!.verdicts.filter((v) => v.check.startsWith('quire-available')).map((v) => `${v.check}=${v.status}`)).toEqual([
      'quire-available.wasm=pass',
      'quire-available.webgpu=fail',
    ]);
  });

  it('call an L1 overflow that streaming would fix unknown, and a fitting plan pass', () => {
    const drift = compile(example('drift-digits')).s!;
    expect(verdict(drift, 'l1-fit.inference')).toMatchObject({ status: 'unknown' });
    expect(verdict(drift, 'l1-fit.inference')!.detail).toContain('tile allocator must confirm');
    expect(verdict(compile(TINY('none')).s, 'l1-fit.inference')?.status).toBe('pass');
  });

  it('fail learning without learning tiles', () => {
    const { s } = compile(TINY('theta_only', 'target xdna { grid: xdna2, learning_tiles: 0 }'));
    expect(verdict(s, 'learning-tiles')).toMatchObject({ status: 'fail' });
  });

  it('keep tile-plan unknown while the numbers are only the even-split estimate', () => {
    const { s } = compile(example('drift-digits'));
    expect(s!.memory.allocatorRan).toBe(false);
    expect(verdict(s, 'tile-plan')).toMatchObject({ status: 'unknown' });
    expect(verdict(s, 'param-placement')).toMatchObject({ status: 'unknown' });
  });

  it('use the allocator numbers when a memory model supplies them: exact L1 verdicts, DDR fallback accepted', () => {
    const grid = GRID_PRESETS.xdna2;
    const { s } = compile(example('drift-digits'), { memoryModel: allocatorMemoryModel({ grid, format: 'posit32' }) });
    expect(s!.memory.method).toBe('allocator');
    expect(verdict(s, 'l1-fit.inference')?.status).toBe('pass');
    expect(verdict(s, 'tile-plan')?.status).toBe('pass');
    expect(s!.memory.issues.map((i) => i.code)).toEqual(['E3205']);
    expect(verdict(s, 'param-placement')).toMatchObject({ status: 'pass' });
    expect(verdict(s, 'param-placement')!.detail).toContain('from DDR');
  });

  it('fall back to the estimate and fail tile-plan when the allocator cannot plan', () => {
    const grid = GRID_PRESETS.xdna2;
    const { s } = compile(TINY('theta_only'), { memoryModel: allocatorMemoryModel({ grid, format: 'posit16', learningTiles: 0 }), learningTiles: 0 });
    expect(s!.memory.method).toBe('even-split-estimate');
    expect(verdict(s, 'tile-plan')).toMatchObject({ status: 'fail' });
    expect(verdict(s, 'tile-plan')!.detail).toContain('E3203');
  });

  it('never report pass for a check that is not decided', () => {
    for (const name of ['drift-digits', 'dg-deep', 'moe-top1', 'dense']) {
      for (const v of compile(example(name)).s!.verdicts) {
        if (v.check === 'tangents-defined' && name !== 'dense') expect(v.status).toBe('unknown');
        if (v.status === 'pass') expect(v.detail).not.toMatch(/unknown|not run|must confirm/);
      }
    }
  });
});

describe('report() on generated models and options', () => {
  const FORMATS = ['f32', 'f64', 'posit8', 'posit16', 'posit32', 'bposit16', 'bposit32'] as const;
  const MODES = ['none', 'theta_only', 'w_inactive_only', 'theta_and_w_inactive'] as const;
  const model = fc.record({
    width: fc.integer({ min: 1, max: 48 }),
    inputs: fc.integer({ min: 1, max: 64 }),
    batch: fc.integer({ min: 1, max: 16 }),
    format: fc.constantFrom(...FORMATS),
    mode: fc.constantFrom(...MODES),
    gate: fc.constantFrom('hard', 'soft'),
    moe: fc.boolean(),
  });
  const options = fc.record({
    format: fc.option(fc.constantFrom(...FORMATS, 'posit64'), { nil: undefined }),
    grid: fc.option(fc.constantFrom('xdna1', 'xdna2'), { nil: undefined }),
    learningTiles: fc.option(fc.integer({ min: -1, max: 40 }), { nil: undefined }),
    targets: fc.option(fc.subarray(['wasm', 'webgpu', 'xdna', 'cuda']), { nil: undefined }),
  });

  it('never throws; a report is consistent with its own numbers and options', () => {
    fc.assert(
      fc.property(model, options, (m, o) => {
        const layer = m.moe ? `e = moe(h, ${m.width}, experts: 3, route: top1)\n  y = dense(e, 3)` : `g = gate(h, ${m.width}, kind: ${m.gate})\n  y = dense(h * g, 3)`;
        const text = `model gen {\n  input x : [${m.inputs}]\n  label t : class[3]\n  numeric ${m.format}\n  h = dense(x, ${m.width}, act: relu)\n  ${layer}\n  output y\n  loss cross_entropy(y, t)\n  learn { mode: ${m.mode}, batch: ${m.batch} }\n}`;
        const r = report(text, 'gen.dg', o);
        for (const d of r.diagnostics) expect(d.code).toMatch(/^E\d{4}$/);
        const badOption = (o.format === 'posit64') || (o.targets?.includes('cuda') ?? false) || (o.learningTiles !== undefined && (o.learningTiles < 0 || o.learningTiles >= (o.grid === 'xdna1' ? 16 : 32)));
        if (badOption) expect(r.report).toBeUndefined();
        if (!r.report) return;
        const rep = r.report;
        expect(rep.counts.pass + rep.counts.fail + rep.counts.unknown).toBe(rep.verdicts.length);
        for (const v of rep.values) {
          expect(Number.isSafeInteger(v.bytes) && v.bytes > 0).toBe(true);
          expect(v.tangentBytes === 0 || v.tangentBytes === v.bytes).toBe(true);
          if (v.quire) expect(v.quire.guardBits).toBeGreaterThanOrEqual(0);
        }
        const tangents = rep.verdicts.find((v) => v.check === 'tangents-defined')!;
        expect(tangents.status).toBe('pass');
        expect(rep.tape.forwardBytes).toBe(0);
        if (m.mode === 'none') expect(rep.tape.reverseBytes).toBe(0);
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
