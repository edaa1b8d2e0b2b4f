// Value types of the graph IR: shapes with a symbolic batch dimension and the element kind.
// Every IR value is channels-last: `[B, ...features]`, with the channel (last) dim contiguous.
// The numeric format of a value is not part of its type: numeric selection fills the FORMAT
// side table (ir/tables.ts) later, so one graph can be compiled for several formats.

/** A dimension: a fixed size, or the symbolic batch size `B` (only ever the leading dim). */
export type Dim = number | 'B';

/** A shape, outermost first. `[]` is a scalar. */
export type Shape = readonly Dim[];

/** The type of one IR value: real tensors, or class indices in `[0, classes)`. */
export type ValueType =
  | { readonly elem: 'real'; readonly shape: Shape }
  | { readonly elem: 'class'; readonly shape: Shape; readonly classes: number };

/** A real tensor type. */
export function realType(shape: Shape): ValueType {
  return { elem: 'real', shape };
}

/** The type of a batch of class labels: one index per sample. */
export function classType(classes: number): ValueType {
  return { elem: 'class', shape: ['B'], classes };
}

/** Number of features of a batched shape: the product of every dim after `B`. */
export function featureSize(shape: Shape): number {
  let n = 1;
  for (let i = 1; i < shape.length; i++) {
    const d = shape[i];
    if (typeof d !== 'number') return Number.NaN;
    n *= d;
  }
  return n;
}

/** True for `[B, c]`: the channels-last activation form every compute op works on. */
export function isBatchedVector(shape: Shape): boolean {
  return shape.length === 2 && shape[0] === 'B' && typeof shape[1] === 'number';
}

/** The channel count (last dim) of a batched shape, or NaN. */
export function channels(shape: Shape): number {
  const d = shape[shape.length - 1];
  return typeof d === 'number' ? d : Number.NaN;
}

/** Structural equality of shapes. */
export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Structural equality of value types. */
export function sameType(a: ValueType, b: ValueType): boolean {
  if (a.elem !== b.elem || !sameShape(a.shape, b.shape)) return false;
  return a.elem === 'real' || (b.elem === 'class' && a.classes === b.classes);
}

/** `real[B,784]`, `class<10>[B]`: the form used in dumps and diagnostics. */
export function formatType(t: ValueType): string {
  const dims = `[${t.shape.join(',')}]`;
  return t.elem === 'real' ? `real${dims}` : `class<${t.classes}>${dims}`;
}
