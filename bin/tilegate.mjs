#!/usr/bin/env node
// tilegate CLI entry: registers the TypeScript loader, then hands argv to cli/main.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
