// Walks over checked expressions: which layers the outputs and loss actually use, whether any
// of them routes (gate or mixture), and how many parameters they hold. Shared by the checker's
// model-level checks; lowering follows the same reachability.
import type { TExpr } from './checked.ts';

/** Calls `f` on every expression reachable from `roots`, following binding references once each. */
export function visitReachable(roots: readonly TExpr[], bindings: ReadonlyMap<string, { readonly expr: TExpr }>, f: (e: TExpr) => void): void {
  const seen = new Set<string>();
  const stack = [...roots];
  for (let e = stack.pop(); e !== undefined; e = stack.pop()) {
    f(e);
    switch (e.kind) {
      case 'Ref': {
        const b = e.target === 'binding' && !seen.has(e.name) ? bindings.get(e.name) : undefined;
        seen.add(e.name);
        if (b) stack.push(b.expr);
        break;
      }
      case 'Mul':
        stack.push(...e.factors);
        break;
      default:
        stack.push(e.x);
    }
  }
}

/** True when a reachable layer is a gate or a mixture (so theta exists and units can be inactive). */
export function usesRouting(roots: readonly TExpr[], bindings: ReadonlyMap<string, { readonly expr: TExpr }>): boolean {
  let found = false;
  visitReachable(roots, bindings, (e) => {
    if (e.kind === 'Gate' || e.kind === 'Moe') found = true;
  });
  return found;
}

/** Total parameter elements of the reachable layers. */
export function countParams(roots: readonly TExpr[], bindings: ReadonlyMap<string, { readonly expr: TExpr }>): number {
  let total = 0;
  visitReachable(roots, bindings, (e) => {
    const inW = 'x' in e ? e.x.dims.reduce((a, b) => a * b, 1) : 0;
    if (e.kind === 'Dense') {
      let w = inW;
      for (const out of e.widths) {
        total += out * w + out;
        w = out;
      }
    } else if (e.kind === 'Gate') total += e.width * inW + e.width;
    else if (e.kind === 'Moe') total += e.experts * inW + e.experts + e.experts * (e.width * inW + e.width);
  });
  return total;
}
