// `tilegate adapt` through main() with a buffer CliIO: --json is the report alone on stdout and
// validates against spec/adapt.schema.json (a small validator for the keywords it uses); the
// table names the paper's metrics; --out writes the final snapshot, loadable as parameters;
// a data directory with int64 labels works; bad input exits 2 with a code and writes nothing.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import { syntheticData } from '../../runtime/data/dataset.ts';
import { writeNpy } from '../../runtime/io/npy.ts';
import { readSafetensors } from '../../runtime/io/safetensors.ts';
import { paramsFromTensors } from '../../runtime/params.ts';
import { compileText } from '../unit/interp-fixtures.ts';

const SCHEMA = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'spec', 'adapt.schema.json'), 'utf8')) as Schema;
const TMP = mkdtempSync(join(tmpdir(), 'tilegate-adapt-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const p = (name: string): string => join(TMP, name);

const MODEL = `model tiny {
  input  x : [784]
  label  t : class[10]
  numeric posit32 quire
  h = dense(x, 16, act: relu)
  g = gate(x, 16, kind: hard, threshold: 0.5)
  y = dense(h * g, 10)
  output y
  loss cross_entropy(y, t)
  learn { mode: theta_and_w_inactive  gradient: forward(perturbations: 4, seed: 7)  lr: 0.05  sync_every: 2 }
}
`;
writeFileSync(p('tiny.dg'), MODEL);
const FAST = ['--pretrain-steps', '20', '--steps', '6', '--test-size', '40', '--train-size', '200'];

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, color: false };
  const code = await main(['adapt', ...argv], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

type Schema = { [k: string]: unknown };

/** Errors of `v` against `s` (draft 2020-12 subset: type, enum, const, minimum, properties, required, additionalProperties, items, anyOf). */
function validate(v: unknown, s: Schema, path = '$'): string[] {
  const errs: string[] = [];
  if (Array.isArray(s.anyOf) && !(s.anyOf as Schema[]).some((a) => validate(v, a, path).length === 0)) errs.push(`${path}: matches no anyOf branch`);
  if ('const' in s && v !== s.const) errs.push(`${path}: expected ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.includes(v)) errs.push(`${path}: ${JSON.stringify(v)} not in enum`);
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    const kind = v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;
    if (!types.some((t) => t === kind || (t === 'number' && kind === 'integer'))) errs.push(`${path}: ${kind} is not ${types.join('|')}`);
  }
  if (typeof s.minimum === 'number' && typeof v === 'number' && v < s.minimum) errs.push(`${path}: ${v} < ${s.minimum}`);
  if (Array.isArray(v) && s.items) v.forEach((x, i) => errs.push(...validate(x, s.items as Schema, `${path}[${i}]`)));
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const r of (s.required ?? []) as string[]) if (!(r in o)) errs.push(`${path}: missing ${r}`);
    for (const [k, x] of Object.entries(o)) {
      if (props[k]) errs.push(...validate(x, props[k], `${path}.${k}`));
      else if (s.additionalProperties === false) errs.push(`${path}: unexpected ${k}`);
    }
  }
  return errs;
}

describe('tilegate adapt', () => {
  it('--json prints a report that validates against spec/adapt.schema.json; --out writes the final snapshot', async () => {
    const r = await run(p('tiny.dg'), '--data', 'synthetic:mixture', '--mode', 'D_theta_and_w_inactive', '--servers', '2', '--json', '--out', p('final.safetensors'), ...FAST);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as Record<string, unknown> & { metrics: Record<string, unknown>; serving: { versions: { version: number }[]; replay: { checked: number; identical: number } } };
    expect(validate(report, SCHEMA)).toEqual([]);
    // The validator is not vacuous.
    expect(validate({ ...report, metrics: { ...report.metrics, flip: 'x' } }, SCHEMA)).toEqual(['$.metrics.flip: string is not number|null']);
    for (const k of ['cleanAcc', 'driftAcc', 'adaptAcc', 'recovery', 'cleanDrop', 'flip', 'ar', 'flops']) expect(typeof report.metrics[k]).toBe('number');
    expect(report.format).toBe('f32');
    expect(report.modeLetter).toBe('D');
    expect(report.serving.versions.map((v) => v.version)).toEqual([0, 1, 2, 3]);
    expect(report.serving.replay.identical).toBe(report.serving.replay.checked);
    const st = readSafetensors(readFileSync(p('final.safetensors')), 'final');
    expect(st.metadata?.version).toBe('3');
    expect(paramsFromTensors(compileText(MODEL), st.tensors!, 'final').diagnostics).toEqual([]);
  });

  it('prints the metrics table and serving summary; runs posit formats; reads a data directory with int64 labels', async () => {
    const src = syntheticData({ seed: 2, drift: { kind: 'rotate', strength: 0 }, train: 120, test: 1, stream: 1 }).train;
    mkdirSync(p('data'));
    writeFileSync(p('data/x.npy'), writeNpy([120, 784], src.x, 'f32'));
    let dict = `{'descr': '<i8', 'fortran_order': False, 'shape': (120,), }`;
    dict += ' '.repeat(64 - ((10 + dict.length + 1) % 64)) + '\n';
    const head = Uint8Array.from([0x93, ...Buffer.from('NUMPY'), 1, 0, dict.length, 0, ...Buffer.from(dict, 'latin1')]);
    const body = new Uint8Array(new BigInt64Array([...src.t].map((v) => BigInt(v))).buffer);
    writeFileSync(p('data/t.npy'), Uint8Array.from([...head, ...body]));
    const r = await run(p('tiny.dg'), '--data', p('data'), '--drift', 'permute:0.5', '--format', 'posit16', '--steps', '3', '--pretrain-steps', '10', '--test-size', '12');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/CleanAcc.+DriftAcc.+AdaptAcc.+Recovery.+CleanDrop.+Flip.+AR.+FLOPs~/);
    expect(r.out).toContain('tiny: D theta_and_w_inactive on');
    expect(r.out).toMatch(/replay \d+\/\d+ bit-identical; snapshots intact, versions monotone ok/);
  });

  it('exits 2 with a diagnostic for bad input and writes no file', async () => {
    const cases: [string[], string][] = [
      [['--data', 'synthetic:twist'], 'E4701'],
      [['--data', 'synthetic:rotate', '--steps', 'many'], 'E4708'],
      [['--data', 'synthetic:rotate', '--mode', 'E_all'], 'E4708'],
      [['--data', 'synthetic:rotate', '--format', 'posit12'], 'E4509'],
      [['--data', p('nowhere')], 'E4701'],
      [['--data', 'synthetic:rotate', '--params', p('missing.safetensors')], 'E4001'],
    ];
    for (const [args, code] of cases) {
      const r = await run(p('tiny.dg'), ...FAST, ...args, '--out', p('never.safetensors'));
      expect(r.code).toBe(2);
      expect(r.err).toContain(`error[${code}]`);
      expect(r.out).toBe('');
      expect(existsSync(p('never.safetensors'))).toBe(false);
    }
    const missing = await run(p('absent.dg'), '--data', 'synthetic:rotate');
    expect([missing.code, missing.err.includes('E4001')]).toEqual([2, true]);
  });
});
