// `tilegate run` through main() with a buffer CliIO: outputs written as f64 .npy equal the
// interpreter's, --format overrides the model, --json is the only thing on stdout, targets come
// from the registry (unknown / unloadable ones are diagnostics), and every malformed input
// (safetensors, .npy, shapes, non-finite values, flags) exits 2 with no output file left.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import { readNpy, writeNpy } from '../../runtime/io/npy.ts';
import { readSafetensors, writeSafetensors, type LoadedTensor } from '../../runtime/io/safetensors.ts';
import { runGraph } from '../../runtime/interpreter/index.ts';
import type { Tensor } from '../../runtime/interpreter/types.ts';
import { paramsFromTensors } from '../../runtime/params.ts';
import { registerTarget } from '../../runtime/targets-registry.ts';
import { compileText, mulberry32 } from '../unit/interp-fixtures.ts';

const TMP = mkdtempSync(join(tmpdir(), 'tilegate-run-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const p = (name: string): string => join(TMP, name);

const MODEL = `model deep2 {
  input img : [3, 4]
  label t : class[3]
  numeric posit32 quire
  h = dense(img, 6, act: gelu)
  g = gate(h, 6, kind: hard, threshold: 0.5)
  y = dense(h * g, 3)
  q = softmax(y)
  output y, q
  loss cross_entropy(y, t)
}
`;
const B = 5;
const rnd = mulberry32(8);
const X = Float64Array.from({ length: B * 12 }, () => rnd() * 4 - 2);

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, color: false };
  const code = await main(['run', ...argv], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  writeFileSync(p('m.dg'), MODEL);
  writeFileSync(p('x.npy'), writeNpy([B, 12], X, 'f32'));
  const out: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => out.push(t), isTTY: false, color: false };
  expect(await main(['init', p('m.dg'), '-o', p('params.safetensors'), '--seed', '3'], io)).toBe(0);
  writeFileSync(p('other.dg'), 'model other {\n  input x : [12]\n  a = dense(x, 4, act: relu)\n  b = dense(a, 3)\n  output b\n}\n');
  expect(await main(['init', p('other.dg'), '-o', p('other.safetensors')], io)).toBe(0);
});

/** What the interpreter computes for the files on disk. */
function expected(format?: 'f64' | 'posit32'): Map<string, Tensor> {
  const g = compileText(MODEL);
  const st = readSafetensors(readFileSync(p('params.safetensors')), 'params');
  const params = paramsFromTensors(g, st.tensors ?? new Map(), 'params').params ?? new Map<string, Tensor>();
  const x = readNpy(readFileSync(p('x.npy')), 'x').array;
  return runGraph(g, params, { img: { shape: [B, 12], data: x?.data ?? new Float64Array() } }, format ? { format } : {}).outputs;
}

describe('tilegate run (reference)', () => {
  it('writes the first prediction as f64 .npy equal to the interpreter, summary on stderr only', async () => {
    const r = await run(p('m.dg'), '--params', p('params.safetensors'), '--input', p('x.npy'), '--output', p('y.npy'));
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/ran deep2 on reference in posit32: batch 5/);
    const y = readNpy(readFileSync(p('y.npy')), 'y.npy').array;
    expect(y?.dtype).toBe('f64');
    expect(y?.shape).toEqual([B, 3]);
    expect(y?.data).toEqual(expected().get('y')?.data);
  });

  it('--format f64 overrides the model; name=file picks an output; --json is the stdout report', async () => {
    const r = await run(p('m.dg'), '--params', p('params.safetensors'), '--input', `img=${p('x.npy')}`, '--format', 'f64', '--output', `q=${p('q.npy')}`, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { format: string; batch: number; outputs: { name: string; file: string | null }[] };
    expect(report).toMatchObject({ model: 'deep2', target: 'reference', format: 'f64', batch: B });
    expect(report.outputs).toEqual([
      { name: 'y', shape: [B, 3], file: null },
      { name: 'q', shape: [B, 3], file: p('q.npy') },
    ]);
    const q = readNpy(readFileSync(p('q.npy')), 'q').array;
    expect(q?.data).toEqual(expected('f64').get('q')?.data);
    expect(q?.data).not.toEqual(expected().get('q')?.data);
  });

  it('runs registered targets and reports unknown or unloadable ones', async () => {
    registerTarget('fake', () => Promise.resolve({ name: 'fake', description: 'test', run: () => Promise.resolve({ ok: true, outputs: new Map([['y', { shape: [1, 3], data: Float64Array.of(1, 2, 3) }]]) }) }));
    const ok = await run(p('m.dg'), '--params', p('params.safetensors'), '--input', p('x.npy'), '--target', 'fake', '--output', p('fake.npy'));
    expect(ok.code).toBe(0);
    expect([...(readNpy(readFileSync(p('fake.npy')), 'f').array?.data ?? [])]).toEqual([1, 2, 3]);
    registerTarget('broken', () => Promise.reject(new Error('no device')));
    const broken = await run(p('m.dg'), '--params', p('params.safetensors'), '--input', p('x.npy'), '--target', 'broken', '--output', p('b.npy'));
    expect(broken.code).toBe(2);
    expect(broken.err).toContain('E4508');
    const unknown = await run(p('m.dg'), '--params', p('params.safetensors'), '--input', p('x.npy'), '--target', 'tpu', '--output', p('b.npy'));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('E4507');
    expect(existsSync(p('b.npy'))).toBe(false);
  });
});

describe('tilegate run: bad input exits 2 with no output file', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['unknown format', () => ['--format', 'posit31'], /E4509.*unknown numeric format 'posit31'[\s\S]*did you mean 'posit32'/],
    ['truncated safetensors', () => {
      writeFileSync(p('trunc.safetensors'), readFileSync(p('params.safetensors')).subarray(0, 100));
      return ['--params', p('trunc.safetensors')];
    }, /E42\d\d/],
    ['missing tensor', () => {
      const st = readSafetensors(readFileSync(p('params.safetensors')), 'p').tensors ?? new Map<string, LoadedTensor>();
      writeFileSync(p('missing.safetensors'), writeSafetensors([...st].filter(([k]) => k !== 'g.bias').map(([k, t]) => [k, t] as const), { dtype: 'F32' }));
      return ['--params', p('missing.safetensors')];
    }, /E4217.*"g\.bias"/],
    ['parameters of another model', () => ['--params', p('other.safetensors')], /E4217.*6 of the 6 parameters of model 'deep2' are missing[\s\S]*written for model 'other'/],
    ['non-finite parameter', () => {
      const st = readSafetensors(readFileSync(p('params.safetensors')), 'p').tensors ?? new Map<string, LoadedTensor>();
      const bad = [...st].map(([k, t]) => [k, k === 'y.bias' ? { shape: t.shape, data: Float64Array.of(0, Infinity, 0) } : t] as const);
      writeFileSync(p('inf.safetensors'), writeSafetensors(bad, { dtype: 'F64' }));
      return ['--params', p('inf.safetensors')];
    }, /E4506.*y\.bias/],
    ['wrong input width', () => {
      writeFileSync(p('w.npy'), writeNpy([B, 11], new Float64Array(B * 11)));
      return ['--input', p('w.npy')];
    }, /E4502.*\[5, 11\], expected \[5, 12\]/],
    ['NaN input', () => {
      writeFileSync(p('nan.npy'), writeNpy([1, 12], Float64Array.from({ length: 12 }, (_, i) => (i === 7 ? NaN : 0))));
      return ['--input', p('nan.npy')];
    }, /E4506.*element 7/],
    ['not an npy file', () => {
      writeFileSync(p('junk.npy'), 'hello');
      return ['--input', p('junk.npy')];
    }, /E430\d/],
    ['unknown input name', () => ['--input', `pic=${p('x.npy')}`], /E4501.*no input 'pic'/],
    ['unknown output name', () => ['--output', `z=${p('out.npy')}`], /E4511.*no prediction output 'z'/],
  ];
  for (const [what, args, pattern] of cases) {
    it(what, async () => {
      const extra = args();
      const base: Record<string, string> = { '--params': p('params.safetensors'), '--input': p('x.npy') };
      for (let i = 0; i < extra.length; i += 2) base[extra[i] as string] = extra[i + 1] as string;
      const out = p(`out-${what.replace(/\W/g, '')}.npy`);
      const argv = [p('m.dg'), ...Object.entries(base).flat()];
      if (!('--output' in base)) argv.push('--output', out);
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(pattern);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
      expect(existsSync(p('out.npy'))).toBe(false);
    });
  }
});
