// Shared pieces of the binary tensor loaders (safetensors, .npy): element decoders for the float
// formats they carry (f16, bf16, f32, f64 in either byte order), the byte-located diagnostic
// that both formats use (line 1, column = 1-based byte offset in the file; see spec/files.md),
// and small helpers for sizes that must stay exact integers.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { DiagCode } from '../../ir/diagnostic-codes.ts';

/** Float element encodings the loaders can decode. */
export type FloatEncoding = 'f16' | 'bf16' | 'f32' | 'f64';

/** Bytes per element of each encoding. */
export const ENCODING_BYTES: Readonly<Record<FloatEncoding, number>> = { f16: 2, bf16: 2, f32: 4, f64: 8 };

/** An error located at a byte of a binary file: line 1, column = byte offset + 1. */
export function byteDiag(code: DiagCode, file: string, byteOffset: number, message: string, hint?: string): Diagnostic {
  return {
    code,
    severity: 'error',
    message,
    at: { file, line: 1, column: Math.max(0, Math.floor(byteOffset)) + 1 },
    ...(hint === undefined ? {} : { hint }),
  };
}

/** IEEE 754 binary16 bits to a double (exact). */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1024 + frac) * 2 ** (exp - 25);
}

/**
 * Decodes `count` elements starting at `offset` into a new Float64Array. The caller has checked
 * that the bytes exist; every value is converted exactly (all four encodings embed in f64).
 */
export function decodeFloats(bytes: Uint8Array, offset: number, count: number, enc: FloatEncoding, littleEndian: boolean): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * ENCODING_BYTES[enc]);
  const out = new Float64Array(count);
  switch (enc) {
    case 'f64':
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, littleEndian);
      break;
    case 'f32':
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, littleEndian);
      break;
    case 'f16':
      for (let i = 0; i < count; i++) out[i] = halfToNumber(view.getUint16(i * 2, littleEndian));
      break;
    case 'bf16': {
      const scratch = new DataView(new ArrayBuffer(4));
      for (let i = 0; i < count; i++) {
        scratch.setUint32(0, view.getUint16(i * 2, littleEndian) << 16);
        out[i] = scratch.getFloat32(0);
      }
      break;
    }
  }
  return out;
}

/** Encodes doubles as little-endian f32 (rounded to nearest even) or f64 bytes. */
export function encodeFloats(data: ArrayLike<number>, enc: 'f32' | 'f64', littleEndian = true): Uint8Array {
  const size = enc === 'f32' ? 4 : 8;
  const out = new Uint8Array(data.length * size);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) {
    const v = data[i] ?? 0;
    if (enc === 'f32') view.setFloat32(i * 4, v, littleEndian);
    else view.setFloat64(i * 8, v, littleEndian);
  }
  return out;
}

/** Product of dims, or undefined when it is not an exact integer below 2^53. */
export function exactProduct(dims: readonly number[]): number | undefined {
  let n = 1;
  for (const d of dims) {
    n *= d;
    if (!Number.isSafeInteger(n)) return undefined;
  }
  return n;
}

/**
 * A function from string index to UTF-8 byte offset for one text. It resumes from its last
 * answer, so ascending queries over a whole header cost linear time rather than quadratic.
 */
export function utf8Locator(text: string): (index: number) => number {
  let lastIndex = 0;
  let lastBytes = 0;
  return (index) => {
    if (index < lastIndex) [lastIndex, lastBytes] = [0, 0];
    lastBytes += utf8Length(text.slice(lastIndex, index), index - lastIndex);
    lastIndex = index;
    return lastBytes;
  };
}

/** Number of bytes `text.slice(0, index)` takes in UTF-8 (lone surrogates count as U+FFFD: 3). */
export function utf8Length(text: string, index: number): number {
  let n = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < index) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** Offset of the first byte that breaks UTF-8 validity (TextDecoder's fatal mode, located). */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return undefined;
}
