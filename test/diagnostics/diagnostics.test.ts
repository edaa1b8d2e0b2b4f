// Golden diagnostics for malformed .dg inputs: each cases/<CODE>-<name>.dg must fail with
// CODE as its first diagnostic, produce no graph, keep every span inside the text, and render
// exactly as cases/<CODE>-<name>.txt (one-line form plus hints).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileToIR } from '../../compiler/index.ts';
import { renderOneLine, renderPretty } from '../../ir/diagnostics.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'cases');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.dg'))
  .sort();

describe('diagnostics of malformed models', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const file of cases) {
    it(file, async () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const r = compileToIR(text, file, { verify: true });
      expect(r.graph).toBeUndefined();
      expect(r.diagnostics.length).toBeGreaterThan(0);
      expect(r.diagnostics[0]?.code).toBe(file.slice(0, 5));
      for (const d of r.diagnostics) {
        expect(d.span).toBeDefined();
        expect(d.span!.start).toBeGreaterThanOrEqual(0);
        expect(d.span!.end).toBeGreaterThanOrEqual(d.span!.start);
        expect(d.span!.end).toBeLessThanOrEqual(text.length);
        expect(renderPretty(d, r.sources)).toContain('^');
      }
      const rendered = r.diagnostics.map((d) => `${renderOneLine(d, r.sources)}${d.hint ? `\n  hint: ${d.hint}` : ''}`).join('\n');
      await expect(`${rendered}\n`).toMatchFileSnapshot(join(dir, file.replace(/\.dg$/, '.txt')));
    });
  }
});
