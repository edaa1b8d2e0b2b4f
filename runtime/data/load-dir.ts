// `--data` for adapt: parses a data source (`synthetic:<drift>[:<strength>]` or a directory of
// .npy files) and builds the four splits of runtime/data/dataset.ts. A directory holds x.npy
// [N, F] (f32/f64) and t.npy [N] (class ids, float or integer), and optionally x_drift.npy and
// t_drift.npy with already drifted samples; without them a drift transform is applied to the
// held-out part of x. Split rules: spec/adapt.md 4. Every defect is a diagnostic.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../ir/diagnostics.ts';
import { readNpy } from '../io/npy.ts';
import { byteDiag } from '../io/binary-codec.ts';
import { DRIFT_DEFAULTS, DRIFT_KINDS, driftNeedsImage, pixelTransform, type DriftKind, type DriftSpec } from './drift.ts';
import { syntheticData, transformSamples, type AdaptData, type Samples } from './dataset.ts';
import { readLabelsNpy } from './npy-labels.ts';
import { SYNTH_FEATURES } from './synthetic.ts';

/** A parsed `--data` value. */
export type DataSource = { readonly kind: 'synthetic'; readonly drift: DriftSpec } | { readonly kind: 'dir'; readonly dir: string };

const err = (code: 'E4701' | 'E4702' | 'E4703' | 'E4704' | 'E4710', message: string, hint?: string): Diagnostic => ({ code, severity: 'error', message, ...(hint ? { hint } : {}) });

/** Parses a drift name with an optional strength (`rotate`, `rotate:30`). */
export function parseDrift(text: string): { drift?: DriftSpec; diagnostics: Diagnostic[] } {
  const [name = '', strength, ...rest] = text.split(':');
  if (!(DRIFT_KINDS as readonly string[]).includes(name) || rest.length > 0) {
    return { diagnostics: [err('E4701', `unknown drift '${text}'`, `drifts are ${DRIFT_KINDS.join(', ')}, optionally with a strength: rotate:30`)] };
  }
  const kind = name as DriftKind;
  const d = DRIFT_DEFAULTS[kind];
  if (strength === undefined) return { drift: { kind, strength: d.strength }, diagnostics: [] };
  const v = Number(strength);
  if (strength.trim() === '' || !Number.isFinite(v) || v < d.min || v > d.max) {
    return { diagnostics: [err('E4702', `drift strength '${strength}' for ${kind} is not a number in [${d.min}, ${d.max}]`, `${kind}'s strength is in ${d.unit}; default ${d.strength}`)] };
  }
  return { drift: { kind, strength: v }, diagnostics: [] };
}

/** Parses `--data`: `synthetic:<drift>[:<strength>]`, or else a directory path. */
export function parseDataSource(text: string): { source?: DataSource; diagnostics: Diagnostic[] } {
  if (text === 'synthetic') return { source: { kind: 'synthetic', drift: { kind: 'rotate', strength: DRIFT_DEFAULTS.rotate.strength } }, diagnostics: [] };
  if (text.startsWith('synthetic:')) {
    const r = parseDrift(text.slice('synthetic:'.length));
    return r.drift ? { source: { kind: 'synthetic', drift: r.drift }, diagnostics: [] } : { diagnostics: r.diagnostics };
  }
  return { source: { kind: 'dir', dir: text }, diagnostics: [] };
}

/** Split sizes wanted by the caller; directory data is capped by what the files hold. */
export interface SplitSizes {
  readonly seed: number;
  readonly train: number;
  readonly test: number;
  readonly stream: number;
}

/** Builds the splits for a parsed source (`drift` applies to directories without drift files). */
export function loadAdaptData(src: DataSource, sizes: SplitSizes, classes: number, drift?: DriftSpec): { data?: AdaptData; diagnostics: Diagnostic[] } {
  if (src.kind === 'synthetic') return { data: syntheticData({ seed: sizes.seed, drift: src.drift, train: sizes.train, test: sizes.test, stream: sizes.stream }), diagnostics: [] };
  return loadDir(src.dir, sizes, classes, drift ?? { kind: 'rotate', strength: DRIFT_DEFAULTS.rotate.strength });
}

/** Reads x/t (and optionally x_drift/t_drift) from a directory. */
function readPair(dir: string, stem: string, classes: number, required: boolean): { samples?: Samples; diagnostics: Diagnostic[] } {
  const xf = join(dir, `x${stem}.npy`);
  const tf = join(dir, `t${stem}.npy`);
  const xb = readBytes(xf);
  const tb = readBytes(tf);
  if (!xb || !tb) {
    if (!required && !xb && !tb) return { diagnostics: [] };
    const missing = [!xb ? xf : undefined, !tb ? tf : undefined].filter(Boolean).join(' and ');
    return { diagnostics: [err('E4703', `cannot read ${missing}`, `a data directory holds x${stem}.npy [N, features] and t${stem}.npy [N] class ids`)] };
  }
  const x = readNpy(xb, xf);
  const t = readLabelsNpy(tb, tf, classes);
  const diagnostics = [...x.diagnostics, ...t.diagnostics];
  if (!x.array || !t.labels) return { diagnostics };
  const [n, features] = x.array.shape;
  if (t.labels.length !== n) return { diagnostics: [byteDiag('E4706', tf, 0, `${t.labels.length} labels for ${n} samples in ${xf}`, 'x.npy and t.npy need one row and one label per sample')] };
  const bad = x.array.data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) return { diagnostics: [byteDiag('E4506', xf, 0, `element ${bad} (sample ${Math.floor(bad / (features || 1))}) is ${x.array.data[bad]}`, 'inputs must be finite numbers')] };
  if (n < 4) return { diagnostics: [byteDiag('E4704', xf, 0, `${n} samples are too few to split into training, test and stream data`, 'provide at least a few dozen samples')] };
  return { samples: { n, features, x: x.array.data, t: t.labels }, diagnostics: [] };
}

function readBytes(file: string): Uint8Array | undefined {
  try {
    return statSync(file).isFile() ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/** Samples [from, to) of a split. */
function range(s: Samples, from: number, to: number): Samples {
  return { n: to - from, features: s.features, x: s.x.subarray(from * s.features, to * s.features), t: s.t.subarray(from, to) };
}

function loadDir(dir: string, sizes: SplitSizes, classes: number, drift: DriftSpec): { data?: AdaptData; diagnostics: Diagnostic[] } {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) return { diagnostics: [err('E4701', `'${dir}' is neither synthetic:<drift> nor a directory`, `use synthetic:${DRIFT_KINDS.join('|synthetic:')}, or a directory with x.npy and t.npy`)] };
  const clean = readPair(dir, '', classes, true);
  if (!clean.samples) return { diagnostics: clean.diagnostics };
  const drifted = readPair(dir, '_drift', classes, false);
  if (drifted.diagnostics.length > 0) return { diagnostics: drifted.diagnostics };
  const c = clean.samples;
  const base = { source: dir, features: c.features, classes, driftAt: 0 };
  if (drifted.samples) {
    const d = drifted.samples;
    if (d.features !== c.features) return { diagnostics: [err('E4704', `x_drift.npy has ${d.features} features, x.npy ${c.features}`, 'both files hold samples of the same model input')] };
    const cleanTest = Math.min(sizes.test, Math.floor(c.n / 5));
    const driftTest = Math.min(sizes.test, Math.floor(d.n / 3));
    return { data: { ...base, drift: null, train: range(c, 0, c.n - cleanTest), cleanTest: range(c, c.n - cleanTest, c.n), stream: range(d, 0, d.n - driftTest), driftTest: range(d, d.n - driftTest, d.n) }, diagnostics: [] };
  }
  if (driftNeedsImage(drift.kind) && c.features !== SYNTH_FEATURES) {
    return { diagnostics: [err('E4710', `drift '${drift.kind}' transforms 28x28 images, but x.npy has ${c.features} features`, 'use --drift permute or contrast, or provide x_drift.npy and t_drift.npy')] };
  }
  if (drift.kind === 'mixture') return { diagnostics: [err('E4701', "drift 'mixture' draws new class styles and exists only for synthetic data", 'use another --drift, or provide x_drift.npy and t_drift.npy')] };
  // 60% training, 10% clean test, 20% stream, 10% drifted test (tests capped by --test-size).
  const test = Math.max(1, Math.min(sizes.test, Math.floor(c.n / 10)));
  const trainEnd = Math.floor(c.n * 0.6);
  const streamEnd = c.n - test;
  const f = pixelTransform(drift, c.features, sizes.seed);
  return {
    data: {
      ...base,
      drift,
      train: range(c, 0, trainEnd),
      cleanTest: range(c, trainEnd, trainEnd + test),
      stream: transformSamples(range(c, trainEnd + test, streamEnd), f),
      driftTest: transformSamples(range(c, streamEnd, c.n), f),
    },
    diagnostics: [],
  };
}
