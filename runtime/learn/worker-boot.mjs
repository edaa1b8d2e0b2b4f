// Entry file of tilegate's worker threads: registers the TypeScript loader in this thread (a
// worker does not inherit the loader of the thread that spawned it), then runs the role module
// named in workerData.entry (runtime/learn/worker-main.ts).
import { register as registerHooks } from 'node:module';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
// Installed packages load as they are, not through tsx (see bin/node-modules-hooks.mjs).
registerHooks('../../bin/node-modules-hooks.mjs', import.meta.url);
await import(workerData.entry);
