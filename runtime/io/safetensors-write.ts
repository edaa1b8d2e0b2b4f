// Writer for the safetensors format, byte-compatible with the reference implementation: compact
// JSON header with "__metadata__" first, tensors laid out back to back in name order (UTF-8 byte
// order, as Rust sorts strings), header padded with spaces to a multiple of 8 bytes. Output is
// deterministic: metadata keys are sorted too. Callers write the bytes with writeFileAtomic.
import { encodeFloats, exactProduct } from './binary-codec.ts';

/** One tensor to store: a shape and its elements in C (row-major) order. */
export interface TensorToWrite {
  readonly shape: readonly number[];
  readonly data: ArrayLike<number>;
}

/** Element type of the written file and optional string metadata. */
export interface WriteSafetensorsOptions {
  readonly dtype: 'F32' | 'F64';
  readonly metadata?: Readonly<Record<string, string>>;
}

const utf8 = new TextEncoder();

/** Byte-wise comparison of the UTF-8 encodings (matches Rust's `str` ordering). */
function compareUtf8(a: string, b: string): number {
  return compareBytes(utf8.encode(a), utf8.encode(b));
}

/** Lexicographic comparison of byte strings. */
function compareBytes(x: Uint8Array, y: Uint8Array): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * Serialises tensors to safetensors bytes. Throws RangeError on programmer errors (data length
 * not matching the shape, a bad dimension, the reserved name "__metadata__"); user data never
 * reaches this function unvalidated.
 */
export function writeSafetensors(
  tensors: ReadonlyMap<string, TensorToWrite> | Iterable<readonly [string, TensorToWrite]>,
  options: WriteSafetensorsOptions,
): Uint8Array {
  const keyed = [...tensors].map((e) => ({ e, key: utf8.encode(e[0]) }));
  const entries = keyed.sort((a, b) => compareBytes(a.key, b.key)).map((k) => k.e);
  const size = options.dtype === 'F32' ? 4 : 8;
  const parts: string[] = [];
  if (options.metadata !== undefined) {
    const keys = Object.keys(options.metadata).sort(compareUtf8);
    const body = keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(options.metadata?.[k] ?? '')}`).join(',');
    parts.push(`"__metadata__":{${body}}`);
  }
  let offset = 0;
  const names = new Set<string>();
  for (const [name, t] of entries) {
    if (name === '__metadata__') throw new RangeError('"__metadata__" is reserved and cannot name a tensor');
    if (names.has(name)) throw new RangeError(`duplicate tensor name "${name}"`);
    names.add(name);
    if (!t.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new RangeError(`tensor "${name}": bad shape [${t.shape.join(', ')}]`);
    const count = exactProduct(t.shape);
    if (count !== t.data.length) throw new RangeError(`tensor "${name}": shape [${t.shape.join(', ')}] needs ${count} elements, got ${t.data.length}`);
    const end = offset + count * size;
    parts.push(`${JSON.stringify(name)}:{"dtype":"${options.dtype}","shape":[${t.shape.join(',')}],"data_offsets":[${offset},${end}]}`);
    offset = end;
  }
  const json = utf8.encode(`{${parts.join(',')}}`);
  const headerLen = json.length + ((8 - (json.length % 8)) % 8);
  const out = new Uint8Array(8 + headerLen + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLen), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLen);
  let pos = 8 + headerLen;
  const enc = options.dtype === 'F32' ? 'f32' : 'f64';
  for (const [, t] of entries) {
    const b = encodeFloats(t.data, enc);
    out.set(b, pos);
    pos += b.length;
  }
  return out;
}
