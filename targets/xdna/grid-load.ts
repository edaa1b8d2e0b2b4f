// Loads a grid by preset name or from a custom JSON file (`--grid xdna2`, `--grid my.json`).
// A file may start from a preset ("base": "xdna2") and override any number, or give every field.
// The file is hostile: unknown keys (with did-you-mean), wrong types, out-of-range and
// inconsistent values are E44xx diagnostics pointing at the offending key, never throws.
import { SourceFile, type Diagnostic } from '../../ir/diagnostics.ts';
import type { DiagCode } from '../../ir/diagnostic-codes.ts';
import { parseJsonTree, type JsonMember, type JsonNode } from '../../runtime/io/json-tree.ts';
import { closestMatch } from '../../runtime/io/suggest.ts';
import { deepFreeze, GRID_PRESETS, type GridDesc, type GridPresetName } from './grid.ts';
import { FILE_ONLY_KEYS, GRID_ROOT, keyPaths, type AnySpec, type GroupNode, type NumberSpec } from './grid-schema.ts';

/** Result of loading a grid: the grid only when there are no errors. */
export interface GridLoad {
  readonly grid?: GridDesc;
  readonly diagnostics: Diagnostic[];
}

type Tree = { [key: string]: number | string | Tree };

const PRESET_NAMES = Object.keys(GRID_PRESETS) as GridPresetName[];
const SCHEMA_HINT = 'see spec/grid.md and spec/grid.schema.json for every key';

/**
 * Resolves `nameOrPath`: a preset name (`xdna1`, `xdna2`) or a path to a grid JSON file (a name
 * containing `/` or `\` or ending in `.json`), read with `readFile`, whose exceptions become E4401.
 */
export function loadGrid(nameOrPath: string, readFile: (path: string) => string): GridLoad {
  if (Object.hasOwn(GRID_PRESETS, nameOrPath)) return { grid: GRID_PRESETS[nameOrPath as GridPresetName], diagnostics: [] };
  if (!/[\\/]|\.json$/i.test(nameOrPath)) {
    const near = closestMatch(nameOrPath, PRESET_NAMES);
    const hint = `${near ? `did you mean '${near}'? ` : ''}presets are ${PRESET_NAMES.join(', ')}; a custom grid is a path to a .json file`;
    return { diagnostics: [{ code: 'E4403', severity: 'error', message: `unknown grid '${nameOrPath}'`, hint }] };
  }
  let text: string;
  try {
    text = readFile(nameOrPath);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { diagnostics: [{ code: 'E4401', severity: 'error', message: `cannot read grid file '${nameOrPath}': ${why}`, at: { file: nameOrPath, line: 1, column: 1 }, hint: 'check the path given to --grid' }] };
  }
  return parseGrid(text, nameOrPath);
}

/** Parses and validates grid JSON text; `file` names it in diagnostics and supplies the default name. */
export function parseGrid(text: string, file: string): GridLoad {
  const v = new GridValidator(text, file);
  const grid = v.run();
  return grid && v.diagnostics.length === 0 ? { grid, diagnostics: [] } : { diagnostics: v.diagnostics };
}

class GridValidator {
  readonly diagnostics: Diagnostic[] = [];
  private readonly src: SourceFile;
  /** Offsets of the keys the file sets, by dotted path, to locate cross-field errors. */
  private readonly keyAt = new Map<string, JsonMember>();

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    this.src = new SourceFile(file, text);
  }

  run(): GridDesc | undefined {
    // Editors on Windows save a byte-order mark; a space in its place keeps every offset valid.
    const parsed = parseJsonTree(this.text.startsWith('\ufeff') ? ` ${this.text.slice(1)}` : this.text);
    if (!parsed.ok) {
      this.err('E4402', parsed.offset, parsed.offset + 1, `grid file is not valid JSON: ${parsed.message}`, 'grid files are plain JSON (no comments, no trailing commas)');
      return undefined;
    }
    const root = parsed.node;
    if (root.kind !== 'object') {
      this.err('E4405', root.start, root.end, `grid file holds a JSON ${root.kind}, expected an object`, SCHEMA_HINT);
      return undefined;
    }
    const base = this.readBase(root);
    const overrides = this.readGroup(root, GRID_ROOT, '', new Set<string>(FILE_ONLY_KEYS));
    if (this.diagnostics.length > 0 || base === null) return undefined;
    const stem = this.file.replace(/^.*[\\/]/, '').replace(/\.json$/i, '') || 'custom';
    const start: Tree = base ? (structuredClone(GRID_PRESETS[base]) as unknown as Tree) : {};
    const merged = merge(start, overrides);
    // A derived grid is not the preset: without an explicit name it is called after its file.
    if (overrides['name'] === undefined) merged['name'] = /^[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}$/.test(stem) ? stem : 'custom';
    if (!base && !this.checkComplete(root, merged, GRID_ROOT, '')) return undefined;
    const grid = merged as unknown as GridDesc;
    this.checkConsistency(grid, root);
    return this.diagnostics.length === 0 ? deepFreeze(grid) : undefined;
  }

  /** Reads "base": undefined when absent, null when invalid. */
  private readBase(root: JsonNode & { kind: 'object' }): GridPresetName | undefined | null {
    const m = root.members.find((x) => x.key === 'base');
    if (!m) return undefined;
    if (m.value.kind !== 'string') {
      this.errAt(m.value, 'E4405', `"base" is a JSON ${m.value.kind}, expected a preset name`, `presets are ${PRESET_NAMES.join(', ')}`);
      return null;
    }
    if (Object.hasOwn(GRID_PRESETS, m.value.value)) return m.value.value as GridPresetName;
    const near = closestMatch(m.value.value, PRESET_NAMES);
    this.errAt(m.value, 'E4403', `unknown base grid '${m.value.value}'`, `${near ? `did you mean '${near}'? ` : ''}presets are ${PRESET_NAMES.join(', ')}`);
    return null;
  }

  /** Validates the members of one object against a group spec; returns the values it sets. */
  private readGroup(node: JsonNode & { kind: 'object' }, spec: GroupNode, path: string, extra: ReadonlySet<string>): Tree {
    const out: Tree = {};
    const seen = new Set<string>();
    for (const m of node.members) {
      const here = path === '' ? m.key : `${path}.${m.key}`;
      if (seen.has(m.key)) {
        this.errKey(m, 'E4408', `duplicate key "${here}"`, 'each key may appear once; JSON readers disagree on which copy wins');
        continue;
      }
      seen.add(m.key);
      if (extra.has(m.key)) {
        if (m.key === '$schema' && m.value.kind !== 'string') this.errAt(m.value, 'E4405', '"$schema" must be a string', SCHEMA_HINT);
        continue;
      }
      const field = Object.hasOwn(spec.fields, m.key) ? spec.fields[m.key] : undefined;
      if (!field) {
        this.errKey(m, 'E4404', `unknown key "${here}"`, this.unknownKeyHint(m.key, spec, path, extra));
        continue;
      }
      this.keyAt.set(here, m);
      const v = this.readValue(m, field, here);
      if (v !== undefined) out[m.key] = v;
    }
    return out;
  }

  private readValue(m: JsonMember, field: AnySpec, here: string): number | string | Tree | undefined {
    const v = m.value;
    switch (field.kind) {
      case 'group':
        if (v.kind !== 'object') {
          this.errAt(v, 'E4405', `"${here}" is a JSON ${v.kind}, expected an object`, `"${here}" holds ${Object.keys(field.fields).join(', ')}`);
          return undefined;
        }
        return this.readGroup(v, field, here, new Set());
      case 'string':
        if (v.kind !== 'string') {
          this.errAt(v, 'E4405', `"${here}" is a JSON ${v.kind}, expected a string`, field.doc);
          return undefined;
        }
        if (!new RegExp(field.pattern).test(v.value)) {
          this.errAt(v, 'E4406', `"${here}" must match ${field.pattern}`, 'letters, digits and _ . + -, at most 64 characters');
          return undefined;
        }
        return v.value;
      default:
        return this.readNumber(v, field, here);
    }
  }

  private readNumber(v: JsonNode, field: NumberSpec, here: string): number | undefined {
    const wantWord = field.kind === 'int' ? 'an integer' : 'a number';
    if (v.kind !== 'number') {
      const quoted = v.kind === 'string' && v.value.trim() !== '' && Number.isFinite(Number(v.value));
      this.errAt(v, 'E4405', `"${here}" is a JSON ${v.kind}, expected ${wantWord}`, quoted ? `write ${v.value} without quotes` : `${here}: ${field.doc}`);
      return undefined;
    }
    const x = v.value;
    const range = `${field.exclusiveMin ? '>' : '>='} ${field.min} and <= ${field.max}`;
    if (field.kind === 'int' && !Number.isInteger(x)) {
      this.errAt(v, 'E4406', `"${here}" must be an integer, got ${v.raw}`, `${here} counts whole units: ${field.doc}`);
      return undefined;
    }
    if (!Number.isFinite(x) || x > field.max || x < field.min || (field.exclusiveMin === true && x === field.min)) {
      this.errAt(v, 'E4406', `"${here}" is ${v.raw}, must be ${range}`, `${here}: ${field.doc}`);
      return undefined;
    }
    return x;
  }

  /** Did-you-mean at this level, else the group where the key belongs. */
  private unknownKeyHint(key: string, spec: GroupNode, path: string, extra: ReadonlySet<string>): string {
    const near = closestMatch(key, [...Object.keys(spec.fields), ...extra]);
    if (near) return `did you mean "${near}"?`;
    const elsewhere = keyPaths().filter((p) => p.split('.').at(-1) === key);
    if (elsewhere.length > 0) return `"${key}" belongs under ${elsewhere.map((p) => `"${p}"`).join(' or ')}`;
    return `keys here are ${[...Object.keys(spec.fields), ...extra].join(', ')}${path === '' ? '' : ` (inside "${path}")`}`;
  }

  /** Without "base", every field must be given; one diagnostic per incomplete object. */
  private checkComplete(node: JsonNode, tree: Tree, spec: AnySpec, path: string): boolean {
    if (spec.kind !== 'group') return true;
    const missing = Object.keys(spec.fields).filter((k) => tree[k] === undefined);
    let ok = true;
    if (missing.length > 0) {
      const where = path === '' ? 'the grid file' : `"${path}"`;
      this.errAt(node, 'E4407', `${where} lacks ${missing.map((k) => `"${k}"`).join(', ')}`, 'start from a preset with "base": "xdna2" (then any subset may be given), or give every key');
      ok = false;
    }
    for (const [k, s] of Object.entries(spec.fields)) {
      const sub = tree[k];
      const subNode = node.kind === 'object' ? node.members.find((m) => m.key === k)?.value : undefined;
      if (s.kind === 'group' && typeof sub === 'object' && subNode) ok = this.checkComplete(subNode, sub, s, path === '' ? k : `${path}.${k}`) && ok;
    }
    return ok;
  }

  /** Relations between fields that single-field ranges cannot express. */
  private checkConsistency(g: GridDesc, root: JsonNode): void {
    const c = g.computeTile;
    if (c.stackBytes >= c.dataBytes) {
      this.errPath(['computeTile.stackBytes', 'computeTile.dataBytes'], root, 'E4409', `computeTile.stackBytes (${c.stackBytes}) must be smaller than computeTile.dataBytes (${c.dataBytes})`, 'the stack is carved out of L1 data memory; leave room for buffers');
    }
    if (g.physicalCols < g.cols) {
      this.errPath(['physicalCols', 'cols'], root, 'E4409', `physicalCols (${g.physicalCols}) is smaller than cols (${g.cols})`, 'cols counts the usable columns, at most the physical ones');
    }
  }

  /** Reports at the first of `paths` that the file sets (else at the root object). */
  private errPath(paths: readonly string[], root: JsonNode, code: DiagCode, message: string, hint: string): void {
    const m = paths.map((p) => this.keyAt.get(p)).find((x) => x !== undefined);
    if (m) this.errKey(m, code, message, hint);
    else this.errAt(root, code, message, hint);
  }

  private errKey(m: JsonMember, code: DiagCode, message: string, hint: string): void {
    this.err(code, m.keyStart, m.keyEnd, message, hint);
  }

  private errAt(node: JsonNode, code: DiagCode, message: string, hint: string): void {
    this.err(code, node.start, node.kind === 'object' || node.kind === 'array' ? node.start + 1 : node.end, message, hint);
  }

  private err(code: DiagCode, start: number, end: number, message: string, hint: string): void {
    const pos = this.src.position(start);
    this.diagnostics.push({ code, severity: 'error', message, span: { file: this.file, start, end }, at: { file: this.file, ...pos }, hint });
  }
}

/** Deep merge of `over` into `base` (objects merge, leaves replace). */
function merge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = typeof v === 'object' && typeof b === 'object' ? merge(b, v) : v;
  }
  return out;
}
