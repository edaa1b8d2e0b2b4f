// Public face of tilegate's reference numerics: posit/b-posit formats, scalar arithmetic on raw
// patterns, the exact quire and the fused dot product. The compiler, the WASM/WebGPU kernel
// tests, the simulator and `tilegate conform` all import from here (see spec/numerics.md).
export { POSIT_FORMATS, NUMERIC_FORMATS, POSIT_SPECS, isPositFormat, isNumericFormat } from './formats.ts';
export type { PositFormat, NumericFormat, PositSpec } from './formats.ts';
export { positOps } from './posit-ops.ts';
export type { PositOps } from './posit-ops.ts';
export { Quire, fdp } from './quire.ts';
export { viaF64 } from './f64-rule.ts';
export { exp, expm1, log, tanh, sigmoid, gelu, softmaxRow, logSumExp, ELEMENTARY_CONSTANTS } from './elementary.ts';
