// `tilegate conform` through main() with a buffer CliIO: a real vector file passes with the exact
// final line, a wrong expectation exits 1 and names the case, and malformed files (bad JSON,
// missing fields, wrong hex widths, unknown ops, unequal fdp arrays, unknown prefixes) exit 2
// with file:line:col diagnostics and no stack trace.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { main } from '../../cli/main.ts';
import type { CliIO } from '../../cli/io.ts';

const VECTORS = join(import.meta.dirname, '..', 'vectors');
const TMP = mkdtempSync(join(tmpdir(), 'tilegate-conform-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function run(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, color: false };
  const code = await main(['conform', ...argv], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function file(name: string, lines: readonly string[]): string {
  const path = join(TMP, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? '';
}

const NO_STACK = /\n\s+at .+:\d+:\d+/;

describe('tilegate conform', () => {
  it('passes every case of a real vector file and ends with the count line', async () => {
    const r = await run(join(VECTORS, 'p16.jsonl'), join(VECTORS, 'bp32_fdp_model.jsonl'));
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/fdp\s*│\s*595\s*│\s*595\s*│\s*0/);
    expect(lastLine(r.out)).toBe('49383 passed, 0 failed');
  });

  it('exits 1 and shows operands, expected and got for a mismatch', async () => {
    const path = file('p16_wrong.jsonl', ['{"op":"add","a":"4000","b":"0001","r":"4000"}', '{"op":"mul","a":"4000","b":"4000","r":"4001"}']);
    const r = await run(path);
    expect(r.code).toBe(1);
    expect(r.out).toContain('p16_wrong.jsonl:2 mul a=4000 b=4000: expected 4001, got 4000');
    expect(lastLine(r.out)).toBe('1 passed, 1 failed');
  });

  it('accepts any NaN for NaR to_f64 and --format for an unprefixed name', async () => {
    const path = file('mine.jsonl', ['{"op":"to_f64","a":"80000000","r":"fff0000000000001"}', '{"op":"sqrt","a":"40000000","r":"40000000"}']);
    const r = await run(path, '--format', 'posit32');
    expect(r.code).toBe(0);
    expect(lastLine(r.out)).toBe('2 passed, 0 failed');
  });

  it('prints a JSON report with --json', async () => {
    const r = await run(join(VECTORS, 'bp16_fdp_model.jsonl'), '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { passed: number; failed: number; files: { format: string; ops: Record<string, { passed: number }> }[] };
    expect(report.passed).toBe(400);
    expect(report.failed).toBe(0);
    expect(report.files[0]?.format).toBe('bposit16');
    expect(report.files[0]?.ops.fdp?.passed).toBe(400);
  });

  const malformed: [string, string, RegExp][] = [
    ['bad JSON', '{"op":"add","a":"4000",', /:1:\d+: error\[E4101\]: not valid JSON/],
    ['not an object', '[1,2,3]', /:1:1: error\[E4102\]: expected a JSON object, found an array/],
    ['missing field', '{"op":"add","a":"4000","r":"4000"}', /:1:1: error\[E4103\]: missing field "b"/],
    ['mistyped field', '{"op":"add","a":16384,"b":"0001","r":"4000"}', /:1:13: error\[E4103\]: field "a" must be a string/],
    ['wrong hex width', '{"op":"add","a":"04000","b":"0001","r":"4000"}', /:1:13: error\[E4105\]: field "a" is "04000"/],
    ['non-hex digits', '{"op":"sqrt","a":"40g0","r":"4000"}', /:1:14: error\[E4105\]/],
    ['unknown op', '{"op":"fma","a":"4000","b":"0001","r":"4000"}', /:1:2: error\[E4104\]: unknown op "fma"/],
    ['unequal fdp arrays', '{"op":"fdp","a":["4000","4000"],"b":["4000"],"r":"4000"}', /:1:\d+: error\[E4106\]: fdp arrays differ in length/],
    ['empty fdp array', '{"op":"fdp","a":[],"b":[],"r":"0000"}', /:1:\d+: error\[E4106\]/],
    ['bad fdp element', '{"op":"fdp","a":["4000",7],"b":["4000","4000"],"r":"4000"}', /:1:\d+: error\[E4103\]: a\[1\] is 7/],
    ['short f64 operand', '{"op":"from_f64","a":"3ff0","r":"4000"}', /:1:\d+: error\[E4105\]: field "a" is "3ff0": expected 16 hex digits/],
  ];
  for (const [what, line, want] of malformed) {
    it(`malformed line (${what}) -> diagnostic, exit 2, no stack trace`, async () => {
      const path = file('p16_bad.jsonl', [line]);
      const r = await run(path);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(want);
      expect(r.err).toContain('p16_bad.jsonl');
      expect(r.err).not.toMatch(NO_STACK);
      expect(r.err).not.toContain('E5001');
    });
  }

  it('reports the line and keeps checking the good lines around a bad one', async () => {
    const path = file('p16_mixed.jsonl', ['{"op":"add","a":"4000","b":"0001","r":"4000"}', '', '{"op":"add" "a":"4000"}', '{"op":"mul","a":"4000","b":"4000","r":"4000"}']);
    const r = await run(path);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/p16_mixed\.jsonl:3:13: error\[E4101\]/);
    expect(lastLine(r.out)).toBe('2 passed, 0 failed');
  });

  it('refuses an unknown file prefix with a hint, and an unknown --format', async () => {
    const path = file('vectors.jsonl', ['{"op":"add","a":"4000","b":"0001","r":"4000"}']);
    const r = await run(path);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/vectors\.jsonl:1:1: error\[E4107\]: cannot tell the number format/);
    expect(r.err).toContain('hint: name it p8*, p16*, p32*, bp16* or bp32*');
    const f = await run(path, '--format', 'posit64');
    expect(f.code).toBe(2);
    expect(f.err).toMatch(/error\[E4108\]: unknown number format "posit64"/);
  });

  it('reports a missing file as E4001', async () => {
    const r = await run(join(TMP, 'p8_nonexistent.jsonl'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error\[E4001\]: cannot read vector file .*p8_nonexistent\.jsonl \(ENOENT\)/);
  });
});
