// The snapshot store of learning while serving (DESIGN section 7, paper section 5.7): serving
// reads immutable, versioned parameter snapshots; the learner publishes its training copy as a
// new snapshot every sync_every steps. Shared memory between worker threads: version-indexed
// slots in one SharedArrayBuffer, each guarded by an Atomics pin count. A reader pins the
// newest slot and reads it in place; the single writer fills only a slot it has locked (no
// pins, not the newest) and makes it the newest with one Atomics store. Layout: spec/adapt.md 3.
import type { ParamSet, Tensor } from '../interpreter/types.ts';

/** Where each parameter lives inside a slot (f64 elements, names in graph order). */
export interface ParamLayout {
  readonly names: readonly string[];
  readonly shapes: readonly (readonly number[])[];
  readonly offsets: readonly number[];
  /** Elements per slot. */
  readonly size: number;
}

/** What a worker needs to attach to a store (structured-cloneable). */
export interface SharedSnapshotStore {
  readonly layout: ParamLayout;
  readonly slots: number;
  readonly control: SharedArrayBuffer;
  readonly data: SharedArrayBuffer;
}

/** Identity of one published snapshot. */
export interface SnapshotInfo {
  /** 0, 1, 2, ... in publication order; version 0 is the parameters serving starts from. */
  readonly version: number;
  /** Learning steps taken when the snapshot was published (anneal gates read it). */
  readonly step: number;
  /** FNV-1a over the slot's bytes, computed by the writer before publication. */
  readonly checksum: number;
}

/** A pinned snapshot: `params` are read-only views into shared memory, valid until `release()`. */
export interface Lease extends SnapshotInfo {
  readonly params: ParamSet;
  release(): void;
}

/** Pin-count value of a slot the writer holds; readers back off from negative counts. */
const LOCKED = -0x40000000;
// Control words: [0] newest slot, [1] last version; then per slot: pins, version, step, checksum.
const NEWEST = 0;
const LAST_VERSION = 1;
const HEADER = 2;
const PER_SLOT = 4;

/** Lays out a parameter set's tensors back to back, in the given name order. */
export function paramLayout(names: readonly string[], params: ParamSet): ParamLayout {
  const shapes: number[][] = [];
  const offsets: number[] = [];
  let size = 0;
  for (const n of names) {
    const t = params.get(n);
    if (!t) throw new RangeError(`paramLayout: no tensor '${n}'`);
    shapes.push(t.shape.slice());
    offsets.push(size);
    size += t.data.length;
  }
  return { names: names.slice(), shapes, offsets, size };
}

/** FNV-1a (32-bit) over the little-endian bytes of f64 values, folded one 32-bit word at a time. */
export function snapshotChecksum(words: Uint32Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) {
    h = Math.imul(h ^ words[i]!, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Shared, versioned parameter snapshots. One writer (the learner) and any number of readers
 * (servers), each in any thread. Stateful service over shared memory.
 */
export class SnapshotStore {
  private readonly ctrl: Int32Array;
  private readonly f64: Float64Array;
  private readonly u32: Uint32Array;

  private constructor(readonly shared: SharedSnapshotStore) {
    this.ctrl = new Int32Array(shared.control);
    this.f64 = new Float64Array(shared.data);
    this.u32 = new Uint32Array(shared.data);
  }

  /** A new store for `layout` with `slots` slots (at least readers + 2, so the writer never waits). */
  static create(layout: ParamLayout, slots: number): SnapshotStore {
    if (!Number.isInteger(slots) || slots < 2) throw new RangeError('a snapshot store needs at least 2 slots');
    const control = new SharedArrayBuffer((HEADER + PER_SLOT * slots) * 4);
    const data = new SharedArrayBuffer(Math.max(8, layout.size * 8 * slots));
    const store = new SnapshotStore({ layout, slots, control, data });
    Atomics.store(store.ctrl, NEWEST, -1);
    Atomics.store(store.ctrl, LAST_VERSION, -1);
    return store;
  }

  /** Attaches to a store created in another thread. */
  static attach(shared: SharedSnapshotStore): SnapshotStore {
    return new SnapshotStore(shared);
  }

  /** Publishes parameters as the next version. Single writer only; never blocks while a slot is free. */
  publish(params: ParamSet, step: number): SnapshotInfo {
    const slot = this.lockFreeSlot();
    const { layout } = this.shared;
    const base = slot * layout.size;
    layout.names.forEach((name, i) => {
      const t = params.get(name);
      const off = layout.offsets[i]!;
      const len = (i + 1 < layout.names.length ? layout.offsets[i + 1]! : layout.size) - off;
      if (!t || t.data.length !== len) throw new RangeError(`publish: tensor '${name}' is missing or has ${t?.data.length} elements, not ${len}`);
      this.f64.set(t.data, base + off);
    });
    const checksum = snapshotChecksum(this.u32.subarray(2 * base, 2 * (base + layout.size)));
    const version = Atomics.load(this.ctrl, LAST_VERSION) + 1;
    const at = HEADER + PER_SLOT * slot;
    Atomics.store(this.ctrl, at + 1, version);
    Atomics.store(this.ctrl, at + 2, step);
    Atomics.store(this.ctrl, at + 3, checksum | 0);
    Atomics.store(this.ctrl, LAST_VERSION, version);
    // Unlock, then make it the newest: readers only pin the newest slot, so no reader can see
    // the slot between the two stores, and every write above happens-before a reader's pin.
    Atomics.store(this.ctrl, at, 0);
    Atomics.store(this.ctrl, NEWEST, slot);
    return { version, step, checksum };
  }

  /** Locks a slot that is neither the newest nor pinned (waits briefly if readers hold them all). */
  private lockFreeSlot(): number {
    const slots = this.shared.slots;
    for (let attempt = 0; ; attempt++) {
      const newest = Atomics.load(this.ctrl, NEWEST);
      for (let s = 0; s < slots; s++) {
        if (s !== newest && Atomics.compareExchange(this.ctrl, HEADER + PER_SLOT * s, 0, LOCKED) === 0) return s;
      }
      Atomics.wait(this.ctrl, NEWEST, newest, attempt < 100 ? 0 : 1);
    }
  }

  /** Pins the newest snapshot. Throws if nothing was published yet (a caller bug). */
  acquire(): Lease {
    for (let attempt = 0; ; attempt++) {
      const slot = Atomics.load(this.ctrl, NEWEST);
      if (slot < 0) throw new Error('snapshot store: nothing published yet');
      const pins = HEADER + PER_SLOT * slot;
      if (Atomics.add(this.ctrl, pins, 1) < 0) {
        Atomics.sub(this.ctrl, pins, 1);
        continue;
      }
      // Pinned and unlocked: the slot is complete and stays as it is. Prefer the newest; after
      // a few tries accept what is pinned (it is a whole snapshot, at least as new as any seen).
      if (Atomics.load(this.ctrl, NEWEST) !== slot && attempt < 8) {
        Atomics.sub(this.ctrl, pins, 1);
        continue;
      }
      return this.lease(slot);
    }
  }

  private lease(slot: number): Lease {
    const at = HEADER + PER_SLOT * slot;
    const { layout } = this.shared;
    const base = slot * layout.size;
    const params = new Map<string, Tensor>();
    layout.names.forEach((name, i) => {
      const off = base + layout.offsets[i]!;
      const len = layout.shapes[i]!.reduce((a, d) => a * d, 1);
      params.set(name, { shape: layout.shapes[i]!, data: this.f64.subarray(off, off + len) });
    });
    let released = false;
    return {
      version: Atomics.load(this.ctrl, at + 1),
      step: Atomics.load(this.ctrl, at + 2),
      checksum: Atomics.load(this.ctrl, at + 3) >>> 0,
      params,
      release: () => {
        if (released) return;
        released = true;
        Atomics.sub(this.ctrl, at, 1);
      },
    };
  }

  /** Recomputes the checksum of a leased snapshot's bytes (a torn read would not match `lease.checksum`). */
  verify(lease: Lease): boolean {
    const first = lease.params.get(this.shared.layout.names[0] ?? '');
    if (!first) return lease.checksum === snapshotChecksum(new Uint32Array(0));
    const startWord = first.data.byteOffset / 4;
    return snapshotChecksum(this.u32.subarray(startWord, startWord + 2 * this.shared.layout.size)) === lease.checksum;
  }

  /** The newest published version (-1 before the first publication). */
  latestVersion(): number {
    return Atomics.load(this.ctrl, LAST_VERSION);
  }
}

/** Copies a parameter set out of shared memory (or any views) into fresh arrays. */
export function copyParams(p: ParamSet): Map<string, Tensor> {
  return new Map([...p].map(([k, t]) => [k, { shape: t.shape.slice(), data: Float64Array.from(t.data) }]));
}
