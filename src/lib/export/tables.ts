/**
 * Result tables for export, built from the report model — so every export carries exactly what the
 * report shows: disclosure control applied (suppressed cells carry their official symbol and no
 * value) and the settings as method metadata. Pure.
 */
import type { ReportModel } from '../report/types';
import { rankOrder } from '../report/sections/tables';
import { sourceLine, statusDynamicsText, totalName } from '../report/sections/common';
import { workshopTable } from '../report/sections/workshop';

export type Cell = string | number | null;

export interface ExportColumn {
  name: string;
  type: 'text' | 'number';
}

/** One table; `symbols[r][c]` is the official symbol that replaces a suppressed or missing cell. */
export interface ExportTable {
  name: string;
  columns: ExportColumn[];
  rows: Cell[][];
  symbols: (string | null)[][];
}

export interface ExportBundle {
  tables: ExportTable[];
  /** method metadata: setting → value (sheet „Methode“, CSV header comments, file metadata) */
  method: [string, string][];
  /** area ids of the first table's rows (to attach geometry) */
  rowIds: string[];
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
const round = (x: number, d: number): number | null => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

function table(name: string, columns: ExportColumn[], rows: { cells: Cell[]; symbols?: (string | null)[] }[]): ExportTable {
  return { name, columns, rows: rows.map((r) => r.cells), symbols: rows.map((r) => r.symbols ?? r.cells.map(() => null)) };
}

/** „Ergebnisse“ (one row per area, by rank), „Indikatoren je Jahr“ (long), „Stadtwerte“ (on a Kreis „Kreiswerte“), plus the method. */
export function exportBundle(m: ReportModel): ExportBundle {
  const ix = m.index;
  const order = rankOrder(m);
  const yi = m.indicators.map((ind) => Math.max(0, ind.years.findIndex((y) => y.year === m.year)));
  const cols: ExportColumn[] = [{ name: 'Schlüssel', type: 'text' }, { name: 'Gebiet', type: 'text' }];
  if (ix) {
    if (ix.population) cols.push({ name: 'Einwohner', type: 'number' });
    cols.push({ name: 'Rang', type: 'number' }, { name: `Sozialindex ${ix.year}`, type: 'number' }, { name: 'Klasse', type: 'text' });
    if (ix.group) cols.push({ name: 'Status / Dynamik', type: 'text' });
    if (ix.typeOf) cols.push({ name: 'Typ', type: 'text' });
    if (ix.robustness) cols.push({ name: 'Anteil in Klasse (%)', type: 'number' }, { name: 'Rang 5 %', type: 'number' }, { name: 'Rang 95 %', type: 'number' });
    cols.push({ name: 'Ausschlussgrund', type: 'text' });
  }
  for (const ind of m.indicators) cols.push({ name: `${ind.name} ${m.year}${ind.unit ? ` (${ind.unit})` : ''}`, type: 'number' });
  const results = order.map((i) => {
    const cells: Cell[] = [m.ids[i], m.names[i]];
    const symbols: (string | null)[] = [null, null];
    const push = (c: Cell, s: string | null = null) => { cells.push(c); symbols.push(s); };
    if (ix) {
      if (ix.population) push(finite(ix.population[i]), Number.isFinite(ix.population[i]) ? null : ix.populationSymbol?.[i] ?? 'x');
      push(ix.rank[i] > 0 ? ix.rank[i] : null);
      push(ix.rank[i] > 0 ? round(ix.score[i], 4) : null);
      push(ix.classOf[i] >= 0 ? ix.classLabels[ix.classOf[i]] : null);
      if (ix.group) push(statusDynamicsText(ix, i));
      if (ix.typeOf) push(ix.typeOf[i]);
      if (ix.robustness) {
        const rb = ix.robustness;
        push(round(rb.ownClassProb[i] * 100, 1));
        push(rb.rankLo[i] || null);
        push(rb.rankHi[i] || null);
      }
      push(ix.excluded[i]);
    }
    m.indicators.forEach((ind, k) => {
      const y = ind.years[yi[k]];
      push(y.symbols[i] && y.symbols[i] !== '–' ? null : round(y.values[i], 4), y.symbols[i]);
    });
    return { cells, symbols };
  });
  const tables = [table('Ergebnisse', cols, results)];
  if (m.indicators.length && m.years.length > 1) {
    // years as numbers (Excel sorts and pivots them as such, no green triangle) unless one is not a plain year (QA-7)
    const numeric = m.years.every((y) => /^[0-9]{4}$/.test(y));
    const yearType = numeric ? ('number' as const) : ('text' as const);
    const yearCell = (y: string): Cell => (numeric ? Number(y) : y);
    const lc: ExportColumn[] = [{ name: 'Schlüssel', type: 'text' }, { name: 'Gebiet', type: 'text' }, { name: 'Jahr', type: yearType }, ...m.indicators.map((ind) => ({ name: `${ind.name}${ind.unit ? ` (${ind.unit})` : ''}`, type: 'number' as const }))];
    const rows = m.years.flatMap((year) => order.map((i) => {
      const cells: Cell[] = [m.ids[i], m.names[i], yearCell(year)];
      const symbols: (string | null)[] = [null, null, null];
      for (const ind of m.indicators) {
        const y = ind.years.find((q) => q.year === year);
        const s = y?.symbols[i] ?? (y ? null : 'x');
        cells.push(!y || (s && s !== '–') ? null : round(y.values[i], 4));
        symbols.push(s);
      }
      return { cells, symbols };
    }));
    tables.push(table('Indikatoren je Jahr', lc, rows));
    tables.push(table(`${totalName(m)}werte`, [{ name: 'Jahr', type: yearType }, ...m.indicators.map((ind) => ({ name: `${ind.name}${ind.unit ? ` (${ind.unit})` : ''}`, type: 'number' as const }))],
      m.years.map((year) => {
        const ys = m.indicators.map((ind) => ind.years.find((q) => q.year === year));
        return { cells: [yearCell(year), ...ys.map((y) => (y?.citySymbol ? null : round(y?.city ?? NaN, 4)))], symbols: [null, ...ys.map((y) => y?.citySymbol ?? null)] };
      })));
  }
  // what the workshop recorded per area (issue 13): text as typed, never recomputed
  const ws = workshopTable(m);
  if (ws) tables.push(table('Werkstatt', ws.columns.map((name) => ({ name, type: 'text' as const })), ws.rows.map((cells) => ({ cells }))));
  return { tables, method: methodRows(m), rowIds: order.map((i) => m.ids[i]) };
}

/** Zeichenerklärung of the exports (sheet „Zeichenerklärung“, method rows). */
export const SYMBOL_ROWS: [string, string][] = [
  ['·', 'Wert geheim gehalten: Fallzahl zu klein (Primärgeheimhaltung)'],
  ['·s', 'Wert geheim gehalten, damit ein anderer geheimer Wert nicht aus Summen zurückgerechnet werden kann (Sekundärgeheimhaltung)'],
  ['·q', 'Wert schon in der Quelle geheim gehalten („·“ in der eingelesenen Datei; auch ohne eigene Geheimhaltung verborgen)'],
  ['/', 'Aussage nicht hinreichend genau (Nenner oder Zähler zu klein)'],
  ['–', 'nichts vorhanden (genau null)'],
  ['x', 'keine Angabe / Tabellenfach gesperrt'],
];

/** The disclosure rule as applied (or plainly: switched off), for „Methode“, CSV comments and file metadata. */
export function disclosureRows(m: ReportModel): [string, string][] {
  const d = m.disclosure;
  if (!d.enabled) {
    return [['Geheimhaltung', `AUSGESCHALTET – alle Werte ungeschützt, auch Fallzahlen von 1 bis ${d.minCount - 1} und Quoten aus Nennern unter ${d.minDenominator}. Nur für den internen Gebrauch, nicht zur Veröffentlichung.`],
      ['Zeichenerklärung', `·q = ${SYMBOL_ROWS[2][1]}; – = nichts vorhanden; x = keine Angabe`]];
  }
  return [
    ['Geheimhaltung', `an. Primär: Fallzahlen 1 bis ${d.minCount - 1} geheim („·“); Quoten brauchen Nenner ≥ ${d.minDenominator} und Zähler ≥ ${d.minNumerator}, sonst „/“. Geheim gehaltene Zellen enthalten keinen Wert.`],
    ['Sekundärgeheimhaltung', `„·s“: weitere, jeweils kleinste Werte verborgen, so dass keine veröffentlichte Summe genau einen verborgenen Teil hat (kein Zurückrechnen durch Subtraktion); Ebenen ${d.levels.join(' → ')}${d.sums.length ? `; Spaltensummen ${d.sums.join('; ')}` : ''}; alle Summen gemeinsam geprüft. ${d.sameAcrossYears ? 'Ein Muster für alle Jahre.' : 'Muster je Jahr.'} Keine vollständige Optimierung (τ-Argus).`],
    ['Geheim gehalten', `${d.primary} Werte primär, ${d.secondary} sekundär${d.source ? `, ${d.source} schon in der Quelle („·q“)` : ''}`],
    ['Zeichenerklärung', SYMBOL_ROWS.map(([k, v]) => `${k} = ${v}`).join('; ')],
  ];
}

function methodRows(m: ReportModel): [string, string][] {
  const rows: [string, string][] = [
    // switched off: said in the first line, so no reader of a CSV or sheet can miss it
    ...(m.disclosure.enabled ? [] : [['ACHTUNG', 'Geheimhaltung ausgeschaltet: Werte ungeschützt, nicht zur Veröffentlichung'] as [string, string]]),
    ['Titel', m.meta.title], ['Kommune', m.meta.municipality], ['Verfasst von', m.meta.author], ['Datenquellen', m.meta.source],
    ['Datenstand', m.meta.datenstand], ['Erstellt', m.created], ['Software', m.generator], ['Gebietsebene', `${m.layerLabel} (${m.ids.length} Gebiete)`],
    ['Quelle (Zitierweise)', sourceLine(m)],
  ];
  if (m.index) {
    rows.push(['Verfahren', `${m.index.presetLabel}, Bezugsjahr ${m.index.year}`]);
    for (const l of m.index.methodLines) rows.push(['Sozialindex', l]);
  }
  m.indicators.forEach((ind) => rows.push([`Indikator ${ind.name}`, `${ind.formula}; Einheit ${ind.unit || '–'}; ${ind.polarity === 1 ? 'höher = mehr Belastung' : 'höher = weniger Belastung'}; Gewicht ${Math.round(ind.weight * 1000) / 10} %`]));
  rows.push(...disclosureRows(m));
  if (m.segregation) rows.push(['Segregation', `${m.segregation.group} gegenüber ${m.segregation.total}, ${m.segregation.year}, Mindestgröße ${m.segregation.minPopulation}, ${m.segregation.permutations} Permutationen`]);
  if (m.spatial) rows.push(['Räumliche Muster', `${m.spatial.variable}; ${m.spatial.weights}; ${m.spatial.permutations} Permutationen; α = ${m.spatial.alpha}${m.spatial.fdr ? ', FDR' : ''}`]);
  return rows.filter(([, v]) => v !== '');
}
