#!/usr/bin/env node
// tilegate CLI entry: registers the TypeScript loader, then hands argv to cli/main.ts.
import { register as registerHooks } from 'node:module';
import { register } from 'tsx/esm/api';

register();
registerHooks('./node-modules-hooks.mjs', import.meta.url);
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
