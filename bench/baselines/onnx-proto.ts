// Minimal protobuf writer for the ONNX messages an MLP needs (ModelProto, GraphProto, NodeProto,
// AttributeProto, TensorProto, ValueInfoProto), with field numbers from onnx.proto3. It lets the
// onnxruntime-web baseline build its model in memory from the shared workload, so the baseline
// needs no .onnx file, no Python exporter and no protobuf schema compiler.

import type { MlpWorkload } from './mlp.ts';

/** Protobuf wire types used by ONNX. */
const WIRE = { varint: 0, fixed32: 5, bytes: 2 } as const;

/** ONNX TensorProto.DataType.FLOAT. */
const ONNX_FLOAT = 1;

/** AttributeProto.AttributeType values we emit. */
const ATTR_TYPE = { float: 1, int: 2 } as const;

/** ONNX IR version that matches opset 17 (ONNX 1.12). */
export const ONNX_IR_VERSION = 8;

/** Default-domain opset the generated models declare. */
export const ONNX_OPSET = 17;

/** Appends protobuf fields to a growable byte buffer. */
class ProtoWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** Unsigned varint; exact for integers up to 2^53 (int64 fields here are never negative). */
  private rawVarint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`varint out of range: ${value}`);
    this.reserve(10);
    let v = value;
    while (v >= 0x80) {
      this.buf[this.len++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.len++] = v;
  }

  private tag(field: number, wire: number): void {
    this.rawVarint(field * 8 + wire);
  }

  /** int32/int64/enum field. */
  varint(field: number, value: number): this {
    this.tag(field, WIRE.varint);
    this.rawVarint(value);
    return this;
  }

  /** float field (fixed32, little-endian). */
  float(field: number, value: number): this {
    this.tag(field, WIRE.fixed32);
    this.reserve(4);
    new DataView(this.buf.buffer, this.buf.byteOffset + this.len, 4).setFloat32(0, value, true);
    this.len += 4;
    return this;
  }

  /** bytes field, or an embedded message already encoded. */
  bytes(field: number, data: Uint8Array): this {
    this.tag(field, WIRE.bytes);
    this.rawVarint(data.length);
    this.reserve(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
    return this;
  }

  /** string field (UTF-8). */
  string(field: number, text: string): this {
    return this.bytes(field, new TextEncoder().encode(text));
  }

  /** Embedded message written by `build`. */
  message(field: number, build: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  /** The encoded bytes. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** A graph-level tensor declaration: name and static shape, always f32. */
export interface TensorDecl {
  readonly name: string;
  readonly dims: readonly number[];
}

/** A node attribute: ONNX Gemm and friends need only scalar floats and ints. */
export type NodeAttr =
  | { readonly kind: 'float'; readonly name: string; readonly value: number }
  | { readonly kind: 'int'; readonly name: string; readonly value: number };

/** A node in the default ONNX domain. */
export interface NodeDecl {
  readonly opType: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attrs: readonly NodeAttr[];
}

/** An f32 initializer (a constant weight tensor). */
export interface InitializerDecl extends TensorDecl {
  readonly data: Float32Array;
}

/** Everything needed to encode a single-graph f32 model. */
export interface GraphDecl {
  readonly name: string;
  readonly nodes: readonly NodeDecl[];
  readonly initializers: readonly InitializerDecl[];
  readonly inputs: readonly TensorDecl[];
  readonly outputs: readonly TensorDecl[];
}

function writeValueInfo(w: ProtoWriter, decl: TensorDecl): void {
  w.string(1, decl.name); // ValueInfoProto.name
  w.message(2, (type) =>
    // TypeProto.tensor_type = 1: { elem_type = 1, shape = 2: { dim = 1: { dim_value = 1 } } }
    type.message(1, (tt) => {
      tt.varint(1, ONNX_FLOAT);
      tt.message(2, (shape) => {
        for (const d of decl.dims) shape.message(1, (dim) => dim.varint(1, d));
      });
    }),
  );
}

function writeTensor(w: ProtoWriter, init: InitializerDecl): void {
  const expected = init.dims.reduce((a, b) => a * b, 1);
  if (expected !== init.data.length) {
    throw new Error(`initializer ${init.name}: dims give ${expected} elements, data has ${init.data.length}`);
  }
  for (const d of init.dims) w.varint(1, d); // TensorProto.dims (unpacked is valid proto3 input)
  w.varint(2, ONNX_FLOAT); // data_type
  w.string(8, init.name); // name
  // raw_data is little-endian by the ONNX spec; copy so a subarray view encodes only its own bytes.
  if (!isLittleEndian()) throw new Error('onnx-proto: big-endian hosts are not supported');
  const raw = new Uint8Array(init.data.length * 4);
  new Float32Array(raw.buffer).set(init.data);
  w.bytes(9, raw);
}

function isLittleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

function writeNode(w: ProtoWriter, node: NodeDecl): void {
  for (const i of node.inputs) w.string(1, i);
  for (const o of node.outputs) w.string(2, o);
  w.string(3, node.name);
  w.string(4, node.opType);
  for (const a of node.attrs) {
    w.message(5, (attr) => {
      attr.string(1, a.name);
      if (a.kind === 'float') attr.float(2, a.value).varint(20, ATTR_TYPE.float);
      else attr.varint(3, a.value).varint(20, ATTR_TYPE.int);
    });
  }
}

/** Encodes a ModelProto (IR 8, default-domain opset 17) holding one graph. */
export function encodeModel(graph: GraphDecl, producer = 'tilegate-bench'): Uint8Array {
  const w = new ProtoWriter();
  w.varint(1, ONNX_IR_VERSION); // ModelProto.ir_version
  w.string(2, producer); // producer_name
  w.message(7, (g) => {
    // GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12
    for (const n of graph.nodes) g.message(1, (nw) => writeNode(nw, n));
    g.string(2, graph.name);
    for (const t of graph.initializers) g.message(5, (tw) => writeTensor(tw, t));
    for (const i of graph.inputs) g.message(11, (vw) => writeValueInfo(vw, i));
    for (const o of graph.outputs) g.message(12, (vw) => writeValueInfo(vw, o));
  });
  w.message(8, (op) => op.string(1, '').varint(2, ONNX_OPSET)); // opset_import
  return w.finish();
}

/**
 * Describes the workload as Gemm(transB=1) + Relu nodes: Gemm computes A * B^T + C, which takes
 * the PyTorch [out, in] weight layout as is, the way torch.onnx exports nn.Linear.
 */
export function mlpGraph(workload: MlpWorkload, batch: number): GraphDecl {
  const nodes: NodeDecl[] = [];
  const initializers: InitializerDecl[] = [];
  let current = 'input';
  workload.layers.forEach((layer, l) => {
    const last = l === workload.layers.length - 1;
    const w = `fc${l}.weight`;
    const b = `fc${l}.bias`;
    initializers.push({ name: w, dims: [layer.outDim, layer.inDim], data: layer.weight });
    initializers.push({ name: b, dims: [layer.outDim], data: layer.bias });
    const gemmOut = last ? 'output' : `fc${l}.out`;
    nodes.push({
      opType: 'Gemm',
      name: `fc${l}`,
      inputs: [current, w, b],
      outputs: [gemmOut],
      attrs: [{ kind: 'int', name: 'transB', value: 1 }],
    });
    current = gemmOut;
    if (!last) {
      const reluOut = `relu${l}.out`;
      nodes.push({ opType: 'Relu', name: `relu${l}`, inputs: [gemmOut], outputs: [reluOut], attrs: [] });
      current = reluOut;
    }
  });
  const sizes = workload.sizes;
  return {
    name: workload.name.replace(/[^A-Za-z0-9_]/g, '_'),
    nodes,
    initializers,
    inputs: [{ name: 'input', dims: [batch, sizes[0]!] }],
    outputs: [{ name: 'output', dims: [batch, sizes[sizes.length - 1]!] }],
  };
}

/** ONNX model bytes for the workload at a fixed batch size. */
export function encodeMlpModel(workload: MlpWorkload, batch: number): Uint8Array {
  return encodeModel(mlpGraph(workload, batch));
}
