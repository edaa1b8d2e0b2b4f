// Snapshot bookkeeping of the SimMachine: the visible version of each parameter snapshot, every
// publication (update done, bytes landed, first use by serving) and the latency between them.
// The machine calls begin at a `publish`, commit when its transfers land, adopt at an `adopt`.
import type { SimPublication } from './result.ts';

interface Publication {
  readonly snapshot: string;
  readonly updatedCycle: number;
  version: number;
  visibleCycle: number;
  firstUseCycle: number | null;
}

/** Versions and publications of the named snapshots of one run. */
export class SnapshotBook {
  private readonly visible: Int32Array;
  private readonly pubs: Publication[] = [];
  /** Per snapshot, publications no thread has adopted yet. */
  private readonly unused: number[][];

  constructor(private readonly names: readonly string[]) {
    this.visible = new Int32Array(names.length);
    this.unused = names.map(() => []);
  }

  /** A publish of snapshot `s` starts at `cycle` (the update is done); returns its handle. */
  begin(s: number, cycle: number): number {
    this.pubs.push({ snapshot: this.names[s] ?? '', updatedCycle: cycle, version: -1, visibleCycle: -1, firstUseCycle: null });
    return this.pubs.length - 1;
  }

  /** Its bytes landed at `cycle`: the next version becomes visible; returns that version. */
  commit(handle: number, cycle: number): number {
    const pub = this.pubs[handle] as Publication;
    const s = this.names.indexOf(pub.snapshot);
    pub.version = (this.visible[s] as number) + 1;
    this.visible[s] = pub.version;
    pub.visibleCycle = cycle;
    this.unused[s]?.push(handle);
    return pub.version;
  }

  /** A thread adopts snapshot `s` at `cycle`: returns the version and whether it is a first use. */
  adopt(s: number, cycle: number): { version: number; firstUse: boolean } {
    const version = this.visible[s] as number;
    const waiting = this.unused[s] as number[];
    if (waiting.length === 0) return { version, firstUse: false };
    // A version superseded before any use shares the first use of its successor.
    for (const p of waiting) (this.pubs[p] as Publication).firstUseCycle = cycle;
    while (waiting.length > 0) waiting.pop();
    return { version, firstUse: true };
  }

  /** Every publication with its latency from update to first use. */
  publications(): SimPublication[] {
    return this.pubs.map((p) => ({ ...p, latencyCycles: p.firstUseCycle === null ? null : p.firstUseCycle - p.updatedCycle }));
  }
}
