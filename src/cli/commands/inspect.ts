/**
 * `npm run cli -- inspect FILE [--delimiter ';'] [--encoding windows-1252] [--decimal ,]
 * [--thousands .] [--header-row N] [--header-rows N] [--footer-rows N] [--keep-totals] [--dash-zero] [--sheet NAME]
 * [--crs EPSG:25832] [--format csv] [--text-column NAME]…` — imports FILE exactly as a drop in the
 * browser does (`engine.importFile` on the Node engine) and prints what was detected. The import
 * flags are the shared ones of every command (`../importFlags.ts`). `header_row`
 * and `--header-row` are 1-based row numbers as Excel shows them (blank rows counted; 0 = no header).
 */
import { appError } from '../../lib/contract';
import { parseArgs } from '../args';
import { importOptions } from '../importFlags';
import { cliEngine, loadFile } from '../engine';

/** Run `inspect`; returns the JSON-ready description. */
export async function run(argv: string[]): Promise<unknown> {
  const { positional, flags } = parseArgs(argv);
  const file = positional[0];
  if (!file) throw appError('cli.usage', { usage: 'npm run cli -- inspect DATEI [--delimiter ";"] [--encoding windows-1252] …' });
  // the workbench's import, on the Node engine; the table is dropped again (one engine per process)
  const engine = await cliEngine();
  const r = await loadFile(engine, file, importOptions(flags));
  engine.dropTable(r.name);
  const d = r.detected!;
  const out: Record<string, unknown> = {
    file,
    format: d.format,
    encoding: d.encoding ?? null,
    delimiter: d.delimiter ?? null,
    decimal: d.decimal ?? null,
    thousands: d.thousands ?? null,
    sheet: d.sheet ?? null,
    sheets: d.sheets ?? null,
    header_row: d.headerRow ?? null,
    header_rows: d.headerRows ?? null,
    footer_rows: d.footerRows ?? null,
    notes: d.notes ?? null,
    totals_row: d.totals ? { position: d.totals.position, row: d.totals.row ?? null, label: d.totals.label, checks: d.totals.checks } : null,
    rows: r.rows,
    columns: r.columns.map((c) => ({
      name: c.name,
      type: c.type,
      nulls: c.nulls,
      ...(c.percent ? { percent: true } : {}),
      ...(c.limited ? { limited: c.limited } : {}),
      ...(c.missingSymbols && Object.keys(c.missingSymbols).length ? { missing_symbols: c.missingSymbols } : {}),
      ...(c.secret ? { secret: c.secret } : {}),
      ...(c.dashZero ? { dash_zero: c.dashZero } : {}),
    })),
    warnings: r.warnings.map((w) => ({ code: w.code, message: w.message, ...(w.column ? { column: w.column } : {}), ...(w.line ? { line: w.line } : {}) })),
  };
  if (d.crs) out.crs = d.crs;
  if (d.geometryType) out.geometry_type = d.geometryType;
  if (r.bbox) out.bbox = r.bbox;
  return out;
}
