// Golden IR for every example: compile with the verifier on after every stage and compare the
// final graph text (with its side tables) to test/golden/<example>.ir.txt. The lowered,
// pre-layout form of each example must also verify and differ only where layout acts.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileToIR } from '../../compiler/index.ts';
import { dumpGraph } from '../../compiler/pipeline.ts';
import { renderOneLine } from '../../ir/diagnostics.ts';
import { verifyGraph } from '../../ir/verify.ts';

const here = dirname(fileURLToPath(import.meta.url));
const examplesDir = join(here, '..', '..', 'examples');
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.dg'))
  .sort();

describe('golden IR of the examples', () => {
  it('covers the six paper models, a deep model and the design example', () => {
    for (const name of ['dense', 'dg-hard', 'dg-soft', 'dg-anneal', 'moe-top1', 'moe-soft', 'dg-deep', 'drift-digits']) {
      expect(examples).toContain(`${name}.dg`);
    }
  });

  for (const file of examples) {
    it(file, async () => {
      const text = readFileSync(join(examplesDir, file), 'utf8');
      const r = compileToIR(text, `examples/${file}`, { verify: true, dumpAfter: ['lower'] });
      expect(r.diagnostics.map((d) => renderOneLine(d, r.sources))).toEqual([]);
      expect(r.graph).toBeDefined();
      expect(r.lastStage).toBe('jvp');
      expect(r.graph!.form).toBe('channels-last');
      expect(verifyGraph(r.graph!)).toEqual([]);
      expect(r.dumps.map((d) => d.stage)).toEqual(['lower']);
      await expect(dumpGraph(r.graph!, r.tables!)).toMatchFileSnapshot(join(here, file.replace(/\.dg$/, '.ir.txt')));
    });
  }
});
