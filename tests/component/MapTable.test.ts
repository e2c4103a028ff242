import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import MapTable from '../../src/components/MapTable.svelte';
import { AppState } from '../../src/lib/state/app.svelte';
import { MapState } from '../../src/lib/state/map.svelte';
import { fakeStarter } from '../helpers/fakeEngine';
import { buildIndexMap, type IndexMapView } from '../../src/lib/map/indexMaps';
import { secretRun } from '../helpers/indexRun';

afterEach(() => cleanup());

/** Splits a CSV of germanCsv as a spreadsheet reads it: „;“ between fields, quoted fields with "" inside. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (quoted) {
      if (ch === '"' && text[k + 1] === '"') (field += '"'), k++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') row.push(field), (field = '');
    else if (ch === '\r' && text[k + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), k++;
    else field += ch;
  }
  return rows;
}

/** Clicks the table's „Als CSV exportieren“ and returns the downloaded file (text, BOM dropped). */
async function exportedCsv(): Promise<string> {
  let blob: Blob | undefined;
  const urls = URL as unknown as { createObjectURL: (b: Blob) => string; revokeObjectURL: (u: string) => void };
  urls.createObjectURL = (b) => ((blob = b), 'blob:map-table');
  urls.revokeObjectURL = () => undefined;
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  try {
    screen.getByTestId('export-csv').click();
  } finally {
    click.mockRestore();
  }
  // jsdom's Blob has no arrayBuffer(): read it as a browser of old would
  const bytes = await new Promise<ArrayBuffer>((done) => {
    const r = new FileReader();
    r.onload = () => done(r.result as ArrayBuffer);
    r.readAsArrayBuffer(blob!);
  });
  return new TextDecoder().decode(new Uint8Array(bytes));
}

describe('map table', () => {
  it('shows a missing value as „x“ (keine Angabe) and a true zero as 0 — „–“ would read as „genau null“', () => {
    const map = new MapState(new AppState(fakeStarter({})));
    map.layer = 'l';
    map.column = 'SGB II';
    map.result = {
      values: Float64Array.from([610, 0, NaN]),
      ids: ['05', '04', '03'],
      names: ['Süd', 'West', 'Hafen'],
      classes: { breaks: [0, 300, 610], counts: [1, 1], missing: 1, classOf: Int16Array.from([1, 0, -1]) } as never,
    };
    render(MapTable, { map });
    const cells = Array.from(screen.getByTestId('map-table').querySelectorAll('tbody tr'), (r) => [r.children[1].textContent, r.children[2].textContent?.trim()]);
    expect(cells).toContainEqual(['Hafen', 'x']);
    expect(cells.find((c) => c[0] === 'West')?.[1]).toMatch(/^0/);
    expect(cells.flat()).not.toContain('–');
  });
});

describe('map table of many areas', () => {
  /** n areas, value = row number (the table sorts by value, highest first) */
  function bigMap(n: number): MapState {
    const map = new MapState(new AppState(fakeStarter({})));
    map.layer = 'l';
    map.column = 'WERT';
    map.result = {
      values: Float64Array.from({ length: n }, (_, i) => i),
      ids: Array.from({ length: n }, (_, i) => String(i).padStart(5, '0')),
      names: Array.from({ length: n }, (_, i) => `Block ${i}`),
      classes: { breaks: [0, n / 2, n], counts: [n / 2, n / 2], missing: 0, classOf: Int16Array.from({ length: n }, (_, i) => (i < n / 2 ? 0 : 1)) } as never,
    };
    return map;
  }
  const dataRows = () => [...screen.getByTestId('map-table').querySelectorAll('tbody tr[data-feature]')];

  it('puts only a window of a long table into the page, with its true size for assistive technology and the scroll bar', () => {
    render(MapTable, { map: bigMap(5000) });
    const table = screen.getByTestId('map-table');
    const rows = dataRows();
    // jsdom lays nothing out: the window assumes a tall view (≈ 33 rows of 24 px) and 20 rows beyond it
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.length).toBeLessThan(100);
    expect(table.getAttribute('aria-rowcount')).toBe('5001');
    // highest value first, numbered as rows of the whole table (the header is row 1)
    expect(rows[0].children[1].textContent).toBe('Block 4999');
    expect(rows.map((r) => r.getAttribute('aria-rowindex')).slice(0, 3)).toEqual(['2', '3', '4']);
    // the rows not rendered are space of their height below
    const below = table.querySelector<HTMLElement>('tbody tr.spacer:last-child')!;
    expect(below.getAttribute('aria-hidden')).toBe('true');
    expect(parseFloat(below.style.height)).toBe((5000 - rows.length) * 24);
  });

  it('a selection far down the table (on the map) brings its row into the page, selected', async () => {
    const map = bigMap(5000);
    render(MapTable, { map });
    expect(dataRows().some((r) => r.getAttribute('data-feature') === '10')).toBe(false);
    map.select(10);
    await vi.waitFor(() => expect(screen.getByTestId('map-table').querySelector('tr.sel')?.getAttribute('data-feature')).toBe('10'));
    const row = screen.getByTestId('map-table').querySelector('tr.sel')!;
    // area 10 has the 11th-lowest value: row 4990 of 5000 below the header
    expect(row.getAttribute('aria-rowindex')).toBe(String(5000 - 10 + 1));
    expect(row.children[1].textContent).toBe('Block 10');
  });

  it('marks the row of the area under the pointer on the map, and tells the map the area of the row under the pointer', async () => {
    const map = bigMap(50);
    render(MapTable, { map });
    const row = (f: number) => screen.getByTestId('map-table').querySelector(`tr[data-feature="${f}"]`)!;
    map.hovered = 7;
    await vi.waitFor(() => expect(row(7).classList.contains('hov')).toBe(true));
    expect(screen.getByTestId('map-table').querySelectorAll('tr.hov')).toHaveLength(1);
    row(12).dispatchEvent(new MouseEvent('mouseenter'));
    expect(map.hovered).toBe(12);
    await vi.waitFor(() => expect(row(12).classList.contains('hov')).toBe(true));
    row(12).dispatchEvent(new MouseEvent('mouseleave'));
    expect(map.hovered).toBeNull();
    await vi.waitFor(() => expect(screen.getByTestId('map-table').querySelectorAll('tr.hov')).toHaveLength(0));
  });

  it('a table of a few hundred areas stays complete (find in page, screen readers)', () => {
    render(MapTable, { map: bigMap(300) });
    expect(dataRows()).toHaveLength(300);
    expect(screen.getByTestId('map-table').querySelector('tr.spacer')).toBeNull();
  });
});

describe('map table of a Sozialindex map', () => {
  const POPULATION_TITLE = 'EW · geheim (Quelle): die Einwohnerzahl ist in der eingelesenen Datei geheim gehalten oder unbekannt („·“), nicht fehlend';
  /**
   * Nord, Mitte scored; Hafen without a value (missing in the file); Markt excluded because its value of `sourceYear` was „·“
   * at the source. The year map reads the time series' codes of the year shown (2023), the others the run's (2024).
   */
  function indexMap(view: IndexMapView = 'class', sourceYear = '2024', hafen: 'missingValues' | 'populationSecret' = 'missingValues'): MapState {
    const { run, series } = secretRun((y) => [null, null, hafen, y === sourceYear ? 'sourceSecret' : null]);
    const custom = buildIndexMap(view, run, { series, seriesYear: 0 })!;
    const map = new MapState(new AppState(fakeStarter({})));
    map.layer = 'l';
    map.custom = custom;
    const missing = Array.from(custom.classOf).filter((c) => c < 0).length;
    map.result = { values: custom.values, ids: run.ids, names: run.names, classes: { breaks: [], classOf: custom.classOf, counts: [2, 0], missing } as never };
    return map;
  }
  const row = (name: string) => Array.from(screen.getByTestId('map-table').querySelectorAll('tbody tr')).find((r) => r.children[1].textContent === name)!;

  it('an area excluded because a value was secret at the source says so: „·“ with the reason, class „· geheim (Quelle)“ — not „x keine Angabe“', () => {
    const map = indexMap();
    render(MapTable, { map });
    const markt = row('Markt');
    expect(markt.children[2].getAttribute('data-mark')).toBe('source');
    expect(markt.children[2].getAttribute('title')).toBe('· geheim (Quelle): in der eingelesenen Datei geheim gehalten oder unbekannt („·“), nicht fehlend');
    expect(markt.children[2].textContent).toMatch(/^·Q/);
    expect(markt.children[3].textContent?.trim()).toBe('· geheim (Quelle)');
    // a value simply missing in the file stays „x keine Angabe“
    const hafen = row('Hafen');
    expect(hafen.children[2].textContent?.trim()).toBe('x');
    expect(hafen.children[3].textContent?.trim()).toBe('keine Angabe');
    // the legend counts it apart, the tooltip reads the same status
    const legend = map.legend.map((e) => [e.label, e.count]);
    expect(legend).toContainEqual(['· geheim (Quelle)', 1]);
    expect(legend).toContainEqual(['keine Angabe', 1]);
    expect(map.disclosed?.marks).toEqual([null, null, null, 'source']);
  });

  it('an area left out because the source kept its population secret is dotted too, like „EW · geheim (Quelle)“ in the table (qa7)', () => {
    const map = indexMap('class', '2024', 'populationSecret');
    render(MapTable, { map });
    expect(row('Hafen').children[2].getAttribute('data-mark')).toBe('source');
    expect(row('Hafen').children[3].textContent?.trim()).toBe('· geheim (Quelle)');
    // the cell's title names the population, the app's words for „EW · geheim (Quelle)“
    expect(row('Hafen').children[2].getAttribute('title')).toBe(POPULATION_TITLE);
    expect(map.legend.map((e) => [e.label, e.count])).toContainEqual(['· geheim (Quelle)', 2]);
  });

  it('the year map dots an area whose population of the year shown was „·“ at the source, with that reason (not „keine Angabe“)', () => {
    const map = indexMap('year', '2024', 'populationSecret');
    render(MapTable, { map });
    expect(row('Hafen').children[2].getAttribute('data-mark')).toBe('source');
    expect(row('Hafen').children[2].getAttribute('title')).toBe(POPULATION_TITLE);
    expect(row('Hafen').children[3].textContent?.trim()).toBe('· geheim (Quelle)');
    // Markt's secret is of 2024, the map shows 2023
    expect(row('Markt').children[3].textContent?.trim()).toBe('keine Angabe');
    expect(map.legend.map((e) => [e.label, e.count])).toContainEqual(['· geheim (Quelle)', 1]);
    expect(map.disclosed?.reasons).toEqual([null, null, POPULATION_TITLE, null]);
  });

  it('the year map takes the secrets of the year it shows', () => {
    render(MapTable, { map: indexMap('year', '2023') });
    expect(row('Markt').children[3].textContent?.trim()).toBe('· geheim (Quelle)');
    cleanup();
    // class map of 2024: the 2023 secret does not explain it
    render(MapTable, { map: indexMap('class', '2023') });
    expect(row('Markt').children[3].textContent?.trim()).toBe('keine Angabe');
  });

  const csvRow = (rows: string[][], name: string) => rows.find((r) => r[1] === name)!;

  it('the CSV export gives the reason of a withheld value in its own column, in the words of the tooltip and the cell title', async () => {
    render(MapTable, { map: indexMap('year', '2024', 'populationSecret') });
    const rows = parseCsv(await exportedCsv()).filter((r) => !r[0].startsWith('# '));
    const header = rows[0];
    expect(header.slice(-3)).toEqual(['Geheimhaltung', 'Grund der Geheimhaltung', 'Kleine Einwohnerzahl']);
    // every row has as many fields as the header
    for (const r of rows) expect(r.length).toBe(header.length);
    // value as its symbol, class row, mark and reason: what the table's cell says and its title explains
    expect(csvRow(rows, 'Hafen').slice(2)).toEqual(['·', '', '· geheim (Quelle)', 'Quelle', POPULATION_TITLE, '']);
    expect(row('Hafen').children[2].getAttribute('title')).toBe(csvRow(rows, 'Hafen')[6]);
    // a value simply missing has no reason to give; a shown value neither
    expect(csvRow(rows, 'Markt').slice(4)).toEqual(['keine Angabe', '', '', '']);
    expect(csvRow(rows, 'Nord').slice(5)).toEqual(['', '', '']);
  });

  it('the CSV export quotes a reason as it quotes any field (semicolon, quotes), and its note names the map’s own rule', async () => {
    const map = indexMap('class');
    const d = map.custom!.disclosure!;
    const reason = (r: string) => `${r}; siehe „Quelle“ "Amt"`;
    map.custom = { ...map.custom!, disclosure: { ...d, reasons: d.reasons!.map((r) => (r ? reason(r) : r)) }, rule: { enabled: true, minCount: 5, minDenominator: 50, minNumerator: 4 } };
    render(MapTable, { map });
    const text = await exportedCsv();
    const source = '· geheim (Quelle): in der eingelesenen Datei geheim gehalten oder unbekannt („·“), nicht fehlend';
    expect(text).toContain(`;"${source}; siehe „Quelle“ ""Amt""";\r\n`);
    expect(csvRow(parseCsv(text), 'Markt')[6]).toBe(reason(source));
    // the Sozialindex's own classes and thresholds, as in the legend — not the map panel's method nor the project's rule
    expect(text).not.toMatch(/Klassen: Quantile/);
    expect(text).toMatch(/^# Geheimhaltung an: Fallzahlen unter 5 und Quoten mit Nenner unter 50 oder Zähler unter 4/m);
  });
});
