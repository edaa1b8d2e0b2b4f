// Shared fixtures of the tile allocator tests: the 784 -> 512 -> 10 DG-Hard model (the gate reads
// the input, as in the design brief's example) written out here so its numbers cannot drift with
// the examples, and a compile helper that fails loudly when the front end rejects a model.
import { compileToIR } from '../../compiler/index.ts';
import type { SourceMap } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';

/** DG-Hard 784 -> 512 -> 10, posit32 with quire, learning mode D on 12 xdna2 tiles. */
export function dgHard512(opts: { mode?: string; learningTiles?: number | null; grid?: string } = {}): string {
  const mode = opts.mode ?? 'theta_and_w_inactive';
  const tiles = opts.learningTiles === null ? '' : `, learning_tiles: ${opts.learningTiles ?? 12}`;
  return `model dg_hard_512 {
  input  x : [784]
  label  t : class[10]
  numeric posit32 quire

  h = dense(x, 512, act: relu)
  g = gate(x, 512, kind: hard, threshold: 0.5)
  y = dense(h * g, 10)
  output y
  loss cross_entropy(y, t)

  learn {
    mode: ${mode}
    gradient: forward(perturbations: 8, seed: 7)
    lr: 0.01
    sync_every: 16
  }
  target xdna { grid: ${opts.grid ?? 'xdna2'}${tiles} }
}
`;
}

/** Compiles .dg text to a laid-out graph, or throws with the diagnostics. */
export function compileModel(text: string, file = 'model.dg'): { graph: Graph; sources: SourceMap; text: string } {
  const r = compileToIR(text, file, { verify: true });
  if (!r.graph) throw new Error(`front end rejected ${file}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return { graph: r.graph, sources: r.sources, text };
}
