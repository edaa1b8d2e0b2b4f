// Loads an emitted WASM module: compile, instantiate against its memory, and hand out typed views
// plus a bump allocator over the heap. The views are re-created after memory growth, so callers
// must fetch them (`kernels.f32()`) after any call that may grow memory rather than caching them.

/** The part of the WebAssembly JS API used here (the project's lib settings carry no DOM types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmInstance {
  readonly exports: Readonly<Record<string, unknown>>;
}
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<WasmInstance>;
  readonly Memory: abstract new (...args: never[]) => WasmMemory;
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** An exported WASM function, called with numbers (i64 parameters are not used by the kernels). */
export type WasmFn = (...args: number[]) => number;

/** An instantiated kernel module. Stateful: owns the bump allocator over its memory. */
export class WasmKernels {
  private next: number;

  constructor(
    readonly instance: WasmInstance,
    readonly memory: WasmMemory,
    readonly heapBase: number,
  ) {
    this.next = heapBase;
  }

  /** The exported function `name`; throws when the module does not export it. */
  fn(name: string): WasmFn {
    const f = this.instance.exports[name];
    if (typeof f !== 'function') throw new Error(`WASM module exports no function ${name}`);
    return f as WasmFn;
  }

  /** Reserves `bytes` of heap (aligned), growing memory when needed; returns the byte address. */
  alloc(bytes: number, align = 16): number {
    const at = Math.ceil(this.next / align) * align;
    const end = at + bytes;
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / 65536));
    this.next = end;
    return at;
  }

  /** Frees everything allocated since the heap base. */
  reset(): void {
    this.next = this.heapBase;
  }

  /** Byte view of the whole memory. */
  u8(): Uint8Array {
    return new Uint8Array(this.memory.buffer);
  }

  /** 16-bit view. */
  u16(): Uint16Array {
    return new Uint16Array(this.memory.buffer);
  }

  /** 32-bit unsigned view. */
  u32(): Uint32Array {
    return new Uint32Array(this.memory.buffer);
  }

  /** 64-bit signed view (quire limbs). */
  i64(): BigInt64Array {
    return new BigInt64Array(this.memory.buffer);
  }

  /** f32 view. */
  f32(): Float32Array {
    return new Float32Array(this.memory.buffer);
  }

  /** f64 view. */
  f64(): Float64Array {
    return new Float64Array(this.memory.buffer);
  }
}

/** Compiles and instantiates a module that defines and exports `memory`. */
export async function instantiateKernels(bytes: Uint8Array, heapBase: number): Promise<WasmKernels> {
  const module = await WA.compile(bytes);
  const instance = await WA.instantiate(module, {});
  const memory = instance.exports['memory'];
  if (!(memory instanceof WA.Memory)) throw new Error('WASM module exports no memory');
  return new WasmKernels(instance, memory, heapBase);
}
