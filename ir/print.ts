// The IR text printer: the stable dump format used by goldens (test/golden/*.ir.txt) and by
// `--dump-after`. One line per node, `%N` names from arena ids, attributes in sorted order,
// the source binding as a trailing comment; side tables may be appended per node.
import type { Graph } from './graph.ts';
import type { ModelMeta } from './meta.ts';
import type { Node } from './nodes.ts';
import { attrsOf, operandsOf } from './ops.ts';
import type { SideTable } from './tables.ts';
import { formatType } from './types.ts';

/** Options of `printGraph`. */
export interface PrintOptions {
  /** Side tables to show after each node, as `; name=value`. */
  readonly tables?: ReadonlyArray<{ readonly name: string; readonly table: SideTable<unknown> }>;
}

/** Prints a graph in the stable text form documented in spec/ir.md. */
export function printGraph(g: Graph, opts: PrintOptions = {}): string {
  const lines = [...printMeta(g.meta, g.form), ''];
  for (const n of g.nodes) lines.push(printNode(n, opts));
  return `${lines.join('\n')}\n`;
}

/** The header lines: model name, form, numeric, learn and target declarations. */
export function printMeta(meta: ModelMeta, form: Graph['form']): string[] {
  const l = meta.learn;
  const lines = [
    `graph ${meta.name} form=${form}`,
    `  numeric ${meta.numeric.format}${meta.numeric.quire ? ' quire' : ''}`,
    `  learn mode=${l.mode} gradient=forward(perturbations=${l.gradient.perturbations}, seed=${l.gradient.seed}) lr=${fmtNum(l.lr)} sync_every=${l.syncEvery} batch=${l.batch}`,
  ];
  for (const t of meta.targets) {
    const opts = Object.keys(t.options)
      .sort()
      .map((k) => `${k}=${formatValue(t.options[k])}`);
    lines.push(`  target ${t.name}${opts.length ? ` ${opts.join(' ')}` : ''}`);
  }
  return lines;
}

/** One node: `%4 = Dense %0, %2, %3 : real[B,512]  // h`. */
export function printNode(n: Node, opts: PrintOptions = {}): string {
  const ops = operandsOf(n).map((o) => `%${o}`);
  const attrs = attrsOf(n).map(([k, v]) => `${k}=${formatValue(v)}`);
  const parts = [`%${n.id} = ${n.kind}`];
  if (ops.length) parts.push(` ${ops.join(', ')}`);
  if (attrs.length) parts.push(` {${attrs.join(', ')}}`);
  parts.push(` : ${formatType(n.type)}`);
  const notes: string[] = [];
  for (const t of opts.tables ?? []) {
    const v = t.table.get(n.id);
    if (v !== undefined) notes.push(`${t.name}=${formatValue(v)}`);
  }
  if (notes.length) parts.push(`  ; ${notes.join(' ')}`);
  if (n.binding !== undefined) parts.push(`  // ${n.binding}`);
  return parts.join('');
}

/** Compact, deterministic rendering of attribute and table values. */
export function formatValue(v: unknown): string {
  if (typeof v === 'number') return fmtNum(v);
  if (typeof v === 'string') return /^[A-Za-z_][A-Za-z0-9_]*$/.test(v) ? v : JSON.stringify(v);
  if (typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(',')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries.map(([k, x]) => `${k}=${formatValue(x)}`).join(', ')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

function fmtNum(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}
