// `tilegate simulate` through main() with a buffer CliIO: the human table and verdicts, the JSON
// form validated against spec/simulate.schema.json (a small draft 2020-12 validator, itself
// checked to reject bad documents), the grid SVG (well-formed, renders with resvg) and the
// Chrome trace (valid trace-event JSON), the learning-tile sweep with its plot, a model too
// large for the grid (the allocator's diagnostic, exit 2, no files), bad flags, and
// `tilegate run --target xdna` writing the same bytes as the reference target.
import { Resvg } from '@resvg/resvg-js';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import { writeNpy } from '../../runtime/io/npy.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'spec', 'simulate.schema.json'), 'utf8')) as Schema;
const TMP = mkdtempSync(join(tmpdir(), 'tilegate-simulate-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const p = (name: string): string => join(TMP, name);

/** A small learning model on xdna1, so functional runs take well under a second. */
const SMALL = p('small.dg');
writeFileSync(
  SMALL,
  `model small {
  input  x : [48]
  label  t : class[4]
  numeric posit16 quire
  h = dense(x, 24, act: relu)
  g = gate(x, 24, kind: hard, threshold: 0.5)
  y = dense(h * g, 4)
  output y
  loss cross_entropy(y, t)
  learn { mode: theta_and_w_inactive, gradient: forward(perturbations: 2, seed: 3), lr: 0.02, sync_every: 2 }
  target xdna { grid: xdna1, learning_tiles: 8 }
}
`,
);
/** One input row of 30000 posit32 values cannot be double-buffered in a 64 KiB L1. */
const HUGE = p('huge.dg');
writeFileSync(HUGE, 'model huge {\n  input x : [30000]\n  numeric posit32 quire\n  h = dense(x, 64, act: relu)\n  y = dense(h, 10)\n  output y\n}\n');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, color: false };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

type Schema = { [k: string]: unknown };

/** Errors of `v` against `s` (draft 2020-12 subset: type, enum, const, minimum, maximum, properties, required, additionalProperties, items, oneOf, $ref). */
function validate(v: unknown, s: Schema, root: Schema = s, path = '$'): string[] {
  if (typeof s.$ref === 'string') return validate(v, (root.$defs as Record<string, Schema>)[s.$ref.replace('#/$defs/', '')] as Schema, root, path);
  const errs: string[] = [];
  if (Array.isArray(s.oneOf) && (s.oneOf as Schema[]).filter((a) => validate(v, a, root, path).length === 0).length !== 1) errs.push(`${path}: does not match exactly one oneOf branch`);
  if ('const' in s && v !== s.const) errs.push(`${path}: expected ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.includes(v)) errs.push(`${path}: ${JSON.stringify(v)} not in enum`);
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    const kind = v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;
    if (!types.some((t) => t === kind || (t === 'number' && kind === 'integer'))) errs.push(`${path}: ${kind} is not ${types.join('|')}`);
  }
  if (typeof s.minimum === 'number' && typeof v === 'number' && v < s.minimum) errs.push(`${path}: ${v} < ${s.minimum}`);
  if (typeof s.maximum === 'number' && typeof v === 'number' && v > s.maximum) errs.push(`${path}: ${v} > ${s.maximum}`);
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

/** Throws unless the SVG is one well-formed element with quoted attributes; renders it. */
function renderSvg(svg: string): { width: number; height: number } {
  const body = svg.replace(/^<\?xml[^>]*\?>\s*/, '');
  expect(body.startsWith('<svg')).toBe(true);
  let depth = 0;
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g)) {
    if (m[1]) depth--;
    else if (!m[4]) depth++;
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
  const img = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render();
  return { width: img.width, height: img.height };
}

describe('tilegate simulate', () => {
  it('prints the tile table, totals and verdicts; exit 0', async () => {
    const r = await run('simulate', SMALL, '--steps', '2');
    expect(r.code).toBe(0);
    expect(r.out).toContain('small on xdna1 (4x4 compute tiles, 1 GHz), posit16, batch 1, 8 learning tiles, functional');
    expect(r.out).toMatch(/\(0,2\) +│ compute +│ inference +│ [\d.]+ (KiB|B) \/ 63\.0 KiB +│ [\d.]+% +│ \d+ +│ \d+ +│/);
    expect(r.out).toMatch(/\(3,2\) +│ compute +│ forward-gradient/);
    expect(r.out).toMatch(/\(3,0\) +│ shim +│ host-optimizer/);
    expect(r.out).toMatch(/inferences\/s: \d+/);
    expect(r.out).toMatch(/gradient estimates\/s: [\d.]+ \(2 steps, k=2\)/);
    expect(r.out).toMatch(/snapshots published: 1 \(every 2 steps\); publication latency: [\d.]+ us mean/);
    expect(r.out).toMatch(/PASS +check\.inference-bit-exact: \d+\/\d+ replayed predictions bit-identical/);
    expect(r.out).toMatch(/PASS +check\.learning-bit-exact: 1\/1 learning steps/);
    expect(r.out).toMatch(/PASS +sim\.completed/);
    expect(r.out).not.toContain('\u001b[');
  });

  it('--json follows spec/simulate.schema.json; --svg and --trace are written', async () => {
    const svg = p('grid.svg');
    const trace = p('trace.json');
    const r = await run('simulate', SMALL, '--steps', '2', '--json', '--svg', svg, '--trace', trace);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as Record<string, unknown> & { tiles: { role: string; kind: string }[]; verdicts: { status: string }[] };
    expect(validate(doc, SCHEMA)).toEqual([]);
    expect(doc.schema).toBe('tilegate.simulate/1');
    expect(doc.tiles.filter((t) => t.kind === 'compute')).toHaveLength(16);
    expect(new Set(doc.tiles.map((t) => t.role))).toEqual(new Set(['inference', 'forward-gradient', 'memory', 'io', 'host-optimizer', 'idle']));
    expect(doc.verdicts.every((v) => v.status === 'pass')).toBe(true);
    const size = renderSvg(readFileSync(svg, 'utf8'));
    expect(size.width).toBeGreaterThan(400);
    const t = JSON.parse(readFileSync(trace, 'utf8')) as { traceEvents: { ph: string; ts?: number; dur?: number; pid: number; tid: number; name: string }[]; displayTimeUnit: string };
    expect(t.displayTimeUnit).toBe('ns');
    expect(t.traceEvents.length).toBeGreaterThan(100);
    for (const e of t.traceEvents) {
      expect(['M', 'X', 'i', 'C']).toContain(e.ph);
      expect(Number.isInteger(e.pid) && Number.isInteger(e.tid)).toBe(true);
      if (e.ph !== 'M') expect(e.ts).toBeGreaterThanOrEqual(0);
      if (e.ph === 'X') expect(e.dur).toBeGreaterThanOrEqual(0);
    }
    expect(t.traceEvents.some((e) => e.ph === 'i' && e.name === 'gradient')).toBe(true);
  });

  it('the schema validator rejects bad documents', () => {
    const bad = { schema: 'tilegate.simulate/1', model: 1, tiles: [{ id: 'c0r2' }], extra: true };
    const errs = validate(bad, SCHEMA.$defs ? ((SCHEMA.$defs as Record<string, Schema>).run as Schema) : SCHEMA, SCHEMA);
    for (const want of ['$.model: integer is not string', '$: unexpected extra', '$: missing totals', '$.tiles[0]: missing role']) expect(errs).toContain(want);
    expect(validate({ schema: 'nope' }, SCHEMA)).toContain('$: does not match exactly one oneOf branch');
  });

  it('--timing-only reports checks as unknown, never pass', async () => {
    const r = await run('simulate', SMALL, '--steps', '2', '--timing-only', '--json');
    const doc = JSON.parse(r.out) as { mode: string; checks: unknown; verdicts: { check: string; status: string }[] };
    expect(r.code).toBe(0);
    expect(doc.mode).toBe('timing-only');
    expect(doc.checks).toBeNull();
    expect(doc.verdicts.filter((v) => v.check.startsWith('check.')).map((v) => v.status)).toEqual(['unknown', 'unknown']);
  });

  it('a model too large for the grid: the allocator diagnostic, exit 2, no output files', async () => {
    const svg = p('huge.svg');
    const trace = p('huge.json');
    const r = await run('simulate', HUGE, '--svg', svg, '--trace', trace);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/huge\.dg:4:7: error\[E3204\]: layer h: slice needs [\d.]+ KiB on tile \(0,2\); 63 KiB available/);
    expect(existsSync(svg) || existsSync(trace)).toBe(false);
  });

  it('--sweep learning-tiles=A..B: rates per count, JSON schema, and the plot', async () => {
    const svg = p('sweep.svg');
    const r = await run('simulate', join(ROOT, 'examples', 'dg-hard.dg'), '--sweep', 'learning-tiles=0..8', '--steps', '2', '--inferences', '4', '--json', '--svg', svg);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { points: { learningTiles: number; ok: boolean; gradientsPerSecond: number; inferencesPerSecond: number }[] };
    expect(validate(doc, SCHEMA)).toEqual([]);
    expect(doc.points.map((x) => x.learningTiles)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const ok = doc.points.filter((x) => x.ok);
    for (let i = 1; i < ok.length; i++) expect((ok[i] as { gradientsPerSecond: number }).gradientsPerSecond).toBeGreaterThanOrEqual((ok[i - 1] as { gradientsPerSecond: number }).gradientsPerSecond);
    expect(ok[0]?.gradientsPerSecond).toBe(0);
    expect(renderSvg(readFileSync(svg, 'utf8')).height).toBeGreaterThan(100);
    const human = await run('simulate', join(ROOT, 'examples', 'dg-hard.dg'), '--sweep', 'learning-tiles=4,8', '--steps', '1', '--inferences', '2');
    expect(human.out).toMatch(/learning tiles +│ inferences\/s +│ gradient estimates\/s/);
  });

  it('bad flags and files are diagnostics with exit 2', async () => {
    const cases: [string[], string][] = [
      [['--steps', 'many'], 'E3501'],
      [['--sweep', 'tiles=3'], 'E3501'],
      [['--format', 'posit12'], 'E2601'],
      [['--grid', p('missing-grid.json')], 'E4401'],
      [['--params', p('missing.safetensors')], 'E4001'],
      [['--learning-tiles', '16'], 'E3201'],
    ];
    for (const [flags, code] of cases) {
      const r = await run('simulate', SMALL, ...flags);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.err).toContain(`error[${code}]`);
    }
    const missing = await run('simulate', p('nope.dg'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('error[E4001]');
  });
});

describe('tilegate run --target xdna', () => {
  it('writes the same predictions as the reference target', async () => {
    expect((await run('init', SMALL, '-o', p('small.safetensors'))).code).toBe(0);
    const x = new Float64Array(3 * 48).map((_, i) => Math.sin(i * 0.37));
    writeFileSync(p('x.npy'), writeNpy([3, 48], x, 'f64'));
    const a = await run('run', SMALL, '--params', p('small.safetensors'), '--input', p('x.npy'), '--target', 'xdna', '--output', p('y-xdna.npy'));
    const b = await run('run', SMALL, '--params', p('small.safetensors'), '--input', p('x.npy'), '--target', 'reference', '--output', p('y-ref.npy'));
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(Buffer.compare(readFileSync(p('y-xdna.npy')), readFileSync(p('y-ref.npy')))).toBe(0);
  });
});
