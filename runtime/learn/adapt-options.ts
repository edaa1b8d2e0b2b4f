// Options of an adapt run: defaults (from the model's learn block where it has one), checks
// (E4708 for a bad value, E4509 for an unknown format, E4707 for a model adapt cannot drive)
// and the resolved, fully explicit settings the run uses. spec/adapt.md 2 lists them.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import { LEARN_MODES, NUMERIC_FORMATS, type LearnMode, type NumericFormat } from '../../ir/meta.ts';
import { ioNames } from './protocol.ts';
import { PRETRAIN_DEFAULTS } from './pretrain.ts';

/** What a caller may set; everything is optional except the data source. */
export interface AdaptSettings {
  /** `synthetic:<drift>[:<strength>]` or a directory with x.npy and t.npy. */
  readonly data: string;
  /** Drift applied to a directory without x_drift.npy (default rotate). */
  readonly drift?: string;
  readonly mode?: string;
  /** Numeric format of serving and learning (default f32). */
  readonly format?: string;
  readonly steps?: number;
  readonly batch?: number;
  readonly syncEvery?: number;
  readonly lr?: number;
  readonly perturbations?: number;
  /** Seed of the data, the initial parameters and pre-training. */
  readonly seed?: number;
  /** Seed of the tangent generator (default: the model's `forward(seed: ...)`). */
  readonly tangentSeed?: number;
  /** Pre-training steps when no parameters are given (0: serve the initial parameters). */
  readonly pretrainSteps?: number;
  readonly trainSize?: number;
  readonly testSize?: number;
  readonly servers?: number;
  readonly requestSize?: number;
}

/** Settings with every default applied. */
export interface ResolvedSettings {
  readonly data: string;
  readonly drift?: string;
  readonly mode: LearnMode;
  readonly format: NumericFormat;
  readonly steps: number;
  readonly batch: number;
  readonly syncEvery: number;
  readonly lr: number;
  readonly perturbations: number;
  readonly seed: number;
  readonly tangentSeed: number;
  readonly pretrainSteps: number;
  readonly trainSize: number;
  readonly testSize: number;
  readonly servers: number;
  readonly requestSize: number;
  readonly input: string;
  readonly label: string;
  readonly output: string;
}

/** Defaults sized so the bundled examples adapt in well under a minute with the f32 interpreter. */
export const ADAPT_DEFAULTS = { format: 'f32', steps: 48, batch: 8, seed: 1, trainSize: 1500, testSize: 400, servers: 1, requestSize: 4 } as const;
/** Most server threads a run may start. */
export const MAX_SERVERS = 8;

const bad = (message: string, hint?: string): Diagnostic => ({ code: 'E4708', severity: 'error', message, ...(hint ? { hint } : {}) });

/** Checks an integer option in [min, max]. */
function intOpt(name: string, v: number | undefined, dflt: number, min: number, max: number, out: Diagnostic[]): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < min || v > max) out.push(bad(`--${name} must be an integer in [${min}, ${max}], not ${v}`));
  return v;
}

/** Applies defaults and checks every setting against the model. */
export function resolveSettings(graph: Graph, s: AdaptSettings): { settings?: ResolvedSettings; diagnostics: Diagnostic[] } {
  const d: Diagnostic[] = [];
  const inputs = graph.nodes.filter((n) => n.kind === 'Input').length;
  const labels = graph.nodes.filter((n) => n.kind === 'Label').length;
  const loss = graph.nodes.some((n) => n.kind === 'Output' && n.role === 'loss');
  const io = ioNames(graph);
  if (inputs !== 1 || labels !== 1 || !loss || !io.input || !io.label || !io.output) {
    return { diagnostics: [{ code: 'E4707', severity: 'error', message: `model '${graph.meta.name}' has ${inputs} inputs, ${labels} labels and ${loss ? 'a' : 'no'} loss; adapt needs exactly one input, one label and a loss`, hint: 'declare `input x : [784]`, `label t : class[10]` and `loss cross_entropy(y, t)`' }] };
  }
  const learn = graph.meta.learn;
  let mode: LearnMode = learn.mode;
  if (s.mode !== undefined) {
    const m = s.mode.replace(/^[ABCD]_/, '');
    if ((LEARN_MODES as readonly string[]).includes(m)) mode = m as LearnMode;
    else d.push(bad(`unknown learning mode '${s.mode}'`, `modes are ${LEARN_MODES.join(', ')} (the paper's A, B, C, D)`));
  }
  let format: NumericFormat = ADAPT_DEFAULTS.format;
  if (s.format !== undefined) {
    if ((NUMERIC_FORMATS as readonly string[]).includes(s.format)) format = s.format as NumericFormat;
    else d.push({ code: 'E4509', severity: 'error', message: `unknown numeric format '${s.format}'`, hint: `formats are ${NUMERIC_FORMATS.join(', ')}` });
  }
  const lr = s.lr ?? learn.lr;
  if (!Number.isFinite(lr) || lr <= 0 || lr > 100) d.push(bad(`--lr must be a positive number up to 100, not ${lr}`));
  const settings: ResolvedSettings = {
    data: s.data,
    ...(s.drift !== undefined ? { drift: s.drift } : {}),
    mode,
    format,
    lr,
    steps: intOpt('steps', s.steps, ADAPT_DEFAULTS.steps, 1, 1_000_000, d),
    batch: intOpt('batch', s.batch, learn.batch > 1 ? learn.batch : ADAPT_DEFAULTS.batch, 1, 4096, d),
    syncEvery: intOpt('sync-every', s.syncEvery, learn.syncEvery, 1, 1_000_000, d),
    perturbations: intOpt('perturbations', s.perturbations, learn.gradient.perturbations, 1, 1024, d),
    seed: intOpt('seed', s.seed, ADAPT_DEFAULTS.seed, 0, 2 ** 32 - 1, d),
    tangentSeed: intOpt('tangent-seed', s.tangentSeed, learn.gradient.seed, 0, Number.MAX_SAFE_INTEGER, d),
    pretrainSteps: intOpt('pretrain-steps', s.pretrainSteps, PRETRAIN_DEFAULTS.steps, 0, 1_000_000, d),
    // 60,000 samples of 784 f64 features are about 380 MB: the ceiling for one split in memory.
    trainSize: intOpt('train-size', s.trainSize, ADAPT_DEFAULTS.trainSize, 1, 60_000, d),
    testSize: intOpt('test-size', s.testSize, ADAPT_DEFAULTS.testSize, 1, 10_000, d),
    servers: intOpt('servers', s.servers, ADAPT_DEFAULTS.servers, 1, MAX_SERVERS, d),
    requestSize: intOpt('request-size', s.requestSize, ADAPT_DEFAULTS.requestSize, 1, 4096, d),
    input: io.input,
    label: io.label,
    output: io.output,
  };
  return d.length > 0 ? { diagnostics: d } : { settings, diagnostics: [] };
}
