// The graph IR container: an immutable arena of nodes with numeric ids, plus model metadata.
// Ids are dense (0..n-1) and topological: every operand id is smaller than its user's id, so a
// single forward sweep visits producers before consumers. `GraphBuilder` is the only way to make
// a graph; it infers types, hash-conses identical nodes and rejects ill-typed ones.
import type { ModelMeta } from './meta.ts';
import type { Node, NodeId, NodeKind, NodeOf, NodeSpec } from './nodes.ts';
import { identityKey, inferType, mapOperands, operandsOf } from './ops.ts';

/** How far the graph has been legalised. `channels-last`: every compute value is `[B, c]`. */
export type GraphForm = 'logical' | 'channels-last';

/** An immutable IR graph. `nodes[i].id === i`; operands precede users. */
export interface Graph {
  readonly meta: ModelMeta;
  readonly form: GraphForm;
  readonly nodes: readonly Node[];
}

/** An internal IR construction error: a compiler bug, never a user error. */
export class IrError extends Error {
  constructor(
    message: string,
    readonly nodeId?: NodeId,
  ) {
    super(message);
    this.name = 'IrError';
  }
}

/** Builds one graph. Stateful service: the arena under construction and its hash-cons table. */
export class GraphBuilder {
  private readonly nodes: Node[] = [];
  private readonly interned = new Map<string, NodeId>();

  constructor(
    private meta: ModelMeta,
    private form: GraphForm = 'logical',
  ) {}

  /** Adds a node (or returns the id of an identical one) after type inference; throws IrError if ill-typed. */
  add(spec: NodeSpec): NodeId {
    const key = identityKey(spec);
    const existing = this.interned.get(key);
    if (existing !== undefined) return existing;
    const id = this.nodes.length;
    for (const op of operandsOf(spec)) {
      if (!Number.isInteger(op) || op < 0 || op >= id) throw new IrError(`${spec.kind} operand %${op} is not an earlier node`, id);
    }
    const r = inferType(spec, (i) => this.nodes[i]);
    if (!r.ok) throw new IrError(`${spec.kind}: ${r.error}`, id);
    this.nodes.push(Object.freeze({ ...spec, id, type: r.type }) as Node);
    this.interned.set(key, id);
    return id;
  }

  /** The node with an id already added. */
  node(id: NodeId): Node {
    const n = this.nodes[id];
    if (!n) throw new IrError(`no node %${id}`, id);
    return n;
  }

  /** Number of nodes so far. */
  get size(): number {
    return this.nodes.length;
  }

  /** Replaces the metadata of the graph being built. */
  setMeta(meta: ModelMeta): void {
    this.meta = meta;
  }

  /** Sets the legalisation form of the graph being built. */
  setForm(form: GraphForm): void {
    this.form = form;
  }

  /** Freezes and returns the graph; the builder must not be used afterwards. */
  finish(): Graph {
    return Object.freeze({ meta: this.meta, form: this.form, nodes: Object.freeze(this.nodes.slice()) });
  }
}

/** The node with an id, or an IrError naming it. */
export function nodeAt(g: Graph, id: NodeId): Node {
  const n = g.nodes[id];
  if (!n) throw new IrError(`no node %${id}`, id);
  return n;
}

/** Every node of a kind, in id order. */
export function nodesOfKind<K extends NodeKind>(g: Graph, kind: K): NodeOf<K>[] {
  return g.nodes.filter((n): n is NodeOf<K> => n.kind === kind);
}

/** For each node, the ids of the nodes that use it (in id order, with repeats for repeated use). */
export function computeUsers(g: Graph): readonly (readonly NodeId[])[] {
  const users: NodeId[][] = g.nodes.map(() => []);
  for (const n of g.nodes) for (const op of operandsOf(n)) users[op]?.push(n.id);
  return users;
}

/**
 * Copies a graph through a builder, letting `rewrite` replace any node. `rewrite` receives the
 * node with operands already mapped into the new graph; returning undefined copies it unchanged.
 * Returns the new graph and the old-to-new id map (side tables are re-keyed through it).
 */
export function rebuildGraph(
  g: Graph,
  rewrite: (spec: NodeSpec, b: GraphBuilder, old: Node) => NodeId | undefined,
  opts: { meta?: ModelMeta; form?: GraphForm } = {},
): { graph: Graph; remap: ReadonlyMap<NodeId, NodeId> } {
  const b = new GraphBuilder(opts.meta ?? g.meta, opts.form ?? g.form);
  const remap = new Map<NodeId, NodeId>();
  const map = (id: NodeId): NodeId => {
    const to = remap.get(id);
    if (to === undefined) throw new IrError(`operand %${id} was not copied`, id);
    return to;
  };
  for (const n of g.nodes) {
    const spec = mapOperands(n, map);
    remap.set(n.id, rewrite(spec, b, n) ?? b.add(spec));
  }
  return { graph: b.finish(), remap };
}
