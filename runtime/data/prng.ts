// Small seeded generators for the synthetic datasets of runtime/data: a 32-bit seed hash and
// mulberry32. Data generation only needs determinism per seed, not the counter-based Philox
// streams that tangents and parameter initialisation use (runtime/interpreter/random.ts).

/** Mixes a seed and any number of integer coordinates into one 32-bit seed (murmur3 finaliser per word). */
export function hashSeed(...words: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const w of words) {
    let k = Math.imul((w >>> 0) ^ Math.floor(w / 4294967296), 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A seeded uniform generator in [0, 1) (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
