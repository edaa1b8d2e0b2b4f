// Tile allocator on the presets: the 784 -> 512 -> 10 DG-Hard model's split, slices, residency,
// L1 numbers and memory-tile placement on xdna1 and xdna2; every example's channel slices cover
// each channel exactly once; determinism; and the exact per-tile memory offered to coeffects.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allocate, computeTileMemory, partition, type ComputeTilePlan, type TilePlan } from '../../compiler/allocate/index.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import { GRID_PRESETS } from '../../targets/xdna/grid.ts';
import { compileModel, dgHard512 } from './allocate-helpers.ts';

const { xdna1, xdna2 } = GRID_PRESETS;
const model = compileModel(dgHard512());

function plan(grid = xdna2, format: NumericFormat = 'posit32', extra: { learningTiles?: number } = {}): TilePlan {
  const r = allocate(model.graph, grid, { format, batch: 1, ...extra });
  if (!r.plan) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.plan;
}

function tile(p: TilePlan, id: string): ComputeTilePlan {
  const t = p.computeTiles.find((x) => x.id === id);
  if (!t) throw new Error(`no tile ${id}`);
  return t;
}

function residency(p: TilePlan, id: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of tile(p, id).assignments) if (a.layer !== null) out[a.layer] = `${a.residency} [${a.channels.start},${a.channels.end})`;
  return out;
}

describe('partition', () => {
  it('gives the first width mod n tiles one channel more, contiguously', () => {
    const p = partition(512, 12);
    expect(p.map((r) => r.end - r.start)).toEqual([43, 43, 43, 43, 43, 43, 43, 43, 42, 42, 42, 42]);
    expect(p[0]).toEqual({ start: 0, end: 43 });
    expect(p[11]).toEqual({ start: 470, end: 512 });
    expect(partition(10, 20).filter((r) => r.end > r.start)).toHaveLength(10);
  });
});

describe('DG-Hard 784-512-10 on xdna2 (learning_tiles 12)', () => {
  const p = plan();
  const row = 785 * 4; // one output channel: 784 weights + 1 bias, posit32

  it('splits whole columns: inference 0-4 (head at the left), learning 5-7 (head at the right)', () => {
    expect(p.mixedColumn).toBeNull();
    expect(p.roles.map((r) => [r.role, r.tiles, r.columns, r.headTile, r.passesPerStep])).toEqual([
      ['inference', 20, [0, 1, 2, 3, 4], 'c0r2', 1],
      ['forward-gradient', 12, [7, 6, 5], 'c7r2', 8],
    ]);
    expect(p.computeTiles.filter((t) => t.role === 'forward-gradient').every((t) => t.col >= 5)).toBe(true);
  });

  it('streams h and g from memory tiles and keeps y resident on an inference tile', () => {
    expect(residency(p, 'c0r2')).toEqual({ h: 'streamed [0,26)', g: 'streamed [0,26)', y: 'resident [0,1)' });
    expect(residency(p, 'c4r5')).toEqual({ h: 'streamed [487,512)', g: 'streamed [487,512)' });
    const l = tile(p, 'c0r2').l1;
    // x arrives whole (double-buffered), the column's 4 slices of h*g leave through the cascade,
    // and h, g and the mask are live together at the gate (26 channels each).
    const activations = 2 * 784 * 4 + 2 * (4 * 26 * 4) + 3 * 26 * 4;
    expect(l).toEqual({
      weights: 513 * 4, streamBuffers: 2 * 4 * row, chunkBytes: 4 * row, activations, tangents: 0,
      quire: 4 * 64, tables: 0, stack: 1024, total: 513 * 4 + 8 * row + activations + 256 + 1024, capacity: 65536,
    });
  });

  it('slices 512 channels over the 12 learning tiles as 43/42 and carries tangents', () => {
    expect(residency(p, 'c5r2')).toEqual({ h: 'streamed [0,43)', g: 'streamed [0,43)', y: 'resident [0,1)' });
    expect(residency(p, 'c7r5')).toEqual({ h: 'streamed [470,512)', g: 'streamed [470,512)' });
    const l = tile(p, 'c5r2').l1;
    const column = 4 * 43 * 4; // the column's slices of h*g (and of its tangent)
    expect(l.activations).toBe(2 * 784 * 4 + 2 * column + 3 * 43 * 4);
    expect(l.tangents).toBe(2 * 512 * 4 + 2 * column + 3 * 43 * 4);
    expect(l.quire).toBe(4 * 2 * 64); // a primal and a tangent quire per channel of the block
    expect(tile(p, 'c7r2').assignments.map((a) => a.kind)).toContain('CrossEntropy');
  });

  it('counts snapshot and training copy per memory tile; they overflow, so parameters come from DDR', () => {
    const m0 = p.memTiles[0];
    const m5 = p.memTiles[5];
    expect(m0).toMatchObject({ id: 'c0r1', roles: ['inference'], snapshotBytes: 104 * row * 2 + 4 * 513 * 4, trainingCopyBytes: 0, params: 'ddr' });
    expect(m5).toMatchObject({ roles: ['forward-gradient'], snapshotBytes: 0, trainingCopyBytes: 172 * row * 2, frozenBytes: 4 * 513 * 4, params: 'ddr' });
    const statuses = Object.fromEntries(p.checks.map((c) => [c.check, c.status]));
    expect(statuses).toEqual({
      'l1-fit.inference': 'pass', 'l1-fit.forward-gradient': 'pass', 'memtile-params': 'fail', 'memtile-buffers': 'pass',
      'dma-channels.compute': 'pass', 'buffer-descriptors.compute': 'pass', 'dma-channels.memory': 'pass', 'buffer-descriptors.memory': 'pass',
      'dma-channels.shim': 'pass', 'buffer-descriptors.shim': 'pass', routability: 'pass',
    });
    expect(p.ok).toBe(true);
  });

  it('reports the DDR fallback as a warning that suggests the format that fits', () => {
    const r = allocate(model.graph, xdna2, { format: 'posit32', batch: 1 });
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['E3205', 'warning']]);
    expect(r.diagnostics[0]?.message).toMatch(/^memory tile \(\d,1\) needs .*; 512 KiB available, so columns 0, 1, 2, 3, 4, 5, 6, 7 stream parameters from DDR through the shim; try numeric posit8$/);
    expect(plan(xdna2, 'posit8').checks.find((c) => c.check === 'memtile-params')?.status).toBe('pass');
    expect(plan(xdna2, 'posit16').checks.find((c) => c.check === 'memtile-params')?.status).toBe('fail');
  });

  it('uses double-buffered FIFOs within the channel budgets', () => {
    expect(tile(p, 'c0r2').dma).toEqual({ in: 2, out: 1, inCapacity: 2, outCapacity: 2, bds: 6, bdCapacity: 16 });
    expect(tile(p, 'c0r3').dma).toMatchObject({ in: 2, out: 0, bds: 4 });
    expect(p.memTiles[1]?.dma).toMatchObject({ in: 4, out: 6 });
    const w = p.routes.find((r) => r.id === 'inf.weights.c0r1-c0r2');
    expect(w).toMatchObject({ purpose: 'weights', transfer: 'dma', depth: 2, bytesPerTransfer: 4 * row });
    expect(p.routes.find((r) => r.id === 'inf.cascade.c0r5-c0r4')).toMatchObject({ transfer: 'shared', bytesPerTransfer: 26 * 4 });
  });
});

describe('DG-Hard 784-512-10 in posit8 on xdna2', () => {
  it('keeps every inference slice resident and fits the memory tiles', () => {
    const r = allocate(model.graph, xdna2, { format: 'posit8', batch: 1 });
    expect(r.diagnostics).toEqual([]);
    const p = r.plan as TilePlan;
    expect(residency(p, 'c0r2')).toEqual({ h: 'resident [0,26)', g: 'resident [0,26)', y: 'resident [0,1)' });
    expect(tile(p, 'c0r2').l1).toMatchObject({ weights: 2 * 26 * 785 + 513, streamBuffers: 0, chunkBytes: null, tables: 1024, quire: 4 * 16 });
    // 43 rows of h (33,755 B) stay; g no longer fits beside them and streams in 4-row chunks.
    expect(residency(p, 'c5r2')).toEqual({ h: 'resident [0,43)', g: 'streamed [0,43)', y: 'resident [0,1)' });
    expect(tile(p, 'c5r2').l1.chunkBytes).toBe(4 * 785);
    expect(p.ok).toBe(true);
  });
});

describe('DG-Hard 784-512-10 on xdna1 (learning_tiles 12)', () => {
  const p = plan(xdna1);

  it('leaves one inference column and three learning columns', () => {
    expect(p.roles.map((r) => [r.role, r.tiles, r.columns])).toEqual([
      ['inference', 4, [0]],
      ['forward-gradient', 12, [3, 2, 1]],
    ]);
  });

  it('streams 128-channel slices of h and g and keeps 3 channels of y', () => {
    expect(residency(p, 'c0r2')).toEqual({ h: 'streamed [0,128)', g: 'streamed [0,128)', y: 'resident [0,3)' });
    expect(residency(p, 'c0r5')).toEqual({ h: 'streamed [384,512)', g: 'streamed [384,512)', y: 'resident [8,10)' });
    expect(tile(p, 'c0r2').l1.weights).toBe(3 * 513 * 4);
    expect(tile(p, 'c0r2').l1.total).toBeLessThanOrEqual(65536);
    expect(p.memTiles[0]?.snapshotBytes).toBe((512 * 785 * 2 + 10 * 513) * 4);
    expect(p.ok).toBe(true);
  });
});

describe('every example on both presets', () => {
  const dir = new URL('../../examples/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.dg')).sort();

  it('covers every channel of every sliced op exactly once per role, in tile order', () => {
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const m = compileModel(readFileSync(new URL(f, dir), 'utf8'), f);
      for (const grid of [xdna1, xdna2]) {
        const tiles = m.graph.meta.learn.mode === 'none' ? 0 : grid === xdna1 ? 6 : 12;
        const r = allocate(m.graph, grid, { format: m.graph.meta.numeric.format, batch: 1, learningTiles: tiles });
        const p = r.plan as TilePlan;
        expect(p, `${f} on ${grid.name}`).toBeDefined();
        for (const role of p.roles) {
          const mine = p.computeTiles.filter((t) => t.role === role.role).sort((a, b) => a.index - b.index);
          const byNode = new Map<number, { start: number; end: number }[]>();
          for (const t of mine) for (const a of t.assignments) if (a.placement === 'sliced') byNode.set(a.node, [...(byNode.get(a.node) ?? []), a.channels]);
          for (const [id, ranges] of byNode) {
            const width = m.graph.nodes[id]?.type.shape[1];
            let next = 0;
            for (const r of ranges) {
              expect(r.start, `${f} %${id}`).toBe(next);
              expect(r.end).toBeGreaterThan(r.start);
              next = r.end;
            }
            expect(next, `${f} %${id} on ${grid.name}`).toBe(width);
          }
          const heads = mine.filter((t) => t.assignments.some((a) => a.placement === 'head'));
          expect(heads.every((t) => t.head)).toBe(true);
        }
      }
    }
  });

  it('is deterministic', () => {
    const m = compileModel(readFileSync(new URL('moe-top1.dg', dir), 'utf8'), 'moe-top1.dg');
    const a = allocate(m.graph, xdna2, { format: 'posit32', batch: 2 });
    const b = allocate(m.graph, xdna2, { format: 'posit32', batch: 2 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('computeTileMemory (for the coeffects report)', () => {
  it('reports the most loaded tile of each role and the fullest memory tile', () => {
    const r = computeTileMemory(model.graph, xdna2, { format: 'posit32', batch: 1 });
    const p = r.plan as TilePlan;
    expect(r.groups.map((g) => [g.role, g.tiles, g.tile])).toEqual([
      ['inference', 20, 'c0r2'],
      ['forward-gradient', 12, 'c5r2'],
      ['memory', 8, 'c6r1'],
    ]);
    const inf = r.groups[0];
    const l = tile(p, 'c0r2').l1;
    expect(inf?.perTile).toEqual({ weights: l.weights + l.streamBuffers, activations: l.activations, tangents: 0, quire: l.quire, stack: 1024, total: l.total });
    expect(inf?.streamedTotal).toBe(l.total);
    expect(r.groups[2]?.perTile.total).toBe(Math.max(...p.memTiles.map((x) => x.total)));
    expect(r.groups[2]?.capacity).toBe(524288);
  });
});
