/**
 * Turns a latent area profile (deprivation level and trend, urbanity, affluence, size) into
 * internally consistent integer counts per year.
 */
import { Rng, clamp, noisyCount, splitInteger } from './prng.ts';

export interface AreaProfile {
  /** Latent deprivation in 2019 (≈ −2 … +2.5; 0 ≈ city average). */
  d: number;
  /** Change of d per year (positive = worsening). */
  trend: number;
  /** 0 … 1, inner-city character (small households, few children). */
  center: number;
  /** 0 … 1, affluent suburb character (older, larger households). */
  suburb: number;
  /** Residents in 2019 before noise. */
  ew0: number;
  /** Relative population growth per year. */
  growth: number;
  /** Ukrainian arrivals from 2022 as share of residents. */
  uaRate: number;
  /** Extra weight for Turkish and Romanian nationals (old industrial / arrival areas). */
  turkish: number;
  romanian: number;
  /** Per-area multiplier for child poverty relative to the SGB-II rate. */
  childFactor: number;
  /** Women's share. */
  pW: number;
}

export const COLUMNS = [
  'EW', 'EW_M', 'EW_W', 'EW_U6', 'EW_6_14', 'EW_U15', 'EW_15_17', 'EW_18_64', 'EW_15_64', 'EW_65PLUS', 'EW_U65',
  'DEUTSCH', 'AUSL', 'TUERKEI', 'SYRIEN', 'POLEN', 'RUMAENIEN', 'UKRAINE', 'SONSTIGE',
  'HH', 'HH_ALLEINERZ', 'SGB2', 'SGB2_U15', 'ALO', 'GRUSI_65',
] as const;
export type Column = (typeof COLUMNS)[number];
export type Counts = Record<Column, number>;

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** SGB-II-Quote for a latent deprivation value (≈ 3 % … 35 %). */
export const sgb2Rate = (d: number): number => clamp(logistic(-2.09 + 0.8 * d), 0.021, 0.34);

/** Age shares [U6, 6–14, 15–17, 18–64, 65+] for a profile at latent deprivation d. */
function ageShares(p: AreaProfile, d: number, t: number): number[] {
  const u6 = clamp(0.052 + 0.011 * d - 0.01 * p.center - 0.006 * p.suburb, 0.025, 0.09);
  const k614 = clamp(0.078 + 0.016 * d - 0.016 * p.center - 0.004 * p.suburb, 0.04, 0.13);
  const k1517 = clamp(0.028 + 0.004 * d - 0.006 * p.center, 0.015, 0.045);
  const o65 = clamp(0.215 - 0.035 * d + 0.07 * p.suburb - 0.05 * p.center + 0.002 * t, 0.09, 0.36);
  return [u6, k614, k1517, 1 - u6 - k614 - k1517 - o65, o65];
}

/** Age shares of the 2022 arrivals from Ukraine (mostly women and children). */
const UA_AGE = [0.07, 0.15, 0.05, 0.63, 0.1];

export function generateSeries(rng: Rng, p: AreaProfile, years: number[]): Map<number, Counts> {
  const out = new Map<number, Counts>();
  const auslBase = clamp(0.05 + 0.085 * (p.d + 1.1) + 0.05 * p.center + 0.015 * rng.normal(), 0.045, 0.36);
  for (const y of years) {
    const t = y - 2019;
    const d = p.d + p.trend * t + 0.04 * rng.normal();
    // residents without the 2022+ arrivals from Ukraine
    const base = Math.max(0, Math.round(p.ew0 * (1 + p.growth * t) * (1 + 0.004 * rng.normal())));
    const uaFactor = y < 2022 ? 0 : y === 2022 ? 1 : y === 2023 ? 1.2 : 1.15;
    const ua = Math.round(p.ew0 * p.uaRate * uaFactor * (1 + 0.05 * rng.normal()));
    const EW = base + ua;

    const ageBase = splitInteger(base, ageShares(p, d, t));
    const ageUa = splitInteger(ua, UA_AGE);
    const [EW_U6, EW_6_14, EW_15_17, EW_18_64, EW_65PLUS] = ageBase.map((v, i) => v + ageUa[i]);
    const EW_U15 = EW_U6 + EW_6_14;
    const EW_15_64 = EW_15_17 + EW_18_64;
    const EW_U65 = EW - EW_65PLUS;

    const pW = clamp(p.pW + (ua > 0 ? (0.13 * ua) / Math.max(EW, 1) : 0), 0.44, 0.56);
    const EW_W = noisyCount(rng, EW, pW, 0.3);
    const EW_M = EW - EW_W;

    const auslShare = clamp(auslBase + 0.004 * t * (1 + p.romanian), 0.045, 0.38);
    const auslBaseCount = noisyCount(rng, base, auslShare, 0.5);
    const nat = splitInteger(auslBaseCount, [
      0.2 + 0.25 * p.turkish,
      0.07 + 0.05 * clamp(p.d, 0, 2),
      0.1,
      0.035 + (0.06 + 0.012 * t) * p.romanian,
      0.008,
      0.45,
    ]);
    const [TUERKEI, SYRIEN, POLEN, RUMAENIEN, ukBefore, SONSTIGE] = nat;
    const UKRAINE = ukBefore + ua;
    const AUSL = TUERKEI + SYRIEN + POLEN + RUMAENIEN + UKRAINE + SONSTIGE;
    const DEUTSCH = EW - AUSL;

    const hhSize = clamp(2.0 - 0.38 * p.center + 0.28 * p.suburb + 0.07 * d, 1.55, 2.5);
    const HH = Math.max(1, Math.round(EW / hhSize));
    const HH_ALLEINERZ = noisyCount(rng, HH, clamp(0.032 + 0.013 * d - 0.012 * p.center, 0.006, 0.095), 0.5);

    const q = sgb2Rate(d);
    const qk = clamp(q * p.childFactor, 0.03, 0.5);
    const uaShareSgb2 = y === 2022 ? 0.5 : y === 2023 ? 0.62 : y > 2023 ? 0.58 : 0;
    const uaU15 = ageUa[0] + ageUa[1];
    const uaU65 = ua - ageUa[4];
    const sgbU15Base = noisyCount(rng, EW_U15 - uaU15, qk);
    const sgbAdultBase = noisyCount(rng, EW_U65 - EW_U15 - (uaU65 - uaU15), clamp((q * (EW_U65 - uaU65) - sgbU15Base) / Math.max(1, EW_U65 - uaU65 - (EW_U15 - uaU15)), 0.004, 0.5));
    const sgbUaU15 = Math.round(uaU15 * uaShareSgb2);
    const sgbUaAdult = Math.round((uaU65 - uaU15) * uaShareSgb2);
    const SGB2_U15 = sgbU15Base + sgbUaU15;
    const SGB2 = SGB2_U15 + sgbAdultBase + sgbUaAdult;

    const covid = y === 2020 ? 1.14 : y === 2021 ? 1.1 : y >= 2023 ? 1.04 : 1;
    const ALO = noisyCount(rng, EW_15_64, clamp((0.011 + 0.3 * q) * covid, 0.008, 0.16));
    const GRUSI_65 = noisyCount(rng, EW_65PLUS, clamp(0.01 + 0.26 * q + 0.02 * p.center + 0.0015 * t, 0.004, 0.16));

    out.set(y, {
      EW, EW_M, EW_W, EW_U6, EW_6_14, EW_U15, EW_15_17, EW_18_64, EW_15_64, EW_65PLUS, EW_U65,
      DEUTSCH, AUSL, TUERKEI, SYRIEN, POLEN, RUMAENIEN, UKRAINE, SONSTIGE,
      HH, HH_ALLEINERZ, SGB2, SGB2_U15, ALO, GRUSI_65,
    });
  }
  return out;
}

/** Throws when a record violates the part ≤ total / sum rules. */
export function checkCounts(c: Counts, where: string): void {
  const fail = (m: string) => {
    throw new Error(`${where}: ${m}`);
  };
  for (const k of COLUMNS) if (!Number.isInteger(c[k]) || c[k] < 0) fail(`${k}=${c[k]}`);
  if (c.EW_M + c.EW_W !== c.EW) fail('sex');
  if (c.EW_U6 + c.EW_6_14 + c.EW_15_17 + c.EW_18_64 + c.EW_65PLUS !== c.EW) fail('age');
  if (c.EW_U65 + c.EW_65PLUS !== c.EW) fail('U65');
  if (c.TUERKEI + c.SYRIEN + c.POLEN + c.RUMAENIEN + c.UKRAINE + c.SONSTIGE !== c.AUSL) fail('nat');
  if (c.DEUTSCH + c.AUSL !== c.EW) fail('deutsch');
  if (c.SGB2_U15 > c.SGB2 || c.SGB2_U15 > c.EW_U15 || c.SGB2 > c.EW_U65) fail('sgb2');
  if (c.ALO > c.EW_15_64 || c.GRUSI_65 > c.EW_65PLUS || c.HH_ALLEINERZ > c.HH || c.HH > c.EW) fail('parts');
}
