/**
 * Key transformations for joins: small steps (strip a prefix, drop leading zeros, ARS → AGS,
 * normalise an area name …) applied to the table's and the layer's keys before comparing. Each
 * step exists twice — as a JS function (for the search over distinct keys) and as SQL (for the
 * join itself) — and a test runs both on the same keys, so the search counts what the join does.
 */
import { ql } from './ident';
import { t } from '../../i18n/index';

/** One step; a transformation is a list of steps per side. JSON-safe (saved with the join). */
export type KeyStep =
  | { op: 'trim' }
  | { op: 'lower' }
  | { op: 'zeros' }
  | { op: 'prefix'; text: string }
  | { op: 'suffix'; text: string }
  | { op: 'digits' }
  | { op: 'left'; n: number }
  | { op: 'right'; n: number }
  | { op: 'ars' }
  | { op: 'name' };

/** Steps for the table's key and for the layer's key (applied in order). */
export interface KeyTransform {
  table: KeyStep[];
  layer: KeyStep[];
}

// JS \s also matches Unicode spaces RE2's \s does not: spell the class out on both sides
const WS_JS = /[ \t\n\r\f\v\u00a0]/g;
const WS_SQL = '[ \\t\\n\\r\\f\\v\\x{00A0}]';
const UMLAUTS: [string, string][] = [['ä', 'ae'], ['ö', 'oe'], ['ü', 'ue'], ['ß', 'ss']];

/** Area names compared loosely: case, umlauts (ä = ae), accents, punctuation, „St.“ = „Sankt“, a leading number („03 Nordstadt“). */
function nameJs(s: string): string {
  let x = s.toLowerCase();
  for (const [a, b] of UMLAUTS) x = x.replaceAll(a, b);
  x = x.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  x = x.replace(/[^a-z0-9]+/g, ' ').trim();
  x = x.replace(/^[0-9]+ /, '');
  x = ` ${x} `.replace(/ st (?=\S)/g, ' sankt ');
  return x.replace(/ /g, '');
}

function nameSql(e: string): string {
  let x = `lower(${e})`;
  for (const [a, b] of UMLAUTS) x = `replace(${x}, ${ql(a)}, ${ql(b)})`;
  x = `trim(regexp_replace(strip_accents(${x}), '[^a-z0-9]+', ' ', 'g'))`;
  x = `regexp_replace(${x}, '^[0-9]+ ', '')`;
  x = `regexp_replace(' ' || ${x} || ' ', ' st ([^ ])', ' sankt \\1', 'g')`;
  return `replace(${x}, ' ', '')`;
}

/** Apply one step to a key (JS). */
export function applyStep(s: string, step: KeyStep): string {
  switch (step.op) {
    case 'trim':
      return s.replace(WS_JS, '');
    case 'lower':
      return s.toLowerCase();
    case 'zeros': {
      const t = s.replace(/^0+/, '');
      return t === '' && s !== '' ? '0' : t;
    }
    case 'prefix':
      return s.startsWith(step.text) ? s.slice(step.text.length) : s;
    case 'suffix':
      return s.endsWith(step.text) ? s.slice(0, s.length - step.text.length) : s;
    case 'digits':
      return s.replace(/[^0-9]/g, '');
    case 'left':
      return [...s].slice(0, step.n).join('');
    case 'right':
      return [...s].slice(Math.max(0, [...s].length - step.n)).join('');
    case 'ars':
      return /^[0-9]{12}$/.test(s) ? s.slice(0, 5) + s.slice(9) : s;
    case 'name':
      return nameJs(s);
  }
}

/** Apply a list of steps (JS). */
export const applySteps = (s: string, steps: readonly KeyStep[]): string => steps.reduce(applyStep, s);

/** SQL of one step applied to the text expression `e`. */
export function stepSql(e: string, step: KeyStep): string {
  switch (step.op) {
    case 'trim':
      return `regexp_replace(${e}, '${WS_SQL}', '', 'g')`;
    case 'lower':
      return `lower(${e})`;
    case 'zeros':
      return `CASE WHEN ltrim(${e}, '0') = '' AND ${e} <> '' THEN '0' ELSE ltrim(${e}, '0') END`;
    case 'prefix':
      return `CASE WHEN starts_with(${e}, ${ql(step.text)}) THEN substr(${e}, ${[...step.text].length + 1}) ELSE ${e} END`;
    case 'suffix':
      return `CASE WHEN suffix(${e}, ${ql(step.text)}) THEN left(${e}, length(${e}) - ${[...step.text].length}) ELSE ${e} END`;
    case 'digits':
      return `regexp_replace(${e}, '[^0-9]', '', 'g')`;
    case 'left':
      return `left(${e}, ${step.n | 0})`;
    case 'right':
      return `right(${e}, ${step.n | 0})`;
    case 'ars':
      return `CASE WHEN regexp_full_match(${e}, '[0-9]{12}') THEN left(${e}, 5) || right(${e}, 3) ELSE ${e} END`;
    case 'name':
      return nameSql(e);
  }
}

/** SQL of a list of steps applied to the text expression `e`. */
export const stepsSql = (e: string, steps: readonly KeyStep[]): string => steps.reduce(stepSql, e);

/** Plain-language description of a step list in the current language (no steps = unchanged). */
export function describeSteps(steps: readonly KeyStep[]): string {
  const parts = steps.map((s) => t(`key.step.${s.op}`, 'text' in s ? { text: s.text } : 'n' in s ? { n: s.n } : {}));
  return parts.length ? parts.join(', ') : t('key.step.none');
}

/** Both sides in one sentence: „Tabelle: …; Gebietsebene: …“ (steps shared by both said once). */
export function describeTransform(tr: KeyTransform, columns?: { table: string; layer: string }): string {
  const same = JSON.stringify(tr.table) === JSON.stringify(tr.layer);
  const cols = columns ? t('key.columns', columns) + ' ' : '';
  if (same) return cols + t('key.both', { steps: describeSteps(tr.table) });
  return cols + t('key.sides', { table: describeSteps(tr.table), layer: describeSteps(tr.layer) });
}
