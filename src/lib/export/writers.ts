/**
 * File writers for result tables: CSV (German Excel or international), XLSX (with sheets
 * „Methode“ and „Zeichenerklärung“), GeoJSON (with geometry, metadata member) and Parquet (with
 * key-value metadata). Suppressed cells: the official symbol in CSV/XLSX (the app's importer and
 * German statistics practice read it as missing), null plus a symbol column in GeoJSON/Parquet.
 */
import * as XLSX from '@e965/xlsx';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { SYMBOL_ROWS, type ExportBundle, type ExportTable } from './tables';
import { safeText } from './csv';


/** Cell notes (XLSX comments) on hidden cells: primary, secondary and source suppression told apart. */
const CELL_NOTE: Record<string, string> = {
  '·': 'Primärgeheimhaltung: Fallzahl zu klein',
  '·q': 'Geheim in der Quelle: schon in der eingelesenen Datei geheim gehalten („·“)',
  '·s': 'Sekundärgeheimhaltung: verborgen, damit ein anderer geheimer Wert nicht aus Summen zurückgerechnet werden kann',
};

/** CSV text of one table. German: `;`, decimal comma, CRLF, UTF-8 with BOM; international: `,`, point, LF, no BOM. */
export function csvBytes(t: ExportTable, method: [string, string][], style: 'de' | 'intl'): Uint8Array {
  const sep = style === 'de' ? ';' : ',';
  const cell = (v: string | number | null, symbol: string | null): string => {
    if (symbol && (v === null || v === undefined)) return symbol;
    if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '';
    if (typeof v === 'number') return style === 'de' ? String(v).replace('.', ',') : String(v);
    // CSV injection: a name like "=HYPERLINK(…)" stays text
    const s = safeText(v);
    return s.includes(sep) || /["\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const comments = method.map(([k, v]) => cell(`# ${k}: ${v}`, null));
  const lines = [...comments, t.columns.map((c) => cell(c.name, null)).join(sep), ...t.rows.map((r, i) => r.map((v, c) => cell(v, t.symbols[i][c])).join(sep))];
  const eol = style === 'de' ? '\r\n' : '\n';
  return new TextEncoder().encode((style === 'de' ? '\uFEFF' : '') + lines.join(eol) + eol);
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (s: string) => s.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);

/** XLSX with one sheet per table, then „Methode“ and „Zeichenerklärung“. */
export function xlsxBytes(b: ExportBundle): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const t of b.tables) {
    const aoa = [t.columns.map((c) => c.name), ...t.rows.map((r, i) => r.map((v, c) => (t.symbols[i][c] && (v === null || v === undefined) ? t.symbols[i][c] : v)))];
    const ws = XLSX.utils.aoa_to_sheet(aoa);
    ws['!cols'] = t.columns.map((c) => ({ wch: Math.min(40, Math.max(8, c.name.length + 2)) }));
    ws['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: t.rows.length, c: t.columns.length - 1 } }) };
    // a note on every hidden cell says whether it is primary or secondary suppression
    t.symbols.forEach((row, i) => row.forEach((sym, c) => {
      const why = sym && CELL_NOTE[sym];
      const cell = why ? ws[XLSX.utils.encode_cell({ r: i + 1, c })] : undefined;
      if (cell) cell.c = [{ a: 'Sozialraum-Werkbank', t: why }];
    }));
    XLSX.utils.book_append_sheet(wb, ws, sheetName(t.name));
  }
  const method = XLSX.utils.aoa_to_sheet([['Einstellung', 'Wert'], ...b.method]);
  method['!cols'] = [{ wch: 26 }, { wch: 110 }];
  XLSX.utils.book_append_sheet(wb, method, 'Methode');
  const off = b.method.find(([k]) => k === 'Geheimhaltung')?.[1].startsWith('AUSGESCHALTET');
  const legend = XLSX.utils.aoa_to_sheet([['Zeichen', 'Bedeutung'], ...(off ? [['!', 'Geheimhaltung ausgeschaltet: alle Werte ungeschützt, nicht zur Veröffentlichung']] : []), ...SYMBOL_ROWS]);
  legend['!cols'] = [{ wch: 10 }, { wch: 100 }];
  XLSX.utils.book_append_sheet(wb, legend, 'Zeichenerklärung');
  wb.Props = { Title: b.method.find(([k]) => k === 'Titel')?.[1] ?? 'Ergebnisse', Author: b.method.find(([k]) => k === 'Verfasst von')?.[1] ?? '', Comments: 'Sozialraum-Werkbank' };
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}

/** Column values with suppressed cells as null, plus a `<name> Zeichen` column where any symbol occurs. */
function machineColumns(t: ExportTable): { name: string; type: 'text' | 'number'; values: (string | number | null)[] }[] {
  const out: { name: string; type: 'text' | 'number'; values: (string | number | null)[] }[] = [];
  t.columns.forEach((c, k) => {
    out.push({ name: c.name, type: c.type, values: t.rows.map((r) => (typeof r[k] === 'number' && !Number.isFinite(r[k] as number) ? null : r[k])) });
    if (t.symbols.some((s) => s[k])) out.push({ name: `${c.name} Zeichen`, type: 'text', values: t.symbols.map((s) => s[k]) });
  });
  return out;
}

/** GeoJSON FeatureCollection of the first table with the area geometry (WGS84) and a `metadata` member. */
export function geojsonBytes(b: ExportBundle, geometryById: Map<string, string>): Uint8Array {
  const t = b.tables[0];
  const cols = machineColumns(t);
  const features = t.rows.map((_, i) => {
    const props: Record<string, unknown> = {};
    for (const c of cols) props[c.name] = c.values[i];
    const g = geometryById.get(String(b.rowIds[i]));
    return `{"type":"Feature","properties":${JSON.stringify(props)},"geometry":${g ?? 'null'}}`;
  });
  // a repeated method key (one line per indicator …) becomes a list, not „Sozialindex 10“, „Sozialindex 11“ … (QA-7)
  const grouped = new Map<string, string[]>();
  for (const [k, v] of b.method) grouped.set(k, [...(grouped.get(k) ?? []), v]);
  const meta = JSON.stringify(Object.fromEntries([...grouped].map(([k, v]) => [k, v.length === 1 ? v[0] : v])));
  return new TextEncoder().encode(`{"type":"FeatureCollection","metadata":${meta},"features":[\n${features.join(',\n')}\n]}\n`);
}

/** Parquet of the first table; the method rows go into the file's key-value metadata. */
export function parquetBytes(b: ExportBundle): Uint8Array {
  const t = b.tables[0];
  const columnData = machineColumns(t).map((c) => ({
    name: c.name,
    data: c.type === 'number' ? c.values.map((v) => (v === null ? null : Number(v))) : c.values.map((v) => (v === null ? null : String(v))),
    type: c.type === 'number' ? ('DOUBLE' as const) : ('STRING' as const),
  }));
  const kvMetadata = b.method.map(([key, value], i) => ({ key: `srw.${i.toString().padStart(2, '0')}.${key}`, value }));
  return new Uint8Array(parquetWriteBuffer({ columnData, kvMetadata }));
}
