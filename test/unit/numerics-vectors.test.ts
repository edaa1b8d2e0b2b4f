// Every vector file in test/vectors (SoftPosit / fast-posit / exact-model results, see the README
// there) run through the reference numerics via the conform library: each line must pass, and
// the per-op counts must match the README's coverage table, so a truncated copy cannot pass.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkVectorText, formatFromFileName } from '../../runtime/numerics/vector-file.ts';

const DIR = join(import.meta.dirname, '..', 'vectors');

/** Case counts per op from the README's coverage table (fdp rows of bp16/bp32 are the _fdp_model files). */
const COUNTS: Record<string, Record<string, number>> = {
  'p8.jsonl': { add: 32768, sub: 32768, mul: 32768, div: 32768, sqrt: 128, from_f64: 2569, to_f64: 128, fdp: 600 },
  'p16.jsonl': { add: 8646, sub: 8649, mul: 8658, div: 8675, sqrt: 4200, from_f64: 6908, to_f64: 2652, fdp: 595 },
  'p32.jsonl': { add: 9646, sub: 9638, mul: 9664, div: 9676, sqrt: 4385, from_f64: 6921, to_f64: 2718, fdp: 497 },
  'bp16.jsonl': { add: 8652, sub: 8653, mul: 8652, div: 8665, sqrt: 4194, from_f64: 6919, to_f64: 2667 },
  'bp32.jsonl': { add: 9647, sub: 9649, mul: 9664, div: 9680, sqrt: 4388, from_f64: 6908, to_f64: 2757 },
  'bp16_fdp_model.jsonl': { fdp: 400 },
  'bp32_fdp_model.jsonl': { fdp: 400 },
};

describe('posit vector files', () => {
  for (const [name, counts] of Object.entries(COUNTS)) {
    it(`${name}: every line matches`, () => {
      const format = formatFromFileName(name);
      expect(format).toBeDefined();
      const report = checkVectorText(name, readFileSync(join(DIR, name), 'utf8'), format!);
      expect(report.diagnostics).toEqual([]);
      expect(report.mismatches).toEqual([]);
      const seen = Object.fromEntries(Object.entries(report.ops).map(([op, t]) => [op, t.passed + t.failed]));
      expect(seen).toEqual(counts);
      expect(report.failed).toBe(0);
      expect(report.passed).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
    });
  }

  it('names the right format for each file prefix', () => {
    expect(formatFromFileName('test/vectors/p8.jsonl')).toBe('posit8');
    expect(formatFromFileName('x/bp16_fdp_model.jsonl')).toBe('bposit16');
    expect(formatFromFileName('bp32.jsonl')).toBe('bposit32');
    expect(formatFromFileName('p32-extra.jsonl')).toBe('posit32');
    expect(formatFromFileName('p320.jsonl')).toBeUndefined();
    expect(formatFromFileName('vectors.jsonl')).toBeUndefined();
  });
});
