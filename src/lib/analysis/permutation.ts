/**
 * Fast random permutations for permutation tests (METHODS.md §5) and their split into fixed
 * chunks. Chunk c of a computation seeded with s draws from its own stream `chunkSeed(s, c)`,
 * so a result depends on the seed only — never on how many workers share the chunks.
 */
import { chunkSeed, xoshiroState } from './random';
import { invalid } from '../contract/errors.ts';

const TWO32 = 4294967296;
const INV32 = 1 / TWO32;
/** u32 × bound must stay exact in a double (< 2^53). */
export const MAX_SHUFFLE = 1 << 21;

/**
 * Fisher–Yates shuffles on one xoshiro128** stream (Blackman & Vigna 2018; the generator of
 * `random.ts`, inlined: the hot loop of global permutation tests runs without closures or
 * divisions), with unbiased bounded integers by Lemire's multiply-and-reject (Lemire 2019).
 */
export class Shuffler {
  private readonly s: Int32Array;

  constructor(seed: number) {
    this.s = xoshiroState(seed);
  }

  /** Shuffles `v` in place; every permutation is equally likely. */
  shuffle(v: Float64Array): void {
    if (v.length > MAX_SHUFFLE) throw invalid('n', v.length);
    const st = this.s;
    let a = st[0], b = st[1], c = st[2], d = st[3];
    for (let i = v.length - 1; i > 0; i--) {
      const bound = i + 1;
      let j = 0;
      for (;;) {
        const x = Math.imul(b, 5);
        const u = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
        const t = b << 9;
        c ^= a;
        d ^= b;
        b ^= c;
        a ^= d;
        c ^= t;
        d = (d << 11) | (d >>> 21);
        const m = u * bound;
        j = (m * INV32) | 0; // floor: m < 2^53, so m · 2^−32 < 2^21 is exact enough to truncate
        const lo = m - j * TWO32;
        // reject the few low products that would favour small j (Lemire's threshold, rarely computed)
        if (lo >= bound || lo >= (TWO32 - bound) % bound) break;
      }
      const tmp = v[i];
      v[i] = v[j];
      v[j] = tmp;
    }
    st[0] = a;
    st[1] = b;
    st[2] = c;
    st[3] = d;
  }
}

/** A shuffler for chunk `chunk` of a computation seeded with `seed`. */
export function chunkShuffler(seed: number, chunk: number): Shuffler {
  return new Shuffler(chunkSeed(seed, chunk));
}

/** Number of chunks of at most `size` for `total` draws. */
export function chunkCount(total: number, size: number): number {
  return Math.ceil(total / size);
}

/** Draws in chunk `chunk` (the last one takes the rest). */
export function chunkLength(total: number, size: number, chunk: number): number {
  return Math.max(0, Math.min(size, total - chunk * size));
}
