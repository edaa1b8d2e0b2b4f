// Class-label files for `tilegate adapt --data dir/`: t.npy holding class ids [N] (or [N, 1]) as
// float32/float64 (read by runtime/io/npy.ts) or as any integer dtype NumPy writes (int8..int64,
// uint8..uint64, either byte order), which runtime/io/npy.ts refuses since model inputs are
// floats. Header validation is npy.ts's; this file only decodes integer data. Every label must
// be an integer in [0, classes). Defects are E43xx (file structure) or E47xx diagnostics.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import { byteDiag } from '../io/binary-codec.ts';
import { readNpy } from '../io/npy.ts';
import { parsePyLiteral } from '../io/py-literal.ts';

/** Labels read from a file: class ids as f64 integers. */
export interface LabelLoad {
  readonly labels?: Float64Array;
  readonly diagnostics: Diagnostic[];
}

/** Reads class ids from .npy bytes and checks them against the class count. */
export function readLabelsNpy(bytes: Uint8Array, file: string, classes: number): LabelLoad {
  const npy = readNpy(bytes, file);
  let values: Float64Array | undefined;
  if (npy.array) {
    const [rows, cols] = npy.array.shape;
    if (rows !== 1 && cols !== 1) return { diagnostics: [byteDiag('E4706', file, 0, `labels have shape (${rows}, ${cols}); expected one class id per sample`, 'save a 1-D array: np.save("t.npy", t.reshape(-1))')] };
    values = npy.array.data;
  } else {
    const onlyDtype = npy.diagnostics.length === 1 && npy.diagnostics[0]?.code === 'E4307';
    if (!onlyDtype) return { diagnostics: npy.diagnostics };
    const ints = readIntegerNpy(bytes, file);
    if (!ints.labels) return ints;
    values = ints.labels;
  }
  const bad = values.findIndex((v) => !Number.isInteger(v) || v < 0 || v >= classes);
  if (bad >= 0) {
    return { diagnostics: [byteDiag('E4706', file, 0, `label ${bad} is ${values[bad]}, not a class id in 0..${classes - 1}`, `labels are integer class ids below the model's class count (${classes})`)] };
  }
  return { labels: values, diagnostics: [] };
}

/** Bytes and signedness of the integer dtypes NumPy writes. */
const INT_KINDS: Readonly<Record<string, { bytes: number; signed: boolean }>> = {
  i1: { bytes: 1, signed: true },
  i2: { bytes: 2, signed: true },
  i4: { bytes: 4, signed: true },
  i8: { bytes: 8, signed: true },
  u1: { bytes: 1, signed: false },
  u2: { bytes: 2, signed: false },
  u4: { bytes: 4, signed: false },
  u8: { bytes: 8, signed: false },
};

/**
 * Decodes an integer .npy whose structure npy.ts already validated (its only complaint was the
 * dtype): re-reads the header for descr and shape and decodes the elements exactly (64-bit
 * values beyond 2^53 cannot be class ids and are reported).
 */
function readIntegerNpy(bytes: Uint8Array, file: string): LabelLoad {
  const major = bytes[6] ?? 1;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const hlen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const textStart = major === 1 ? 10 : 12;
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(textStart, textStart + hlen));
  const parsed = parsePyLiteral(text);
  if (!parsed.ok || parsed.value.kind !== 'dict') return { diagnostics: [byteDiag('E4709', file, textStart, 'cannot re-read the .npy header')] };
  const get = (k: string) => (parsed.value.kind === 'dict' ? parsed.value.entries.find((e) => e.key.kind === 'str' && e.key.value === k)?.value : undefined);
  const descr = get('descr');
  const shape = get('shape');
  const m = descr?.kind === 'str' ? /^([<>|])([iu][1248])$/.exec(descr.value) : null;
  const kind = m ? INT_KINDS[m[2] as string] : undefined;
  if (!m || !kind || shape?.kind !== 'tuple') {
    const what = descr?.kind === 'str' ? descr.value : '?';
    return { diagnostics: [byteDiag('E4709', file, textStart + (descr?.start ?? 0), `label dtype '${what}' is neither an integer nor a float type`, 'save class ids as integers or floats: np.save("t.npy", t.astype(np.int64))')] };
  }
  const dims = shape.items.map((d) => (d.kind === 'int' ? d.value : -1));
  if (dims.length === 2 && dims[1] !== 1) return { diagnostics: [byteDiag('E4706', file, textStart + shape.start, `labels have shape (${dims.join(', ')}); expected one class id per sample`, 'save a 1-D array: np.save("t.npy", t.reshape(-1))')] };
  const n = dims[0] ?? 0;
  const dataStart = textStart + hlen;
  if (bytes.length - dataStart !== n * kind.bytes) {
    return { diagnostics: [byteDiag('E4303', file, bytes.length, `${n} labels of ${kind.bytes} bytes need ${n * kind.bytes} data bytes, the file has ${bytes.length - dataStart}`, 'the file is truncated or its header is wrong')] };
  }
  const little = m[1] !== '>';
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const at = dataStart + i * kind.bytes;
    out[i] = readInt(view, at, kind.bytes, kind.signed, little);
  }
  return { labels: out, diagnostics: [] };
}

/** One integer element as a number (64-bit values outside the safe range become non-integers' stand-in, NaN). */
function readInt(view: DataView, at: number, size: number, signed: boolean, little: boolean): number {
  switch (size) {
    case 1:
      return signed ? view.getInt8(at) : view.getUint8(at);
    case 2:
      return signed ? view.getInt16(at, little) : view.getUint16(at, little);
    case 4:
      return signed ? view.getInt32(at, little) : view.getUint32(at, little);
    default: {
      const v = signed ? view.getBigInt64(at, little) : view.getBigUint64(at, little);
      return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : NaN;
    }
  }
}
