// What a worker thread of learning while serving runs: reads its role from workerData and runs
// the matching loop (serve-loop.ts, snapshot-probe.ts), posting messages to the spawning
// thread. Loaded through worker-boot.mjs, which registers the TypeScript loader first. An
// unexpected exception is reported as an E4705 message rather than killing the thread silently.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerRole } from './protocol.ts';
import { learnLoop, serveLoop } from './serve-loop.ts';
import { probeRead, probeWrite } from './snapshot-probe.ts';

const data = workerData as { readonly role: WorkerRole };
const port = parentPort;

function main(role: WorkerRole): void {
  if (!port) return;
  const post = (m: unknown, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
  switch (role.role) {
    case 'learner':
      return learnLoop(role, post);
    case 'server':
      return serveLoop(role, post);
    case 'probe-writer':
      return post(probeWrite(role));
    case 'probe-reader':
      return post(probeRead(role));
  }
}

try {
  main(data.role);
} catch (e) {
  port?.postMessage({ kind: 'error', diagnostics: [{ code: 'E4705', severity: 'error', message: `worker thread failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` }] });
}
