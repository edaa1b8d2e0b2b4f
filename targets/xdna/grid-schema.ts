// The one table of grid-description fields: type, range and meaning of every key of GridDesc.
// The grid JSON loader validates against it, and spec/grid.schema.json (JSON Schema draft
// 2020-12) is generated from it (a test keeps the file in sync). The mapped type makes the
// compiler refuse a GridDesc key that the table forgets.
import { ARITH_FORMATS, QUIRE_FORMATS, type GridDesc } from './grid.ts';

/** A numeric leaf: integer or real, within [min, max] (min exclusive when `exclusiveMin`). */
export interface NumberSpec {
  readonly kind: 'int' | 'number';
  readonly doc: string;
  readonly min: number;
  readonly max: number;
  readonly exclusiveMin?: boolean;
}

/** A string leaf matching `pattern`. */
export interface StringSpec {
  readonly kind: 'string';
  readonly doc: string;
  readonly pattern: string;
}

/** A nested object of fields. */
export interface GroupSpec<T> {
  readonly kind: 'group';
  readonly doc: string;
  readonly fields: SpecOf<T>;
}

/** Field specs for every key of T, by the key's value type. */
export type SpecOf<T> = {
  readonly [K in keyof T]-?: T[K] extends number ? NumberSpec : T[K] extends string ? StringSpec : GroupSpec<T[K]>;
};

/** The untyped view of a spec node that generic walkers use. */
export type AnySpec = NumberSpec | StringSpec | { readonly kind: 'group'; readonly doc: string; readonly fields: Readonly<Record<string, AnySpec>> };

const MIB = 1024 * 1024;
const count = (doc: string, max: number): NumberSpec => ({ kind: 'int', doc, min: 1, max });
const bytes = (doc: string, max: number): NumberSpec => ({ kind: 'int', doc, min: 1, max });
const cycles = (doc: string): NumberSpec => ({ kind: 'number', doc, min: 0, max: 1e6, exclusiveMin: true });
const cyclesOrZero = (doc: string): NumberSpec => ({ kind: 'number', doc, min: 0, max: 1e9 });
const rate = (doc: string): NumberSpec => ({ kind: 'number', doc, min: 0, max: 1e6, exclusiveMin: true });

/** One spec per format name, documented with a shared phrase. */
function perFormat<F extends string>(formats: readonly F[], make: (doc: string) => NumberSpec, what: string): GroupSpec<Record<F, number>> {
  const fields = Object.fromEntries(formats.map((f) => [f, make(`${what} in ${f}`)])) as SpecOf<Record<F, number>>;
  return { kind: 'group', doc: what, fields };
}

/** Every field of a grid description. Ranges reject absurd values (e.g. more than 64 x 64 tiles). */
export const GRID_SPEC: SpecOf<GridDesc> = {
  name: { kind: 'string', doc: 'name of the grid (reports, SVG titles)', pattern: '^[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}$' },
  clockGHz: { kind: 'number', doc: 'core clock in GHz', min: 0, max: 10, exclusiveMin: true },
  cols: count('usable columns (tile coordinates count these from 0)', 64),
  physicalCols: count('physical columns of the device (>= cols)', 64),
  computeRows: count('compute rows per column (rows 2 .. 1 + computeRows)', 64),
  computeTile: {
    kind: 'group',
    doc: 'resources of one compute tile',
    fields: {
      dataBytes: bytes('L1 data memory in bytes, stack included', 16 * MIB),
      stackBytes: { kind: 'int', doc: 'bytes of dataBytes reserved for the stack (< dataBytes)', min: 0, max: 16 * MIB },
      programBytes: bytes('program memory in bytes', 16 * MIB),
      dmaIn: count('DMA input channels', 64),
      dmaOut: count('DMA output channels', 64),
      bufferDescriptors: count('DMA buffer descriptors', 1024),
      macsPerCycle: {
        kind: 'group',
        doc: 'native vector MACs per cycle',
        fields: { int8: count('int8 MACs per cycle', 1_000_000), bf16: count('bf16 MACs per cycle', 1_000_000) },
      },
    },
  },
  memTile: {
    kind: 'group',
    doc: 'resources of the memory tile of each column (row 1)',
    fields: {
      dataBytes: bytes('memory in bytes', 256 * MIB),
      dmaIn: count('DMA input channels', 64),
      dmaOut: count('DMA output channels', 64),
      bufferDescriptors: count('DMA buffer descriptors', 1024),
    },
  },
  shimTile: {
    kind: 'group',
    doc: 'resources of the shim tile of each column (row 0, the DDR interface)',
    fields: {
      dmaIn: count('DMA channels from DDR into the array', 64),
      dmaOut: count('DMA channels from the array to DDR', 64),
      bufferDescriptors: count('DMA buffer descriptors', 1024),
    },
  },
  arith: {
    kind: 'group',
    doc: 'cost model of arithmetic without hardware support, in core cycles',
    fields: {
      kernelOverheadCycles: cyclesOrZero('fixed cycles per kernel invocation'),
      cyclesPerMac: perFormat(ARITH_FORMATS, cycles, 'cycles per multiply-accumulate (decode and product; quire add excluded)'),
      quireAccumulateCycles: perFormat(QUIRE_FORMATS, cycles, 'cycles to add one exact product into the quire'),
      quireRoundCycles: perFormat(QUIRE_FORMATS, cycles, 'cycles to round the quire once per dot product'),
      cyclesPerOp: perFormat(ARITH_FORMATS, cycles, 'cycles per element-wise operation'),
    },
  },
  dma: {
    kind: 'group',
    doc: 'DMA and stream rates per channel (bytes per core cycle) and latencies',
    fields: {
      tileToTileBytesPerCycle: rate('compute tile to an adjacent compute tile of its column'),
      tileToMemTileBytesPerCycle: rate("compute tile to or from its column's memory tile"),
      memTileToMemTileBytesPerCycle: rate("memory tile to or from a neighbouring column's memory tile"),
      shimToMemTileBytesPerCycle: rate("shim tile to or from its column's memory tile"),
      shimToDdrBytesPerCycle: rate('shim tile to or from DDR'),
      streamHopLatencyCycles: cyclesOrZero('latency of one stream-switch hop'),
      dmaSetupCycles: cyclesOrZero('fixed cycles to start a transfer'),
    },
  },
};

/** A group node of the untyped view. */
export type GroupNode = Extract<AnySpec, { kind: 'group' }>;

/** The spec tree as a plain group, for walkers. */
export const GRID_ROOT: GroupNode = { kind: 'group', doc: 'grid description', fields: GRID_SPEC as unknown as Record<string, AnySpec> };

/** Keys a grid JSON file may have beside the GridDesc fields. */
export const FILE_ONLY_KEYS = ['$schema', 'base'] as const;

/** Dotted paths of every leaf of the spec (e.g. `computeTile.dataBytes`). */
export function leafPaths(spec: AnySpec = GRID_ROOT, prefix = ''): string[] {
  if (spec.kind !== 'group') return [prefix];
  return Object.entries(spec.fields).flatMap(([k, s]) => leafPaths(s, prefix === '' ? k : `${prefix}.${k}`));
}

/** Dotted paths of every key, groups included (e.g. `computeTile`, `computeTile.macsPerCycle.int8`). */
export function keyPaths(spec: AnySpec = GRID_ROOT, prefix = ''): string[] {
  if (spec.kind !== 'group') return [];
  return Object.entries(spec.fields).flatMap(([k, s]) => {
    const p = prefix === '' ? k : `${prefix}.${k}`;
    return [p, ...keyPaths(s, p)];
  });
}

/** JSON Schema of one spec node; `complete` adds `required` for every field. */
function schemaOf(spec: AnySpec, complete: boolean): Record<string, unknown> {
  switch (spec.kind) {
    case 'string':
      return { type: 'string', description: spec.doc, pattern: spec.pattern };
    case 'int':
    case 'number':
      return {
        type: spec.kind === 'int' ? 'integer' : 'number',
        description: spec.doc,
        ...(spec.exclusiveMin ? { exclusiveMinimum: spec.min } : { minimum: spec.min }),
        maximum: spec.max,
      };
    case 'group': {
      const properties = Object.fromEntries(Object.entries(spec.fields).map(([k, s]) => [k, schemaOf(s, complete)]));
      return {
        type: 'object',
        description: spec.doc,
        properties,
        additionalProperties: false,
        ...(complete ? { required: Object.keys(spec.fields) } : {}),
      };
    }
  }
}

/** The JSON Schema (draft 2020-12) of a grid file: with `base` every key is optional, without it all are required. */
export function gridJsonSchema(): Record<string, unknown> {
  const partial = schemaOf(GRID_ROOT, false);
  const complete = schemaOf(GRID_ROOT, true);
  const fileKeys = {
    $schema: { type: 'string', description: 'optional reference to this schema' },
    base: { enum: ['xdna1', 'xdna2'], description: 'preset to start from; the file then overrides any subset of numbers' },
  };
  const required = (complete['required'] as string[]).filter((k) => k !== 'name');
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:tilegate:schema:grid',
    title: 'tilegate tile-grid description',
    description: 'A custom XDNA-style grid for `tilegate simulate --grid <file>`. See spec/grid.md.',
    type: 'object',
    properties: { ...fileKeys, ...(partial['properties'] as object) },
    additionalProperties: false,
    if: { required: ['base'] },
    then: true,
    else: { required, properties: complete['properties'] },
  };
}
