// The one file of tilegate that talks to binaryen: a small typed facade over a binaryen module.
// Kernel emitters (posit-*.ts, f32-kernels.ts) and the model assembler build functions through
// `WasmModule` and `FnBuilder`; every module is validated before text or binary emission, and a
// validation failure is an internal error (`WasmValidationError`) that names the function.
import binaryen from 'binaryen';

/** An expression handle inside one module (binaryen's ExpressionRef). */
export type Expr = number;

/** A WebAssembly value type. */
export type ValType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128';

/** A function result type: a value type or nothing. */
export type ResultType = ValType | 'none';

/** A function parameter or local: its index and type. */
export interface Local {
  readonly index: number;
  readonly type: ValType;
}

/** Op builders re-exposed from binaryen, typed by their binaryen signatures. */
export type I32Ops = binaryen.Module['i32'];
/** i64 op builders; `const` takes a bigint. */
export type I64Ops = binaryen.Module['i64'];
/** f32 op builders. */
export type F32Ops = binaryen.Module['f32'];
/** f64 op builders. */
export type F64Ops = binaryen.Module['f64'];
/** v128 load/store/const builders. */
export type V128Ops = binaryen.Module['v128'];
/** f32x4 lane-wise op builders. */
export type F32x4Ops = binaryen.Module['f32x4'];
/** i8x16 op builders (byte shuffles). */
export type I8x16Ops = binaryen.Module['i8x16'];

const TYPE: Readonly<Record<ResultType, binaryen.Type>> = {
  i32: binaryen.i32,
  i64: binaryen.i64,
  f32: binaryen.f32,
  f64: binaryen.f64,
  v128: binaryen.v128,
  none: binaryen.none,
};

/** Features the emitted modules may use: what Node 20's V8 runs without flags. */
const FEATURES =
  binaryen.Features.MVP |
  binaryen.Features.SIMD128 |
  binaryen.Features.SignExt |
  binaryen.Features.BulkMemory |
  binaryen.Features.BulkMemoryOpt |
  binaryen.Features.NontrappingFPToInt |
  binaryen.Features.MutableGlobals;

/** Function body access; binaryen.js has it at runtime but its typings misplace it. */
const FunctionApi = (binaryen as unknown as {
  Function: {
    getBody(func: binaryen.FunctionRef): Expr;
    setBody(func: binaryen.FunctionRef, body: Expr): void;
  };
}).Function;

/** Internal error: binaryen rejected a module tilegate built. Names the first failing function. */
export class WasmValidationError extends Error {
  constructor(
    readonly functionName: string | undefined,
    readonly detail: string,
  ) {
    super(`emitted WASM failed validation${functionName ? ` in function ${functionName}` : ''}: ${detail}`);
    this.name = 'WasmValidationError';
  }
}

/** Memory declaration: defined here (optionally exported) or imported from the host. */
export type MemorySpec =
  | { readonly kind: 'define'; readonly initialPages: number; readonly maxPages: number; readonly exportName?: string }
  | { readonly kind: 'import'; readonly module: string; readonly base: string };

/** Optimisation settings for `WasmModule.optimize` (binaryen's -O level and shrink level). */
export interface OptimizeOptions {
  readonly level: 0 | 1 | 2 | 3 | 4;
  readonly shrink?: 0 | 1 | 2;
}

/** One WebAssembly module under construction; the stateful service wrapping binaryen. */
export class WasmModule {
  private readonly m = new binaryen.Module();
  private readonly functions = new Set<string>();
  readonly i32: I32Ops;
  readonly i64: I64Ops;
  readonly f32: F32Ops;
  readonly f64: F64Ops;
  readonly v128: V128Ops;
  readonly f32x4: F32x4Ops;
  readonly i8x16: I8x16Ops;

  constructor() {
    this.m.setFeatures(FEATURES);
    this.i32 = this.m.i32;
    this.i64 = this.m.i64;
    this.f32 = this.m.f32;
    this.f64 = this.m.f64;
    this.v128 = this.m.v128;
    this.f32x4 = this.m.f32x4;
    this.i8x16 = this.m.i8x16;
  }

  /** Declares the module's single memory. */
  setMemory(spec: MemorySpec): void {
    if (spec.kind === 'define') this.m.setMemory(spec.initialPages, spec.maxPages, spec.exportName ?? null);
    else this.m.addMemoryImport('0', spec.module, spec.base);
  }

  /** Starts a function; call `finish` on the result to add it. */
  fn(name: string, params: readonly ValType[], result: ResultType): FnBuilder {
    if (this.functions.has(name)) throw new WasmValidationError(name, 'function defined twice');
    return new FnBuilder(this, name, params, result);
  }

  /** Exports a defined function under `exportName` (default: its own name). */
  exportFunction(name: string, exportName: string = name): void {
    this.m.addFunctionExport(name, exportName);
  }

  /** True when a function of that name was added. */
  hasFunction(name: string): boolean {
    return this.functions.has(name);
  }

  /** Names of all functions added so far, in order. */
  functionNames(): readonly string[] {
    return [...this.functions];
  }

  /** Adds a finished function (used by FnBuilder.finish). */
  addFunction(name: string, params: readonly ValType[], result: ResultType, vars: readonly ValType[], body: Expr): void {
    const p = binaryen.createType(params.map((t) => TYPE[t]));
    this.m.addFunction(name, p, TYPE[result], vars.map((t) => TYPE[t]), body);
    this.functions.add(name);
  }

  /** A sequence of expressions; its value is the last one's when `result` is given. */
  block(label: string | null, children: readonly Expr[], result?: ResultType): Expr {
    return this.m.block(label, children, result === undefined ? binaryen.auto : TYPE[result]);
  }

  /** A loop whose label continues it. */
  loop(label: string, body: Expr): Expr {
    return this.m.loop(label, body);
  }

  /** if/else; both arms must agree on type when used as a value. */
  if(cond: Expr, then: Expr, otherwise?: Expr): Expr {
    return this.m.if(cond, then, otherwise);
  }

  /** Branch to a label, conditional when `cond` is given. */
  br(label: string, cond?: Expr, value?: Expr): Expr {
    return this.m.br(label, cond, value);
  }

  /** `cond ? a : b` without a branch (both sides are evaluated). */
  select(cond: Expr, a: Expr, b: Expr): Expr {
    return this.m.select(cond, a, b);
  }

  /** Direct call. */
  call(name: string, args: readonly Expr[], result: ResultType): Expr {
    return this.m.call(name, args, TYPE[result]);
  }

  /** Return from the current function. */
  return(value?: Expr): Expr {
    return this.m.return(value);
  }

  /** Drops a value. */
  drop(value: Expr): Expr {
    return this.m.drop(value);
  }

  /** No operation. */
  nop(): Expr {
    return this.m.nop();
  }

  /** Traps. */
  unreachable(): Expr {
    return this.m.unreachable();
  }

  /** memory.fill(dest, byte, size). */
  memoryFill(dest: Expr, value: Expr, size: Expr): Expr {
    return this.m.memory.fill(dest, value, size);
  }

  /** Local access (used by FnBuilder). */
  localGet(index: number, type: ValType): Expr {
    return this.m.local.get(index, TYPE[type]);
  }

  /** Local assignment (used by FnBuilder). */
  localSet(index: number, value: Expr): Expr {
    return this.m.local.set(index, value);
  }

  /** Local assignment that also yields the value (used by FnBuilder). */
  localTee(index: number, value: Expr, type: ValType): Expr {
    return this.m.local.tee(index, value, TYPE[type]);
  }

  /** Validates; throws WasmValidationError naming the first failing function. */
  validate(): void {
    const { ok, log } = this.quietValidate();
    if (ok) return;
    const fn = /in function ([^\]\s]+)\]/.exec(log)?.[1] ?? this.findInvalidFunction();
    throw new WasmValidationError(fn, log.trim().split('\n').slice(0, 6).join('\n') || 'binaryen validation failed');
  }

  /** Runs binaryen's validator with its printout captured where the host allows it. */
  private quietValidate(): { ok: boolean; log: string } {
    let log = '';
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    const grab = (chunk: string | Uint8Array): boolean => {
      log += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return true;
    };
    process.stdout.write = grab as typeof process.stdout.write;
    process.stderr.write = grab as typeof process.stderr.write;
    try {
      return { ok: this.m.validate() !== 0, log };
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }
  }

  /** The first function whose body, replaced by `unreachable`, makes the module valid. */
  private findInvalidFunction(): string | undefined {
    for (const name of this.functions) {
      const ref = this.m.getFunction(name);
      const body = FunctionApi.getBody(ref);
      FunctionApi.setBody(ref, this.m.unreachable());
      const fixed = this.quietValidate().ok;
      FunctionApi.setBody(ref, body);
      if (fixed) return name;
    }
    return undefined;
  }

  /** Runs binaryen's optimiser at the given level (validates first). */
  optimize(opts: OptimizeOptions): void {
    this.validate();
    const level = binaryen.getOptimizeLevel();
    const shrink = binaryen.getShrinkLevel();
    binaryen.setOptimizeLevel(opts.level);
    binaryen.setShrinkLevel(opts.shrink ?? 0);
    try {
      this.m.optimize();
    } finally {
      binaryen.setOptimizeLevel(level);
      binaryen.setShrinkLevel(shrink);
    }
  }

  /** Validated text format (WAT). */
  emitText(): string {
    this.validate();
    return this.m.emitText();
  }

  /** Validated binary. */
  emitBinary(): Uint8Array {
    this.validate();
    return this.m.emitBinary();
  }

  /** Frees binaryen's memory for this module; the object is unusable afterwards. */
  dispose(): void {
    this.m.dispose();
  }
}

/** Builds one function: hands out locals and unique labels, then adds the function. */
export class FnBuilder {
  private readonly vars: ValType[] = [];
  private labels = 0;

  constructor(
    readonly mod: WasmModule,
    readonly name: string,
    readonly params: readonly ValType[],
    readonly result: ResultType,
  ) {}

  /** The i-th parameter. */
  param(i: number): Local {
    const type = this.params[i];
    if (type === undefined) throw new WasmValidationError(this.name, `no parameter ${i}`);
    return { index: i, type };
  }

  /** A fresh local of the given type. */
  local(type: ValType): Local {
    this.vars.push(type);
    return { index: this.params.length + this.vars.length - 1, type };
  }

  /** A label unique within this function. */
  label(prefix: string): string {
    return `${prefix}${this.labels++}`;
  }

  /** Reads a local. */
  get(l: Local): Expr {
    return this.mod.localGet(l.index, l.type);
  }

  /** Writes a local. */
  set(l: Local, value: Expr): Expr {
    return this.mod.localSet(l.index, value);
  }

  /** Writes a local and yields the value. */
  tee(l: Local, value: Expr): Expr {
    return this.mod.localTee(l.index, value, l.type);
  }

  /** Adds the function with this body (a list becomes a block typed by the result). */
  finish(body: Expr | readonly Expr[]): void {
    const b = typeof body === 'number' ? body : this.mod.block(null, body, this.result);
    this.mod.addFunction(this.name, this.params, this.result, this.vars, b);
  }
}
