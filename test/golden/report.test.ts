// Golden coeffect reports: `tilegate report` text (colour off) for every example, compared with
// test/golden/<example>.report.txt, followed by the diagnostics the report produced (one line
// each). A change in any coeffect (escape, quire, role, bytes, tape, memory, verdicts) shows here.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../cli/commands/report.ts';
import { palette } from '../../cli/io.ts';
import { report } from '../../compiler/report.ts';
import { renderOneLine } from '../../ir/diagnostics.ts';

const here = dirname(fileURLToPath(import.meta.url));
const examplesDir = join(here, '..', '..', 'examples');
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.dg'))
  .sort();
const plain = palette({ out: () => undefined, err: () => undefined, isTTY: false, color: false });

describe('golden coeffect reports of the examples', () => {
  for (const file of examples) {
    it(file, async () => {
      const r = report(readFileSync(join(examplesDir, file), 'utf8'), `examples/${file}`);
      expect(r.report, r.diagnostics.map((d) => renderOneLine(d, r.sources)).join('\n')).toBeDefined();
      const diags = r.diagnostics.map((d) => `${renderOneLine(d, r.sources)}${d.hint ? `\n  hint: ${d.hint}` : ''}`);
      const text = renderReport(r.report!, plain) + (diags.length > 0 ? `\ndiagnostics:\n${diags.join('\n')}\n` : '');
      await expect(text).toMatchFileSnapshot(join(here, file.replace(/\.dg$/, '.report.txt')));
    });
  }
});
