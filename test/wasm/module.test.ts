// The emitted kernel modules themselves: every configuration validates under binaryen, a broken
// function is reported by name as an internal error, the export list follows the naming
// convention, and the unoptimised WAT of a small kernel module is pinned as a golden file.
import { describe, expect, it } from 'vitest';
import { WasmModule, WasmValidationError } from '../../targets/wasm/binaryen.ts';
import { buildKernelModule } from '../../targets/wasm/kernel-library.ts';
import { POSIT_FORMAT_NAMES, positFormat } from '../../targets/wasm/posit-format.ts';

describe('kernel modules', () => {
  it('every single-format module and the full library validate', () => {
    for (const formats of [...POSIT_FORMAT_NAMES.map((f) => [f]), POSIT_FORMAT_NAMES]) {
      const { mod } = buildKernelModule({ formats, f32: formats.length > 1 });
      try {
        expect(() => mod.validate()).not.toThrow();
      } finally {
        mod.dispose();
      }
    }
  });

  it('exports every kernel under the documented names', () => {
    const { mod } = buildKernelModule({ formats: ['posit32', 'bposit16'] });
    const names = new Set(mod.functionNames());
    mod.dispose();
    for (const f of ['posit32', 'bposit16'] as const) {
      const { prefix, quirePrefix } = positFormat(f);
      for (const op of ['add', 'sub', 'mul', 'div', 'sqrt', 'from_f64', 'to_f64']) {
        expect(names.has(`${prefix}_${op}`)).toBe(true);
        expect(names.has(`${prefix}_${op}_arr`)).toBe(true);
      }
      for (const op of ['clear', 'is_nar', 'fma', 'fms', 'add', 'sub', 'to', 'fma_arr', 'dot', 'dense']) {
        expect(names.has(`${quirePrefix}_${op}`)).toBe(true);
      }
    }
    expect(names.has('f32_dense')).toBe(true);
  });

  it('a module that fails validation is an internal error naming the function', () => {
    const mod = new WasmModule();
    const f = mod.fn('broken_kernel', ['i32'], 'i32');
    f.finish([mod.i64.const(1n)]);
    try {
      mod.validate();
      expect.unreachable('validation should fail');
    } catch (e) {
      expect(e).toBeInstanceOf(WasmValidationError);
      expect((e as WasmValidationError).functionName).toBe('broken_kernel');
      expect((e as Error).message).toContain('broken_kernel');
    } finally {
      mod.dispose();
    }
  });

  it('emission validates first: emitBinary of a broken module throws', () => {
    const mod = new WasmModule();
    mod.fn('k', [], 'i32').finish([mod.f32.const(1)]);
    expect(() => mod.emitBinary()).toThrow(WasmValidationError);
    mod.dispose();
  });

  it('golden WAT of a small kernel module (posit8 mul, unoptimised)', async () => {
    const { mod } = buildKernelModule({ formats: ['posit8'], ops: ['mul'], f32: false, initialPages: 1 });
    const text = mod.emitText();
    mod.dispose();
    await expect(text).toMatchFileSnapshot('../golden/wasm-kernels.wat');
  });
});
