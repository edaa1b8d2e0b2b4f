// `tilegate difftest` through main() with a buffer CliIO: the JSON report has every field of
// spec/difftest.schema.json (checked by a small validator for the keywords the schema uses) and
// posit formats are 100% bit-exact; the table; the SVG histograms are well-formed and render;
// given parameters and inputs are used; bad flags and files are diagnostics with exit 2.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import { difftest, type DifftestReport } from '../../compiler/difftest.ts';
import { writeNpy } from '../../runtime/io/npy.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');
const SCHEMA = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'spec', 'difftest.schema.json'), 'utf8')) as Schema;
const TMP = mkdtempSync(join(tmpdir(), 'tilegate-difftest-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, color: false };
  const code = await main(['difftest', ...argv], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

type Schema = { [k: string]: unknown };

/** Errors of `v` against `s` (draft 2020-12 subset: type, enum, const, minimum, properties, required, additionalProperties, items, $ref). */
function validate(v: unknown, s: Schema, root: Schema = s, path = '$'): string[] {
  if (typeof s.$ref === 'string') return validate(v, (root.$defs as Record<string, Schema>)[s.$ref.replace('#/$defs/', '')] as Schema, root, path);
  const errs: string[] = [];
  if ('const' in s && v !== s.const) errs.push(`${path}: expected ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.includes(v)) errs.push(`${path}: ${JSON.stringify(v)} not in enum`);
  if (s.type !== undefined) {
    const kind = v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;
    if (!(s.type === kind || (s.type === 'number' && kind === 'integer'))) errs.push(`${path}: ${kind} is not ${JSON.stringify(s.type)}`);
  }
  if (typeof s.minimum === 'number' && typeof v === 'number' && v < s.minimum) errs.push(`${path}: ${v} < ${s.minimum}`);
  if (Array.isArray(v) && s.items) v.forEach((x, i) => errs.push(...validate(x, s.items as Schema, root, `${path}[${i}]`)));
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const r of (s.required ?? []) as string[]) if (!(r in o)) errs.push(`${path}: missing ${r}`);
    for (const [k, x] of Object.entries(o)) {
      if (props[k]) errs.push(...validate(x, props[k], root, `${path}.${k}`));
      else if (s.additionalProperties === false) errs.push(`${path}: unexpected ${k}`);
    }
  }
  return errs;
}

describe('tilegate difftest --json', () => {
  it('reports every field of the schema; posit formats are 100% bit-exact', async () => {
    const r = await run(join(EXAMPLES, 'dg-hard.dg'), '--formats', 'posit32,bposit32,posit16,f32', '--batch', '3', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as DifftestReport;
    expect(validate(report, SCHEMA)).toEqual([]);
    expect(report.formats.map((f) => f.format)).toEqual(['posit32', 'bposit32', 'posit16', 'f32']);
    expect(report.batch).toBe(3);
    for (const f of report.formats) {
      expect(f.layers.map((l) => l.kind)).toEqual(['Dense', 'Activation', 'Dense', 'Gate', 'Mul', 'Dense', 'CrossEntropy', 'Mean']);
      expect(f.layers.find((l) => l.kind === 'Gate')?.routingFlips?.total).toBe(3 * 256);
      expect(f.layers.filter((l) => l.output).map((l) => l.output)).toEqual(['y', 'loss']);
      for (const l of f.layers) expect(l.ulp.bins.reduce((a, c) => a + c, 0) + l.nonFinite).toBe(l.elements);
      if (f.format !== 'f32') expect(f.summary.bitExactFraction).toBe(1);
    }
    const p32 = report.formats[0]!;
    const f32 = report.formats[3]!;
    // posit32 has more fraction bits than f32 near 1, so its output error is smaller.
    expect(p32.summary.maxAbsError).toBeLessThan(f32.summary.maxAbsError);
    expect(f32.summary.maxAbsError).toBeGreaterThan(0);
    expect(f32.summary.maxRelError).toBeLessThan(1e-4);
  });

  it('uses given parameters and inputs', async () => {
    const params = join(TMP, 'p.safetensors');
    expect((await main(['init', join(EXAMPLES, 'dense.dg'), '-o', params, '--seed', '4'], { out: () => {}, err: () => {}, isTTY: false, color: false }))).toBe(0);
    const x = join(TMP, 'x.npy');
    writeFileSync(x, writeNpy([2, 784], Float64Array.from({ length: 2 * 784 }, (_, i) => (i % 17) / 17), 'f64'));
    const r = await run(join(EXAMPLES, 'dense.dg'), '--formats', 'posit16', '--params', params, '--input', x, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as DifftestReport;
    expect([report.params, report.inputs, report.batch]).toEqual(['given', 'given', 2]);
  });
});

describe('tilegate difftest (table, svg)', () => {
  it('prints a table per format and writes well-formed SVG histograms', async () => {
    const svg = join(TMP, 'hist.svg');
    const r = await run(join(EXAMPLES, 'moe-top1.dg'), '--formats', 'posit32,f32', '--batch', '2', '--svg', svg);
    expect(r.code).toBe(0);
    expect(r.out).toContain('bit-exact');
    expect(r.out).toContain('posit32: 100.00% bit-exact vs interpreter');
    expect(r.out).toMatch(/Top1/);
    const text = readFileSync(svg, 'utf8');
    expect(text.match(/<g transform=/g)?.length).toBe(2);
    const img = new Resvg(text, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render();
    expect(img.width).toBeGreaterThan(400);
  });
});

describe('tilegate difftest: bad input', () => {
  it('unknown format, f64, bad batch: diagnostics and exit 2', async () => {
    const model = join(EXAMPLES, 'dense.dg');
    const a = await run(model, '--formats', 'posit64');
    expect([a.code, a.err]).toEqual([2, expect.stringContaining('E3602')]);
    const b = await run(model, '--formats', 'f64');
    expect(b.err).toContain('f64 is the reference');
    const c = await run(model, '--batch', '0');
    expect([c.code, c.err]).toEqual([2, expect.stringContaining('E3603')]);
    const d = await run(model, '--seed', 'x');
    expect([d.code, d.err]).toEqual([2, expect.stringContaining('E3603')]);
  });

  it('missing files and mismatched parameters: diagnostics, no SVG written', async () => {
    const svg = join(TMP, 'never.svg');
    const a = await run(join(TMP, 'nope.dg'), '--svg', svg);
    expect([a.code, a.err]).toEqual([2, expect.stringContaining('E4001')]);
    const params = join(TMP, 'deep.safetensors');
    await main(['init', join(EXAMPLES, 'dg-deep.dg'), '-o', params], { out: () => {}, err: () => {}, isTTY: false, color: false });
    const b = await run(join(EXAMPLES, 'dense.dg'), '--params', params, '--svg', svg);
    expect([b.code, b.err]).toEqual([2, expect.stringContaining('E4217')]);
    expect(existsSync(svg)).toBe(false);
  });

  it('the library call returns diagnostics for a broken model instead of throwing', async () => {
    const r = await difftest('model m { input x : [4]\n h = dense(x, 3, act: nope)\n output h }', 'broken.dg');
    expect(r.report).toBeUndefined();
    expect(r.diagnostics.length).toBeGreaterThan(0);
  });
});
