/**
 * The config of `npm run cli -- index` (docs/index-config.md): its schema (every key checked,
 * unknown keys named, German errors) and its translation into the workspace's `IndexRequest` on
 * tables the Node engine imported — the same request the Sozialindex tab sends to the worker.
 */
import { STANDARDIZATIONS } from '../../lib/analysis/standardize';
import { INDEX_PRESETS, presetDef } from '../../lib/analysis/presets';
import { splitYearColumn } from '../../lib/sql/reshape';
import { guessNameColumn, guessYearColumn } from '../../lib/ingest/columnGuess';
import {
  DEFAULT_ROBUSTNESS_SPEC, DEFAULT_TYPOLOGY_SPEC, appError, defaultIndexSettings,
  type IndexRequest, type IndicatorSpec, type JoinSpecInput, type LayerMeta, type RobustnessSpec, type TableMeta, type TimeSeriesSpec, type TypologySpec,
} from '../../lib/contract';
import type { DisclosureOptions } from '../../lib/analysis/disclosure';
import type { Engine } from '../../lib/engine/engine';
import { validate, type Rule } from '../config';
import { loadFile } from '../engine';
import type { ImportOptions } from '../../lib/ingest/types';

interface IndicatorConfig {
  name: string; numerator?: string; denominator?: string; column?: string;
  scale?: number; polarity?: 1 | -1; weight?: number; lebensbereich?: string; reference?: number;
}
export interface IndexConfig {
  id: string; population?: string; min_population?: number;
  standardization?: 'zscore' | 'minmax' | 'percentile'; sd?: 'sample' | 'population';
  indicators: IndicatorConfig[];
  classes?: { method?: 'sd' | 'score'; breaks?: number[] };
  outliers?: (string | number)[];
  preset?: (typeof INDEX_PRESETS)[number];
  year_column?: string; year?: number; layer_id?: string;
  /** Wide tables: the years for which column names with the placeholder {JAHR} exist. */
  years?: number[];
  dynamics?: { period?: number; from?: number; breaks?: number[] };
  typology?: { method?: 'kmeans' | 'ward'; k?: number; k_range?: [number, number]; seed?: number; restarts?: number };
  robustness?: { runs?: number; concentration?: number; seed?: number; spearman?: boolean };
  timeseries?: { mode?: 'each' | 'base'; base_year?: number };
  disclosure?: boolean | { min_count?: number; min_denominator?: number; min_numerator?: number };
}

const str: Rule = { kind: 'string', nonEmpty: true };
const int: Rule = { kind: 'number', integer: true };
const breaks: Rule = { kind: 'array', of: { kind: 'number' }, minItems: 1, ascending: true };

const SCHEMA: Rule = {
  kind: 'object',
  fields: {
    id: { ...str, required: true },
    population: str,
    min_population: { kind: 'number', min: 0 },
    standardization: { kind: 'enum', values: STANDARDIZATIONS },
    sd: { kind: 'enum', values: ['sample', 'population'] },
    indicators: {
      kind: 'array', minItems: 1, required: true,
      of: {
        kind: 'object', label: (o) => (typeof o.name === 'string' ? o.name : undefined),
        fields: {
          name: { ...str, required: true }, numerator: str, denominator: str, column: str,
          scale: { kind: 'number', gt: 0 }, polarity: { kind: 'enum', values: [1, -1] }, weight: { kind: 'number', min: 0 },
          lebensbereich: { kind: 'string' }, reference: { kind: 'number' },
        },
      },
    },
    classes: { kind: 'object', fields: { method: { kind: 'enum', values: ['sd', 'score'] }, breaks } },
    outliers: { kind: 'array', of: { kind: 'either', rules: [{ kind: 'string' }, { kind: 'number' }] } },
    preset: { kind: 'enum', values: INDEX_PRESETS },
    year_column: str,
    year: int,
    layer_id: str,
    years: { kind: 'array', of: int, minItems: 1, unique: true },
    dynamics: { kind: 'object', fields: { period: { ...int, min: 1 }, from: int, breaks: { ...breaks, length: 2 } as Rule } },
    typology: {
      kind: 'object',
      fields: {
        method: { kind: 'enum', values: ['kmeans', 'ward'] }, k: { ...int, min: 2 },
        k_range: { kind: 'array', of: { ...int, min: 2 }, length: 2, ascending: true }, seed: int, restarts: { ...int, min: 1 },
      },
    },
    robustness: { kind: 'object', fields: { runs: { ...int, min: 1 }, concentration: { kind: 'number', gt: 0, finite: false }, seed: int, spearman: { kind: 'boolean' } } },
    timeseries: { kind: 'object', fields: { mode: { kind: 'enum', values: ['each', 'base'] }, base_year: int } },
    disclosure: {
      kind: 'either',
      rules: [{ kind: 'boolean' }, { kind: 'object', fields: { min_count: { kind: 'number', min: 0 }, min_denominator: { kind: 'number', min: 0 }, min_numerator: { kind: 'number', min: 0 } } }],
    },
  },
};

/** Validates the parsed JSON config: every key, plus the rules that span keys. */
export function checkIndexConfig(c: unknown): IndexConfig {
  validate(c, SCHEMA);
  const cfg = c as IndexConfig;
  const names = new Set<string>();
  for (const ind of cfg.indicators) {
    if (names.has(ind.name)) throw appError('config.duplicateName', { name: ind.name });
    names.add(ind.name);
    if (ind.column ? ind.numerator || ind.denominator : !(ind.numerator && ind.denominator)) throw appError('config.indicatorColumns', { name: ind.name });
  }
  if (!cfg.indicators.some((i) => (i.weight ?? 1) > 0)) throw appError('config.weightsZero');
  const def = presetDef(cfg.preset ?? 'standard');
  if (def.breakCount && cfg.classes?.breaks && cfg.classes.breaks.length !== def.breakCount) {
    throw appError('config.breakCount', { key: '„classes.breaks“', n: def.breakCount, preset: cfg.preset ?? 'standard' });
  }
  if (cfg.years === undefined && JSON.stringify([cfg.indicators, cfg.population ?? '']).includes('{JAHR}')) throw appError('config.placeholderNeedsYears');
  if (cfg.years !== undefined && cfg.year_column !== undefined) throw appError('config.yearsAndColumn');
  return cfg;
}

/** What the command needs besides the request: the resolved year handling and the join report. */
export interface PreparedIndex {
  req: IndexRequest;
  typology?: TypologySpec;
  robustness?: RobustnessSpec;
  timeseries?: TimeSeriesSpec;
  yearColumn: string | null;
  years?: number[];
  join?: { layer: string; layer_id: string; matched: number; layer_without_data: string[]; data_without_layer: string[] };
}

/**
 * Imports the files and builds the workspace's request: a wide table (`years` with {JAHR}
 * columns) is made long with the engine's „Umformen“ (unpivot); the areas are the `--layer`'s, or
 * the data's own keys in file order; a year column is taken when the keys repeat.
 */
export async function prepareIndex(engine: Engine, cfg: IndexConfig, dataFile: string, layerFile?: string, opts: { nameColumn?: string; data?: ImportOptions; layer?: ImportOptions } = {}): Promise<PreparedIndex> {
  const raw = await loadFile(engine, dataFile, opts.data);
  const has = (t: TableMeta, c: string) => t.columns.some((x) => x.name === c);
  const need = (t: TableMeta, c: string) => {
    if (!has(t, c)) throw appError('column.missing', { column: c, table: t.label });
  };
  need(raw, cfg.id);

  // wide → long: every {JAHR} column becomes the value of its stem in the row of its year
  let table = raw, yearColumn: string | null = null;
  const colOf = new Map<string, string>();
  if (cfg.years) {
    const templates = [...new Set(cfg.indicators.flatMap((i) => [i.numerator, i.denominator, i.column]).concat(cfg.population).filter((x): x is string => !!x))];
    const plain = templates.filter((tpl) => !tpl.includes('{JAHR}'));
    const yearColumns: string[] = [];
    for (const tpl of templates.filter((x) => x.includes('{JAHR}'))) {
      for (const y of cfg.years) {
        const c = tpl.replaceAll('{JAHR}', String(y));
        need(raw, c);
        yearColumns.push(c);
      }
      colOf.set(tpl, splitYearColumn(tpl.replaceAll('{JAHR}', String(cfg.years[0])))?.stem ?? tpl);
    }
    plain.forEach((c) => need(raw, c));
    table = engine.unpivot({ table: raw.name, idColumns: [cfg.id, ...plain.filter((c) => c !== cfg.id)], yearColumns });
    yearColumn = 'Jahr';
  }
  const col = (c: string) => colOf.get(c) ?? c;

  let layer: LayerMeta;
  if (layerFile) {
    const lt = await loadFile(engine, layerFile, opts.layer);
    const idColumn = cfg.layer_id ?? cfg.id;
    need(lt, idColumn);
    // area names (reports, profiles): the given column, else a text column named like one
    const nameColumn = opts.nameColumn ?? guessNameColumn(lt.columns.filter((c) => c.name !== idColumn));
    layer = lt.hasGeometry ? engine.createLayer({ table: lt.name, idColumn, nameColumn }) : engine.createKeyLayer({ table: lt.name, idColumn, nameColumn });
  } else layer = engine.createKeyLayer({ table: raw.name, idColumn: cfg.id });

  const spec = (yc: string | null): JoinSpecInput => ({ table: table.name, key: cfg.id, layer: layer.table, mode: 'exact', ...(yc ? { yearColumn: yc } : {}) });
  if (!cfg.years) {
    if (cfg.year_column) {
      need(raw, cfg.year_column);
      yearColumn = cfg.year_column;
    } else {
      // a long table: keys repeat, and a year column tells the rows apart
      const guess = guessYearColumn(raw.columns);
      if (guess && engine.joinReport(spec(null)).tableDuplicates.length) yearColumn = guess;
    }
  }
  const report = engine.joinReport(spec(yearColumn));
  const dup = report.tableDuplicates[0];
  if (dup) throw appError(yearColumn ? 'config.duplicateIdInYear' : 'config.duplicateId', { id: dup.key, year: dup.year ?? '', column: cfg.id });

  const years = cfg.years ? [...cfg.years].sort((a, b) => a - b) : undefined;
  const available = yearColumn ? engine.distinct(table.name, yearColumn) : [];
  const def = presetDef(cfg.preset ?? 'standard');
  if (def.needsYears && !yearColumn) throw appError('config.needsYears', { key: '„preset“: „status_dynamik“' });
  if (cfg.timeseries && !yearColumn) throw appError('config.needsYears', { key: '„timeseries“' });
  for (const [key, y] of [['year', cfg.year], ['dynamics.from', cfg.dynamics?.from], ['timeseries.base_year', cfg.timeseries?.base_year]] as const) {
    if (y !== undefined && !available.includes(String(y))) {
      throw appError('config.yearMissing', { key: `„${key}“`, year: y, where: cfg.years ? '„years“' : `„${yearColumn ?? '–'}“`, available: available.join(', ') || '–' });
    }
  }

  const indicators: IndicatorSpec[] = cfg.indicators.map((ind) => ({
    name: ind.name,
    numerator: col(ind.column ?? ind.numerator!),
    denominator: ind.column ? null : col(ind.denominator!),
    scale: ind.scale ?? 100,
    polarity: ind.polarity ?? 1,
    weight: ind.weight ?? 1,
    lebensbereich: ind.lebensbereich,
    reference: ind.reference ?? null,
  }));
  for (const ind of indicators) for (const c of [ind.numerator, ind.denominator]) if (c) need(table, c);
  if (cfg.population) need(table, col(cfg.population));

  const settings = defaultIndexSettings();
  Object.assign(settings, {
    preset: cfg.preset ?? 'standard',
    standardization: cfg.standardization ?? settings.standardization,
    sd: cfg.sd ?? settings.sd,
    minPopulation: cfg.min_population ?? settings.minPopulation,
    outliers: (cfg.outliers ?? []).map(String),
    classMethod: cfg.classes?.method ?? settings.classMethod,
    breaks: cfg.classes?.breaks ?? settings.breaks,
    year: cfg.year !== undefined ? String(cfg.year) : null,
    dynamicsFrom: cfg.dynamics?.from !== undefined ? String(cfg.dynamics.from) : null,
    dynamicsPeriod: cfg.dynamics?.period ?? settings.dynamicsPeriod,
    dynamicsBreaks: cfg.dynamics?.breaks ?? settings.dynamicsBreaks,
  });
  if (def.zOnly) settings.standardization = 'zscore';

  const dc = cfg.disclosure ?? true;
  let disclosure: DisclosureOptions | undefined;
  if (dc !== false) {
    disclosure = dc === true ? {} : { minCount: dc.min_count, minDenominator: dc.min_denominator, minNumerator: dc.min_numerator };
    for (const k of Object.keys(disclosure) as (keyof DisclosureOptions)[]) if (disclosure[k] === undefined) delete disclosure[k];
  }

  const ty = cfg.typology;
  const rb = cfg.robustness;
  return {
    req: { source: { ...spec(yearColumn), population: cfg.population ? col(cfg.population) : null }, indicators, settings, disclosure },
    typology: ty && {
      ...DEFAULT_TYPOLOGY_SPEC, method: ty.method ?? DEFAULT_TYPOLOGY_SPEC.method, k: ty.k ?? DEFAULT_TYPOLOGY_SPEC.k, seed: ty.seed ?? DEFAULT_TYPOLOGY_SPEC.seed,
      ...(ty.k_range ? { kMin: ty.k_range[0], kMax: ty.k_range[1] } : {}), ...(ty.restarts ? { restarts: ty.restarts } : {}),
    },
    robustness: rb && { ...DEFAULT_ROBUSTNESS_SPEC, runs: rb.runs ?? DEFAULT_ROBUSTNESS_SPEC.runs, concentration: rb.concentration ?? DEFAULT_ROBUSTNESS_SPEC.concentration, seed: rb.seed ?? DEFAULT_ROBUSTNESS_SPEC.seed, spearman: rb.spearman },
    timeseries: cfg.timeseries && { mode: cfg.timeseries.mode ?? 'each', baseYear: cfg.timeseries.base_year !== undefined ? String(cfg.timeseries.base_year) : null },
    yearColumn: cfg.years ? null : yearColumn,
    years,
    join: layerFile
      ? { layer: layerFile, layer_id: cfg.layer_id ?? cfg.id, matched: report.matched, layer_without_data: report.layerOnly.map((x) => x.key), data_without_layer: report.tableOnly.map((x) => x.key) }
      : undefined,
  };
}
