/**
 * Disclosure control of reports, area profiles and table exports (METHODS §6, §8): the indicator
 * values of every year go through the one protected table of their source (`sourceTable` +
 * `applyDisclosure`, as the map and the Gemeinde view): primary suppression, secondary suppression
 * across the layer chain (Sozialraum → Gemeinde → gesamt) and across columns that add up, rates
 * only where numerator and denominator may be shown. Primary and secondary cells carry different
 * symbols (`·` and `·s`), so a reader sees which values were hidden to protect others.
 */
import type { Engine } from './engine';
import type { IndexData } from './sozialindex';
import { disclosedYears, sourceTable } from './levels';
import type { IndexRequest, IndicatorSummary } from '../contract';
import type { JoinSpecInput } from '../contract/catalog';
import type { ValueSource } from '../contract/spatial';
import type { ColumnRole } from '../analysis/columnRoles';
import { DEFAULT_DISCLOSURE, DISCLOSURE_SYMBOLS, discloseRate, type DisclosureStatus } from '../analysis/disclosure';
import type { DisclosureResult, RateSpec, SuppressionMark } from '../analysis/applyDisclosure';
import type { ReportDisclosureInfo, ReportIndicator } from '../report/types';

/** Symbol of a secondary suppression: the official „·“ plus „s“ (footnote in every legend). */
export const SECONDARY_SYMBOL = '·s';
/** Symbol of a value the source already kept secret („·“ in the imported file): „·“ plus „q“ (Quelle). */
export const SOURCE_SYMBOL = '·q';
/** The report's words for an area whose value the source kept secret (map legend row, ranking's reason). */
export const SOURCE_LABEL = `schon in der Quelle geheim (${SOURCE_SYMBOL})`;
/** The same for the population column („EW · geheim (Quelle)“ in the app). */
export const POPULATION_SOURCE_LABEL = `Einwohnerzahl ${SOURCE_LABEL}`;

/** The project's disclosure settings a report applies (the „Geheimhaltung“ switch and thresholds, `map.levels.settings`). */
export interface ReportDisclosure {
  enabled: boolean;
  minCount: number;
  minDenominator: number;
  minNumerator: number;
  /** one pattern for all years (METHODS §8), as the levels setting „gleiches Muster in allen Jahren“ */
  sameAcrossYears: boolean;
  /** column roles chosen in „Ebenen“ (others are guessed) */
  roles?: Record<string, ColumnRole>;
}

/** The thresholds alone (what the primary-only rules take). */
export const thresholds = (d: ReportDisclosure) => ({ minCount: d.minCount, minDenominator: d.minDenominator, minNumerator: d.minNumerator });

/**
 * The symbol of a disclosure status in reports and exports: primary `·`, secondary `·s` and secret
 * at source `·q` (mark `source` of {@link applyDisclosure}) told apart.
 */
export function reportSymbol(s: DisclosureStatus, mark: SuppressionMark = null): string | null {
  if (mark === 'source') return SOURCE_SYMBOL;
  return s === 'secondary' ? SECONDARY_SYMBOL : DISCLOSURE_SYMBOLS[s];
}

const SHOWN = new Set<DisclosureStatus>(['ok', 'zero']);
const sourceJoin = (s: ValueSource): JoinSpecInput | null => (s.table === undefined || s.table === s.layer ? null : (s as JoinSpecInput));

/** Settings of a request: the project's (app), else the index's thresholds (CLI config), on by default. */
export function reportDisclosureOf(d: ReportDisclosure | undefined, index: IndexRequest | null): ReportDisclosure {
  return d ?? { enabled: true, ...DEFAULT_DISCLOSURE, ...index?.disclosure, sameAcrossYears: false };
}

/**
 * Indicator values of every year with disclosure applied. Values are the index's (so the report shows
 * what the index used), hidden where the protected table hides them; `city` is the pooled value
 * (Σ Zähler / Σ Nenner), hidden with its symbol when the total itself is protected.
 */
export function reportIndicatorYears(
  engine: Engine, req: IndexRequest, data: IndexData, summaries: IndicatorSummary[], d: ReportDisclosure,
): { years: ReportIndicator['years'][]; info: ReportDisclosureInfo } {
  const t = sourceTable(engine, req.source.layer, sourceJoin(req.source), { roles: d.roles });
  const additive = new Set(t.additive);
  const rates: RateSpec[] = [];
  req.indicators.forEach((ind, j) => {
    if (ind.denominator && additive.has(ind.numerator) && additive.has(ind.denominator)) {
      rates.push({ name: `r${j}`, numerator: ind.numerator, denominator: ind.denominator, scale: ind.scale ?? 100 });
    }
  });
  const yearKeys = data.years.map((y) => (y === '' ? undefined : y));
  const settings = { enabled: d.enabled, sameAcrossYears: d.sameAcrossYears, ...thresholds(d) };
  const results: DisclosureResult[] = disclosedYears(t, yearKeys.map((y) => (t.years.includes(y) ? y : undefined)), rates, settings);
  const last = t.levels.length - 1;
  let primary = 0, secondary = 0, source = 0;
  const years = req.indicators.map((ind, j) => summaries[j].years.map((sy, y) => {
    const r = results[y];
    const rate = r.rates.find((x) => x.name === `r${j}`);
    const count = !ind.denominator && additive.has(ind.numerator) ? r.counts.find((c) => c.name === ind.numerator) : undefined;
    let status: DisclosureStatus[];
    let marks: SuppressionMark[];
    let total: DisclosureStatus | null = null;
    let totalMark: SuppressionMark = null;
    if (rate ?? count) {
      const c = (rate ?? count)!;
      [status, marks, total, totalMark] = [c.status[0], c.marks[0], c.status[last][0], c.marks[last][0]];
    } else {
      // a value that does not add up (median, mean, share given as such): the rule on its own cells;
      // a cell the source kept secret stays secret whatever the switch (as on the map)
      const num = data.columns[ind.numerator][y];
      const den = ind.denominator ? data.columns[ind.denominator][y] : null;
      const sn = data.secret?.[ind.numerator]?.[y];
      const sd = ind.denominator ? data.secret?.[ind.denominator]?.[y] : null;
      marks = Array.from(num, (_, i): SuppressionMark => (sn?.[i] || sd?.[i] ? 'source' : null));
      status = Array.from(num, (x, i): DisclosureStatus => {
        if (marks[i]) return 'secret';
        if (Number.isNaN(x) || (den && Number.isNaN(den[i]))) return 'missing';
        if (!d.enabled) return 'ok';
        return den ? discloseRate(x, den[i], thresholds(d)).status : 'ok';
      });
    }
    const values = Array.from(sy.values, (v, i) => (SHOWN.has(status[i]) ? v : NaN));
    status.forEach((s, i) => {
      if (marks[i] === 'source') source++;
      else if (s === 'secret') primary++;
      else if (s === 'secondary') secondary++;
    });
    const hideCity = total !== null && total !== 'ok' && total !== 'zero' && total !== 'missing';
    return {
      year: sy.year, values, symbols: status.map((s, i) => reportSymbol(s, marks[i])),
      city: hideCity ? NaN : sy.mean, citySymbol: hideCity ? reportSymbol(total!, totalMark) : null,
    };
  }));
  return {
    years,
    info: {
      enabled: d.enabled, minCount: d.minCount, minDenominator: d.minDenominator, minNumerator: d.minNumerator,
      sameAcrossYears: d.sameAcrossYears && t.years.length > 1, levels: [...t.layers.map((l) => l.label), 'gesamt'],
      sums: t.sums.map((s) => `${s.total} = ${s.parts.join(' + ')}`), primary, secondary, source,
    },
  };
}

/**
 * Areas whose value a segregation map would reveal: a group or the total count hidden (primary or
 * secondary) in the protected table of the source in that year.
 */
export function hiddenAreas(engine: Engine, source: ValueSource, year: string | undefined, columns: string[], d: ReportDisclosure): boolean[] {
  const t = sourceTable(engine, source.layer, sourceJoin(source), { roles: d.roles, guessYear: year });
  const n = t.levels[0].ids.length;
  if (!d.enabled) return new Array(n).fill(false);
  const [r] = disclosedYears(t, [t.years.includes(year) ? year : t.years.at(-1)], [], { enabled: true, sameAcrossYears: d.sameAcrossYears, ...thresholds(d) });
  const hidden = new Array<boolean>(n).fill(false);
  for (const c of columns) {
    const col = r.counts.find((x) => x.name === c);
    if (col) col.status[0].forEach((s, i) => (s === 'secret' || s === 'secondary') && (hidden[i] = true));
    else {
      // not a count column: primary rule on its own values
      const v = t.data[t.numeric.indexOf(c)];
      v?.forEach((x, i) => x > 0 && x < d.minCount && (hidden[i] = true));
    }
  }
  return hidden;
}
