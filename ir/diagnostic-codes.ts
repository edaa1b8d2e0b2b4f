// The one catalogue of diagnostic codes. Codes are stable: never renumber, only add.
// Ranges: E0xxx parse, E1xxx names and types, E2xxx lowering/passes, E3xxx target limits,
// E4xxx input files (vectors, safetensors, npy, grid JSON), E5xxx runtime/environment, Wxxxx warnings.
// Each area appends to its own section below.

export const DIAG_CODES = {
  // --- E0xxx: syntax (compiler/syntax) ---

  // --- E1xxx: names, shapes and types (compiler/check) ---

  // --- E2xxx: lowering and passes (compiler/passes) ---

  // --- E3xxx: target limits (targets/*, compiler/allocate) ---

  // --- E4xxx: input files (runtime/io, cli/conform, grid JSON) ---
  E4001: 'cannot read input file',

  // --- E5xxx: runtime and environment ---
  E5001: 'internal error',
  // E51xx: WebGPU device layer (targets/webgpu)
  E5101: 'no WebGPU adapter found',
  E5102: 'cannot load the WebGPU runtime (dawn.node)',
  E5103: 'WebGPU device request failed',
  E5104: 'WGSL shader failed to compile',
  E5105: 'WebGPU validation error',
  E5106: 'WebGPU device lost',
  E5107: 'WebGPU work timed out',
  E5108: 'WebGPU out-of-memory or internal error',
  E5109: 'WebGPU buffer readback failed',

  // --- Wxxxx: warnings ---
} as const satisfies Record<string, string>;

/** A stable diagnostic code. */
export type DiagCode = keyof typeof DIAG_CODES;
