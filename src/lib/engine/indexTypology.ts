/**
 * Typology of the areas on a Sozialindex run (METHODS.md §2): k-means or Ward on the signed
 * standardised indicators of the valid areas, type profiles and the quality table over a k range.
 */
import { chooseK, cutTree, kmeans, typeProfiles, ward } from '../analysis/cluster';
import { appError } from '../contract/errors';
import type { IndexRun, TypologyResult, TypologySpec } from '../contract/sozialindex';

/** k-means or Ward on the signed standardised indicators of the valid areas; quality over a k range. */
export function typology(run: IndexRun, spec: TypologySpec): TypologyResult {
  const cols = run.base.z, mask = run.base.valid;
  let m = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] && cols.every((c) => Number.isFinite(c[i]))) m++;
  if (!(spec.k >= 2 && spec.k <= m)) throw appError('index.typologyK', { max: m, k: spec.k });
  const cl = spec.method === 'ward' ? cutTree(ward(cols, { mask }), cols, spec.k) : kmeans(cols, spec.k, { mask, seed: spec.seed, restarts: spec.restarts });
  // areas without a score (under the minimum population, missing values) get no type either
  for (let i = 0; i < cl.labels.length; i++) if (!run.base.rank[i]) cl.labels[i] = 0;
  const prof = typeProfiles(cols, cl.labels, spec.k, mask);
  const kMax = Math.min(spec.kMax, m - 1), kMin = Math.max(2, Math.min(spec.kMin, kMax));
  const ks = Array.from({ length: kMax - kMin + 1 }, (_, q) => kMin + q);
  const quality = chooseK(cols, ks, { method: spec.method, mask, seed: spec.seed });
  return {
    method: spec.method, k: spec.k, labels: cl.labels,
    profiles: prof.means.map((mu) => Array.from(mu)), sizes: Array.from(prof.sizes), quality,
  };
}
