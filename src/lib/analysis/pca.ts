/**
 * Principal components for the GISD-type index (METHODS.md §2): correlation matrix of the
 * indicators over the valid areas and its eigen-decomposition by the cyclic Jacobi method
 * (Golub & Van Loan §8.5) — exact enough and simple for the small matrices (k ≤ ~30) used here.
 */
import { pearson, spearman } from './stats.ts';
import { invalid } from '../contract/errors.ts';

/** k × k correlation matrix (row-major), Pearson by default or Spearman; over the masked areas. */
export function correlationMatrix(
  cols: ArrayLike<number>[], mask?: ArrayLike<number> | null, method: 'pearson' | 'spearman' = 'pearson',
): Float64Array {
  if (method !== 'pearson' && method !== 'spearman') throw invalid('method', `${method}`);
  const k = cols.length, r = new Float64Array(k * k);
  const f = method === 'pearson' ? pearson : spearman;
  for (let a = 0; a < k; a++) {
    r[a * k + a] = 1;
    for (let b = a + 1; b < k; b++) r[a * k + b] = r[b * k + a] = f(cols[a], cols[b], mask);
  }
  return r;
}

/**
 * Eigenvalues (descending) and unit eigenvectors of a symmetric k × k matrix (row-major).
 * vectors[c] is the eigenvector of values[c]. Cyclic Jacobi rotations until the off-diagonal
 * norm is below 1e−12 of the total.
 */
export function jacobiEigen(matrix: ArrayLike<number>, k: number): { values: Float64Array; vectors: Float64Array[] } {
  if (matrix.length !== k * k) throw invalid('matrix', `${matrix.length}`, `size`);
  const a = Float64Array.from(matrix);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  let total = 0;
  for (let i = 0; i < k * k; i++) total += a[i] * a[i];
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += a[p * k + q] * a[p * k + q];
    if (off <= 1e-24 * total || off === 0) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * k + q] - a[p * k + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p], arq = a[r * k + q];
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r], aqr = a[q * k + r];
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p], vrq = v[r * k + q];
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((x, y) => a[y * k + y] - a[x * k + x]);
  return {
    values: Float64Array.from(order, (i) => a[i * k + i]),
    vectors: order.map((c) => Float64Array.from({ length: k }, (_, r) => v[r * k + c])),
  };
}

/** Result of {@link firstComponent}. */
export interface FirstComponent {
  /** Eigenvector weights of the standardised indicators, oriented so that their sum is ≥ 0. */
  loadings: Float64Array;
  /** Share of the total variance explained: λ₁ / k. */
  explained: number;
  /** Component scores Σ_j loading_j · z_ij (NaN if any z is NaN). */
  scores: Float64Array;
}

/**
 * First principal component of already standardised, polarity-signed indicators z (one array per
 * indicator), from their correlation matrix over the masked areas. The sign is fixed so that
 * the loadings sum to ≥ 0, i.e. higher scores mean more burden (GISD convention).
 */
export function firstComponent(z: Float64Array[], mask?: ArrayLike<number> | null): FirstComponent {
  const k = z.length, n = z[0]?.length ?? 0;
  if (k === 0) throw invalid('indicators', '0');
  const { values, vectors } = jacobiEigen(correlationMatrix(z, mask), k);
  const loadings = vectors[0];
  let s = 0;
  for (let j = 0; j < k; j++) s += loadings[j];
  if (s < 0) for (let j = 0; j < k; j++) loadings[j] = -loadings[j];
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (let j = 0; j < k; j++) t += loadings[j] * z[j][i];
    scores[i] = t;
  }
  return { loadings, explained: values[0] / k, scores };
}
