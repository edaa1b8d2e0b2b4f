// What a node's kernel builder hands the program builder: the WGSL, the buffers bound at
// bindings 1.. (binding 0 is the Run uniform), and the dispatch as a function of the batch.
// `Binder` collects the bindings while a builder writes its WGSL, so names and slots never drift.
import type { Graph } from '../../ir/graph.ts';
import type { Node, NodeId } from '../../ir/nodes.ts';
import { featureSize } from '../../ir/types.ts';
import type { FormatOps, GpuFormat } from './formats.ts';
import type { HardThreshold } from './host-scalars.ts';
import type { RealOps } from './reals.ts';
import type { StorageVar } from './render.ts';

/** Workgroups along one dispatch axis: a constant, or ceil(batch / per). */
export type Extent = { readonly groups: number } | { readonly perBatch: number };

/** A kernel's dispatch grid. */
export interface Dispatch {
  readonly x: Extent;
  readonly y: Extent;
}

/** One storage binding: the WGSL variable and the program buffer behind it. */
export interface BoundVar extends StorageVar {
  readonly buffer: string;
}

/** A rendered kernel before the program names and orders it. */
export interface KernelDraft {
  readonly wgsl: string;
  readonly bindings: readonly BoundVar[];
  readonly dispatch: Dispatch;
  /** Sizes the kernel reads from Run.dims (map: [n]; rows: [row width]; affine: [in, out]). */
  readonly dims: readonly number[];
  /** The annealed gate whose step scalars go into this kernel's Run uniform. */
  readonly gate?: NodeId;
  /** For one of several variants of a node's kernel: its name and the smallest batch it serves. */
  readonly variant?: { readonly name: string; readonly minBatch: number };
}

/** Workgroups of an extent at a batch size. */
export function groupsOf(e: Extent, batch: number): number {
  return 'groups' in e ? e.groups : Math.ceil(batch / e.perBatch);
}

/** What kernel builders read: the graph, the format's snippets, and the buffer of each value. */
export interface KernelContext {
  readonly graph: Graph;
  readonly format: GpuFormat;
  readonly ops: FormatOps;
  readonly reals: RealOps;
  /** Lanes per workgroup of map and row kernels. */
  readonly lanes: number;
  /** Buffer holding a node's value (Reshape and Output resolve to their operand's). */
  value(id: NodeId): string;
  /** Buffer a tangent rule reads for a node's value: its relaxed routing value where it has one. */
  pathValue(id: NodeId): string;
  /** Buffer of a node's relaxed value, written by its forward kernel when tangents run. */
  relaxed(id: NodeId): string | undefined;
  /** Buffer of a node's tangent, or undefined when the tangent is identically zero. */
  tangent(id: NodeId): string | undefined;
  /** z-thresholds of hard gates (also anneal gates past their schedule). */
  threshold(gate: NodeId): HardThreshold;
}

/** Collects a kernel's storage bindings in slot order. */
export class Binder {
  private readonly vars: BoundVar[] = [];

  /** Binds a buffer under a WGSL name (storage element `elem`); returns the name. */
  bind(name: string, buffer: string, elem: 'f32' | 'u32', write = false): string {
    this.vars.push({ name, buffer, elem, write });
    return name;
  }

  /** The bindings so far. */
  get list(): readonly BoundVar[] {
    return this.vars;
  }
}

/** Channels per sample of a node's value (1 for [B] and scalars). */
export function width(n: Node): number {
  const s = n.type.shape;
  if (s.length <= 1) return 1;
  return featureSize(s);
}
