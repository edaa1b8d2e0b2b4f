// Spawning the worker threads of learning while serving: every role runs worker-main.ts through
// worker-boot.mjs (which registers the TypeScript loader in the new thread). Also the store
// stress run used by tests and bench/adapt: one probe writer against several probe readers.
import { Worker } from 'node:worker_threads';
import type { ProbeReport, WorkerRole } from './protocol.ts';
import type { SnapshotStore } from './snapshot-store.ts';

const BOOT = new URL('./worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./worker-main.ts', import.meta.url).href;

/** Starts a worker thread running one role. */
export function spawnRole(role: WorkerRole): Worker {
  return new Worker(BOOT, { workerData: { role, entry: ENTRY } });
}

/** Resolves with the first message of kind 'probe' a worker posts; rejects on error or early exit. */
function probeResult(w: Worker): Promise<ProbeReport> {
  return new Promise((resolve, reject) => {
    w.on('message', (m: { kind: string }) => {
      if (m.kind === 'probe') resolve(m as ProbeReport);
      else if (m.kind === 'error') reject(new Error(JSON.stringify(m)));
    });
    w.on('error', reject);
    w.on('exit', (code) => reject(new Error(`probe worker exited with code ${code}`)));
  });
}

/**
 * Runs one writer publishing `publications` snapshots against `readers` readers. The writer starts
 * once every reader holds a first lease; each reader takes at least `reads` leases and reads on
 * until the last version, so every reader's reads span the whole run of publications.
 */
export async function stressStore(store: SnapshotStore, publications: number, readers: number, reads: number): Promise<{ writer: ProbeReport; readers: ProbeReport[] }> {
  const until = store.latestVersion() + publications;
  const ready = new SharedArrayBuffer(4);
  const rs = Array.from({ length: readers }, () => spawnRole({ role: 'probe-reader', store: store.shared, count: reads, until, ready }));
  const w = spawnRole({ role: 'probe-writer', store: store.shared, count: publications, ready, readers });
  try {
    const [writer, ...done] = await Promise.all([probeResult(w), ...rs.map(probeResult)]);
    return { writer: writer as ProbeReport, readers: done };
  } finally {
    await Promise.all([w, ...rs].map((x) => x.terminate()));
  }
}
