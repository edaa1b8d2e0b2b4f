// WASM target limits become E31xx diagnostics with a hint, never a trap at run time.
import { describe, expect, it } from 'vitest';
import { renderOneLine } from '../../ir/diagnostics.ts';
import { checkDenseShape, checkWasmFormat, checkWasmMemory } from '../../targets/wasm/limits.ts';

describe('WASM target limits', () => {
  const span = { file: 'm.dg', start: 3, end: 9 };

  it('E3101: memory plans over 4 GiB', () => {
    expect(checkWasmMemory(2 ** 32)).toBeUndefined();
    const d = checkWasmMemory(2 ** 32 + 1, span);
    expect(d?.code).toBe('E3101');
    expect(d?.span).toEqual(span);
    expect(d?.hint).toBeTruthy();
    expect(renderOneLine(d!)).toContain('error[E3101]');
  });

  it('E3102: dense tensors over 2 GiB of i32-addressed bytes', () => {
    expect(checkDenseShape(64, 784, 2048, 4)).toBeUndefined();
    expect(checkDenseShape(1, 2 ** 15, 2 ** 14, 4)?.code).toBeUndefined();
    const d = checkDenseShape(1, 2 ** 15, 2 ** 14 + 1, 4);
    expect(d?.code).toBe('E3102');
    expect(d?.message).toContain('W');
    expect(checkDenseShape(2 ** 20, 2 ** 10, 8, 4)?.message).toContain(': x needs');
  });

  it('E3103: formats without WASM kernels', () => {
    for (const f of ['f32', 'posit8', 'posit16', 'posit32', 'bposit16', 'bposit32']) expect(checkWasmFormat(f)).toBeUndefined();
    expect(checkWasmFormat('f64')?.code).toBe('E3103');
    expect(checkWasmFormat('posit64')?.hint).toContain('posit32');
  });
});
