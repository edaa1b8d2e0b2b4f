// The WGSL numerics library a posit kernel prepends to its own code: posit32 scalars, then the
// quire32 accumulator (which uses them). One string, so kernels stay single WGSL modules.
import { POSIT32_WGSL } from './posit32.ts';
import { QUIRE32_WGSL } from './quire32.ts';

export { POSIT32_WGSL } from './posit32.ts';
export { QUIRE32_WGSL } from './quire32.ts';

/** posit32 + quire32 WGSL, ready to prepend to a kernel. */
export const POSIT32_LIBRARY_WGSL: string = POSIT32_WGSL + QUIRE32_WGSL;

/** Number of lines the library adds before a kernel's own code (to map WGSL error lines back). */
export const POSIT32_LIBRARY_LINES: number = POSIT32_LIBRARY_WGSL.split('\n').length - 1;
