// `tilegate init` through main() with a buffer CliIO: seeded, deterministic safetensors with
// `<layer>.weight` [out, in] / `<layer>.bias` [out] names, F32 or F64, metadata, the documented
// initialisation rule (uniform ±1/sqrt(fanIn), gate bias logit(threshold), router bias 0), and
// exit 2 with a diagnostic and no file for bad flags, unreadable or ill-formed models.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import { readSafetensors } from '../../runtime/io/safetensors.ts';
import { initParams } from '../../runtime/params.ts';
import { compileText } from '../unit/interp-fixtures.ts';

const TMP = mkdtempSync(join(tmpdir(), 'tilegate-init-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const MODEL = `model small {
  input x : [6]
  label t : class[3]
  numeric posit16 quire
  h = dense(x, 5, act: relu)
  g = gate(h, 5, kind: hard, threshold: 0.3)
  e = moe(h * g, 4, experts: 2, route: soft)
  y = dense(e, 3)
  output y
  loss cross_entropy(y, t)
}
`;
const modelPath = join(TMP, 'small.dg');
writeFileSync(modelPath, MODEL);

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, color: false };
  const code = await main(['init', ...argv], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('tilegate init', () => {
  it('writes every parameter with its shape, dtype F32 and metadata; stdout stays empty', async () => {
    const file = join(TMP, 'p.safetensors');
    const r = await run(modelPath, '-o', file, '--seed', '42');
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toContain('seed 42');
    const st = readSafetensors(readFileSync(file), file);
    expect(st.diagnostics).toEqual([]);
    const g = compileText(MODEL);
    const names = g.nodes.flatMap((n) => (n.kind === 'Param' ? [[n.name, n.shape] as const] : []));
    expect([...(st.tensors?.keys() ?? [])].sort()).toEqual(names.map(([n]) => n).sort());
    for (const [name, shape] of names) {
      expect(st.tensors?.get(name)?.shape).toEqual(shape);
      expect(st.tensors?.get(name)?.dtype).toBe('F32');
    }
    expect(st.metadata).toMatchObject({ model: 'small', seed: '42', format: 'pt' });
    expect(st.metadata?.tilegate).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('follows the initialisation rule and stores F32 roundings of the f64 values', async () => {
    const file = join(TMP, 'rule.safetensors');
    expect((await run(modelPath, '-o', file, '--seed', '5')).code).toBe(0);
    const t = readSafetensors(readFileSync(file), file).tensors;
    const want = initParams(compileText(MODEL), 5);
    for (const [name, w] of want) expect([...(t?.get(name)?.data ?? [])]).toEqual([...w.data].map(Math.fround));
    const hw = t?.get('h.weight')?.data ?? new Float64Array();
    expect(Math.max(...hw.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(6));
    expect(new Set(hw).size).toBe(30);
    expect([...(t?.get('g.bias')?.data ?? [])]).toEqual(Array(5).fill(Math.fround(Math.log(0.3 / 0.7))));
    expect([...(t?.get('e.router.bias')?.data ?? [])]).toEqual([0, 0]);
    expect(Math.max(...(t?.get('y.bias')?.data ?? []).map(Math.abs))).toBeGreaterThan(0);
  });

  it('is deterministic per seed; --dtype f64 keeps the exact values', async () => {
    const a = join(TMP, 'a.safetensors');
    const b = join(TMP, 'b.safetensors');
    const c = join(TMP, 'c.safetensors');
    await run(modelPath, '-o', a, '--seed', '9');
    await run(modelPath, '-o', b, '--seed', '9');
    await run(modelPath, '-o', c, '--seed', '10');
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readFileSync(a).equals(readFileSync(c))).toBe(false);
    const d = join(TMP, 'd.safetensors');
    const r = await run(modelPath, '-o', d, '--seed', '9', '--dtype', 'f64', '--json');
    expect(JSON.parse(r.out)).toMatchObject({ dtype: 'F64', tensors: 12, seed: 9 });
    const t = readSafetensors(readFileSync(d), d).tensors;
    expect(t?.get('h.weight')?.data).toEqual(initParams(compileText(MODEL), 9).get('h.weight')?.data);
  });

  it('bad flags, missing or broken models: exit 2, a diagnostic, no file', async () => {
    const file = join(TMP, 'never.safetensors');
    const seed = await run(modelPath, '-o', file, '--seed', 'abc');
    expect(seed.code).toBe(2);
    expect(seed.err).toContain('E4511');
    const dtype = await run(modelPath, '-o', file, '--dtype', 'f16');
    expect(dtype.code).toBe(2);
    expect(dtype.err).toContain('E4511');
    const missing = await run(join(TMP, 'nope.dg'), '-o', file);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('E4001');
    const broken = join(TMP, 'broken.dg');
    writeFileSync(broken, MODEL.replace('dense(x, 5', 'dense(q, 5'));
    const bad = await run(broken, '-o', file);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/broken\.dg:5:\d+: error\[E1001\]/);
    expect(bad.err).not.toMatch(/\n\s+at /);
    expect(existsSync(file)).toBe(false);
  });
});
