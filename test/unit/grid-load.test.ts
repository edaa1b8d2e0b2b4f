// Loading grids by preset name and from hostile JSON files: deep overrides on a base preset,
// complete files without one, and an E44xx diagnostic at the offending key's line:column for
// every kind of defect.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadGrid, parseGrid } from '../../targets/xdna/grid-load.ts';
import { GRID_PRESETS } from '../../targets/xdna/grid.ts';
import { renderOneLine } from '../../ir/diagnostics.ts';

const noFile = (p: string): string => {
  throw new Error(`ENOENT: no such file or directory, open '${p}'`);
};
const files = (m: Record<string, string>) => (p: string): string => m[p] ?? noFile(p);
const lines = (text: string, file = 'g.json'): string[] => parseGrid(text, file).diagnostics.map((d) => renderOneLine(d));

describe('loadGrid', () => {
  it('returns presets by name', () => {
    expect(loadGrid('xdna1', noFile).grid).toBe(GRID_PRESETS.xdna1);
    expect(loadGrid('xdna2', noFile).grid?.cols).toBe(8);
  });

  it('suggests a preset for a typo and explains paths', () => {
    const d = loadGrid('xdna3', noFile).diagnostics[0];
    expect(d?.code).toBe('E4403');
    expect(d?.hint).toMatch(/did you mean 'xdna\d'\?.*\.json/);
  });

  it('reports unreadable files', () => {
    const d = loadGrid('grids/missing.json', noFile).diagnostics[0];
    expect(d?.code).toBe('E4401');
    expect(d?.message).toMatch(/ENOENT/);
  });

  it('deep-merges overrides onto a base preset', () => {
    const text = JSON.stringify({ base: 'xdna2', cols: 6, computeTile: { dataBytes: 131072 }, arith: { cyclesPerMac: { posit32: 40 } } });
    const r = loadGrid('grids/wide-l1.json', files({ 'grids/wide-l1.json': text }));
    expect(r.diagnostics).toEqual([]);
    const g = r.grid!;
    expect(g.name).toBe('wide-l1');
    expect(g.cols).toBe(6);
    expect(g.computeTile).toEqual({ ...GRID_PRESETS.xdna2.computeTile, dataBytes: 131072 });
    expect(g.arith.cyclesPerMac).toEqual({ ...GRID_PRESETS.xdna2.arith.cyclesPerMac, posit32: 40 });
    expect(g.memTile).toEqual(GRID_PRESETS.xdna2.memTile);
    expect(Object.isFrozen(g.arith.cyclesPerMac)).toBe(true);
    expect(GRID_PRESETS.xdna2.computeTile.dataBytes).toBe(65536);
  });

  it('accepts a byte-order mark and keeps columns right', () => {
    expect(parseGrid('\ufeff{"base": "xdna1"}', 'b.json').grid?.cols).toBe(4);
    expect(parseGrid('\ufeff{"base": "xdna1", "colz": 1}', 'b.json').diagnostics[0]?.at?.column).toBe(20);
  });

  it('keeps an explicit name and accepts $schema', () => {
    const r = parseGrid('{"$schema": "../spec/grid.schema.json", "base": "xdna1", "name": "phoenix-lite"}', 'x.json');
    expect(r.grid?.name).toBe('phoenix-lite');
    expect(r.grid?.cols).toBe(4);
  });
});

describe('grid files: diagnostics at the offending key', () => {
  it('unknown keys get did-you-mean, or the group they belong to', () => {
    const text = '{\n  "base": "xdna2",\n  "colz": 4,\n  "computeTile": { "dataByts": 1 },\n  "macsPerCycle": {}\n}';
    expect(lines(text)).toEqual([
      'g.json:3:3: error[E4404]: unknown key "colz"',
      'g.json:4:20: error[E4404]: unknown key "computeTile.dataByts"',
      'g.json:5:3: error[E4404]: unknown key "macsPerCycle"',
    ]);
    const d = parseGrid(text, 'g.json').diagnostics;
    expect(d[0]?.hint).toBe('did you mean "cols"?');
    expect(d[1]?.hint).toBe('did you mean "dataBytes"?');
    expect(d[2]?.hint).toBe('"macsPerCycle" belongs under "computeTile.macsPerCycle"');
  });

  it.each([
    ['{"base": "xdna2", "cols": "4"}', 'E4405', 1, 27, /without quotes/],
    ['{"base": "xdna2", "computeTile": 5}', 'E4405', 1, 34, /holds dataBytes/],
    ['{"base": "xdna2", "cols": 0}', 'E4406', 1, 27, /usable columns/],
    ['{"base": "xdna2", "cols": 65}', 'E4406', 1, 27, /usable columns/],
    ['{"base": "xdna2", "computeRows": 2.5}', 'E4406', 1, 34, /whole units/],
    ['{"base": "xdna2", "clockGHz": 0}', 'E4406', 1, 31, /clock/],
    ['{"base": "xdna2", "memTile": {"dataBytes": 1e12}}', 'E4406', 1, 44, /memory in bytes/],
    ['{"base": "xdna2", "arith": {"cyclesPerMac": {"posit8": -1}}}', 'E4406', 1, 56, /posit8/],
    ['{"base": "xdna2", "name": "has space"}', 'E4406', 1, 27, /letters/],
    ['{"base": "xdna3"}', 'E4403', 1, 10, /xdna/],
    ['{"base": 2}', 'E4405', 1, 10, /presets/],
    ['{"base": "xdna2", "cols": 4, "cols": 5}', 'E4408', 1, 30, /once/],
    ['{"base": "xdna2", "computeTile": {"stackBytes": 65536}}', 'E4409', 1, 35, /stack/],
    ['{"base": "xdna1", "cols": 6}', 'E4409', 1, 19, /usable columns/],
    ['{"cols": 4}', 'E4407', 1, 1, /"base": "xdna2"/],
    ['[1, 2]', 'E4405', 1, 1, /spec\/grid\.md/],
    ['{"base": "xdna2",}', 'E4402', 1, 18, /trailing commas/],
    ['{"base": "xdna2", // note\n}', 'E4402', 1, 19, /no comments/],
  ])('%s -> %s at %d:%d', (text, code, line, column, hint) => {
    const r = parseGrid(text, 'g.json');
    expect(r.grid).toBeUndefined();
    const d = r.diagnostics[0];
    expect(d?.code).toBe(code);
    expect(d?.at).toEqual({ file: 'g.json', line, column });
    expect(d?.span?.file).toBe('g.json');
    expect(d?.hint).toMatch(hint);
  });

  it('lists every missing key per object when there is no base', () => {
    const full = JSON.parse(JSON.stringify(GRID_PRESETS.xdna1)) as Record<string, Record<string, unknown>>;
    delete full['computeTile']!['programBytes'];
    delete full['dma'];
    const msgs = parseGrid(JSON.stringify(full), 'g.json').diagnostics.map((d) => `${d.code} ${d.message}`);
    expect(msgs).toEqual(['E4407 the grid file lacks "dma"', 'E4407 "computeTile" lacks "programBytes"']);
  });

  it('never throws on random JSON-ish input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        const r = parseGrid(text, 'r.json');
        expect(r.grid !== undefined || r.diagnostics.length > 0).toBe(true);
        for (const d of r.diagnostics) expect(d.code).toMatch(/^E44\d\d$/);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on random overrides of a base grid', () => {
    const value = fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null), fc.boolean(), fc.constant({}));
    const keys = fc.constantFrom('cols', 'computeRows', 'clockGHz', 'physicalCols', 'name', 'computeTile', 'dma', 'xx');
    fc.assert(
      fc.property(fc.dictionary(keys, value), (over) => {
        const r = parseGrid(JSON.stringify({ base: 'xdna2', ...over }), 'r.json');
        if (r.grid) expect(r.grid.cols).toBeGreaterThanOrEqual(1);
        else expect(r.diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });
});
