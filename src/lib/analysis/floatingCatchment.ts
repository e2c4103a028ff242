/**
 * Floating-catchment accessibility (METHODS.md §7), following PySAL `access` (`fca.py`):
 *
 * - 2SFCA (Luo & Wang 2003) and its weighted forms (E2SFCA, Luo & Qi 2009; gravity; Gaussian):
 *   R_j = S_j / Σ_i P_i W(c_ij),   A_i = Σ_j R_j W(c_ij)   (sums over c_ij ≤ c_max).
 * - 3SFCA (Wan et al. 2012): W is multiplied by the selection weight G_ij = W(c_ij) / Σ_k W(c_ik)
 *   (over all destinations of i) in both steps.
 * - FCA: A_i = Σ_j S_j W(c_ij) / Σ_k P_k W(c_ik) with demand-to-demand costs c_ik.
 *
 * Deviations from PySAL, on purpose: a demand location that reaches no supply has access 0
 * (PySAL gives NaN), and a supply that no demand reaches has ratio NaN (reported as null).
 * For the two/three-step methods Σ_i P_i A_i = Σ_j S_j over the supplies some demand reaches.
 *
 * Every loop works on a demand index range so the work can be split over workers; partial
 * sums of {@link addDemandOnSupply} add up.
 */
import { invalid } from '../contract/errors';
import type { CostPairs } from './costPairs';
import { checkWeightSpec, weightFunction, type WeightSpec } from './catchmentWeights';

export type AccessMethod = 'fca' | '2sfca' | 'e2sfca' | '3sfca';

/** W(c) per pair for demand rows [from, to) into `out` (length = pairs). */
export function pairWeights(p: CostPairs, spec: WeightSpec, out = new Float64Array(p.cost.length), from = 0, to = p.nDemand): Float64Array {
  const a = p.offsets[from], b = p.offsets[to];
  if (spec.kind === 'none') return out.fill(1, a, b);
  if (spec.kind === 'step') {
    // inlined: millions of pairs in the E2SFCA benchmark
    checkWeightSpec(spec);
    const up = Float64Array.from(spec.steps, (s) => s.upTo), wt = Float64Array.from(spec.steps, (s) => s.weight);
    for (let q = a; q < b; q++) {
      const c = p.cost[q];
      let w = 0;
      for (let k = 0; k < up.length; k++)
        if (c <= up[k]) {
          w = wt[k];
          break;
        }
      out[q] = w;
    }
    return out;
  }
  const W = weightFunction(spec);
  for (let q = a; q < b; q++) {
    const w = W(p.cost[q]);
    if (!(w >= 0) || w === Infinity) throw invalid('weight', w, `at cost ${p.cost[q]}`);
    out[q] = w;
  }
  return out;
}

/**
 * 3SFCA selection weights, in place: w_p ← w_p · G_p with G_ij = W_ij / Σ_k W_ik.
 * `selection[i]` is Σ_k W(c_ik) over all destinations of i (pass it when destinations beyond
 * the catchment carry weight, e.g. gravity or Gaussian); by default the sum over i's pairs.
 */
export function applySelectionWeights(p: CostPairs, w: Float64Array, selection?: ArrayLike<number>, from = 0, to = p.nDemand): Float64Array {
  for (let i = from; i < to; i++) {
    const a = p.offsets[i], b = p.offsets[i + 1];
    let s = 0;
    if (selection) s = selection[i];
    else for (let q = a; q < b; q++) s += w[q];
    for (let q = a; q < b; q++) w[q] = s > 0 ? (w[q] * w[q]) / s : 0;
  }
  return w;
}

/** Step 1 partial sums: out[j] += Σ_i P_i w_ij over demand rows [from, to). */
export function addDemandOnSupply(p: CostPairs, w: Float64Array, population: ArrayLike<number>, out: Float64Array, from = 0, to = p.nDemand): Float64Array {
  for (let i = from; i < to; i++) {
    const P = population[i];
    if (!(P > 0)) continue;
    for (let q = p.offsets[i]; q < p.offsets[i + 1]; q++) out[p.supply[q]] += P * w[q];
  }
  return out;
}

/** R_j = S_j / D_j, NaN where no demand reaches j (D_j = 0). */
export function supplyRatios(supply: ArrayLike<number>, demandOnSupply: Float64Array): Float64Array {
  return Float64Array.from(demandOnSupply, (d, j) => (d > 0 ? supply[j] / d : NaN));
}

/** Step 2: A_i = Σ_j R_j w_ij for demand rows [from, to) (0 where nothing is reached). */
export function accessFromRatios(p: CostPairs, w: Float64Array, ratio: Float64Array, out: Float64Array, from = 0, to = p.nDemand): Float64Array {
  for (let i = from; i < to; i++) {
    let a = 0;
    for (let q = p.offsets[i]; q < p.offsets[i + 1]; q++) {
      const r = ratio[p.supply[q]];
      if (w[q] > 0 && r === r) a += r * w[q];
    }
    out[i] = a;
  }
  return out;
}

export interface AccessInput {
  method: AccessMethod;
  /** demand → supply costs within the catchment */
  pairs: CostPairs;
  population: ArrayLike<number>;
  /** S_j (capacity, places, doctors); missing values must be resolved by the caller */
  supply: ArrayLike<number>;
  weights: WeightSpec;
  /** 3SFCA: Σ_k W(c_ik) over all destinations, when it differs from the sum within the catchment */
  selection?: ArrayLike<number>;
  /** FCA: demand → demand costs within the catchment (`supply` indexes demand rows) */
  demandPairs?: CostPairs;
  /** divide A by its population-weighted mean Σ P A / Σ P */
  normalize?: boolean;
}

export interface AccessResult {
  access: Float64Array;
  /** R_j (two/three-step), NaN where no demand reaches j; FCA: NaN */
  ratio: Float64Array;
  /** D_j = Σ_i P_i W_ij */
  demandOnSupply: Float64Array;
  /** 1 where demand i reaches a supply with positive weight */
  reached: Uint8Array;
  /** Σ_j S_j over the supplies some demand reaches (all supplies for FCA) */
  totalSupply: number;
  /** Σ_i P_i A_i (before normalisation) */
  weightedAccessSum: number;
  /** population-weighted mean of A (the normalisation divisor) */
  meanAccess: number;
}

function sumPA(pop: ArrayLike<number>, a: Float64Array): { pa: number; p: number } {
  let pa = 0, ps = 0;
  for (let i = 0; i < a.length; i++) {
    const P = pop[i] > 0 ? pop[i] : 0;
    pa += P * a[i];
    ps += P;
  }
  return { pa, p: ps };
}

function check(input: AccessInput): void {
  const { pairs, population, supply } = input;
  if (population.length !== pairs.nDemand) throw invalid('populationLength', population.length);
  if (supply.length !== pairs.nSupply) throw invalid('supplyLength', supply.length);
  for (let j = 0; j < supply.length; j++) if (!(supply[j] >= 0)) throw invalid('supply', supply[j], `at ${j}`);
  for (let i = 0; i < population.length; i++) if (!(population[i] >= 0)) throw invalid('population', population[i], `at ${i}`);
  checkWeightSpec(input.weights);
}

/** Floating-catchment accessibility for one method (see the module comment for the formulas). */
export function floatingCatchment(input: AccessInput): AccessResult {
  check(input);
  const { pairs, population, supply } = input;
  const n = pairs.nDemand, m = pairs.nSupply;
  const w = pairWeights(pairs, input.weights);
  const reached = new Uint8Array(n);
  for (let i = 0; i < n; i++) for (let q = pairs.offsets[i]; q < pairs.offsets[i + 1]; q++) if (w[q] > 0 && supply[pairs.supply[q]] >= 0) reached[i] = 1;
  let access: Float64Array, ratio: Float64Array, dos: Float64Array, totalSupply = 0;
  if (input.method === 'fca') {
    const dp = input.demandPairs;
    if (!dp || dp.nDemand !== n || dp.nSupply !== n) throw invalid('demandPairs', 'missing', 'FCA needs demand-to-demand costs');
    const wd = pairWeights(dp, input.weights);
    access = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0, d = 0;
      for (let q = pairs.offsets[i]; q < pairs.offsets[i + 1]; q++) s += supply[pairs.supply[q]] * w[q];
      for (let q = dp.offsets[i]; q < dp.offsets[i + 1]; q++) d += (population[dp.supply[q]] > 0 ? population[dp.supply[q]] : 0) * wd[q];
      access[i] = d > 0 ? s / d : 0;
    }
    ratio = new Float64Array(m).fill(NaN);
    dos = addDemandOnSupply(pairs, w, population, new Float64Array(m));
    for (let j = 0; j < m; j++) totalSupply += supply[j];
  } else {
    if (input.method === '3sfca') applySelectionWeights(pairs, w, input.selection);
    dos = addDemandOnSupply(pairs, w, population, new Float64Array(m));
    ratio = supplyRatios(supply, dos);
    access = accessFromRatios(pairs, w, ratio, new Float64Array(n));
    for (let j = 0; j < m; j++) if (dos[j] > 0) totalSupply += supply[j];
  }
  const { pa, p } = sumPA(population, access);
  const meanAccess = p > 0 ? pa / p : NaN;
  if (input.normalize && meanAccess > 0) for (let i = 0; i < n; i++) access[i] /= meanAccess;
  return { access, ratio, demandOnSupply: dos, reached, totalSupply, weightedAccessSum: pa, meanAccess };
}

/** Relative gap between Σ P·A and Σ S (0 when the invariant holds exactly). */
export function invariantGap(r: Pick<AccessResult, 'totalSupply' | 'weightedAccessSum'>): number {
  const d = Math.abs(r.weightedAccessSum - r.totalSupply);
  return r.totalSupply > 0 ? d / r.totalSupply : d;
}

/**
 * Σ_j S_j W(c_ij) for every demand i (PySAL `weighted_catchment`, a supply potential):
 * the supply within reach, weighted by distance decay.
 */
export function weightedCatchment(p: CostPairs, supply: ArrayLike<number>, spec: WeightSpec): Float64Array {
  const w = pairWeights(p, spec);
  const out = new Float64Array(p.nDemand);
  for (let i = 0; i < p.nDemand; i++) {
    let s = 0;
    for (let q = p.offsets[i]; q < p.offsets[i + 1]; q++) s += supply[p.supply[q]] * w[q];
    out[i] = s;
  }
  return out;
}

/** Σ_k W(c_ik) over every pair of each demand (3SFCA selection sums from an unrestricted pair set). */
export function selectionSums(all: CostPairs, spec: WeightSpec): Float64Array {
  const w = pairWeights(all, spec);
  const out = new Float64Array(all.nDemand);
  for (let i = 0; i < all.nDemand; i++) for (let q = all.offsets[i]; q < all.offsets[i + 1]; q++) out[i] += w[q];
  return out;
}
