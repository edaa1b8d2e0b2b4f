// The WASM port of the deterministic elementary functions returns the TS definition's bits
// (runtime/numerics/elementary.ts) on 10^6 inputs per function over every range, edge cases
// included, both as emitted and after binaryen's -O3 (which must not reassociate or fuse).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exp, expm1, gelu, log, sigmoid, tanh } from '../../runtime/numerics/index.ts';
import { WasmModule } from '../../targets/wasm/binaryen.ts';
import { ELEMENTARY_FUNCTIONS, emitElementary, emitElementaryMap, type ElementaryName } from '../../targets/wasm/elementary.ts';
import { instantiateKernels, type WasmKernels } from '../../targets/wasm/instantiate.ts';
import { elementaryInputs, SPECIAL_INPUTS, toBits } from '../unit/elementary-inputs.ts';

const N = 1_000_000;
const NAMES = Object.keys(ELEMENTARY_FUNCTIONS) as ElementaryName[];
const TS: Record<ElementaryName, (x: number) => number> = { exp, expm1, log, tanh, sigmoid, gelu };
/** Range of the uniform share of the inputs, per function (the other shares cover everything). */
const RANGE: Record<ElementaryName, number> = { exp: 800, expm1: 800, log: 1e6, tanh: 25, sigmoid: 800, gelu: 12 };

/** A module exporting the six functions and their array maps, optionally optimised. */
async function build(level: 0 | 3): Promise<WasmKernels> {
  const mod = new WasmModule();
  try {
    mod.setMemory({ kind: 'define', initialPages: 2 * Math.ceil((N * 8) / 65536) + 1, maxPages: 4096, exportName: 'memory' });
    emitElementary(mod);
    emitElementary(mod); // a second call adds nothing
    for (const name of NAMES) {
      mod.exportFunction(ELEMENTARY_FUNCTIONS[name]);
      mod.exportFunction(emitElementaryMap(mod, name));
    }
    if (level > 0) mod.optimize({ level });
    return await instantiateKernels(mod.emitBinary(), 0);
  } finally {
    mod.dispose();
  }
}

/** Mismatches of got against want, NaN matching any NaN; capped. */
function mismatches(xs: Float64Array, got: Float64Array, want: (x: number) => number, cap = 5): string[] {
  const out: string[] = [];
  for (let i = 0; i < xs.length && out.length < cap; i++) {
    const g = got[i]!;
    const w = want(xs[i]!);
    const same = (g !== g && w !== w) || Object.is(g, w);
    if (!same) out.push(`x=${xs[i]} (${toBits(xs[i]!).map((v) => v.toString(16)).join(':')}): wasm ${g}, ts ${w}`);
  }
  return out;
}

describe.each([0, 3] as const)('WASM elementary functions at -O%i', (level) => {
  let k: WasmKernels;
  beforeAll(async () => {
    k = await build(level);
  });
  afterAll(() => k.reset());

  it('the scalar exports agree with the TS definition on the edge cases', () => {
    const bad: string[] = [];
    for (const name of NAMES) {
      const fn = k.fn(ELEMENTARY_FUNCTIONS[name]);
      const xs = Float64Array.from(SPECIAL_INPUTS);
      bad.push(...mismatches(xs, xs.map((x) => fn(x)), TS[name]).map((s) => `${name} ${s}`));
    }
    expect(bad).toEqual([]);
  });

  it.each(NAMES)(`%s: ${N} inputs bit-identical to the TS definition`, (name) => {
    k.reset();
    const src = k.alloc(N * 8, 8);
    const dst = k.alloc(N * 8, 8);
    const xs = elementaryInputs(name.length * 7919 + level, N, RANGE[name]);
    k.f64().set(xs, src / 8);
    k.fn(`${ELEMENTARY_FUNCTIONS[name]}_map`)(src, dst, N);
    const got = k.f64().slice(dst / 8, dst / 8 + N);
    expect(mismatches(xs, got, TS[name])).toEqual([]);
  });
});

describe('emitted module', () => {
  it('validates and defines each function once', () => {
    const mod = new WasmModule();
    try {
      emitElementary(mod);
      emitElementary(mod);
      expect(mod.functionNames()).toEqual(Object.values(ELEMENTARY_FUNCTIONS));
      expect(() => mod.validate()).not.toThrow();
      // No fused or relaxed instructions can appear: only plain IEEE f64 arithmetic.
      expect(mod.emitText()).not.toMatch(/fma|relaxed/);
    } finally {
      mod.dispose();
    }
  });
});
