// Target limits of the WASM kernels, checked before emission so a model that cannot run becomes a
// diagnostic (E31xx) instead of a trap: the 4 GiB linear memory, the i32 address arithmetic of
// the dense kernels, and the formats the kernel library implements. Used by the model assembler.
import type { Diagnostic, Span } from '../../ir/diagnostics.ts';
import { POSIT_FORMAT_NAMES } from './posit-format.ts';

/** Bytes addressable by a 32-bit WASM memory (65,536 pages of 64 KiB). */
export const WASM_MAX_BYTES = 2 ** 32;

/** Largest byte size of one tensor the kernels index with i32 arithmetic. */
export const WASM_MAX_TENSOR_BYTES = 2 ** 31;

function diag(code: Diagnostic['code'], message: string, hint: string, where?: Span): Diagnostic {
  return { code, severity: 'error', message, hint, ...(where ? { span: where } : {}) };
}

/** E3101 when a memory plan of `bytes` cannot fit the WASM address space. */
export function checkWasmMemory(bytes: number, where?: Span): Diagnostic | undefined {
  if (bytes <= WASM_MAX_BYTES) return undefined;
  const gib = (bytes / 2 ** 30).toFixed(2);
  return diag(
    'E3101',
    `the WASM module needs ${gib} GiB of linear memory; the limit is 4 GiB`,
    'reduce the batch size or the layer widths, or use the WebGPU target',
    where,
  );
}

/** E3102 when a dense layer's W, x or y exceeds what the kernels address with i32 offsets. */
export function checkDenseShape(
  batch: number,
  inDim: number,
  outDim: number,
  bytesPerValue: number,
  where?: Span,
): Diagnostic | undefined {
  const sizes = { W: outDim * inDim, x: batch * inDim, y: batch * outDim };
  for (const [name, count] of Object.entries(sizes)) {
    if (!Number.isSafeInteger(count) || count * bytesPerValue > WASM_MAX_TENSOR_BYTES) {
      return diag(
        'E3102',
        `dense layer ${batch}x${inDim}->${outDim}: ${name} needs ${count * bytesPerValue} bytes, over the 2 GiB WASM kernel limit`,
        'split the layer or reduce the batch size',
        where,
      );
    }
  }
  return undefined;
}

/** E3103 when a numeric format has no WASM kernels (f32 and the posit family do). */
export function checkWasmFormat(format: string, where?: Span): Diagnostic | undefined {
  if (format === 'f32' || (POSIT_FORMAT_NAMES as readonly string[]).includes(format)) return undefined;
  return diag(
    'E3103',
    `the WASM target has no kernels for format ${format}`,
    `use f32 or one of ${POSIT_FORMAT_NAMES.join(', ')}`,
    where,
  );
}
