// The snapshot store in one thread: versions and step counters, pinned snapshots are never
// overwritten however often the writer publishes, the checksum catches a changed byte, and the
// writer never takes the newest or a pinned slot. The cross-thread behaviour is in
// snapshot-concurrency.test.ts.
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../runtime/interpreter/types.ts';
import { copyParams, paramLayout, snapshotChecksum, SnapshotStore } from '../../runtime/learn/snapshot-store.ts';

const params = (v: number): Map<string, Tensor> =>
  new Map([
    ['a.weight', { shape: [3, 2], data: Float64Array.from({ length: 6 }, (_, i) => v + i / 8) }],
    ['a.bias', { shape: [3], data: Float64Array.from({ length: 3 }, (_, i) => -v - i) }],
  ]);
const layout = paramLayout(['a.weight', 'a.bias'], params(0));

describe('snapshot store', () => {
  it('numbers versions from 0 and keeps the step counter and checksum with each', () => {
    const s = SnapshotStore.create(layout, 3);
    expect(s.latestVersion()).toBe(-1);
    expect(() => s.acquire()).toThrow(/nothing published/);
    const v0 = s.publish(params(0), 0);
    const v1 = s.publish(params(1), 16);
    expect([v0.version, v1.version, v1.step]).toEqual([0, 1, 16]);
    expect(v1.checksum).not.toBe(v0.checksum);
    const lease = s.acquire();
    expect([lease.version, lease.step, lease.checksum]).toEqual([1, 16, v1.checksum]);
    expect([...(lease.params.get('a.bias')?.data ?? [])]).toEqual([-1, -2, -3]);
    expect(s.verify(lease)).toBe(true);
    lease.release();
  });

  it('never overwrites a pinned snapshot, however many versions follow', () => {
    const s = SnapshotStore.create(layout, 3);
    s.publish(params(0), 0);
    const pinned = s.acquire();
    const before = copyParams(pinned.params);
    for (let v = 1; v <= 50; v++) s.publish(params(v), v);
    expect(pinned.version).toBe(0);
    for (const [k, t] of before) expect([...(pinned.params.get(k)?.data ?? [])]).toEqual([...t.data]);
    expect(s.verify(pinned)).toBe(true);
    pinned.release();
    const now = s.acquire();
    expect(now.version).toBe(50);
    now.release();
  });

  it('detects a changed byte through the checksum', () => {
    const s = SnapshotStore.create(layout, 2);
    s.publish(params(4), 0);
    const lease = s.acquire();
    // Writing through the lease's view stands in for a torn read: the bytes no longer match.
    (lease.params.get('a.weight')?.data as Float64Array)[2] = 123;
    expect(s.verify(lease)).toBe(false);
    lease.release();
  });

  it('checksums are FNV-1a over the 32-bit words', () => {
    expect(snapshotChecksum(new Uint32Array(0))).toBe(0x811c9dc5);
    const words = new Uint32Array([1, 2]);
    let h = 0x811c9dc5;
    for (const w of words) h = Math.imul(h ^ w, 0x01000193);
    expect(snapshotChecksum(words)).toBe(h >>> 0);
  });

  it('refuses fewer than two slots and tensors that do not fit the layout', () => {
    expect(() => SnapshotStore.create(layout, 1)).toThrow(RangeError);
    const s = SnapshotStore.create(layout, 2);
    const wrong = params(0);
    wrong.set('a.bias', { shape: [2], data: new Float64Array(2) });
    expect(() => s.publish(wrong, 0)).toThrow(/a.bias/);
  });
});
