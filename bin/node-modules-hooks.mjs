// Module hooks that load installed packages (node_modules) directly, bypassing the TypeScript
// loader: tsx would otherwise re-transform large packages such as binaryen's 15 MB index.js on
// every start. Registered after tsx, so these hooks run first.
import { readFile } from 'node:fs/promises';

/** Loads ES modules under node_modules as they are; everything else goes down the chain. */
export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && url.includes('/node_modules/') && context.format === 'module') {
    return { format: 'module', source: await readFile(new URL(url)), shortCircuit: true };
  }
  return nextLoad(url, context);
}
