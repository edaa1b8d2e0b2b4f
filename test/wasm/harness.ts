// Shared helpers of the WASM kernel tests: build and instantiate the kernel library, move posit
// patterns and f64 values in and out of linear memory, and read the posit vector files
// (test/vectors/*.jsonl) as typed cases.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { instantiateKernels } from '../../targets/wasm/instantiate.ts';
import type { WasmKernels } from '../../targets/wasm/instantiate.ts';
import { emitKernelLibrary } from '../../targets/wasm/kernel-library.ts';
import type { KernelLibraryOptions } from '../../targets/wasm/kernel-library.ts';
import type { KernelFormat } from '../../targets/wasm/posit-format.ts';

/** Builds the library with these options and instantiates it. */
export async function loadKernels(opts: KernelLibraryOptions = {}): Promise<WasmKernels> {
  const lib = emitKernelLibrary(opts);
  return instantiateKernels(lib.bytes, lib.heapBase);
}

/** Copies posit patterns into fresh heap memory; returns the byte address. */
export function writePatterns(k: WasmKernels, fmt: KernelFormat, values: ArrayLike<number>): number {
  const p = k.alloc(Math.max(1, values.length) * fmt.bytes);
  const view = fmt.bytes === 1 ? k.u8() : fmt.bytes === 2 ? k.u16() : k.u32();
  for (let i = 0; i < values.length; i++) view[p / fmt.bytes + i] = values[i]!;
  return p;
}

/** Reads n posit patterns (unsigned) from a byte address. */
export function readPatterns(k: WasmKernels, fmt: KernelFormat, p: number, n: number): number[] {
  const view = fmt.bytes === 1 ? k.u8() : fmt.bytes === 2 ? k.u16() : k.u32();
  return Array.from(view.subarray(p / fmt.bytes, p / fmt.bytes + n));
}

/** Copies f64 values given as 16-hex-digit bit patterns into heap memory. */
export function writeF64Bits(k: WasmKernels, hex: readonly string[]): number {
  const p = k.alloc(8 * Math.max(1, hex.length), 8);
  const view = new BigUint64Array(k.memory.buffer);
  hex.forEach((h, i) => (view[p / 8 + i] = BigInt(`0x${h}`)));
  return p;
}

/** Reads n f64 values as 16-hex-digit bit patterns. */
export function readF64Bits(k: WasmKernels, p: number, n: number): string[] {
  const view = new BigUint64Array(k.memory.buffer, p, n);
  return Array.from(view, (v) => v.toString(16).padStart(16, '0'));
}

/** One line of a vector file. */
export type VectorCase =
  | { readonly op: 'add' | 'sub' | 'mul' | 'div'; readonly a: string; readonly b: string; readonly r: string }
  | { readonly op: 'sqrt' | 'from_f64' | 'to_f64'; readonly a: string; readonly r: string }
  | { readonly op: 'fdp'; readonly a: readonly string[]; readonly b: readonly string[]; readonly r: string };

/** Parses test/vectors/<name>.jsonl. */
export function readVectors(name: string): VectorCase[] {
  const path = fileURLToPath(new URL(`../vectors/${name}.jsonl`, import.meta.url));
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as VectorCase);
}

/** Lowercase zero-padded hex of an n-bit pattern, as the vector files write it. */
export function hex(fmt: KernelFormat, v: number): string {
  return (v >>> 0).toString(16).padStart(fmt.n / 4, '0');
}
