// Checks of the model-level declarations: `numeric`, `learn { ... }` and `target NAME { ... }`.
// Each is normalised into ir/meta.ts form with defaults filled in. Accepted keys live in the
// tables below; adding a target option means adding one row.
import type { DiagnosticBag } from '../../ir/diagnostics.ts';
import {
  DEFAULT_LEARN,
  isPositFormat,
  LEARN_MODES,
  NUMERIC_FORMATS,
  type ForwardGradient,
  type LearnConfig,
  type NumericDecl,
  type NumericFormat,
  type OptionValue,
  type TargetDecl,
} from '../../ir/meta.ts';
import type { Entry, Expr, Item } from '../syntax/ast.ts';
import { didYouMean } from '../syntax/suggest.ts';
import { bindArgs, readChoice, readInt, readNumber } from './args.ts';

/** Checks `numeric FORMAT [quire]`. */
export function checkNumeric(bag: DiagnosticBag, item: Extract<Item, { kind: 'NumericDecl' }>): NumericDecl | undefined {
  const f = item.format.name;
  if (!(NUMERIC_FORMATS as readonly string[]).includes(f)) {
    bag.error('E1014', `unknown numeric format '${f}'`, item.format.span, didYouMean(f, NUMERIC_FORMATS) ?? `expected one of ${NUMERIC_FORMATS.join(' | ')}`);
    return undefined;
  }
  const format = f as NumericFormat;
  if (item.quire && !isPositFormat(format)) {
    bag.error('E1021', `${format} has no quire`, item.span, `remove 'quire', or use a posit format such as posit32`);
    return undefined;
  }
  return { format, quire: item.quire };
}

/** Reads entries into a map, reporting unknown and repeated keys. */
function entriesOf(bag: DiagnosticBag, entries: readonly Entry[], keys: readonly string[], where: string, code: 'E1015' | 'E1017'): Map<string, Entry> | undefined {
  const out = new Map<string, Entry>();
  let ok = true;
  for (const e of entries) {
    if (!keys.includes(e.key.name)) {
      bag.error(code, `${where} has no option '${e.key.name}'`, e.key.span, didYouMean(e.key.name, keys) ?? `options: ${keys.join(', ')}`);
      ok = false;
    } else if (out.has(e.key.name)) {
      bag.error('E1019', `'${e.key.name}' is set twice in ${where}`, e.key.span);
      ok = false;
    } else out.set(e.key.name, e);
  }
  return ok ? out : undefined;
}

const LEARN_KEYS = ['mode', 'gradient', 'lr', 'sync_every', 'batch'] as const;

/** Checks `learn { mode, gradient, lr, sync_every, batch }` (all optional, defaults in ir/meta.ts). */
export function checkLearn(bag: DiagnosticBag, item: Extract<Item, { kind: 'LearnBlock' }>): LearnConfig | undefined {
  const m = entriesOf(bag, item.entries, LEARN_KEYS, 'learn', 'E1015');
  if (!m) return undefined;
  const val = (k: string): Expr | undefined => m.get(k)?.value;
  const modeE = val('mode');
  const mode = modeE ? readChoice(bag, modeE, 'learn mode', LEARN_MODES, 'E1016') : DEFAULT_LEARN.mode;
  const gradE = val('gradient');
  const gradient = gradE ? checkGradient(bag, gradE) : DEFAULT_LEARN.gradient;
  const lrE = val('lr');
  const lr = lrE ? readNumber(bag, lrE, 'lr', (v) => v > 0 && v <= 100, 'a number in (0, 100]') : DEFAULT_LEARN.lr;
  const syncE = val('sync_every');
  const syncEvery = syncE ? readInt(bag, syncE, 'sync_every', 1, 1e9) : DEFAULT_LEARN.syncEvery;
  const batchE = val('batch');
  const batch = batchE ? readInt(bag, batchE, 'batch', 1, 65536) : DEFAULT_LEARN.batch;
  if (mode === undefined || gradient === undefined || lr === undefined || syncEvery === undefined || batch === undefined) return undefined;
  return { mode, gradient, lr, syncEvery, batch };
}

function checkGradient(bag: DiagnosticBag, e: Expr): ForwardGradient | undefined {
  const name = e.kind === 'Call' ? e.callee.name : e.kind === 'Name' ? e.name : undefined;
  if (name !== 'forward') {
    const hint = 'tilegate learns with forward gradients and keeps no activation tape: gradient: forward(perturbations: 8, seed: 7)';
    bag.error('E1015', `unknown gradient method${name ? ` '${name}'` : ''}`, e.span, hint);
    return undefined;
  }
  if (e.kind !== 'Call') return DEFAULT_LEARN.gradient;
  const args = bindArgs(bag, { fn: 'forward', positional: [], required: 0, named: ['perturbations', 'seed'] }, e.args, e.span);
  if (!args) return undefined;
  const pE = args.get('perturbations');
  const sE = args.get('seed');
  const perturbations = pE ? readInt(bag, pE, 'perturbations', 1, 4096) : DEFAULT_LEARN.gradient.perturbations;
  const seed = sE ? readInt(bag, sE, 'seed', 0, 0xffffffff) : DEFAULT_LEARN.gradient.seed;
  if (perturbations === undefined || seed === undefined) return undefined;
  return { kind: 'forward', perturbations, seed };
}

type OptionReader = (bag: DiagnosticBag, e: Expr, key: string) => OptionValue | undefined;

const intIn =
  (min: number, max: number): OptionReader =>
  (bag, e, key) =>
    readInt(bag, e, key, min, max);
const choice =
  (opts: readonly string[]): OptionReader =>
  (bag, e, key) =>
    readChoice(bag, e, key, opts);
const bool: OptionReader = (bag, e, key) => {
  const v = readChoice(bag, e, key, ['true', 'false'] as const);
  return v === undefined ? undefined : v === 'true';
};

/** Accepted options per target. */
export const TARGET_OPTIONS: Readonly<Record<TargetDecl['name'], Readonly<Record<string, OptionReader>>>> = {
  xdna: {
    grid: choice(['xdna1', 'xdna2']),
    learning_tiles: intIn(0, 1024),
    clock_ghz: (bag, e, key) => readNumber(bag, e, key, (v) => v > 0 && v <= 10, 'a clock in (0, 10] GHz'),
  },
  wasm: { simd: bool, threads: intIn(1, 64) },
  webgpu: { workgroup_size: intIn(1, 1024) },
};

/** Compute tiles per xdna grid preset (DESIGN section 6), for the learning_tiles range. */
const XDNA_TILES: Readonly<Record<string, number>> = { xdna1: 16, xdna2: 32 };

/** Checks `target NAME { key: value, ... }`. */
export function checkTarget(bag: DiagnosticBag, item: Extract<Item, { kind: 'TargetBlock' }>): TargetDecl | undefined {
  const names = Object.keys(TARGET_OPTIONS) as TargetDecl['name'][];
  const name = item.target.name as TargetDecl['name'];
  if (!names.includes(name)) {
    bag.error('E1017', `unknown target '${item.target.name}'`, item.target.span, didYouMean(item.target.name, names) ?? `targets: ${names.join(', ')}`);
    return undefined;
  }
  const table = TARGET_OPTIONS[name];
  const m = entriesOf(bag, item.entries, Object.keys(table), `target ${name}`, 'E1017');
  if (!m) return undefined;
  const options: Record<string, OptionValue> = {};
  let ok = true;
  for (const [key, entry] of m) {
    const v = (table[key] as OptionReader)(bag, entry.value, key);
    if (v === undefined) ok = false;
    else options[key] = v;
  }
  if (!ok) return undefined;
  if (name === 'xdna' && typeof options.learning_tiles === 'number') {
    const grid = typeof options.grid === 'string' ? options.grid : 'xdna2';
    const tiles = XDNA_TILES[grid] ?? 32;
    if (options.learning_tiles >= tiles) {
      const span = m.get('learning_tiles')?.value.span ?? item.span;
      bag.error('E1018', `learning_tiles ${options.learning_tiles} leaves no inference tile on ${grid} (${tiles} compute tiles)`, span, `use at most ${tiles - 1}`);
      return undefined;
    }
  }
  return { name, options };
}
