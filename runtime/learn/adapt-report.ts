// The result of an adapt run as stable JSON (`tilegate adapt --json`, spec/adapt.schema.json):
// settings, the paper's metrics before and after learning while serving, and the serving
// record (snapshot versions, per-version accuracy, replay check). Accuracies are percentages,
// Recovery and CleanDrop percentage points, Flip, AR and FLOPs~ fractions (paper, 6.4 and 7.1).
import type { LearnMode, NumericFormat } from '../../ir/meta.ts';
import type { DriftSpec } from '../data/drift.ts';

/** Version of the JSON layout; bumped on any incompatible change. */
export const ADAPT_SCHEMA_VERSION = 1;

/** The paper's letter for each learning mode. */
export const MODE_LETTER: Readonly<Record<LearnMode, 'A' | 'B' | 'C' | 'D'>> = { none: 'A', theta_only: 'B', w_inactive_only: 'C', theta_and_w_inactive: 'D' };

/** The paper's metrics. Adaptation fields are null when the run was skipped. */
export interface AdaptMetrics {
  /** Accuracy on the clean test split before adaptation (%). */
  readonly cleanAcc: number;
  /** Accuracy on the drifted test split before adaptation (%), the paper's DriftBefore. */
  readonly driftAcc: number;
  /** Accuracy on the drifted test split with the final snapshot (%). */
  readonly adaptAcc: number | null;
  /** AdaptAcc − DriftAcc (percentage points), as the paper defines Recovery. */
  readonly recovery: number | null;
  /** Recovery / (CleanAcc − DriftAcc): the share of the accuracy lost to drift won back. */
  readonly recoveryRatio: number | null;
  /** Accuracy on the clean test split with the final snapshot (%). */
  readonly cleanAccAfter: number | null;
  /** cleanAccAfter − cleanAcc (percentage points; negative is a drop, as in the paper's table). */
  readonly cleanDrop: number | null;
  /** Share of clean test samples whose predicted class changed through adaptation. */
  readonly flip: number | null;
  /** Share of routing decisions (gate units, experts) on the drifted test split that changed. */
  readonly routingFlip: number | null;
  /** Activation ratio on the drifted test split, before and after. */
  readonly arBefore: number;
  readonly ar: number | null;
  /** FLOPs~ as the paper defines it (7.1): compute proportional to AR, so AR of the final (or, skipped, the starting) snapshot. */
  readonly flops: number;
  /** Multiply-accumulates routing lets a kernel skip, relative to all units active, on the drifted test split (spec/adapt.md 5). */
  readonly macRatio: number;
  /** Accuracy of the outputs actually served over the stream (%). */
  readonly onlineAcc: number | null;
}

/** One snapshot as serving saw it. */
export interface VersionRecord {
  readonly version: number;
  readonly step: number;
  readonly checksum: string;
  /** Requests served with this version, and their accuracy (%; null when none). */
  readonly requests: number;
  readonly accuracy: number | null;
}

/** The whole report. */
export interface AdaptReport {
  readonly schemaVersion: number;
  readonly model: string;
  readonly status: 'ok' | 'skipped';
  /** Why the mode has nothing to update in this model (status skipped). */
  readonly skipReason: string | null;
  readonly data: {
    readonly source: string;
    readonly drift: DriftSpec | null;
    readonly features: number;
    readonly classes: number;
    readonly train: number;
    readonly cleanTest: number;
    readonly stream: number;
    readonly driftTest: number;
  };
  readonly format: NumericFormat;
  readonly mode: LearnMode;
  readonly modeLetter: 'A' | 'B' | 'C' | 'D';
  readonly learning: {
    readonly steps: number;
    readonly batch: number;
    readonly perturbations: number;
    readonly lr: number;
    readonly syncEvery: number;
    readonly tangentSeed: number;
    readonly servers: number;
    readonly requestSize: number;
    /** Parameter elements the mode may change (the paper's θ/W params column). */
    readonly updatableParams: number;
    readonly thetaParams: number;
    readonly wParams: number;
  };
  readonly pretrain: { readonly steps: number; readonly batch: number; readonly finalLoss: number } | null;
  readonly metrics: AdaptMetrics;
  readonly serving: {
    readonly requests: number;
    readonly versions: readonly VersionRecord[];
    /** Every leased snapshot matched its checksum. */
    readonly intact: boolean;
    /** Versions seen by each server never decreased. */
    readonly monotone: boolean;
    readonly replay: { readonly checked: number; readonly identical: number };
  };
  readonly timing: {
    readonly pretrainMs: number;
    readonly adaptMs: number;
    readonly totalMs: number;
    readonly stepsPerSecond: number;
    /** Median and 95th percentile of per-request serving time, snapshot pin to output (0 when nothing was served). */
    readonly serveP50Ms: number;
    readonly serveP95Ms: number;
  };
}

/** Percent with two decimals. */
export function pct(x: number): number {
  return Math.round(x * 10000) / 100;
}

/** A fraction with four decimals. */
export function frac(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** The q-quantile (0..1) of some numbers, nearest rank; 0 for none. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}
