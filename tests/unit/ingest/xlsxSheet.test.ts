import { describe, expect, it } from 'vitest';
import { chooseSheet, sheetScore } from '../../../src/lib/ingest/xlsx';
import { importNotices } from '../../../src/lib/state/importNotes';

const table = (rows: number, cols: number) => [['Schlüssel', ...Array.from({ length: cols }, (_, j) => `V${j}`)], ...Array.from({ length: rows }, (_, i) => [`0${i}`, ...Array.from({ length: cols }, (_, j) => String(i + j))])];
const info = [['Hinweise zur Tabelle'], ['Stand: 31.12.2024'], [''], ['Quelle: IT.NRW, 2025']];

function pick(sheets: Record<string, string[][]>, active = 0) {
  const names = Object.keys(sheets);
  const cells = new Map(Object.entries(sheets));
  const scores = Object.fromEntries(names.map((s) => [s, sheetScore(sheets[s])]));
  return chooseSheet(names, cells, scores, active);
}

describe('which sheet of a workbook is read (QA-25)', () => {
  it('the first sheet when it holds a table, even if a later one is larger (our own export: „Ergebnisse“ before „Indikatoren je Jahr“)', () => {
    expect(pick({ Ergebnisse: table(34, 8), 'Indikatoren je Jahr': table(170, 8), Methode: info })).toEqual({ sheet: 'Ergebnisse', reason: 'first' });
  });
  it('the sheet active when saved, if it holds a table', () => {
    expect(pick({ A: table(5, 2), B: table(10, 2) }, 1)).toEqual({ sheet: 'B', reason: 'active' });
  });
  it('the largest table when the first sheet is an info sheet, empty or too small to be a table', () => {
    expect(pick({ Info: info, Daten: table(20, 3), Klein: table(3, 1) })).toEqual({ sheet: 'Daten', reason: 'largest' });
    expect(pick({ Leer: [], Daten: table(4, 2) })).toEqual({ sheet: 'Daten', reason: 'largest' });
    expect(pick({ Zwei: table(2, 3), Daten: table(4, 2) })).toEqual({ sheet: 'Daten', reason: 'largest' });
  });
  it('the notice says why the sheet was read', () => {
    const d = { format: 'xlsx', sheets: ['Ergebnisse', 'Methode'], sheet: 'Ergebnisse' } as const;
    expect(importNotices({ ...d, sheetReason: 'first' } as never)[0].message).toMatch(/^Tabellenblatt „Ergebnisse“ gelesen, weil es das erste Blatt ist und eine Tabelle enthält; weitere Blätter: „Methode“/);
    expect(importNotices({ ...d, sheetReason: 'largest' } as never)[0].message).toMatch(/weil es die größte Tabelle enthält/);
  });
});
