// The WGSL numerics library a posit kernel prepends to its own code: posit32 scalars, division and
// square root, then the quire32 accumulator (which uses them). One string, so kernels stay
// single WGSL modules.
import { POSIT32_DIV_SQRT_WGSL } from './posit32-div-sqrt.ts';
import { POSIT32_WGSL } from './posit32.ts';
import { QUIRE32_WGSL } from './quire32.ts';

export { POSIT32_DIV_SQRT_WGSL } from './posit32-div-sqrt.ts';
export { POSIT32_WGSL } from './posit32.ts';
export { QUIRE32_WGSL } from './quire32.ts';

/** posit32 + div/sqrt + quire32 WGSL, ready to prepend to a kernel. */
export const POSIT32_LIBRARY_WGSL: string = POSIT32_WGSL + POSIT32_DIV_SQRT_WGSL + QUIRE32_WGSL;

/** Number of lines the library adds before a kernel's own code (to map WGSL error lines back). */
export const POSIT32_LIBRARY_LINES: number = POSIT32_LIBRARY_WGSL.split('\n').length - 1;
