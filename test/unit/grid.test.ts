// Grid presets, cost helpers, topology (rows, neighbours, routes) and the JSON Schema file,
// which must equal the schema generated from the field table and list every GridDesc key.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GRID_PRESETS, macsPerCycle, opsPerCycle, usableDataBytes, cyclesToSeconds, type GridDesc } from '../../targets/xdna/grid.ts';
import { gridJsonSchema, keyPaths } from '../../targets/xdna/grid-schema.ts';
import { parseGrid } from '../../targets/xdna/grid-load.ts';
import {
  allTiles, computeTiles, dmaRoute, linkBytesPerCycle, linkKind, memTileOf, neighbours, shimTileOf, streamHops, tileAt, tileId, tileKind,
} from '../../targets/xdna/grid-topology.ts';

const { xdna1, xdna2 } = GRID_PRESETS;
const SCHEMA_URL = new URL('../../spec/grid.schema.json', import.meta.url);

describe('presets (DESIGN section 6)', () => {
  it('have the documented geometry and resources', () => {
    expect([xdna1.cols, xdna1.physicalCols, xdna1.computeRows, xdna1.clockGHz]).toEqual([4, 5, 4, 1.0]);
    expect([xdna2.cols, xdna2.physicalCols, xdna2.computeRows, xdna2.clockGHz]).toEqual([8, 8, 4, 1.5]);
    for (const g of [xdna1, xdna2]) {
      expect(g.computeTile).toMatchObject({ dataBytes: 65536, stackBytes: 1024, programBytes: 16384, dmaIn: 2, dmaOut: 2, bufferDescriptors: 16 });
      expect(g.memTile).toEqual({ dataBytes: 524288, dmaIn: 6, dmaOut: 6, bufferDescriptors: 48 });
      expect(g.shimTile).toMatchObject({ dmaIn: 2, dmaOut: 2 });
    }
    expect(xdna1.computeTile.macsPerCycle).toEqual({ int8: 256, bf16: 128 });
    expect(xdna2.computeTile.macsPerCycle).toEqual({ int8: 512, bf16: 256 });
  });

  it('are frozen', () => {
    expect(Object.isFrozen(xdna2.computeTile.macsPerCycle)).toBe(true);
    expect(() => {
      (xdna2.computeTile as { dataBytes: number }).dataBytes = 1;
    }).toThrow();
  });

  it('pass the file validator when written out as complete JSON', () => {
    for (const g of [xdna1, xdna2]) {
      const r = parseGrid(JSON.stringify(g, null, 2), `${g.name}.json`);
      expect(r.diagnostics).toEqual([]);
      expect(r.grid).toEqual(g);
    }
  });

  it('derive throughput from the cost model', () => {
    expect(macsPerCycle(xdna2, 'bf16')).toBe(256);
    expect(macsPerCycle(xdna1, 'f32')).toBe(128 / 6);
    expect(macsPerCycle(xdna2, 'f32')).toBe(256 / 6);
    const p = xdna2.arith;
    expect(macsPerCycle(xdna2, 'posit32')).toBe(1 / (p.cyclesPerMac.posit32 + p.quireAccumulateCycles.posit32));
    expect(macsPerCycle(xdna2, 'posit8')).toBeGreaterThan(macsPerCycle(xdna2, 'posit32'));
    expect(opsPerCycle(xdna2, 'posit16')).toBe(1 / p.cyclesPerOp.posit16);
    expect(usableDataBytes(xdna2)).toBe(64 * 1024 - 1024);
    expect(cyclesToSeconds(xdna2, 1.5e9)).toBe(1);
  });
});

describe('topology', () => {
  it('numbers rows shim 0, memory 1, compute 2..', () => {
    expect(tileKind(xdna2, { col: 3, row: 0 })).toBe('shim');
    expect(tileKind(xdna2, { col: 3, row: 1 })).toBe('memory');
    expect(tileKind(xdna2, { col: 3, row: 5 })).toBe('compute');
    expect(tileKind(xdna2, { col: 3, row: 6 })).toBeUndefined();
    expect(tileKind(xdna2, { col: 8, row: 2 })).toBeUndefined();
    expect(tileAt(xdna1, -1, 2)).toBeUndefined();
    expect(allTiles(xdna1)).toHaveLength(4 * 6);
    expect(computeTiles(xdna2)).toHaveLength(32);
    expect(computeTiles(xdna1).slice(0, 5).map(tileId)).toEqual(['c0r2', 'c0r3', 'c0r4', 'c0r5', 'c1r2']);
    expect(memTileOf(3)).toEqual({ col: 3, row: 1, kind: 'memory' });
    expect(shimTileOf(3)).toEqual({ col: 3, row: 0, kind: 'shim' });
  });

  it('lets a compute tile reach only its memory tile and vertical neighbours', () => {
    expect(neighbours(xdna2, { col: 2, row: 3 }).map(tileId)).toEqual(['c2r1', 'c2r2', 'c2r4']);
    expect(neighbours(xdna2, { col: 2, row: 2 }).map(tileId)).toEqual(['c2r1', 'c2r3']);
    expect(neighbours(xdna2, { col: 2, row: 5 }).map(tileId)).toEqual(['c2r1', 'c2r4']);
    expect(neighbours(xdna2, { col: 0, row: 1 }).map(tileId)).toEqual(['c0r0', 'c0r2', 'c0r3', 'c0r4', 'c0r5', 'c1r1']);
    expect(neighbours(xdna2, { col: 7, row: 0 }).map(tileId)).toEqual(['c7r1']);
    expect(neighbours(xdna2, { col: 9, row: 0 })).toEqual([]);
  });

  it('is symmetric on every preset', () => {
    for (const g of [xdna1, xdna2]) {
      for (const t of allTiles(g)) {
        for (const n of neighbours(g, t)) expect(neighbours(g, n).some((x) => x.col === t.col && x.row === t.row)).toBe(true);
      }
    }
  });

  it('routes cross-column traffic through memory tiles', () => {
    expect(dmaRoute(xdna2, { col: 0, row: 4 }, { col: 2, row: 3 })?.map(tileId)).toEqual(['c0r4', 'c0r1', 'c1r1', 'c2r1', 'c2r3']);
    expect(dmaRoute(xdna2, { col: 1, row: 2 }, { col: 1, row: 3 })?.map(tileId)).toEqual(['c1r2', 'c1r3']);
    expect(dmaRoute(xdna2, { col: 1, row: 0 }, { col: 1, row: 0 })?.map(tileId)).toEqual(['c1r0']);
    expect(dmaRoute(xdna2, { col: 1, row: 0 }, { col: 9, row: 0 })).toBeUndefined();
    for (const t of computeTiles(xdna1)) {
      const r = dmaRoute(xdna1, shimTileOf(0), t) ?? [];
      for (let i = 1; i < r.length; i++) expect(linkKind(xdna1, r[i - 1]!, r[i]!)).toBeDefined();
    }
  });

  it('prices links from the dma table', () => {
    const g: GridDesc = { ...xdna2, dma: { ...xdna2.dma, tileToTileBytesPerCycle: 8, memTileToMemTileBytesPerCycle: 2 } };
    expect(linkKind(g, { col: 0, row: 2 }, { col: 0, row: 3 })).toBe('tileToTile');
    expect(linkBytesPerCycle(g, { col: 0, row: 2 }, { col: 0, row: 3 })).toBe(8);
    expect(linkBytesPerCycle(g, { col: 0, row: 1 }, { col: 1, row: 1 })).toBe(2);
    expect(linkKind(g, { col: 0, row: 5 }, { col: 0, row: 1 })).toBe('tileToMemTile');
    expect(linkKind(g, { col: 0, row: 0 }, { col: 0, row: 1 })).toBe('shimToMemTile');
    expect(linkKind(g, { col: 0, row: 2 }, { col: 1, row: 2 })).toBeUndefined();
    expect(linkBytesPerCycle(g, { col: 0, row: 2 }, { col: 0, row: 4 })).toBeUndefined();
    expect(streamHops({ col: 0, row: 5 }, { col: 2, row: 1 })).toBe(6);
  });
});

describe('spec/grid.schema.json', () => {
  const generated = gridJsonSchema();
  if (process.env['UPDATE_GRID_SCHEMA'] === '1') writeFileSync(SCHEMA_URL, `${JSON.stringify(generated, null, 2)}\n`);
  const onDisk = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as Record<string, unknown>;

  it('equals the schema generated from the field table (regenerate with UPDATE_GRID_SCHEMA=1)', () => {
    expect(onDisk).toEqual(generated);
  });

  it('lists every key of GridDesc, and nothing else', () => {
    const fromPreset = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => {
        const p = prefix === '' ? k : `${prefix}.${k}`;
        return typeof v === 'object' && v !== null ? [p, ...fromPreset(v as object, p)] : [p];
      });
    const inSchema = (s: Record<string, unknown>, prefix = ''): string[] => {
      const props = (s['properties'] ?? {}) as Record<string, Record<string, unknown>>;
      return Object.entries(props).flatMap(([k, v]) => {
        const p = prefix === '' ? k : `${prefix}.${k}`;
        return v['type'] === 'object' ? [p, ...inSchema(v, p)] : [p];
      });
    };
    const schemaKeys = inSchema(onDisk).filter((k) => k !== '$schema' && k !== 'base');
    expect(schemaKeys.sort()).toEqual(fromPreset(xdna2).sort());
    expect(keyPaths().sort()).toEqual(fromPreset(xdna2).sort());
  });

  it('closes every object and requires everything without a base', () => {
    const visit = (s: Record<string, unknown>): void => {
      if (s['type'] !== 'object') return;
      expect(s['additionalProperties']).toBe(false);
      for (const v of Object.values((s['properties'] ?? {}) as Record<string, Record<string, unknown>>)) visit(v);
    };
    visit(onDisk);
    expect(onDisk['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    const elseBranch = onDisk['else'] as { required: string[] };
    expect(elseBranch.required).toContain('computeTile');
    expect(elseBranch.required).not.toContain('name');
  });
});
