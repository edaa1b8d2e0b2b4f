// Golden WAT of the whole-model WASM target: the unoptimised module text of dense and dg-hard in
// posit32 and f32 (test/golden/<example>.<format>.wat). Kernel-library functions (posit
// arithmetic, quire, f32_dense, elementary functions) are elided to one line each: they have
// their own golden (wasm-kernels.wat) and tests, so these files change only when the model
// emitter does. binaryen's exact version is pinned, since its text printer shapes the files.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { NumericFormat } from '../../ir/meta.ts';
import { buildModelModule } from '../../targets/wasm/model.ts';
import { exampleGraph } from '../wasm/model-fixtures.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** The module text with every library function reduced to a one-line stub. */
function modelWat(example: string, format: NumericFormat): string {
  const built = buildModelModule(exampleGraph(example), { format });
  if (!built.mod) throw new Error(built.diagnostics.map((d) => d.message).join('; '));
  try {
    built.mod.validate();
    const library = new Set(built.library ?? []);
    const out: string[] = [];
    let skipping = false;
    for (const line of built.mod.emitText().split('\n')) {
      if (skipping) {
        if (line.startsWith('  ')) continue;
        skipping = false;
        if (line === ' )') continue;
      }
      const fn = /^ \(func \$([^\s()]+)/.exec(line)?.[1];
      if (fn !== undefined && library.has(fn)) {
        out.push(` (func $${fn} ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)`, ' )');
        skipping = true;
        continue;
      }
      out.push(line);
    }
    return out.join('\n');
  } finally {
    built.mod.dispose();
  }
}

describe('golden WAT of model modules', () => {
  it('binaryen is pinned to 132.0.0', () => {
    const pkg = JSON.parse(readFileSync(join(here, '..', '..', 'node_modules', 'binaryen', 'package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toBe('132.0.0');
  });

  for (const example of ['dense', 'dg-hard']) {
    for (const format of ['posit32', 'f32'] as const) {
      it(`${example} ${format}`, async () => {
        const wat = modelWat(example, format);
        expect(wat).toContain('(export "infer"');
        expect(wat).toContain('(export "forward"');
        await expect(wat).toMatchFileSnapshot(join(here, `${example}.${format}.wat`));
      });
    }
  }
});
