// difftest(): differential testing of the WASM kernels of each numeric format against the f64
// reference, on seeded (or given) parameters and inputs. For every layer of interest (Dense,
// Activation, Gate, Mul, Softmax, Top1, Combine, CrossEntropy, Mean; outputs marked) it reports
// max abs/rel error, the ULP distribution in the format, bit-exact agreement with the reference
// interpreter in that format (100% expected for posits) and routing flips against f64. The CLI
// (`tilegate difftest`) prints it; spec/difftest.schema.json fixes the JSON. Never throws on user errors.
import type { Diagnostic, SourceMap } from '../ir/diagnostics.ts';
import type { Graph } from '../ir/graph.ts';
import type { NodeKind } from '../ir/nodes.ts';
import { fillUniforms } from '../runtime/interpreter/random.ts';
import { runGraph } from '../runtime/interpreter/run-graph.ts';
import type { InputSet, ParamSet, Tensor } from '../runtime/interpreter/types.ts';
import { initParams } from '../runtime/params.ts';
import { isWasmFormat, type WasmFormat } from '../targets/wasm/emit-values.ts';
import { emitWasmModel } from '../targets/wasm/model.ts';
import { WasmModel } from '../targets/wasm/runtime.ts';
import { ULP_BIN_EDGES, layerStats, type LayerStats } from './difftest-stats.ts';
import { compileToIR } from './index.ts';

/** Version of the JSON report (spec/difftest.schema.json). */
export const DIFFTEST_SCHEMA_VERSION = 1;

/** Formats difftest compares when none are given. */
export const DEFAULT_DIFFTEST_FORMATS: readonly WasmFormat[] = ['posit32', 'bposit32', 'posit16', 'f32'];

/** Node kinds reported as layers. */
const LAYER_KINDS: ReadonlySet<NodeKind> = new Set(['Dense', 'Activation', 'Gate', 'Mul', 'Softmax', 'Top1', 'Combine', 'CrossEntropy', 'Mean']);

/** Options of difftest. */
export interface DifftestOptions {
  /** Formats to test (default DEFAULT_DIFFTEST_FORMATS); every one must have WASM kernels. */
  readonly formats?: readonly string[];
  /** Samples when inputs are seeded (default 8). */
  readonly batch?: number;
  /** Seed of parameters, inputs and labels that are not given (default 1). */
  readonly seed?: number;
  readonly params?: ParamSet;
  /** Inputs (and optionally labels); missing labels are seeded. */
  readonly inputs?: InputSet;
  /** Called after each unit of work (compile, run, reference) with done/total. */
  readonly onProgress?: (done: number, total: number, what: string) => void;
}

/** One layer's row of the report. */
export interface DifftestLayer extends LayerStats {
  readonly node: number;
  readonly kind: NodeKind;
  readonly name: string;
  /** Output name when the layer's value is a model output. */
  readonly output?: string;
}

/** Results of one format. */
export interface DifftestFormat {
  readonly format: WasmFormat;
  readonly layers: readonly DifftestLayer[];
  readonly summary: {
    readonly bitExactFraction: number;
    readonly maxUlp: number;
    readonly maxAbsError: number;
    readonly maxRelError: number;
    readonly routingFlipRate: number;
    readonly ulpBins: readonly number[];
  };
}

/** The report (JSON-stable; spec/difftest.schema.json). */
export interface DifftestReport {
  readonly schemaVersion: number;
  readonly model: string;
  readonly batch: number;
  readonly seed: number;
  readonly params: 'seeded' | 'given';
  readonly inputs: 'seeded' | 'given';
  /** Upper ends (exclusive) of ULP bins 1..31; bin 0 is exactly 0 ULP, bin 31 everything beyond. */
  readonly ulpBinEdges: readonly number[];
  readonly formats: readonly DifftestFormat[];
}

/** Result of difftest: the report, or the diagnostics that prevented it. */
export interface DifftestResult {
  readonly report?: DifftestReport;
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: SourceMap;
}

const err = (code: Diagnostic['code'], message: string, hint: string): Diagnostic => ({ code, severity: 'error', message, hint });

/** Validates formats, batch and seed. */
function checkOptions(opts: DifftestOptions): { formats: WasmFormat[]; batch: number; seed: number; diagnostics: Diagnostic[] } {
  const ds: Diagnostic[] = [];
  const formats = [...(opts.formats ?? DEFAULT_DIFFTEST_FORMATS)];
  for (const f of formats) {
    if (!isWasmFormat(f)) ds.push(err('E3602', `difftest cannot test format '${f}'`, f === 'f64' ? 'f64 is the reference every format is compared with' : `formats: posit8, posit16, posit32, bposit16, bposit32, f32`));
  }
  if (formats.length === 0) ds.push(err('E3602', 'no format to test', 'pass --formats posit32,f32 (for example)'));
  const batch = opts.batch ?? 8;
  if (!Number.isInteger(batch) || batch < 1 || batch > 65536) ds.push(err('E3603', `batch must be an integer in 1..65536, got ${batch}`, 'use --batch 8'));
  const seed = opts.seed ?? 1;
  if (!Number.isSafeInteger(seed) || seed < 0) ds.push(err('E3603', `seed must be a non-negative integer, got ${seed}`, 'use --seed 1'));
  return { formats: [...new Set(formats)].filter(isWasmFormat), batch, seed, diagnostics: ds };
}

/** Seeded inputs in [0, 1) and labels for whatever the caller did not give. */
function seededBatch(graph: Graph, given: InputSet | undefined, batch: number, seed: number): InputSet {
  const out: Record<string, Tensor> = { ...(given ?? {}) };
  const B = given ? (Object.values(given)[0]?.shape[0] ?? batch) : batch;
  let stream = 0;
  for (const n of graph.nodes) {
    if (n.kind === 'Input' && !out[n.name]) {
      const width = n.dims.reduce((a, d) => a * d, 1);
      const data = new Float64Array(B * width);
      fillUniforms(data, seed, stream++, 1, 0x7f);
      out[n.name] = { shape: [B, width], data };
    }
    if (n.kind === 'Label' && !out[n.name]) {
      const u = new Float64Array(B);
      fillUniforms(u, seed, stream++, 2, 0x7f);
      out[n.name] = { shape: [B], data: u.map((x) => Math.floor(x * n.classes)) };
    }
  }
  return out;
}

/** Runs the differential test of a model's source text. */
export async function difftest(text: string, file: string, opts: DifftestOptions = {}): Promise<DifftestResult> {
  const compiled = compileToIR(text, file);
  const sources = compiled.sources;
  const o = checkOptions(opts);
  const graph = compiled.graph;
  const front = compiled.diagnostics.filter((d) => d.severity === 'error');
  if (!graph || front.length > 0 || o.diagnostics.length > 0) return { diagnostics: [...compiled.diagnostics, ...o.diagnostics], sources };
  const params = opts.params ?? initParams(graph, o.seed);
  const inputs = seededBatch(graph, opts.inputs, o.batch, o.seed);
  const total = 1 + 3 * o.formats.length;
  let done = 0;
  const tick = (what: string): void => opts.onProgress?.(++done, total, what);
  const f64 = runGraph(graph, params, inputs, { format: 'f64', keepValues: true });
  if (f64.diagnostics.length > 0) return { diagnostics: f64.diagnostics, sources };
  tick('f64 reference');
  const formats: DifftestFormat[] = [];
  for (const format of o.formats) {
    const r = await compareFormat(graph, format, params, inputs, f64.values ?? new Map(), tick);
    if (!r.result) return { diagnostics: r.diagnostics, sources };
    formats.push(r.result);
  }
  const batch = inputs[Object.keys(inputs)[0] ?? '']?.shape[0] ?? o.batch;
  return {
    report: {
      schemaVersion: DIFFTEST_SCHEMA_VERSION,
      model: graph.meta.name,
      batch,
      seed: o.seed,
      params: opts.params ? 'given' : 'seeded',
      inputs: opts.inputs ? 'given' : 'seeded',
      ulpBinEdges: ULP_BIN_EDGES,
      formats,
    },
    diagnostics: compiled.diagnostics,
    sources,
  };
}

/** Compiles, runs and compares one format. */
async function compareFormat(
  graph: Graph,
  format: WasmFormat,
  params: ParamSet,
  inputs: InputSet,
  f64: ReadonlyMap<number, Tensor>,
  tick: (what: string) => void,
): Promise<{ result?: DifftestFormat; diagnostics: Diagnostic[] }> {
  const emitted = emitWasmModel(graph, { format, mode: 'none', optimize: false });
  if (!emitted.artifact) return { diagnostics: emitted.diagnostics };
  const model = await WasmModel.create(emitted.artifact.bytes, emitted.artifact.manifest);
  tick(`${format}: compiled`);
  const loaded = model.setParams(params);
  const run = loaded.length > 0 ? undefined : model.run(inputs, { entry: 'forward' });
  if (!run || run.diagnostics.length > 0) return { diagnostics: run?.diagnostics ?? loaded };
  tick(`${format}: WASM`);
  const exact = runGraph(graph, params, inputs, { format, keepValues: true });
  if (exact.diagnostics.length > 0) return { diagnostics: exact.diagnostics };
  tick(`${format}: interpreter`);
  const outputs = new Map<number, string>();
  for (const n of graph.nodes) if (n.kind === 'Output') outputs.set(n.value, n.name);
  const layers: DifftestLayer[] = [];
  for (const v of model.manifest.values) {
    const n = graph.nodes[v.node];
    if (!n || !LAYER_KINDS.has(n.kind)) continue;
    const got = model.value(v.node, run.batch) ?? new Float64Array();
    const routing = (n.kind === 'Gate' && n.mode === 'hard') || n.kind === 'Top1';
    const stats = layerStats(format, got, exact.values?.get(v.node)?.data ?? [], f64.get(v.node)?.data ?? [], routing);
    const out = outputs.get(v.node);
    layers.push({ node: v.node, kind: n.kind, name: n.binding ?? `%${v.node}`, ...(out ? { output: out } : {}), ...stats });
  }
  return { result: { format, layers, summary: summarise(layers) }, diagnostics: [] };
}

function summarise(layers: readonly DifftestLayer[]): DifftestFormat['summary'] {
  let matched = 0;
  let total = 0;
  let flipped = 0;
  let decisions = 0;
  const bins = new Array<number>(32).fill(0);
  for (const l of layers) {
    matched += l.bitExact.matched;
    total += l.bitExact.total;
    if (l.routingFlips) {
      flipped += l.routingFlips.flipped;
      decisions += l.routingFlips.total;
    }
    l.ulp.bins.forEach((c, i) => (bins[i]! += c));
  }
  return {
    bitExactFraction: total === 0 ? 1 : matched / total,
    maxUlp: Math.max(0, ...layers.map((l) => l.ulp.max)),
    maxAbsError: Math.max(0, ...layers.filter((l) => l.output).map((l) => l.maxAbsError)),
    maxRelError: Math.max(0, ...layers.filter((l) => l.output).map((l) => l.maxRelError)),
    routingFlipRate: decisions === 0 ? 0 : flipped / decisions,
    ulpBins: bins,
  };
}
