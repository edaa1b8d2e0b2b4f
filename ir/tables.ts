// Side tables: analyses keyed by node id, stored beside a graph instead of in its nodes.
// A table is stamped with the graph it was computed for; the pass driver re-stamps it when a
// pass declares it preserved and drops it otherwise, so a stale analysis is never read.
// Well-known keys shared across the compiler are declared here; an area may declare its own.
import type { Graph } from './graph.ts';
import { IrError } from './graph.ts';
import type { NumericFormat } from './meta.ts';
import type { NodeId } from './nodes.ts';

/** A typed name for a side table. */
export interface TableKey<T> {
  readonly name: string;
  /** Phantom field carrying T; never set. */
  readonly __value?: T;
}

/** Makes a typed table key. */
export function tableKey<T>(name: string): TableKey<T> {
  return { name };
}

/** An analysis result: one entry per node id it covers. */
export type SideTable<T> = ReadonlyMap<NodeId, T>;

/**
 * Memory layout of a value (filled by the layout pass). Every buffer is row-major; `strides`
 * are in elements, one per dim, the batch stride being the feature count. `tileAxis` is the
 * axis that tiles partition into contiguous slices (-1: not partitioned).
 */
export interface ValueLayout {
  readonly strides: readonly number[];
  readonly tileAxis: number;
}

/** Layout of every value, set by compiler/passes/layout.ts. */
export const LAYOUT = tableKey<ValueLayout>('layout');

/** Numeric format of every real value, set by numeric selection (compiler/passes/numeric-select.ts). */
export const FORMAT = tableKey<NumericFormat>('format');

interface Entry {
  readonly graph: Graph;
  readonly table: SideTable<unknown>;
}

/** The side tables of one compilation. Stateful service owned by the pass context. */
export class TableStore {
  private readonly entries = new Map<string, Entry>();

  /** Stores a table computed for `graph`, replacing any older one of that name. */
  set<T>(key: TableKey<T>, graph: Graph, table: SideTable<T>): void {
    this.entries.set(key.name, { graph, table });
  }

  /** The table for exactly this graph, or undefined when absent or stale. */
  get<T>(key: TableKey<T>, graph: Graph): SideTable<T> | undefined {
    const e = this.entries.get(key.name);
    return e && e.graph === graph ? (e.table as SideTable<T>) : undefined;
  }

  /** The table for this graph; a missing one is a pass-ordering bug (IrError). */
  require<T>(key: TableKey<T>, graph: Graph): SideTable<T> {
    const t = this.get(key, graph);
    if (!t) throw new IrError(`side table '${key.name}' is not available for this graph`);
    return t;
  }

  /** Names of the tables valid for this graph, sorted. */
  namesFor(graph: Graph): string[] {
    return [...this.entries].filter(([, e]) => e.graph === graph).map(([n]) => n).sort();
  }

  /**
   * After a pass turned `from` into `to`: tables of `from` named in `preserves` (or all, for
   * `'*'`) now describe `to`; the rest are dropped. Tables already set for `to` are kept.
   */
  carry(from: Graph, to: Graph, preserves: readonly string[]): void {
    if (from === to) return;
    for (const [name, e] of [...this.entries]) {
      if (e.graph !== from) continue;
      if (preserves.includes('*') || preserves.includes(name)) this.entries.set(name, { graph: to, table: e.table });
      else this.entries.delete(name);
    }
  }
}
