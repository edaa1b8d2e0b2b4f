// Element storage of the functional simulator: how a numeric format's values sit in FIFO buffer
// bytes (posit patterns of their width, f32 or f64 IEEE words) and how they move between those
// bytes and the reference interpreter's buffers (posit patterns in a Uint32Array, f32 and f64 as
// Float64Array), both exact. Labels travel as u32 class indices, masks as one byte per unit.
import type { NumericFormat } from '../../ir/meta.ts';
import { arithFor, type Arith } from '../../runtime/interpreter/arith.ts';
import type { Buf } from '../../runtime/interpreter/types.ts';
import type { SimBuffer } from './sim/index.ts';

type Words = Float64Array | Float32Array | Uint32Array | Uint16Array | Uint8Array;

/** Reads and writes one format's elements in simulator buffers. */
export interface ElementIO {
  readonly format: NumericFormat;
  readonly arith: Arith;
  /** Bytes of one element. */
  readonly bpe: number;
  /** `count` elements at `byteOffset` of a buffer, copied into an interpreter buffer. */
  read(buf: SimBuffer, byteOffset: number, count: number): Buf;
  /** Writes `src[from .. from + count)` at `byteOffset` of a buffer. */
  write(buf: SimBuffer, byteOffset: number, src: Buf, from?: number, count?: number): void;
}

/** The element I/O of a format. */
export function elementIO(format: NumericFormat): ElementIO {
  const arith = arithFor(format);
  const bpe = format === 'f64' ? 8 : format === 'f32' ? 4 : format.endsWith('32') ? 4 : format.endsWith('16') ? 2 : 1;
  const view = (buf: SimBuffer, byteOffset: number, count: number): Words => {
    const b = buf.bytes;
    if (format === 'f64') return new Float64Array(b, byteOffset, count);
    if (format === 'f32') return new Float32Array(b, byteOffset, count);
    if (bpe === 4) return new Uint32Array(b, byteOffset, count);
    if (bpe === 2) return new Uint16Array(b, byteOffset, count);
    return new Uint8Array(b, byteOffset, count);
  };
  return {
    format,
    arith,
    bpe,
    read(buf, byteOffset, count) {
      const out = arith.alloc(count);
      out.set(view(buf, byteOffset, count));
      return out;
    },
    write(buf, byteOffset, src, from = 0, count = src.length - from) {
      view(buf, byteOffset, count).set(src.subarray(from, from + count));
    },
  };
}

/** Class indices at `byteOffset` (u32 each). */
export function readLabels(buf: SimBuffer, byteOffset: number, count: number): Int32Array {
  return Int32Array.from(new Uint32Array(buf.bytes, byteOffset, count));
}

/** Writes class indices as u32. */
export function writeLabels(buf: SimBuffer, byteOffset: number, labels: ArrayLike<number>): void {
  new Uint32Array(buf.bytes, byteOffset, labels.length).set(labels);
}

/** Copies rows `[B][n]` of `src` (row stride `srcWidth`, column `srcCol`) into `dst` (row stride `dstWidth`, column `dstCol`). */
export function copyColumns<A extends Buf | Uint8Array>(src: A, srcWidth: number, srcCol: number, dst: A, dstWidth: number, dstCol: number, batch: number, n: number): void {
  for (let b = 0; b < batch; b++) dst.set(src.subarray(b * srcWidth + srcCol, b * srcWidth + srcCol + n), b * dstWidth + dstCol);
}
