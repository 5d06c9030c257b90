import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** A seeded random source (pure-rand's xoroshiro128+); it advances as it is used. */
export type Rng = ReturnType<typeof xoroshiro128plus>;

/** A new seeded random source. */
export const seededRng = (seed: number): Rng => xoroshiro128plus(seed);

/** Shuffles the first `size` items of `items` in place (Fisher–Yates). */
export function shuffleInPlace(items: Int32Array | number[], size: number, rng: Rng): void {
  for (let i = size - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
}
