// Resolves and validates what the allocator is asked to do: the numeric format, batch, weight
// streaming, and the learning-tile count (an option overrides the model's `target xdna {
// learning_tiles }`, which overrides the default). Problems are E32xx diagnostics, never throws.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { DiagCode } from '../../ir/diagnostic-codes.ts';
import type { Graph } from '../../ir/graph.ts';
import { NUMERIC_FORMATS, type NumericFormat } from '../../ir/meta.ts';
import type { GridDesc } from '../../targets/xdna/grid.ts';
import type { PlanConfig } from './build.ts';
import type { SplitSource, StreamWeights } from './plan.ts';
import { computeTileCount, defaultLearningTiles } from './split.ts';

/** Options of `allocate`. */
export interface AllocateOptions {
  /** Overrides the model's `learning_tiles` (the CLI's --learning-tiles). */
  readonly learningTiles?: number;
  readonly format: NumericFormat;
  /** Samples per step: activations are `[batch, channels]`. */
  readonly batch: number;
  /** `auto` (default): stream only the weights that do not fit L1. */
  readonly streamWeights?: StreamWeights;
}

/** The largest batch the allocator plans for. */
export const MAX_BATCH = 65536;
const STREAM_MODES: readonly StreamWeights[] = ['auto', 'always', 'never'];

function diag(code: DiagCode, severity: Diagnostic['severity'], message: string, hint: string): Diagnostic {
  return { code, severity, message, hint };
}

function learningTilesOf(graph: Graph, grid: GridDesc, opts: AllocateOptions): { value: unknown; from: SplitSource } {
  if (opts.learningTiles !== undefined) return { value: opts.learningTiles, from: 'option' };
  const fromModel = graph.meta.targets.find((t) => t.name === 'xdna')?.options['learning_tiles'];
  if (fromModel !== undefined) return { value: fromModel, from: 'model' };
  return { value: defaultLearningTiles(grid, graph.meta.learn.mode !== 'none'), from: 'default' };
}

/** Validates the options; undefined (with errors in `out`) when no plan can be built. */
export function resolveConfig(graph: Graph, grid: GridDesc, opts: AllocateOptions, out: Diagnostic[]): PlanConfig | undefined {
  const before = out.length;
  if (graph.form !== 'channels-last') out.push(diag('E3210', 'error', `graph '${graph.meta.name}' is in ${graph.form} form`, 'run the layout pass first (compileToIR does)'));
  if (!(NUMERIC_FORMATS as readonly string[]).includes(opts.format)) out.push(diag('E3209', 'error', `unknown numeric format '${String(opts.format)}'`, `formats: ${NUMERIC_FORMATS.join(', ')}`));
  if (!Number.isSafeInteger(opts.batch) || opts.batch < 1 || opts.batch > MAX_BATCH) out.push(diag('E3209', 'error', `batch ${String(opts.batch)} is not a whole number from 1 to ${MAX_BATCH}`, 'the batch is the leading dimension of every activation'));
  const streamWeights = opts.streamWeights ?? 'auto';
  if (!STREAM_MODES.includes(streamWeights)) out.push(diag('E3209', 'error', `unknown weight streaming mode '${String(streamWeights)}'`, `modes: ${STREAM_MODES.join(', ')}`));
  const tiles = computeTileCount(grid);
  const learning = graph.meta.learn.mode !== 'none';
  const { value, from } = learningTilesOf(graph, grid, opts);
  const what = from === 'option' ? '--learning-tiles' : 'learning_tiles';
  const range = learning ? `1 to ${tiles - 1}` : '0';
  let learningTiles = 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    out.push(diag('E3201', 'error', `${what} ${String(value)} is not a whole number of tiles`, `use ${range} on ${grid.name}`));
  } else if (!learning) {
    if (value > 0) out.push(diag('E3202', 'warning', `${what} ${value} is ignored: learn mode none learns nothing, so all ${tiles} compute tiles serve inference`, 'drop learning_tiles, or add a learn block'));
  } else if (value >= tiles) {
    out.push(diag('E3201', 'error', `${what} ${value} does not fit ${grid.name}: it has ${tiles} compute tiles and at least one must serve inference`, tiles > 1 ? `use ${range}` : `${grid.name} has a single compute tile; learning needs a grid with two or more`));
  } else if (value === 0) {
    out.push(diag('E3203', 'error', `learn mode ${graph.meta.learn.mode} needs learning tiles; ${what} is 0`, `use ${range} (the default is ${defaultLearningTiles(grid, true)}), or learn mode none`));
  } else learningTiles = value;
  if (out.slice(before).some((d) => d.severity === 'error')) return undefined;
  return { learningTiles, learningTilesFrom: from, format: opts.format, batch: opts.batch, streamWeights };
}
