// Types shared by the xdna lowering (lower*.ts) and the functional kernels (functional*.ts): the
// lowering options, the lowered program, and the kernel specs, plain data that name what each
// kernel of the simulator program computes. functional.ts turns every spec into a SimKernel.
import type { ChannelRange, PlanRole, TilePlan } from '../../compiler/allocate/plan.ts';
import type { Graph } from '../../ir/graph.ts';
import type { NodeId } from '../../ir/nodes.ts';
import type { GridDesc } from './grid.ts';
import type { GatherItem, RoleSchedule, ScheduledDelivery } from './lower-schedule.ts';
import type { SimProgram } from './sim/index.ts';

/** What to lower: how many items each stream runs, and whether the learning side runs at all. */
export interface LowerOptions {
  /** Inference items (each one batch of `plan.batch` samples). */
  readonly inferences: number;
  /** Forward-gradient steps (0 or no learning side: inference only). */
  readonly steps: number;
  /** Publish the training copy every this many steps (default: the model's sync_every). */
  readonly syncEvery?: number;
}

/** A whole value read from a held broadcast buffer: which FIFO and which held buffer. */
export interface DeliveredRef {
  readonly value: NodeId;
  readonly fifo: string;
  /** Index among the buffers of `fifo` the tile holds at that moment (oldest first). */
  readonly index: number;
  readonly tangent: boolean;
}

/** Where a gather block sits inside a buffer: tile indices in buffer order. */
export interface BlockOrder {
  readonly fifo: string;
  readonly tiles: readonly number[];
}

/** What one kernel of the lowered program computes. */
export type KernelSpec =
  | { readonly kind: 'sample'; readonly role: PlanRole; readonly fifo: string }
  | { readonly kind: 'stage'; readonly role: PlanRole; readonly fifo: string }
  | { readonly kind: 'deliver'; readonly role: PlanRole; readonly d: ScheduledDelivery; readonly fifo: string }
  | { readonly kind: 'feed'; readonly role: PlanRole; readonly tile: number; readonly node: NodeId; readonly rows: ChannelRange; readonly fifo: string }
  | {
      readonly kind: 'dense';
      readonly role: PlanRole;
      readonly tile: number;
      readonly node: NodeId;
      /** Rows per streamed chunk (the chunk loop counter picks the rows), or null when resident. */
      readonly chunk: number | null;
      readonly weights: string | null;
      readonly inputs: readonly DeliveredRef[];
    }
  | { readonly kind: 'op'; readonly role: PlanRole; readonly tile: number; readonly node: NodeId; readonly inputs: readonly DeliveredRef[] }
  | { readonly kind: 'block'; readonly role: PlanRole; readonly tile: number; readonly g: GatherItem; readonly fifo: string }
  | { readonly kind: 'assemble'; readonly role: PlanRole; readonly g: GatherItem; readonly parts: readonly BlockOrder[] }
  | { readonly kind: 'outputs'; readonly role: PlanRole; readonly fifo: string }
  | { readonly kind: 'record'; readonly fifo: string }
  | { readonly kind: 'accumulate'; readonly fifo: string }
  | { readonly kind: 'update' }
  | { readonly kind: 'publish' };

/** The lowering's result: the program, its kernels' specs, and the schedules behind them. */
export interface Lowered {
  readonly program: SimProgram;
  readonly kernels: ReadonlyMap<string, KernelSpec>;
  readonly roles: readonly RoleSchedule[];
  readonly graph: Graph;
  readonly plan: TilePlan;
  readonly grid: GridDesc;
  readonly inferences: number;
  readonly steps: number;
  readonly syncEvery: number;
}
