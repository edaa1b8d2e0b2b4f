// The adapt library call: `.dg` text in, an adapt report out. Compiles the model (front end,
// layout, jvp), reads or pre-trains its parameters, and runs the paper's protocol of learning
// while inferring on a drifting stream with real serving and learning threads
// (runtime/learn/adapt-run.ts). Never throws on user errors; the report's JSON form is
// spec/adapt.schema.json and spec/adapt.md describes the run.
import { readFileSync } from 'node:fs';
import type { Diagnostic, SourceMap } from '../ir/diagnostics.ts';
import type { Graph } from '../ir/graph.ts';
import { readSafetensors } from '../runtime/io/safetensors.ts';
import type { ParamSet } from '../runtime/interpreter/types.ts';
import { resolveSettings, type AdaptSettings } from '../runtime/learn/adapt-options.ts';
import type { AdaptReport } from '../runtime/learn/adapt-report.ts';
import { runAdapt, type AdaptProgress } from '../runtime/learn/adapt-run.ts';
import { paramsFromTensors } from '../runtime/params.ts';
import { compileToIR } from './index.ts';

export type { AdaptSettings } from '../runtime/learn/adapt-options.ts';
export type { AdaptReport, AdaptMetrics, VersionRecord } from '../runtime/learn/adapt-report.ts';
export { ADAPT_SCHEMA_VERSION } from '../runtime/learn/adapt-report.ts';
export type { AdaptProgress } from '../runtime/learn/adapt-run.ts';

/** Options of `adapt`: the run settings, starting parameters and a progress callback. */
export interface AdaptOptions extends AdaptSettings {
  /** Starting parameters, or a .safetensors path; absent: seeded init, then pre-training. */
  readonly params?: ParamSet | string;
  readonly onProgress?: (p: AdaptProgress) => void;
}

/** Result of `adapt`: the report when the run completed, the final snapshot's parameters, diagnostics. */
export interface AdaptResult {
  readonly report?: AdaptReport;
  readonly params?: ParamSet;
  readonly graph?: Graph;
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: SourceMap;
}

/** Reads a parameter file for a graph (E4001 unreadable, E42xx malformed or mismatched). */
function readParamsFile(graph: Graph, file: string): { params?: ParamSet; diagnostics: Diagnostic[] } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? String(e.code) : 'unreadable';
    return { diagnostics: [{ code: 'E4001', severity: 'error', message: `cannot read parameter file ${file} (${why})`, hint: 'create one with `tilegate init model.dg -o params.safetensors`, or leave --params out to pre-train' }] };
  }
  const st = readSafetensors(bytes, file);
  if (!st.tensors) return { diagnostics: st.diagnostics };
  return paramsFromTensors(graph, st.tensors, file, st.metadata);
}

/** Compiles `text` and runs learning while serving on the data source in `opts.data`. */
export async function adapt(text: string, file: string, opts: AdaptOptions): Promise<AdaptResult> {
  const compiled = compileToIR(text, file);
  const sources = compiled.sources;
  if (!compiled.graph || compiled.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: compiled.diagnostics, sources };
  const graph = compiled.graph;
  const warnings = compiled.diagnostics;
  const resolved = resolveSettings(graph, opts);
  if (!resolved.settings) return { graph, diagnostics: [...warnings, ...resolved.diagnostics], sources };
  let params: ParamSet | undefined;
  if (typeof opts.params === 'string') {
    const r = readParamsFile(graph, opts.params);
    if (!r.params) return { graph, diagnostics: [...warnings, ...r.diagnostics], sources };
    params = r.params;
  } else params = opts.params;
  const run = await runAdapt(graph, resolved.settings, params, opts.onProgress);
  return { ...(run.report ? { report: run.report } : {}), ...(run.params ? { params: run.params } : {}), graph, diagnostics: [...warnings, ...run.diagnostics], sources };
}
