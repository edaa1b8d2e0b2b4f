// `tilegate report` through main() with a buffer CliIO: the human table and its exit codes, the
// JSON form validated against spec/report.schema.json (by a small draft 2020-12 validator for
// the keywords that schema uses, itself checked to reject bad documents), overrides, and bad
// input as diagnostics with codes and exit 2, never a stack trace.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');
const SCHEMA = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'spec', 'report.schema.json'), 'utf8')) as Schema;
const TMP = mkdtempSync(join(tmpdir(), 'tilegate-report-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
// dg-soft declares posit16; asking it to also target WebGPU (posit32 quire only) must fail E3001.
const SOFT_ON_WEBGPU = join(TMP, 'dg-soft-webgpu.dg');
writeFileSync(SOFT_ON_WEBGPU, readFileSync(join(EXAMPLES, 'dg-soft.dg'), 'utf8').replace(/\n}\s*$/, '\n  target webgpu { workgroup_size: 64 }\n}\n'));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, color: false };
  const code = await main(['report', ...argv], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

type Schema = { [k: string]: unknown };

/** Errors of `v` against `s` (subset of draft 2020-12: type, enum, const, minimum, properties, required, additionalProperties, items, anyOf, $ref). */
function validate(v: unknown, s: Schema, root: Schema = s, path = '$'): string[] {
  if (typeof s.$ref === 'string') return validate(v, (root.$defs as Record<string, Schema>)[s.$ref.replace('#/$defs/', '')] as Schema, root, path);
  const errs: string[] = [];
  if (Array.isArray(s.anyOf) && !(s.anyOf as Schema[]).some((a) => validate(v, a, root, path).length === 0)) errs.push(`${path}: matches no anyOf branch`);
  if ('const' in s && v !== s.const) errs.push(`${path}: expected ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.includes(v)) errs.push(`${path}: ${JSON.stringify(v)} not in enum`);
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    const kind = v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;
    if (!types.some((t) => t === kind || (t === 'number' && kind === 'integer'))) errs.push(`${path}: ${kind} is not ${types.join('|')}`);
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

describe('tilegate report (human)', () => {
  it('prints one row per IR value, the tape, the memory estimate and the verdicts; exit 0', async () => {
    const r = await run(join(EXAMPLES, 'drift-digits.dg'));
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^ *%3 +h +Dense +\[B,512\] +p32 +Stack +q512 k785 \+21g w:emu g:emu x:emu +inf\+fg +2048 B$/m);
    expect(r.out).toMatch(/^ *%1 +h\.weight +Param +\[512,784\] +p32 +Persist +- +mem +1\.53 MiB$/m);
    expect(r.out).toContain('activation tape: forward mode 0 B; reverse mode would keep 11.1 KiB (7 tensors at batch 1)');
    expect(r.out).toContain('memory per tile on xdna2, 20 inference + 12 learning tiles (model): exact, from the tile allocator');
    expect(r.out).toMatch(/pass +tile-plan +the tile allocator placed every value on xdna2, with warnings E3205/);
    expect(r.out).toMatch(/pass +tangents-defined/);
    expect(r.out.split('\n').filter((l) => /^ *%\d+ /.test(l))).toHaveLength(18);
    for (const line of r.out.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
  });

  it('exits 2 with E3001 for a quire a requested target lacks, still printing the report', async () => {
    const r = await run(SOFT_ON_WEBGPU);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/FAIL +quire-available\.webgpu/);
    expect(r.err).toContain('dg-soft-webgpu.dg:8:7: error[E3001]: webgpu has no posit16 quire');
  });

  it('exits 1 when a verdict fails without an error (learning with no learning tiles)', async () => {
    const r = await run(join(EXAMPLES, 'dg-hard.dg'), '--learning-tiles', '0');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL +learning-tiles +learn mode theta_and_w_inactive needs learning tiles/);
  });

  it('applies --format, --grid, --target', async () => {
    const r = await run(join(EXAMPLES, 'dg-soft.dg'), '--format', 'posit32', '--grid', 'xdna1', '--target', 'wasm,webgpu');
    expect(r.code).toBe(0);
    expect(r.out).toContain('format posit32 (declared: numeric posit16 quire)');
    expect(r.out).toContain('memory per tile on xdna1');
    expect(r.out).toContain('targets wasm, webgpu');
  });
});

describe('tilegate report with a custom grid and colour', () => {
  it('reads a grid JSON file and checks L1 against its capacity', async () => {
    const path = join(TMP, 'big-l1.json');
    writeFileSync(path, JSON.stringify({ base: 'xdna2', name: 'big-l1', computeTile: { dataBytes: 131072 } }));
    const doc = JSON.parse((await run(join(EXAMPLES, 'dg-hard.dg'), '--grid', path, '--json')).out) as { memory: { grid: string; tiles: { role: string; capacity: number }[] } };
    expect(doc.memory.grid).toBe('big-l1');
    expect(doc.memory.tiles.find((t) => t.role === 'inference')?.capacity).toBe(131072);
  });

  it('reports a malformed grid file with the loader diagnostics', async () => {
    const path = join(TMP, 'bad-grid.json');
    writeFileSync(path, '{ "base": "xdna2", "computeTile": { "dataBytez": 1 } }');
    const r = await run(join(EXAMPLES, 'dg-hard.dg'), '--grid', path);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error\[E44\d\d\]/);
  });

  it('colours failing verdicts only when colour is on', async () => {
    const out: string[] = [];
    const io: CliIO = { out: (t) => out.push(t), err: () => undefined, isTTY: true, color: true };
    await main(['report', SOFT_ON_WEBGPU], io);
    expect(out.join('\n')).toContain('\u001b[31mFAIL');
    expect((await run(SOFT_ON_WEBGPU)).out).not.toContain('\u001b[');
  });
});

describe('tilegate report --json', () => {
  it('validates against spec/report.schema.json for every example', async () => {
    const files = ['dense', 'dg-hard', 'dg-soft', 'dg-anneal', 'moe-top1', 'moe-soft', 'dg-deep', 'drift-digits'];
    for (const f of files) {
      const r = await run(join(EXAMPLES, `${f}.dg`), '--json');
      const doc = JSON.parse(r.out) as Record<string, unknown>;
      expect(validate(doc, SCHEMA), f).toEqual([]);
      expect(doc.schemaVersion).toBe(1);
    }
  });

  it('has the documented fields with exact values', async () => {
    const doc = JSON.parse((await run(join(EXAMPLES, 'drift-digits.dg'), '--json')).out) as {
      values: { id: number; name: string; quire: unknown; span: unknown; escape: string; role: string; bytes: number }[];
      tape: { forwardBytes: number; reverseBytes: number };
      memory: { method: string; tiles: { role: string }[] };
    };
    expect(doc.values[3]).toMatchObject({
      id: 3,
      name: 'h',
      op: 'Dense',
      shape: ['B', 512],
      format: 'posit32',
      escape: 'StackScoped',
      quire: { bits: 512, terms: 785, guardBits: 21, capability: { wasm: 'emulated', webgpu: 'emulated', xdna: 'emulated' } },
      role: 'inference',
      mirrored: true,
      bytes: 2048,
      span: { line: 6, column: 7 },
    });
    expect(doc.tape).toMatchObject({ forwardBytes: 0, reverseBytes: 11372 });
    expect(doc.memory.method).toBe('allocator');
    expect(doc.memory.tiles.map((t) => t.role)).toEqual(['inference', 'forward-gradient', 'memory', 'host-optimizer']);
  });

  it('is checked by a validator that rejects wrong documents', () => {
    const bad = { schemaVersion: 2, model: 3, values: [{ id: -1 }], extra: true };
    const errs = validate(bad, SCHEMA);
    for (const want of ['$.schemaVersion: expected 1', '$.model: integer is not string', '$: unexpected extra', '$: missing tape', '$.values[0]: missing escape', '$.values[0].id: -1 < 0']) {
      expect(errs).toContain(want);
    }
  });
});

describe('tilegate report on bad input', () => {
  const cases: [string, string[], string][] = [
    ['a missing file', [join(TMP, 'nope.dg')], 'E4001'],
    ['an unknown --format', [join(EXAMPLES, 'dense.dg'), '--format', 'posit64'], 'E2601'],
    ['an unknown --target', [join(EXAMPLES, 'dense.dg'), '--target', 'wasm,cuda'], 'E2602'],
    ['a non-numeric --learning-tiles', [join(EXAMPLES, 'dense.dg'), '--learning-tiles', 'many'], 'E2603'],
    ['too many learning tiles', [join(EXAMPLES, 'dense.dg'), '--learning-tiles', '32'], 'E2603'],
    ['an unknown grid', [join(EXAMPLES, 'dense.dg'), '--grid', 'xdna3'], 'E4403'],
  ];
  for (const [what, argv, code] of cases) {
    it(`reports ${what} as ${code}, exit 2, no output, no stack`, async () => {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain(`error[${code}]`);
      expect(r.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
    });
  }

  it('reports a syntax error in the model with its location', async () => {
    const path = join(TMP, 'bad.dg');
    writeFileSync(path, 'model bad {\n  input x : [4]\n  h = dense(x, , 3)\n}\n');
    const r = await run(path, '--json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const d = JSON.parse(r.err) as { diagnostics: { code: string; line: number }[] };
    expect(d.diagnostics[0]).toMatchObject({ line: 3 });
    expect(d.diagnostics[0]!.code).toMatch(/^E0/);
  });
});

describe('tilegate report --dump-after / --stop-after', () => {
  it('prints the IR with side tables after the named stages and stops where asked', async () => {
    const r = await run(join(EXAMPLES, 'dense.dg'), '--dump-after', 'layout', '--stop-after', 'numeric-select', '--format', 'posit16', '--debug');
    expect(r.code).toBe(0);
    expect(r.out).toContain('// ---- IR after layout ----');
    expect(r.out).toContain('// ---- IR after numeric-select ----');
    expect(r.out).toMatch(/%3 = Dense %0, %1, %2 : real\[B,256\] .*format=posit16/);
    expect(r.out).not.toContain('verdicts:');
  });

  it('names an unknown stage with a suggestion and exits 2', async () => {
    const r = await run(join(EXAMPLES, 'dense.dg'), '--stop-after', 'lowr');
    expect(r.code).toBe(2);
    expect(r.err).toContain("error[E2002]: unknown pipeline stage 'lowr'");
    expect(r.err).toContain("did you mean 'lower'?");
  });
});
