// Messages and shared-memory layout between the threads of learning while serving: the main
// thread, one learner and N servers (learn-while-serve.ts spawns them; worker-main.ts runs
// them). Everything here is structured-cloneable; bulk data (the stream, the snapshots) lives
// in SharedArrayBuffers so no thread copies it.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import type { LearnMode, NumericFormat } from '../../ir/meta.ts';
import type { SharedSnapshotStore } from './snapshot-store.ts';

/** The stream every thread reads: x [n, features] and class ids t [n], both f64. */
export interface SharedStream {
  readonly x: SharedArrayBuffer;
  readonly t: SharedArrayBuffer;
  readonly n: number;
  readonly features: number;
}

/** Int32 words of the coordination buffer; request i's done flag is word FLAGS + i. */
export const COORD = { NEXT_REQUEST: 0, STEPS_DONE: 1, REQUESTS_DONE: 2, ABORT: 3, FLAGS: 4 } as const;

/** Settings every role shares. */
interface RoleBase {
  readonly graph: Graph;
  readonly store: SharedSnapshotStore;
  readonly stream: SharedStream;
  /** Coordination words (COORD), shared by every thread of one run. */
  readonly coord: SharedArrayBuffer;
  readonly format: NumericFormat;
  /** Samples per served request. */
  readonly requestSize: number;
  readonly requests: number;
  /** Samples per learning step. */
  readonly batch: number;
  /** Couple serving and learning: servers stay within `lookahead` samples of the learner, which learns only from served samples. */
  readonly pace: boolean;
  readonly lookahead: number;
}

/** The learner: forward-gradient steps on a training copy, publishing every `syncEvery` steps. */
export interface LearnerRole extends RoleBase {
  readonly role: 'learner';
  readonly mode: LearnMode;
  readonly perturbations: number;
  readonly seed: number;
  readonly lr: number;
  readonly syncEvery: number;
  readonly steps: number;
}

/** A server: claims requests in stream order, serves each from the newest snapshot. */
export interface ServerRole extends RoleBase {
  readonly role: 'server';
  readonly id: number;
  /** Recompute each leased snapshot's checksum (torn-read detection). */
  readonly verify: boolean;
}

/** Store stress roles (tests, bench): a writer publishing patterned snapshots, readers checking them. */
export interface ProbeRole {
  readonly role: 'probe-writer' | 'probe-reader';
  readonly store: SharedSnapshotStore;
  /** Writer: publications; reader: leases to take at least. */
  readonly count: number;
  /** Reader: also keep reading until this version is seen (so reads overlap the writer's run). */
  readonly until?: number;
  /** One Int32 word: readers add 1 after their first lease; the writer starts once all `readers` have. */
  readonly ready?: SharedArrayBuffer;
  readonly readers?: number;
}

/** Any role a worker can run. */
export type WorkerRole = LearnerRole | ServerRole | ProbeRole;

/** A message from the learner. */
export type LearnerMessage =
  | { readonly kind: 'step'; readonly step: number; readonly loss: number; readonly activationRatio: number; readonly inactiveRatio: number; readonly perturbedElements: number }
  | { readonly kind: 'published'; readonly version: number; readonly step: number; readonly checksum: number; readonly data: Float64Array }
  | { readonly kind: 'done' }
  | { readonly kind: 'error'; readonly diagnostics: Diagnostic[] };

/** One served request: what was computed, with which snapshot. */
export interface ServedRecord {
  readonly server: number;
  readonly request: number;
  /** First stream index of the request, and its sample count. */
  readonly start: number;
  readonly count: number;
  readonly version: number;
  readonly step: number;
  readonly checksum: number;
  /** The leased snapshot's bytes matched its checksum (always true unless a read was torn). */
  readonly intact: boolean;
  /** The first prediction output, [count, classes] row-major, exact f64. */
  readonly outputs: Float64Array;
  /** Milliseconds from pinning the snapshot to having the output (waiting for the learner excluded). */
  readonly ms: number;
}

/** A message from a server. */
export type ServerMessage = ({ readonly kind: 'served' } & ServedRecord) | { readonly kind: 'done' } | { readonly kind: 'error'; readonly diagnostics: Diagnostic[] };

/** A probe's summary. */
export interface ProbeReport {
  readonly kind: 'probe';
  readonly reads: number;
  /** Leases whose elements did not all equal the version, or whose checksum failed. */
  readonly torn: number;
  /** Leases older than the one before them. */
  readonly backwards: number;
  readonly versions: number[];
}

/** The model's single Input and Label and its first prediction output (adapt needs exactly that shape of model). */
export function ioNames(graph: Graph): { input?: string; label?: string; output?: string } {
  const input = graph.nodes.find((n) => n.kind === 'Input');
  const label = graph.nodes.find((n) => n.kind === 'Label');
  const output = graph.nodes.find((n) => n.kind === 'Output' && n.role === 'prediction');
  return {
    ...(input?.kind === 'Input' ? { input: input.name } : {}),
    ...(label?.kind === 'Label' ? { label: label.name } : {}),
    ...(output?.kind === 'Output' ? { output: output.name } : {}),
  };
}
