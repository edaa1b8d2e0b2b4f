// Builds the standalone kernel library module: the posit kernels of the requested formats and the
// f32 dense kernels in one module with its own exported memory. Used by the tests and benchmarks,
// and the template for how a model module embeds the same emitters (see emitPositKernels).
// Memory map: [0, scratchBytes) kernel scratch, heap from `heapBase` (64-byte aligned) upward.
import { WasmModule } from './binaryen.ts';
import type { OptimizeOptions } from './binaryen.ts';
import { emitF32Kernels } from './f32-kernels.ts';
import { POSIT_FORMAT_NAMES } from './posit-format.ts';
import type { PositFormatName } from './posit-format.ts';
import { emitPositKernels, positScratchBytes } from './posit-kernels.ts';
import type { PositKernelOp } from './posit-kernels.ts';

/** What to put in the library module. */
export interface KernelLibraryOptions {
  readonly formats?: readonly PositFormatName[];
  /** Posit operation groups (default: all). */
  readonly ops?: readonly PositKernelOp[];
  /** Include the f32 dense kernels (default true). */
  readonly f32?: boolean;
  /** binaryen optimisation; omit for the unoptimised module. */
  readonly optimize?: OptimizeOptions;
  /** Initial memory in 64 KiB pages (default 16); the memory may grow to 65536 pages. */
  readonly initialPages?: number;
}

/** An emitted library: the binary, its text when asked for, and its memory map. */
export interface KernelLibrary {
  readonly bytes: Uint8Array;
  readonly exports: readonly string[];
  readonly scratchBase: number;
  readonly heapBase: number;
}

/** Builds the module inside a WasmModule (caller disposes); exposed for golden WAT tests. */
export function buildKernelModule(opts: KernelLibraryOptions = {}): { mod: WasmModule; heapBase: number } {
  const formats = opts.formats ?? POSIT_FORMAT_NAMES;
  const mod = new WasmModule();
  mod.setMemory({ kind: 'define', initialPages: opts.initialPages ?? 16, maxPages: 65536, exportName: 'memory' });
  const scratch = positScratchBytes(formats);
  emitPositKernels(mod, { formats, scratchBase: 0, ...(opts.ops ? { ops: opts.ops } : {}) });
  if (opts.f32 ?? true) emitF32Kernels(mod, { exportAll: true });
  if (opts.optimize) mod.optimize(opts.optimize);
  return { mod, heapBase: Math.ceil(Math.max(scratch, 64) / 64) * 64 };
}

/** Emits the standalone kernel library. */
export function emitKernelLibrary(opts: KernelLibraryOptions = {}): KernelLibrary {
  const { mod, heapBase } = buildKernelModule(opts);
  try {
    const bytes = mod.emitBinary();
    return { bytes, exports: mod.functionNames(), scratchBase: 0, heapBase };
  } finally {
    mod.dispose();
  }
}
