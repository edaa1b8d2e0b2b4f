// Stress roles for the snapshot store (test/unit/snapshot-concurrency.test.ts, bench/adapt): a
// writer publishes snapshots whose every element equals their version, as fast as it can;
// readers pin snapshots, check every element against the version and the checksum, and check
// that versions never go backwards. A torn read (part old, part new) cannot pass both checks.
import type { ProbeReport, ProbeRole } from './protocol.ts';
import { SnapshotStore } from './snapshot-store.ts';

/** Publishes `count` patterned snapshots (versions continue from the newest). */
export function probeWrite(role: ProbeRole): ProbeReport {
  const store = SnapshotStore.attach(role.store);
  const { layout } = role.store;
  const tensors = layout.names.map((name, i) => [name, { shape: layout.shapes[i]!, data: new Float64Array(layout.shapes[i]!.reduce((a, d) => a * d, 1)) }] as const);
  const params = new Map(tensors);
  const versions: number[] = [];
  if (role.ready) {
    // Start only once every reader holds its first lease: each then sees the whole run.
    const ready = new Int32Array(role.ready);
    for (let seen = Atomics.load(ready, 0); seen < (role.readers ?? 0); seen = Atomics.load(ready, 0)) Atomics.wait(ready, 0, seen, 50);
  }
  for (let k = 0; k < role.count; k++) {
    const next = store.latestVersion() + 1;
    for (const [, t] of tensors) t.data.fill(next);
    versions.push(store.publish(params, next).version);
  }
  return { kind: 'probe', reads: 0, torn: 0, backwards: 0, versions };
}

/** Takes at least `count` leases (and reads on until version `until`), holding each while it reads every element twice. */
export function probeRead(role: ProbeRole): ProbeReport {
  const store = SnapshotStore.attach(role.store);
  let torn = 0;
  let backwards = 0;
  let last = -1;
  let reads = 0;
  const seen = new Set<number>();
  for (; reads < role.count || last < (role.until ?? -1); reads++) {
    const lease = store.acquire();
    let ok = store.verify(lease);
    // Two passes, so a writer that could touch a pinned slot would be caught between them.
    for (let pass = 0; pass < 2 && ok; pass++) {
      for (const t of lease.params.values()) {
        for (let i = 0; i < t.data.length; i++) {
          if (t.data[i] !== lease.version) {
            ok = false;
            break;
          }
        }
      }
    }
    if (!ok) torn++;
    if (lease.version < last) backwards++;
    last = lease.version;
    seen.add(lease.version);
    lease.release();
    if (reads === 0 && role.ready) {
      const ready = new Int32Array(role.ready);
      Atomics.add(ready, 0, 1);
      Atomics.notify(ready, 0);
    }
  }
  return { kind: 'probe', reads, torn, backwards, versions: [...seen].sort((a, b) => a - b) };
}
