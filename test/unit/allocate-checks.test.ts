// Tile allocator failures: L1 overflow diagnostics with their numbers and re-planned suggestions,
// DMA channel and buffer-descriptor budgets on custom grids, routability of every route, and the
// configuration errors (learning_tiles beyond the grid, without learning, bad options).
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, formatBytes, routeProblem, type PlanRoute, type StreamWeights, type TilePlan } from '../../compiler/allocate/index.ts';
import { compileToIR } from '../../compiler/index.ts';
import { renderOneLine } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import { NUMERIC_FORMATS } from '../../ir/meta.ts';
import { GRID_PRESETS, type GridDesc } from '../../targets/xdna/grid.ts';
import { parseGrid } from '../../targets/xdna/grid-load.ts';
import { dmaRoute, tileId } from '../../targets/xdna/grid-topology.ts';
import { compileModel, dgHard512 } from './allocate-helpers.ts';

const { xdna1, xdna2 } = GRID_PRESETS;
const model = compileModel(dgHard512(), 'dg.dg');

function grid(json: object): GridDesc {
  const r = parseGrid(JSON.stringify({ base: 'xdna2', ...json }), 'tiny.json');
  if (!r.grid) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.grid;
}

function status(p: TilePlan | undefined, check: string): string | undefined {
  return p?.checks.find((c) => c.check === check)?.status;
}

describe('L1 overflow', () => {
  const row = 785 * 4;

  it('names the layer, the tile and both sizes, and suggests the format that fits', () => {
    const r = allocate(model.graph, xdna2, { format: 'posit32', batch: 1, streamWeights: 'never' });
    const e = r.diagnostics.filter((d) => d.code === 'E3204');
    expect(e).toHaveLength(2);
    // Resident slices of h and g (26 channels), y's 1 channel, activations and 4 quires.
    const need = 2 * 26 * row + 513 * 4 + (2 * 3136 + 2 * 416 + 3 * 104) + 256;
    expect(formatBytes(need)).toBe('168.9 KiB');
    expect(e[0]?.message).toBe("layer h: slice needs 168.9 KiB on tile (0,2); 63 KiB available; try numeric posit8 or streamWeights 'auto'");
    expect(e[0]?.hint).toContain('19 more inference tiles are over budget');
    expect(e[1]?.message).toMatch(/^layer h: slice needs 280 KiB on tile \(5,2\); 63 KiB available; try streamWeights 'auto'$/);
    const span = e[0]?.span;
    expect(span && model.text.slice(span.start, span.end)).toMatch(/^dense\(x, 512/);
    expect(renderOneLine(e[0] as never, model.sources)).toMatch(/^dg\.dg:6:\d+: error\[E3204\]: layer h/);
    expect(r.plan?.ok).toBe(false);
  });

  it('suggests only what re-planning confirms', () => {
    const never = (format: 'posit8' | 'posit16') => allocate(model.graph, xdna2, { format, batch: 1, streamWeights: 'never' }).plan;
    expect(status(never('posit8'), 'l1-fit.inference')).toBe('pass');
    expect(status(never('posit16'), 'l1-fit.inference')).toBe('fail');
    expect(status(allocate(model.graph, xdna2, { format: 'posit32', batch: 1, streamWeights: 'auto' }).plan, 'l1-fit.inference')).toBe('pass');
  });

  it('finds the largest learning_tiles that lets the inference slices fit', () => {
    const r = allocate(model.graph, xdna2, { format: 'posit16', batch: 1, streamWeights: 'never' });
    const msg = r.diagnostics.find((d) => d.code === 'E3204' && d.message.includes('(0,2)'))?.message;
    expect(msg).toBe("layer h: slice needs 84.5 KiB on tile (0,2); 63 KiB available; try learning_tiles <= 5, numeric posit8 or streamWeights 'auto'");
    const at = (learningTiles: number) => allocate(model.graph, xdna2, { format: 'posit16', batch: 1, streamWeights: 'never', learningTiles }).plan;
    expect(status(at(5), 'l1-fit.inference')).toBe('pass');
    expect(status(at(6), 'l1-fit.inference')).toBe('fail');
    const learnMsg = r.diagnostics.find((d) => d.code === 'E3204' && d.message.includes('(5,2)'))?.message;
    expect(learnMsg).toMatch(/try learning_tiles >= 29 or streamWeights 'auto'$/);
    expect(status(at(29), 'l1-fit.forward-gradient')).toBe('pass');
    expect(status(at(28), 'l1-fit.forward-gradient')).toBe('fail');
  });

  it('suggests a smaller batch when activations overflow', () => {
    const r = allocate(model.graph, xdna2, { format: 'posit32', batch: 16 });
    const msg = r.diagnostics.find((d) => d.code === 'E3204')?.message ?? '';
    const b = Number(/batch <= (\d+)/.exec(msg)?.[1]);
    expect(b).toBeGreaterThanOrEqual(1);
    expect(status(allocate(model.graph, xdna2, { format: 'posit32', batch: b }).plan, 'l1-fit.inference')).toBe('pass');
    expect(status(allocate(model.graph, xdna2, { format: 'posit32', batch: b + 1 }).plan, 'l1-fit.inference')).toBe('fail');
  });
});

describe('DMA channel and buffer-descriptor budgets', () => {
  it('detects a compute tile short of input channels (broadcast + weight stream)', () => {
    const r = allocate(model.graph, grid({ computeTile: { dmaIn: 1 } }), { format: 'posit32', batch: 1 });
    const e = r.diagnostics.find((d) => d.code === 'E3206');
    expect(e?.message).toBe('tile (0,2) needs 2 input DMA channels; it has 1');
    expect(e?.hint).toBe('one channel per incoming FIFO: inf.broadcast.c0r1, inf.weights.c0r1-c0r2');
    expect(r.plan?.checks.find((c) => c.check === 'dma-channels.compute')).toMatchObject({ status: 'fail', subject: 'c0r2', need: 2, have: 1 });
  });

  it('detects too few buffer descriptors (three double-buffered FIFOs need 6)', () => {
    const r = allocate(model.graph, grid({ computeTile: { bufferDescriptors: 4 } }), { format: 'posit32', batch: 1 });
    const e = r.diagnostics.find((d) => d.code === 'E3207');
    expect(e?.message).toBe('tile (0,2) needs 6 buffer descriptors; it has 4');
    expect(e?.hint).toContain('inf.weights.c0r1-c0r2 x2');
    expect(r.plan?.ok).toBe(false);
  });

  it('detects a memory tile short of output channels', () => {
    const r = allocate(model.graph, grid({ memTile: { dmaOut: 5 } }), { format: 'posit32', batch: 1 });
    expect(r.diagnostics.find((d) => d.code === 'E3206')?.message).toMatch(/^memory tile \(\d,1\) needs 6 output DMA channels; it has 5/);
  });

  it('flags a mixed column that streams weights and points to whole columns', () => {
    const r = allocate(model.graph, xdna2, { format: 'posit32', batch: 1, learningTiles: 10 });
    expect(r.plan?.mixedColumn).toBe(5);
    const e = r.diagnostics.find((d) => d.code === 'E3206');
    expect(e?.message).toBe('memory tile (5,1) needs 8 output DMA channels; it has 6; try learning_tiles 8 or numeric posit8');
    expect(status(allocate(model.graph, xdna2, { format: 'posit32', batch: 1, learningTiles: 8 }).plan, 'dma-channels.memory')).toBe('pass');
    expect(status(allocate(model.graph, xdna2, { format: 'posit32', batch: 1, learningTiles: 9 }).plan, 'dma-channels.memory')).toBe('fail');
  });
});

describe('routability', () => {
  it('holds for every route of plans on both presets, mixed columns included', () => {
    for (const [g, tiles] of [[xdna1, 6], [xdna1, 12], [xdna2, 10], [xdna2, 12], [xdna2, 31]] as const) {
      for (const format of ['posit8', 'posit32'] as const) {
        const p = allocate(model.graph, g, { format, batch: 1, learningTiles: tiles }).plan as TilePlan;
        expect(p.routes.length).toBeGreaterThan(10);
        for (const r of p.routes) {
          expect(routeProblem(g, r), r.id).toBeUndefined();
          expect(r.paths.map((x) => x.length)).toEqual(r.consumers.map(() => 2));
        }
        expect(status(p, 'routability')).toBe('pass');
      }
    }
  });

  it('rejects a hop that leaves the column', () => {
    const path = (dmaRoute(xdna2, { col: 0, row: 4 }, { col: 2, row: 3 }) ?? []).map(tileId);
    const bad: PlanRoute = { id: 'x', role: 'inference', purpose: 'gather', producer: 'c0r4', consumers: ['c2r3'], transfer: 'dma', bytesPerTransfer: 4, tangentBytes: 0, depth: 2, values: [], paths: [path] };
    expect(routeProblem(xdna2, bad)).toBe('(0,4) has no direct DMA link to (2,3)');
    const relay: PlanRoute = { ...bad, consumers: ['c0r1'], paths: [['c0r4', 'c0r3', 'c0r1']] };
    expect(routeProblem(xdna2, relay)).toBe('path c0r4 c0r3 c0r1 relays through other tiles');
    expect(routeProblem(xdna2, { ...bad, consumers: ['c0r1'], transfer: 'shared', paths: [['c0r4', 'c0r1']] })).toBe('(0,4) and (0,1) do not share L1');
  });
});

describe('configuration', () => {
  it('refuses learning_tiles beyond the grid, from an option or from the model', () => {
    const r = allocate(model.graph, xdna2, { format: 'posit32', batch: 1, learningTiles: 40 });
    expect(r.plan).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['E3201', '--learning-tiles 40 does not fit xdna2: it has 32 compute tiles and at least one must serve inference']]);
    expect(r.diagnostics[0]?.hint).toBe('use 1 to 31');
    const small = grid({ cols: 2, physicalCols: 2 });
    const m = allocate(model.graph, small, { format: 'posit32', batch: 1 });
    expect(m.diagnostics.map((d) => d.message)).toEqual(['learning_tiles 12 does not fit tiny: it has 8 compute tiles and at least one must serve inference']);
    expect(allocate(model.graph, xdna1, { format: 'posit32', batch: 1, learningTiles: 2.5 }).diagnostics[0]?.code).toBe('E3201');
  });

  it('warns about learning tiles without learning and gives every tile to inference', () => {
    const none = compileModel(dgHard512({ mode: 'none', learningTiles: 8 }));
    const r = allocate(none.graph, xdna2, { format: 'posit8', batch: 1 });
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['E3202', 'warning']]);
    expect(r.plan?.learningTiles).toBe(0);
    expect(r.plan?.roles.map((x) => [x.role, x.tiles])).toEqual([['inference', 32]]);
  });

  it('needs learning tiles when the model learns, and defaults to whole columns', () => {
    expect(allocate(model.graph, xdna2, { format: 'posit32', batch: 1, learningTiles: 0 }).diagnostics.map((d) => d.code)).toEqual(['E3203']);
    const dflt = compileModel(dgHard512({ learningTiles: null }));
    expect(allocate(dflt.graph, xdna2, { format: 'posit8', batch: 1 }).plan).toMatchObject({ learningTiles: 12, learningTilesFrom: 'default', mixedColumn: null });
    expect(allocate(dflt.graph, xdna1, { format: 'posit8', batch: 1 }).plan).toMatchObject({ learningTiles: 8, mixedColumn: null });
    expect(allocate(model.graph, xdna2, { format: 'posit8', batch: 1, learningTiles: 4 }).plan?.learningTilesFrom).toBe('option');
  });

  it('rejects bad options and graphs that are not laid out', () => {
    const codes = (o: object) => allocate(model.graph, xdna2, { format: 'posit32', batch: 1, ...o }).diagnostics.map((d) => d.code);
    expect(codes({ batch: 0 })).toEqual(['E3209']);
    expect(codes({ format: 'posit64' })).toEqual(['E3209']);
    expect(codes({ streamWeights: 'sometimes' })).toEqual(['E3209']);
    const logical = compileToIR(dgHard512(), 'l.dg', { stopAfter: 'lower' }).graph;
    expect(logical && allocate(logical, xdna2, { format: 'posit32', batch: 1 }).diagnostics.map((d) => d.code)).toEqual(['E3210']);
  });
});

describe('any grid, model and options', () => {
  const dir = new URL('../../examples/', import.meta.url);
  const graphs = readdirSync(dir).filter((f) => f.endsWith('.dg')).sort().map((f) => compileModel(readFileSync(new URL(f, dir), 'utf8'), f).graph);

  it('never throws; a failing plan always comes with an error; routes stay direct; L1 parts add up', () => {
    const arb = fc.record({
      cols: fc.integer({ min: 1, max: 6 }),
      rows: fc.integer({ min: 1, max: 5 }),
      kib: fc.integer({ min: 8, max: 256 }),
      model: fc.integer({ min: 0, max: graphs.length - 1 }),
      format: fc.constantFrom(...NUMERIC_FORMATS),
      batch: fc.integer({ min: 1, max: 4 }),
      learningTiles: fc.option(fc.integer({ min: -1, max: 32 }), { nil: undefined }),
      streamWeights: fc.constantFrom<StreamWeights>('auto', 'always', 'never'),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const g = grid({ cols: a.cols, physicalCols: a.cols, computeRows: a.rows, computeTile: { dataBytes: a.kib * 1024 } });
        const opts = { format: a.format, batch: a.batch, streamWeights: a.streamWeights, ...(a.learningTiles === undefined ? {} : { learningTiles: a.learningTiles }) };
        const r = allocate(graphs[a.model] as Graph, g, opts);
        if (!r.plan) return r.diagnostics.some((d) => d.severity === 'error');
        const p = r.plan;
        if (!p.ok && !r.diagnostics.some((d) => d.severity === 'error')) return false;
        if (p.routes.some((x) => routeProblem(g, x) !== undefined)) return false;
        return p.computeTiles.length === a.cols * a.rows && p.computeTiles.every((t) => {
          const l = t.l1;
          return l.total === l.weights + l.streamBuffers + l.activations + l.tangents + l.quire + l.tables + l.stack;
        });
      }),
      { numRuns: 60, seed: 20240611 },
    );
  });
});
