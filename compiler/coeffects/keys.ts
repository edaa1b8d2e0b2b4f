// Side-table keys and value types of the coeffect analyses (DESIGN section 5, spec/coeffects.md).
// numeric-select fills QUIRE (beside FORMAT from ir/tables.ts); the coeffects pass fills ESCAPE,
// ROLE and MEMORY. Every table is keyed by node id; graph-level facts (tape, tile memory,
// verdicts) are derived from these tables on demand by compiler/coeffects/summary.ts.
import { tableKey } from '../../ir/tables.ts';

/** The targets a quire capability is stated for. */
export const TARGET_NAMES = ['wasm', 'webgpu', 'xdna'] as const;
/** One target. */
export type TargetName = (typeof TARGET_NAMES)[number];

/**
 * Where a value lives relative to one step: `StackScoped` dies within the step (tile L1, no
 * heap), `ReturnEscape` leaves the step (outputs, gradient estimates), `Persistent` outlives
 * every step (parameters, versioned by snapshots).
 */
export type EscapeClass = 'StackScoped' | 'ReturnEscape' | 'Persistent';

/** How a target provides the quire of a format. */
export type QuireCapability = 'native' | 'emulated' | 'unavailable';

/** The quire of one exact accumulation (a Dense, Combine or Mean value in a posit format). */
export interface QuireFact {
  /** Quire width in bits (16n for posit<n,2>; 832/896 for bposit16/bposit32). */
  readonly bits: number;
  /** Accumulation length k: products plus addends summed before the one rounding. */
  readonly terms: number;
  /** Terms that are products of two format values (worst case maxpos^2 each). */
  readonly products: number;
  /** Terms that are single format values (a bias, a Mean term; worst case maxpos each). */
  readonly addends: number;
  /**
   * Headroom in guard bits: floor(log2(capacity / worst-case sum)), the number of times the
   * worst-case sum could still double without overflowing the quire. Negative means the
   * worst case overflows (the quire becomes NaR).
   */
  readonly guardBits: number;
  /** How each target provides this quire. */
  readonly capability: Readonly<Record<TargetName, QuireCapability>>;
  /** The tangent's accumulation on the learning tiles (its own quire of the same width), when the value carries a tangent. */
  readonly tangent?: QuireSum;
}

/** The size of one exact sum: its terms and its headroom (see QuireFact). */
export interface QuireSum {
  readonly terms: number;
  readonly products: number;
  readonly addends: number;
  readonly guardBits: number;
}

/**
 * Which part of the tile plan computes a value: serving tiles (`inference`), learning tiles
 * (`forward-gradient`), the CPU-side optimizer (`host-optimizer`) or memory tiles (`memory`).
 */
export type TileRole = 'inference' | 'forward-gradient' | 'host-optimizer' | 'memory';

/** The role of one value; `mirrored`: the learning tiles recompute it as a primal of the JVP. */
export interface RoleFact {
  readonly role: TileRole;
  readonly mirrored: boolean;
}

/** Where a value's bytes sit: its own buffer, a view of another (Reshape), or host memory (Output). */
export type Storage = 'buffer' | 'view' | 'host';

/** Size of one value at the learn batch (spec/coeffects.md section 5). */
export interface MemoryFact {
  /** Elements, the batch dim counted as learn.batch (1 without a learn block). */
  readonly elements: number;
  readonly bytesPerElement: number;
  /** elements * bytesPerElement. */
  readonly bytes: number;
  readonly storage: Storage;
  /** True when forward-gradient learning carries a tangent of this value (same size). */
  readonly tangent: boolean;
}

/** Quire of every quire-category value in a posit format (absent: no quire). Set by numeric-select. */
export const QUIRE = tableKey<QuireFact>('quire');
/** Escape class of every value. Set by the coeffects pass. */
export const ESCAPE = tableKey<EscapeClass>('escape');
/** Tile role of every value. Set by the coeffects pass. */
export const ROLE = tableKey<RoleFact>('role');
/** Size and storage of every value. Set by the coeffects pass. */
export const MEMORY = tableKey<MemoryFact>('memory');
