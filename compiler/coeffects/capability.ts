// The quire capability table: how each target provides the exact accumulator of each posit
// format. This is the one place to update when a backend gains a format (e.g. a posit16 quire in
// the WGSL library); test/unit/numeric-select.test.ts fails until it agrees with the backends.
// Read by numeric selection (compiler/passes/numeric-select.ts) and shown per value in the report.
import type { PositFormat } from '../../runtime/numerics/index.ts';
import { TARGET_NAMES, type QuireCapability, type TargetName } from './keys.ts';

/** Per target, per posit format: `native` (hardware), `emulated` (integer limbs) or `unavailable`. */
export const QUIRE_CAPABILITY: Readonly<Record<TargetName, Readonly<Record<PositFormat, QuireCapability>>>> = {
  // targets/wasm/posit-quire.ts: every format's quire as i64 limbs in linear memory.
  wasm: { posit8: 'emulated', posit16: 'emulated', posit32: 'emulated', bposit16: 'emulated', bposit32: 'emulated' },
  // targets/webgpu/formats.ts WEBGPU_FORMATS: posit32 only, on wgsl/quire32.ts (16 u32 limbs).
  webgpu: { posit8: 'unavailable', posit16: 'unavailable', posit32: 'emulated', bposit16: 'unavailable', bposit32: 'unavailable' },
  // targets/xdna/grid.ts prices every quire format in its software cost model; no tile has posit hardware.
  xdna: { posit8: 'emulated', posit16: 'emulated', posit32: 'emulated', bposit16: 'emulated', bposit32: 'emulated' },
};

/** The capability of every target for one format. */
export function capabilityOf(fmt: PositFormat): Readonly<Record<TargetName, QuireCapability>> {
  return { wasm: QUIRE_CAPABILITY.wasm[fmt], webgpu: QUIRE_CAPABILITY.webgpu[fmt], xdna: QUIRE_CAPABILITY.xdna[fmt] };
}

/** Formats whose quire a target provides, for hints. */
export function formatsWithQuire(target: TargetName): PositFormat[] {
  return (Object.keys(QUIRE_CAPABILITY[target]) as PositFormat[]).filter((f) => QUIRE_CAPABILITY[target][f] !== 'unavailable');
}

/** The targets a compilation asks for: explicit ones, else the model's target blocks, else wasm. */
export function requestedTargets(declared: readonly { readonly name: TargetName }[], explicit?: readonly TargetName[]): TargetName[] {
  const asked = new Set<TargetName>(explicit && explicit.length > 0 ? explicit : declared.map((t) => t.name));
  return asked.size > 0 ? TARGET_NAMES.filter((t) => asked.has(t)) : ['wasm'];
}
