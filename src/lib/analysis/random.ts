/**
 * Seedable pseudo-random numbers for all permutation and bootstrap code (METHODS.md §4–5:
 * "seedable, default 999 runs"). xoshiro128** (Blackman & Vigna 2018), seeded by splitmix32,
 * plus exact discrete samplers (binomial, hypergeometric) by inversion from the mode.
 */
import { invalid } from '../contract/errors.ts';

/** A source of uniform numbers in [0, 1) and integers in [0, n). */
export interface Rng {
  /** uniform double in [0, 1) with 32 bits of randomness */
  next(): number;
  /** uniform integer in [0, n), n ≤ 2^32 (unbiased by rejection) */
  int(n: number): number;
  /** fills `buf` with raw 32-bit outputs (fast path for hot loops) */
  fill(buf: Uint32Array): Uint32Array;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * xoshiro128** generator (Blackman & Vigna 2018). The same seed gives the same stream on every
 * platform. Seeds are integers (taken modulo 2^32).
 */
export function createRng(seed = 12345): Rng {
  let [a, b, c, d] = xoshiroState(seed);
  const nextU32 = (): number => {
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return r;
  };
  return {
    next: () => nextU32() / 4294967296,
    int: (n: number) => {
      if (n <= 0) throw invalid('n', `${n}`);
      const limit = 4294967296 - (4294967296 % n);
      let r = nextU32();
      while (r >= limit) r = nextU32();
      return r % n;
    },
    fill: (buf: Uint32Array) => {
      // local copies: closure variables are slow in a hot loop
      let A = a, B = b, C = c, D = d;
      for (let i = 0; i < buf.length; i++) {
        buf[i] = Math.imul(rotl(Math.imul(B, 5), 7), 9);
        const t = B << 9;
        C ^= A;
        D ^= B;
        B ^= C;
        A ^= D;
        C ^= t;
        D = (D << 11) | (D >>> 21);
      }
      a = A;
      b = B;
      c = C;
      d = D;
      return buf;
    },
  };
}

/** The initial xoshiro128** state for `seed` (splitmix32 of the seed), as `createRng` uses it. */
export function xoshiroState(seed: number): Int32Array {
  if (!Number.isFinite(seed)) throw invalid('seed', seed);
  const sm = splitmix32(Math.trunc(seed) >>> 0 ^ Math.floor(Math.trunc(seed) / 4294967296));
  const s = Int32Array.of(sm(), sm(), sm(), sm());
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
  return s;
}

/**
 * Seed of chunk `chunk` of a computation seeded with `seed`: parallel work splits its random
 * draws into fixed chunks, each with its own stream, so results do not depend on how many
 * workers share the chunks (one splitmix32 step over seed and chunk index).
 */
export function chunkSeed(seed: number, chunk: number): number {
  let z = (Math.trunc(seed) ^ Math.imul(chunk + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const LOG_FACT_TABLE = (() => {
  const t = new Float64Array(1025);
  for (let i = 2; i <= 1024; i++) t[i] = t[i - 1] + Math.log(i);
  return t;
})();
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln(n!) — table up to 1024, Stirling series beyond (absolute error < 1e-14). */
export function logFactorial(n: number): number {
  if (n <= 1024) return LOG_FACT_TABLE[n];
  const inv = 1 / n;
  const inv2 = inv * inv;
  return (n + 0.5) * Math.log(n) - n + HALF_LOG_2PI + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/**
 * Discrete inversion starting at the mode and walking outwards alternately; exact for any
 * pmf given as mode probability plus the ratios f(k+1)/f(k) (up) and f(k−1)/f(k) (down).
 * Expected steps are O(standard deviation).
 */
function invertFromMode(
  rng: Rng,
  lo: number,
  hi: number,
  mode: number,
  pMode: number,
  up: (k: number) => number,
  down: (k: number) => number,
): number {
  let u = rng.next() - pMode;
  if (u < 0) return mode;
  let kl = mode, kh = mode, pl = pMode, ph = pMode;
  for (;;) {
    const canUp = kh < hi, canDown = kl > lo;
    if (!canUp && !canDown) return mode; // rounding residue: the tails hold < 1e-12
    if (canUp) {
      ph *= up(kh);
      kh++;
      u -= ph;
      if (u < 0) return kh;
    }
    if (canDown) {
      pl *= down(kl);
      kl--;
      u -= pl;
      if (u < 0) return kl;
    }
  }
}

/** Binomial(n, p) draw, exact (inversion from the mode). */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const q = 1 - p;
  const pMode = Math.exp(logChoose(n, mode) + mode * Math.log(p) + (n - mode) * Math.log(q));
  const r = p / q;
  return invertFromMode(
    rng,
    0,
    n,
    mode,
    pMode,
    (k) => ((n - k) / (k + 1)) * r,
    (k) => (k / (n - k + 1)) / r,
  );
}

/**
 * Hypergeometric draw: number of marked items in a sample of `draws` taken without
 * replacement from `total` items of which `marked` are marked. Exact (inversion from the mode).
 */
export function hypergeometric(rng: Rng, total: number, marked: number, draws: number): number {
  if (draws <= 0 || marked <= 0) return 0;
  if (draws >= total) return marked;
  if (marked >= total) return draws;
  const lo = Math.max(0, draws - (total - marked));
  const hi = Math.min(draws, marked);
  if (lo === hi) return lo;
  const unmarked = total - marked;
  let mode = Math.floor(((draws + 1) * (marked + 1)) / (total + 2));
  mode = Math.min(hi, Math.max(lo, mode));
  const pMode = Math.exp(logChoose(marked, mode) + logChoose(unmarked, draws - mode) - logChoose(total, draws));
  // inlined invertFromMode (hot in permutation tests): f(k+1)/f(k) and f(k−1)/f(k)
  let u = rng.next() - pMode;
  if (u < 0) return mode;
  const c = unmarked - draws;
  let kl = mode, kh = mode, pl = pMode, ph = pMode;
  for (;;) {
    const canUp = kh < hi, canDown = kl > lo;
    if (!canUp && !canDown) return mode;
    if (canUp) {
      ph *= ((marked - kh) * (draws - kh)) / ((kh + 1) * (c + kh + 1));
      kh++;
      u -= ph;
      if (u < 0) return kh;
    }
    if (canDown) {
      pl *= (kl * (c + kl)) / ((marked - kl + 1) * (draws - kl + 1));
      kl--;
      u -= pl;
      if (u < 0) return kl;
    }
  }
}

/** In-place Fisher–Yates shuffle of a typed or plain array. */
export function shuffle<T extends { length: number; [i: number]: number }>(rng: Rng, a: T): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = a[i];
    a[i] = a[j];
    a[j] = tmp;
  }
  return a;
}
