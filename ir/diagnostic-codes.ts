// The one catalogue of diagnostic codes. Codes are stable: never renumber, only add.
// Ranges: E0xxx parse, E1xxx names and types, E2xxx lowering/passes, E3xxx target limits,
// E4xxx input files (vectors, safetensors, npy, grid JSON), E5xxx runtime/environment, Wxxxx warnings.
// Each area appends to its own section below.

export const DIAG_CODES = {
  // --- E0xxx: syntax (compiler/syntax) ---
  E0001: 'unexpected character',
  E0002: 'unexpected token',
  E0003: 'expected a different construct here',
  E0004: 'unexpected input after the end of the model',
  E0005: 'nesting too deep',
  E0006: 'too many syntax errors',

  // --- E1xxx: names, shapes and types (compiler/check) ---
  E1001: 'unknown name',
  E1002: 'duplicate name',
  E1003: 'unknown layer or function',
  E1004: 'unknown activation',
  E1005: 'missing argument',
  E1006: 'unknown argument',
  E1007: 'duplicate argument',
  E1008: 'wrong kind of value',
  E1009: 'shape mismatch',
  E1010: 'a label is not a value',
  E1011: 'missing output',
  E1012: 'invalid loss',
  E1013: 'missing input',
  E1014: 'unknown numeric format',
  E1015: 'invalid learn block',
  E1016: 'unknown learn mode',
  E1017: 'invalid target block',
  E1018: 'value out of range',
  E1019: 'duplicate declaration',
  E1020: 'learn mode does not fit the model',
  E1021: 'quire needs a posit format',
  E1022: 'too many arguments',
  E1023: 'name used before its definition',
  E1024: 'not a model value',
  E1025: 'model too large',

  // --- E2xxx: lowering and passes (compiler/passes) ---
  E2001: 'IR invariant broken (internal error)',
  E2002: 'unknown pipeline stage',
  E2003: 'pass requirement missing (internal error)',
  // E25xx: forward-mode AD (compiler/passes/jvp.ts)
  E2501: 'no tangent rule for a primitive',
  E2502: 'forward gradients need the loss as a mean of per-sample losses',
  // E26xx: numeric selection and coeffects (compiler/passes/numeric-select.ts, compiler/coeffects, report)
  E2601: 'unknown numeric format override',
  E2602: 'unknown target',
  E2603: 'learning tiles do not fit the grid',

  // --- E3xxx: target limits (targets/*, compiler/allocate) ---
  // E30xx: quire capability (compiler/passes/numeric-select.ts)
  E3001: 'quire unavailable on a requested target',
  // E31xx: WASM kernels (targets/wasm/limits.ts)
  E3101: 'the WASM module does not fit the 4 GiB linear memory',
  E3102: 'a dense layer is too large for the WASM kernels',
  E3103: 'no WASM kernels for that numeric format',
  // E32xx: tile allocation (compiler/allocate)
  E3201: 'learning_tiles does not fit the grid',
  E3202: 'learning tiles requested for a model that does not learn',
  E3203: 'the learn mode needs learning tiles',
  E3204: 'a compute tile of the plan overflows its L1',
  E3205: 'parameters do not fit the memory tiles and stream from DDR',
  E3206: 'DMA channel budget exceeded in the tile plan',
  E3207: 'buffer descriptor budget exceeded in the tile plan',
  E3208: 'a route of the tile plan breaks the column-local DMA rule',
  E3209: 'invalid tile allocation option',
  E3210: 'tile allocation needs a channels-last graph',
  E3211: 'FIFO buffers overflow a memory tile',
  // E33xx: tile-grid simulator (targets/xdna/sim)
  E3301: 'simulator deadlock: a cycle of FIFO waits',
  E3302: 'simulator starvation: a tile waits on a FIFO whose other side has finished',
  E3303: 'malformed simulator program',
  E3304: 'simulator route is not routable on the grid',
  E3305: 'tile memory overflow in the simulator program',
  E3306: 'DMA channel budget exceeded in the simulator program',
  E3307: 'buffer descriptor budget exceeded in the simulator program',
  E3308: 'simulator lock misuse: release of a buffer that is not held',
  E3309: 'no functional kernel registered under that name',
  E3310: 'the grid cost model has no rate for that format',
  E3311: 'simulation exceeded its event limit',
  // E34xx: WebGPU target (targets/webgpu)
  E3401: 'numeric format not supported by the WebGPU target',
  E3402: 'a WebGPU kernel binds more storage buffers than the device allows',
  E3403: 'a WebGPU buffer exceeds the device binding size limit',
  E3404: 'batch too large for one WebGPU dispatch',
  // E35xx: xdna lowering and `tilegate simulate` (targets/xdna/lower*.ts, simulate.ts)
  E3501: 'invalid simulate option',
  E3502: 'lowering the tile plan to a simulator program failed (internal error)',
  // E36xx: whole-model WASM target and difftest (targets/wasm/model*.ts, compiler/difftest*.ts)
  E3601: 'internal error: the emitted model module failed WASM validation',
  E3602: 'difftest: unknown or unsupported format',
  E3603: 'difftest: invalid option value',
  E3604: 'the WASM model module cannot grow its memory to this batch',

  // --- E4xxx: input files (runtime/io, cli/conform, grid JSON) ---
  E4001: 'cannot read input file',
  // E41xx: posit vector files (runtime/numerics/vector-file.ts, tilegate conform)
  E4101: 'vector line is not valid JSON',
  E4102: 'vector line is not a JSON object',
  E4103: 'missing or mistyped field in vector line',
  E4104: 'unknown vector op',
  E4105: 'malformed hex pattern in vector line',
  E4106: 'fdp operand arrays are empty, too long or of unequal length',
  E4107: 'cannot tell the number format of a vector file',
  E4108: 'unknown number format',
  E4109: 'too many errors in vector file',
  // E42xx: safetensors (runtime/io/safetensors.ts)
  E4201: 'safetensors file shorter than its 8-byte header length',
  E4202: 'safetensors header length runs past the end of the file',
  E4203: 'safetensors header length is absurdly large',
  E4204: 'safetensors header is not valid UTF-8',
  E4205: 'safetensors header is not valid JSON',
  E4206: 'safetensors header is not a JSON object',
  E4207: 'safetensors header has a duplicate key',
  E4208: 'malformed safetensors tensor entry',
  E4209: 'unknown safetensors dtype',
  E4210: 'safetensors dtype not supported by tilegate',
  E4211: 'invalid safetensors tensor shape',
  E4212: 'invalid safetensors data_offsets',
  E4213: 'safetensors data_offsets do not match shape and dtype',
  E4214: 'safetensors tensors overlap or leave a gap in the byte buffer',
  E4215: 'safetensors byte buffer length does not match the header',
  E4216: 'malformed safetensors __metadata__',
  E4217: 'tensor missing from safetensors file',
  E4218: 'tensor in safetensors file has the wrong shape',
  // E43xx: NumPy .npy (runtime/io/npy.ts)
  E4301: 'not a .npy file (bad magic)',
  E4302: 'unsupported .npy format version',
  E4303: 'truncated .npy file',
  E4304: '.npy header is not a valid Python dict literal',
  E4305: 'malformed .npy header fields',
  E4306: 'Fortran-ordered .npy arrays are not supported',
  E4307: 'unsupported .npy dtype',
  E4308: 'object or structured .npy arrays are not supported',
  E4309: '.npy array must be 2-D [batch, features]',
  E4310: '.npy data length does not match the header',
  E4311: 'invalid .npy shape',
  // E44xx: tile-grid descriptions (targets/xdna/grid*.ts)
  E4401: 'cannot read grid file',
  E4402: 'grid file is not valid JSON',
  E4403: 'unknown grid preset',
  E4404: 'unknown key in grid description',
  E4405: 'wrong type in grid description',
  E4406: 'grid value out of range',
  E4407: 'missing key in grid description',
  E4408: 'duplicate key in grid description',
  E4409: 'inconsistent grid description',
  // E45xx: running a model (runtime/interpreter, runtime/params.ts, tilegate run/init)
  E4501: 'missing model input',
  E4502: 'model input has the wrong shape',
  E4503: 'invalid class label',
  E4504: 'missing parameter',
  E4505: 'parameter has the wrong shape',
  E4506: 'non-finite value in inputs or parameters',
  E4507: 'unknown run target',
  E4508: 'run target not available',
  E4509: 'unknown numeric format for --format',
  E4510: 'run target failed',
  E4511: 'invalid command-line value',
  // E47xx: learning while serving (runtime/learn, runtime/data, compiler/adapt.ts, tilegate adapt)
  E4701: 'unknown dataset or drift for --data',
  E4702: 'drift strength out of range',
  E4703: 'dataset directory lacks x.npy or t.npy',
  E4704: 'dataset does not fit the model',
  E4705: 'a learning or serving thread failed',
  E4706: 'invalid class labels in t.npy',
  E4707: 'model cannot be adapted (needs one input, one label and a loss)',
  E4708: 'invalid adapt option',
  E4709: 'unsupported dtype for class labels',
  E4710: 'drift needs 28x28 images',

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
