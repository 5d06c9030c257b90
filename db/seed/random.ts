import { createHash } from "node:crypto";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

/**
 * A seeded random stream (xoroshiro128+ from pure-rand) with the few distributions the generator
 * needs. Streams are keyed by strings: the same key always yields the same sequence, whatever
 * else was generated before, which is what makes a book independent of chunk size and order.
 */
export class Rng {
  private spareNormal: number | undefined;

  private constructor(private readonly g: RandomGenerator) {}

  /**
   * The stream for `key`. The 128-bit state comes from SHA-256 of the key, so distinct keys give
   * unrelated streams (a 32-bit seed would make streams collide at book sizes we generate).
   */
  static from(key: string): Rng {
    const d = createHash("sha256").update(key).digest();
    return new Rng(
      xoroshiro128plusFromState([d.readInt32LE(0), d.readInt32LE(4), d.readInt32LE(8), d.readInt32LE(12)]),
    );
  }

  /** Uniform in [0, 1). */
  float(): number {
    return uniformFloat64(this.g);
  }

  /** Uniform in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** Uniform whole number in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** true with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** One of `items`, with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let u = this.float() * total;
    for (let i = 0; i < items.length; i++) {
      u -= weights[i]!;
      if (u < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }

  /** `n` distinct items (or all of them when there are fewer), in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = items.slice();
    const k = Math.min(n, copy.length);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.float() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, k);
  }

  /** Standard normal (Marsaglia polar method; the second value is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const v = this.spareNormal;
      this.spareNormal = undefined;
      return v;
    }
    for (;;) {
      const u = 2 * this.float() - 1;
      const v = 2 * this.float() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spareNormal = v * f;
        return u * f;
      }
    }
  }

  /** Log-normal: exp(N(mu, sigma)). */
  logNormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  /** Poisson count (Knuth for small means, a rounded normal above 30: counts here are small). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }

  /** A version-4-shaped uuid drawn from this stream (deterministic for a given key). */
  uuid(): string {
    const a = this.g.next();
    const b = (this.g.next() & 0xffff0fff) | 0x00004000; // version 4
    const c = (this.g.next() & 0x3fffffff) | 0x80000000; // RFC 4122 variant
    const d = this.g.next();
    return `${hex4(a)}-${hex2(b >>> 16)}-${hex2(b)}-${hex2(c >>> 16)}-${hex2(c)}${hex4(d)}`;
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Two bytes (the low 16 bits) as four hex digits. */
function hex2(n: number): string {
  return HEX[(n >>> 8) & 255]! + HEX[n & 255]!;
}

/** Four bytes as eight hex digits. */
function hex4(n: number): string {
  return hex2(n >>> 16) + hex2(n);
}
