/**
 * Distance-decay weights W(c) of the floating-catchment family (METHODS.md §7), as in PySAL
 * `access.weights`: none (W = 1, plain 2SFCA/FCA), step functions (E2SFCA, Luo & Qi 2009),
 * gravity (c/scale)^α and Gaussian exp(−c²/2σ²). Pure; costs are in the unit of the cost
 * source (metres or minutes).
 */
import { invalid } from '../contract/errors';

/** One step: costs up to and including `upTo` get `weight` (the first step that fits wins). */
export interface WeightStep {
  upTo: number;
  weight: number;
}

export type WeightSpec =
  | { kind: 'none' }
  | { kind: 'step'; steps: WeightStep[] }
  | { kind: 'gravity'; scale: number; alpha: number; minCost?: number }
  | { kind: 'gaussian'; sigma: number };

/** PySAL's E2SFCA default (Luo & Qi 2009): 0–10 → 1, 10–20 → 0.68, 20–30 → 0.22 of the cost unit. */
export const E2SFCA_DEFAULT_STEPS: readonly WeightStep[] = [
  { upTo: 10, weight: 1 },
  { upTo: 20, weight: 0.68 },
  { upTo: 30, weight: 0.22 },
];

/** The default steps stretched to a catchment: thirds of `maxCost` with weights 1 / 0.68 / 0.22. */
export function stepsForCatchment(maxCost: number): WeightStep[] {
  return E2SFCA_DEFAULT_STEPS.map((s) => ({ upTo: (s.upTo / 30) * maxCost, weight: s.weight }));
}

/** Validates a spec; throws `invalid(<option>, <value>)` (shown as „Ungültige Einstellung …“). */
export function checkWeightSpec(w: WeightSpec): WeightSpec {
  switch (w.kind) {
    case 'none':
      return w;
    case 'step': {
      if (!Array.isArray(w.steps) || w.steps.length === 0) throw invalid('steps', 'empty');
      let prev = -Infinity;
      for (const s of w.steps) {
        if (!Number.isFinite(s.upTo) || s.upTo < 0 || s.upTo <= prev) throw invalid('step', s.upTo);
        if (!Number.isFinite(s.weight) || s.weight < 0) throw invalid('stepWeight', s.weight);
        prev = s.upTo;
      }
      return w;
    }
    case 'gravity':
      if (!(w.scale > 0) || !Number.isFinite(w.scale)) throw invalid('scale', w.scale);
      if (!Number.isFinite(w.alpha)) throw invalid('alpha', w.alpha);
      if (w.minCost !== undefined && !(w.minCost >= 0)) throw invalid('minCost', w.minCost);
      return w;
    case 'gaussian':
      if (!(w.sigma > 0) || !Number.isFinite(w.sigma)) throw invalid('sigma', w.sigma);
      return w;
    default:
      throw invalid('weights', (w as { kind: string }).kind);
  }
}

/**
 * W(c) as a function. Step: the weight of the first step with c ≤ upTo, 0 beyond the last
 * (PySAL `step_fn`). Gravity: (max(c, minCost)/scale)^α (PySAL `gravity`; with α < 0 a zero
 * cost gives +∞ unless `minCost` > 0, which the caller reports). Gaussian: exp(−c²/2σ²), f(0) = 1.
 */
export function weightFunction(spec: WeightSpec): (c: number) => number {
  const w = checkWeightSpec(spec);
  switch (w.kind) {
    case 'none':
      return () => 1;
    case 'step': {
      const up = Float64Array.from(w.steps, (s) => s.upTo);
      const wt = Float64Array.from(w.steps, (s) => s.weight);
      return (c) => {
        for (let k = 0; k < up.length; k++) if (c <= up[k]) return wt[k];
        return 0;
      };
    }
    case 'gravity': {
      const { scale, alpha } = w;
      const min = w.minCost ?? 0;
      return (c) => Math.pow((c > min ? c : min) / scale, alpha);
    }
    case 'gaussian': {
      const k = 1 / (2 * w.sigma * w.sigma);
      return (c) => Math.exp(-c * c * k);
    }
  }
}

/** Largest cost with a non-zero weight (∞ when the weight never reaches 0). */
export function weightSupport(spec: WeightSpec): number {
  if (spec.kind !== 'step') return Infinity;
  for (let k = spec.steps.length - 1; k >= 0; k--) if (spec.steps[k].weight > 0) return spec.steps[k].upTo;
  return -Infinity;
}

/**
 * Parses the CLI notation: `step:10=1,20=0.68,30=0.22`, `gravity:SCALE:ALPHA[:MINCOST]`,
 * `gaussian:SIGMA`, `none`. Decimal points or commas inside numbers are not mixed up with the
 * list separator because steps use `=`.
 */
export function parseWeightSpec(text: string): WeightSpec {
  const s = text.trim();
  const num = (x: string, what: string) => {
    const v = Number(x.trim());
    if (x.trim() === '' || !Number.isFinite(v)) throw invalid(what, x);
    return v;
  };
  if (s === 'none') return { kind: 'none' };
  const [kind, ...rest] = s.split(':');
  switch (kind) {
    case 'step': {
      const body = rest.join(':');
      const steps = body.split(/[,;]/).filter((p) => p.trim() !== '').map((p) => {
        const [a, b, extra] = p.split('=');
        if (b === undefined || extra !== undefined) throw invalid('step', p);
        return { upTo: num(a, 'step'), weight: num(b, 'stepWeight') };
      });
      return checkWeightSpec({ kind: 'step', steps });
    }
    case 'gravity': {
      if (rest.length < 2 || rest.length > 3) throw invalid('weights', s);
      const spec: WeightSpec = { kind: 'gravity', scale: num(rest[0], 'scale'), alpha: num(rest[1], 'alpha') };
      if (rest[2] !== undefined) spec.minCost = num(rest[2], 'minCost');
      return checkWeightSpec(spec);
    }
    case 'gaussian':
      if (rest.length !== 1) throw invalid('weights', s);
      return checkWeightSpec({ kind: 'gaussian', sigma: num(rest[0], 'sigma') });
    default:
      throw invalid('weights', s);
  }
}

/** The CLI notation of a spec (inverse of {@link parseWeightSpec}); used in method notes. */
export function formatWeightSpec(w: WeightSpec): string {
  switch (w.kind) {
    case 'none':
      return 'none';
    case 'step':
      return `step:${w.steps.map((s) => `${s.upTo}=${s.weight}`).join(',')}`;
    case 'gravity':
      return `gravity:${w.scale}:${w.alpha}${w.minCost !== undefined ? `:${w.minCost}` : ''}`;
    case 'gaussian':
      return `gaussian:${w.sigma}`;
  }
}
