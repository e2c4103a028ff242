/**
 * An index config file (docs/index-config.md) as the request the Sozialindex workspace sends, so
 * the CLI `report` runs exactly the UI's engine path. To be replaced by issue 9's
 * `prepareIndex` (src/cli/commands/indexConfig.ts) once that is on main.
 */
import { checkConfig, type IndexConfig } from './commands/index';
import { appError, defaultIndexSettings, type IndexRequest, type RobustnessSpec, type TableMeta, type TypologySpec } from '../lib/contract';

const YEAR_NAMES = ['JAHR', 'Jahr', 'jahr', 'YEAR', 'Year', 'year'];

export interface ConfigRequest {
  request: IndexRequest;
  typology: TypologySpec | null;
  robustness: RobustnessSpec | null;
  /** key column of the layer */
  layerId: string;
}

/**
 * The request for `cfg` on the imported data table and area layer. Wide tables with `{JAHR}`
 * columns are not supported here (they need a reshape first).
 */
export function configToRequest(raw: unknown, data: TableMeta, layer: string): ConfigRequest {
  const cfg: IndexConfig = checkConfig(raw);
  if (cfg.years) throw appError('cli.report.wide');
  const cols = new Set(data.columns.map((c) => c.name));
  const yearColumn = cfg.year_column ?? YEAR_NAMES.find((c) => cols.has(c));
  for (const c of [cfg.id, cfg.population, cfg.year_column]) if (c && !cols.has(c)) throw appError('column.missing', { column: c, table: data.label });
  const d = cfg.disclosure;
  const disclosure = d === false ? { minCount: 0, minNumerator: 0, minDenominator: 0 }
    : d && typeof d === 'object' ? { minCount: d.min_count, minNumerator: d.min_numerator, minDenominator: d.min_denominator } : {};
  const request: IndexRequest = {
    source: { table: data.name, key: cfg.id, layer, mode: 'exact', yearColumn, population: cfg.population ?? null },
    indicators: cfg.indicators.map((i) => ({
      name: i.name,
      numerator: i.column ?? i.numerator!,
      denominator: i.column ? null : i.denominator,
      scale: i.scale ?? 100,
      unit: i.column ? '' : (i.scale ?? 100) === 1000 ? '‰' : '%',
      polarity: (i.polarity ?? 1) as 1 | -1,
      weight: i.weight ?? 1,
      lebensbereich: i.lebensbereich,
    })),
    settings: {
      ...defaultIndexSettings(),
      preset: cfg.preset ?? 'standard',
      standardization: cfg.standardization ?? 'zscore',
      sd: cfg.sd ?? 'sample',
      minPopulation: cfg.min_population ?? 300,
      outliers: (cfg.outliers ?? []).map(String),
      classMethod: cfg.classes?.method ?? 'sd',
      breaks: cfg.classes?.breaks ?? defaultIndexSettings().breaks,
      year: cfg.year !== undefined ? String(cfg.year) : null,
      dynamicsFrom: cfg.dynamics?.from !== undefined ? String(cfg.dynamics.from) : null,
      dynamicsPeriod: cfg.dynamics?.period ?? 2,
      dynamicsBreaks: cfg.dynamics?.breaks ?? defaultIndexSettings().dynamicsBreaks,
    },
    disclosure: Object.fromEntries(Object.entries(disclosure).filter(([, v]) => v !== undefined)),
  };
  const ty = cfg.typology;
  const rb = cfg.robustness;
  return {
    request,
    typology: ty ? { method: ty.method ?? 'kmeans', k: ty.k ?? 4, kMin: ty.k_range?.[0] ?? 2, kMax: ty.k_range?.[1] ?? 8, seed: ty.seed ?? 1 } : null,
    robustness: rb ? { runs: rb.runs ?? 1000, concentration: rb.concentration ?? 50, seed: rb.seed ?? 1 } : null,
    layerId: cfg.layer_id ?? cfg.id,
  };
}
