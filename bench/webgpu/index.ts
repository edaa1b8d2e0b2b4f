// tilegate's WebGPU MLP forward (targets/webgpu, compiled from a .dg model) against TensorFlow.js
// 4.22 on its WebGPU backend (bench/baselines/tfjs-webgpu.ts), on the same Dawn adapter in one
// run: shapes 784-512-10 and 784-2048-10 at batch 1 and 64, same seeded weights and inputs
// (bench/baselines/mlp.ts), both checked against the f64 reference before they are timed. Then
// the same models in posit32 (exact quire), checked bit for bit against the reference interpreter.
// A forward is what a caller pays: upload the input, run every layer, read the output back.
// Run: node bin/run-ts.mjs bench/webgpu/index.ts [--iters N] [--rounds N] [--skip-posit]
import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import { compileToIR } from '../../compiler/index.ts';
import type { Graph } from '../../ir/graph.ts';
import { renderOneLine } from '../../ir/diagnostics.ts';
import { runGraph } from '../../runtime/interpreter/index.ts';
import type { Tensor } from '../../runtime/interpreter/types.ts';
import { acquireDevice, type GpuDevice } from '../../targets/webgpu/device.ts';
import { GpuModel } from '../../targets/webgpu/executor.ts';
import { buildProgram } from '../../targets/webgpu/program.ts';
import { outputTensors } from '../../targets/webgpu/run-target.ts';
import { tfjsWebgpuMlp } from '../baselines/tfjs-webgpu.ts';
import { checkAgainstReference, makeInput, MLP_BATCHES, MLP_SHAPES, namedMlp, referenceForward, summarise, type MlpWorkload, type Timing } from '../baselines/mlp.ts';

const { values: args } = parseArgs({ options: { iters: { type: 'string' }, rounds: { type: 'string' }, 'skip-posit': { type: 'boolean' } } });
const ITERS = Number(args.iters ?? 10);
const ROUNDS = Number(args.rounds ?? 3);

/** The workload as a .dg model: dense + relu, then dense, in the given format. */
function mlpModel(w: MlpWorkload, format: 'f32' | 'posit32'): Graph {
  const [inD, hid, out] = w.sizes;
  const text = `model mlp {\n  input x : [${inD}]\n  numeric ${format}\n  h = dense(x, ${hid}, act: relu)\n  y = dense(h, ${out})\n  output y\n}\n`;
  const r = compileToIR(text, `${w.name}.dg`);
  if (!r.graph) throw new Error(r.diagnostics.map((d) => renderOneLine(d)).join('\n'));
  return r.graph;
}

function paramsOf(w: MlpWorkload): Map<string, Tensor> {
  const names = ['h', 'y'];
  const m = new Map<string, Tensor>();
  w.layers.forEach((l, i) => {
    m.set(`${names[i]}.weight`, { shape: [l.outDim, l.inDim], data: Float64Array.from(l.weight) });
    m.set(`${names[i]}.bias`, { shape: [l.outDim], data: Float64Array.from(l.bias) });
  });
  return m;
}

/** A compiled model on the device with the workload's weights, and its forward on the seeded input. */
async function ours(dev: GpuDevice, w: MlpWorkload, batch: number, format: 'f32' | 'posit32'): Promise<{ forward: () => Promise<Tensor>; dispose: () => void; graph: Graph }> {
  const graph = mlpModel(w, format);
  const built = buildProgram(graph, format);
  if (!built.program) throw new Error(built.diagnostics.map((d) => renderOneLine(d)).join('\n'));
  const created = await GpuModel.create(dev, built.program);
  if (!created.ok) throw new Error(created.diagnostics.map((d) => renderOneLine(d)).join('\n'));
  const model = created.value;
  const bad = model.setParams(paramsOf(w));
  if (bad.length > 0) throw new Error(bad.map((d) => renderOneLine(d)).join('\n'));
  const x = Float64Array.from(makeInput(w, batch));
  const forward = async (): Promise<Tensor> => {
    const r = await model.run({ inputs: { x: { shape: [batch, w.sizes[0] as number], data: x } } });
    if (!r.ok) throw new Error(r.diagnostics.map((d) => renderOneLine(d)).join('\n'));
    return outputTensors(model, r.value).get('y') as Tensor;
  };
  return { forward, dispose: () => model.destroy(), graph };
}

/** Times `fn` in ROUNDS rounds of ITERS calls, interleaved by the caller; returns all samples. */
async function sample(fn: () => Promise<unknown>, into: number[]): Promise<void> {
  for (let i = 0; i < ITERS; i++) {
    const t0 = performance.now();
    await fn();
    into.push(performance.now() - t0);
  }
}

interface Row {
  shape: string;
  batch: number;
  tfjs: Timing;
  f32: Timing;
  f32Err: number;
  posit?: Timing;
  positExact?: boolean;
}

async function main(): Promise<number> {
  const acquired = await acquireDevice();
  if (!acquired.ok) {
    for (const d of acquired.diagnostics) console.error(`${renderOneLine(d)}${d.hint ? `\n  hint: ${d.hint}` : ''}`);
    return 1;
  }
  const dev = acquired.device;
  console.log(`adapter: ${acquired.adapterInfo.vendor}/${acquired.adapterInfo.architecture} (${acquired.adapterInfo.description || acquired.adapterInfo.device})`);
  const rows: Row[] = [];
  let failed = false;
  for (const shape of Object.keys(MLP_SHAPES) as (keyof typeof MLP_SHAPES)[]) {
    const w = namedMlp(shape);
    for (const batch of MLP_BATCHES) {
      const ref = referenceForward(w, makeInput(w, batch), batch);
      const tf = await tfjsWebgpuMlp(w, batch);
      const mine = await ours(dev, w, batch, 'f32');
      const tfCheck = checkAgainstReference(await tf.forward(), ref);
      const myOut = await mine.forward();
      const myCheck = checkAgainstReference(Float32Array.from(myOut.data), ref);
      if (!tfCheck.ok || !myCheck.ok) failed = true;
      const ts: number[] = [];
      const ms: number[] = [];
      await tf.forward();
      for (let r = 0; r < ROUNDS; r++) {
        await sample(async () => tf.forward(), ts);
        await sample(() => mine.forward(), ms);
      }
      await tf.dispose();
      mine.dispose();
      const row: Row = { shape, batch, tfjs: summarise(ts), f32: summarise(ms), f32Err: myCheck.relErr };
      if (!args['skip-posit']) {
        const p = await ours(dev, w, batch, 'posit32');
        const got = await p.forward();
        const want = runGraph(p.graph, paramsOf(w), { x: { shape: [batch, w.sizes[0] as number], data: Float64Array.from(makeInput(w, batch)) } }).outputs.get('y') as Tensor;
        row.positExact = got.data.every((v, i) => Object.is(v, want.data[i]));
        if (!row.positExact) failed = true;
        // posit32 forwards are slow on a software adapter: as many as fit about two seconds.
        const t0 = performance.now();
        await p.forward();
        const ps: number[] = [performance.now() - t0];
        const more = Math.min(ITERS, Math.floor(2000 / Math.max(ps[0] as number, 1)));
        for (let i = 0; i < more; i++) {
          const t1 = performance.now();
          await p.forward();
          ps.push(performance.now() - t1);
        }
        p.dispose();
        row.posit = summarise(ps);
      }
      rows.push(row);
      console.error(`done ${shape} batch ${batch}`);
    }
  }
  dev.destroy();
  const table = new Table({
    head: ['shape', 'batch', 'tfjs-webgpu ms', 'tilegate f32 ms', 'tfjs / tilegate', 'f32 rel err', 'posit32 ms', 'posit32 / f32', 'posit32 exact'],
    style: process.stdout.isTTY ? {} : { head: [], border: [] },
  });
  const ms = (t: Timing): string => `${t.median.toFixed(2)} (min ${t.min.toFixed(2)})`;
  for (const r of rows) {
    table.push([r.shape, r.batch, ms(r.tfjs), ms(r.f32), `${(r.tfjs.median / r.f32.median).toFixed(2)}x`, r.f32Err.toExponential(1), r.posit ? ms(r.posit) : '-', r.posit ? `${(r.posit.median / r.f32.median).toFixed(1)}x` : '-', r.positExact === undefined ? '-' : r.positExact ? 'yes' : 'NO']);
  }
  console.log(table.toString());
  console.log(`medians over ${ROUNDS} interleaved rounds of ${ITERS} forwards; "tfjs / tilegate" > 1 means tilegate is faster`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
