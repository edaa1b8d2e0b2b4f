// The coeffect report as plain data: one row per IR value plus the tape, per-tile memory and
// verdicts. This object is exactly what `tilegate report --json` prints; its shape is fixed by
// spec/report.schema.json (bump REPORT_SCHEMA_VERSION on any incompatible change).
import type { SourceFile } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import type { Node } from '../../ir/nodes.ts';
import { FORMAT, type TableStore } from '../../ir/tables.ts';
import type { Dim } from '../../ir/types.ts';
import { ESCAPE, MEMORY, QUIRE, ROLE, type EscapeClass, type QuireCapability, type Storage, type TargetName, type TileRole } from './keys.ts';
import type { CoeffectSummary } from './summary.ts';
import type { TapeEntry } from './tape.ts';
import type { MemoryMethod } from './tile-estimate.ts';
import type { Verdict } from './verdicts.ts';

/** Version of the JSON shape. */
export const REPORT_SCHEMA_VERSION = 1;

/** The quire of one value: its sum, its tangent's sum on the learning tiles, capability per target. */
export interface ReportQuire {
  readonly bits: number;
  readonly terms: number;
  readonly guardBits: number;
  readonly capability: Readonly<Record<TargetName, QuireCapability>>;
  readonly tangent: { readonly terms: number; readonly guardBits: number } | null;
}

/** One IR value. */
export interface ReportValue {
  readonly id: number;
  /** Input/Label/Param/Output name, else the .dg binding, else null. */
  readonly name: string | null;
  /** Node kind. */
  readonly op: string;
  /** The distinguishing attribute: activation fn, gate mode; null otherwise. */
  readonly attr: string | null;
  readonly shape: readonly Dim[];
  readonly format: NumericFormat | null;
  readonly escape: EscapeClass;
  readonly quire: ReportQuire | null;
  readonly role: TileRole;
  /** True when the learning tiles also compute this value (as a JVP primal). */
  readonly mirrored: boolean;
  readonly bytes: number;
  /** Bytes of its tangent during forward-gradient learning (0 when it carries none). */
  readonly tangentBytes: number;
  readonly storage: Storage;
  readonly span: { readonly line: number; readonly column: number } | null;
}

/** One group of tiles in the memory plan. */
export interface ReportTileGroup {
  readonly role: TileRole;
  readonly tiles: number;
  readonly weights: number;
  readonly activations: number;
  readonly tangents: number;
  readonly quire: number;
  readonly stack: number;
  readonly total: number;
  readonly capacity: number | null;
  readonly streamedTotal: number;
}

/** The whole report. */
export interface CoeffectReport {
  readonly schemaVersion: number;
  readonly model: string;
  readonly file: string;
  /** The format values are computed in (after any override). */
  readonly format: NumericFormat;
  readonly declared: { readonly format: NumericFormat; readonly quire: boolean };
  readonly learn: { readonly mode: string; readonly batch: number };
  readonly targets: readonly TargetName[];
  readonly values: readonly ReportValue[];
  readonly tape: { readonly forwardBytes: number; readonly reverseBytes: number; readonly reverse: readonly TapeEntry[] };
  readonly memory: {
    readonly method: MemoryMethod;
    readonly grid: string;
    readonly computeTiles: number;
    readonly inferenceTiles: number;
    readonly learningTiles: number;
    readonly learningTilesFrom: string;
    readonly tiles: readonly ReportTileGroup[];
    /** Diagnostics of the tile allocator (E32xx), as `code: message`. */
    readonly issues: readonly { readonly code: string; readonly severity: 'error' | 'warning'; readonly message: string }[];
  };
  readonly verdicts: readonly Verdict[];
  readonly counts: { readonly pass: number; readonly fail: number; readonly unknown: number };
}

function nameOf(n: Node): string | null {
  if (n.kind === 'Input' || n.kind === 'Label' || n.kind === 'Param' || n.kind === 'Output') return n.name;
  return n.binding ?? null;
}

function attrOf(n: Node): string | null {
  if (n.kind === 'Activation') return n.fn;
  if (n.kind === 'Gate') return n.mode;
  return null;
}

function valueRow(n: Node, graph: Graph, tables: TableStore, source: SourceFile | undefined): ReportValue {
  const q = tables.require(QUIRE, graph).get(n.id);
  const mem = tables.require(MEMORY, graph).get(n.id);
  const role = tables.require(ROLE, graph).get(n.id);
  const escape = tables.require(ESCAPE, graph).get(n.id);
  if (!mem || !role || !escape) throw new Error(`coeffect tables miss %${n.id}`);
  return {
    id: n.id,
    name: nameOf(n),
    op: n.kind,
    attr: attrOf(n),
    shape: n.type.shape,
    format: tables.require(FORMAT, graph).get(n.id) ?? null,
    escape,
    quire: q ? { bits: q.bits, terms: q.terms, guardBits: q.guardBits, capability: q.capability, tangent: q.tangent ? { terms: q.tangent.terms, guardBits: q.tangent.guardBits } : null } : null,
    role: role.role,
    mirrored: role.mirrored,
    bytes: mem.bytes,
    tangentBytes: mem.tangent ? mem.bytes : 0,
    storage: mem.storage,
    span: n.span && source ? source.position(n.span.start) : null,
  };
}

/** Assembles the report from a graph whose coeffect tables are set. */
export function buildReport(graph: Graph, tables: TableStore, s: CoeffectSummary, file: string, source: SourceFile | undefined, format: NumericFormat): CoeffectReport {
  const b = s.memory.budget;
  const count = (st: Verdict['status']): number => s.verdicts.filter((v) => v.status === st).length;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    model: graph.meta.name,
    file,
    format,
    declared: { format: graph.meta.numeric.format, quire: graph.meta.numeric.quire },
    learn: { mode: graph.meta.learn.mode, batch: graph.meta.learn.batch },
    targets: s.targets,
    values: graph.nodes.map((n) => valueRow(n, graph, tables, source)),
    tape: s.tape,
    memory: {
      method: s.memory.method,
      grid: b.grid,
      computeTiles: b.computeTiles,
      inferenceTiles: b.inferenceTiles,
      learningTiles: b.learningTiles,
      learningTilesFrom: b.learningTilesFrom,
      tiles: s.memory.groups.map((g) => ({ role: g.role, tiles: g.tiles, ...g.perTile, capacity: g.capacity, streamedTotal: g.streamedTotal })),
      issues: s.memory.issues,
    },
    verdicts: s.verdicts,
    counts: { pass: count('pass'), fail: count('fail'), unknown: count('unknown') },
  };
}
