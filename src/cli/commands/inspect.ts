/**
 * `npm run cli -- inspect FILE [--delimiter ';'] [--encoding windows-1252] [--decimal ,]
 * [--thousands .] [--header-row N] [--header-rows N] [--footer-rows N] [--keep-totals] [--dash-zero] [--sheet NAME]
 * [--crs EPSG:25832] [--format csv] [--text-column NAME]…` — imports FILE exactly as a drop in the
 * browser does (`engine.importFile` on the Node engine) and prints what was detected. `header_row`
 * and `--header-row` are 1-based row numbers as Excel shows them (blank rows counted; 0 = no header).
 */
import type { Encoding, FileFormat, ImportOptions } from '../../lib/ingest/index';
import { appError } from '../../lib/contract';
import { flag, parseArgs } from '../args';
import { cliEngine, loadFile } from '../engine';

const int = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw appError('cli.intOption', { name, value: v });
  return n;
};

/** Map command-line flags to ImportOptions (`\t` and `tab` mean a tab delimiter). */
export function optionsFromFlags(flags: Record<string, string[]>): ImportOptions {
  const o: ImportOptions = {};
  const d = flag(flags, 'delimiter');
  if (d !== undefined) o.delimiter = d === '\\t' || d.toLowerCase() === 'tab' ? '\t' : d;
  const enc = flag(flags, 'encoding');
  if (enc !== undefined) o.encoding = (/^(utf-?8)$/i.test(enc) ? 'utf-8' : 'windows-1252') as Encoding;
  const dec = flag(flags, 'decimal');
  if (dec === ',' || dec === '.') o.decimal = dec;
  const th = flag(flags, 'thousands');
  if (th !== undefined) o.thousands = (th === 'none' ? '' : th) as ImportOptions['thousands'];
  o.headerRow = int(flag(flags, 'header-row'), 'header-row');
  o.headerRows = int(flag(flags, 'header-rows'), 'header-rows');
  o.footerRows = int(flag(flags, 'footer-rows'), 'footer-rows');
  if (flag(flags, 'keep-totals') === 'true') o.keepTotals = true;
  // „–“/„-“ in number columns as 0 (amtlich „genau null“); off by default (METHODS §6: missing)
  if (flag(flags, 'dash-zero') === 'true') o.dashZero = true;
  o.sheet = flag(flags, 'sheet');
  o.crs = flag(flags, 'crs');
  o.format = flag(flags, 'format') as FileFormat | undefined;
  if (flags['text-column']) o.textColumns = flags['text-column'];
  for (const k of Object.keys(o) as (keyof ImportOptions)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** Run `inspect`; returns the JSON-ready description. */
export async function run(argv: string[]): Promise<unknown> {
  const { positional, flags } = parseArgs(argv);
  const file = positional[0];
  if (!file) throw appError('cli.usage', { usage: 'npm run cli -- inspect DATEI [--delimiter ";"] [--encoding windows-1252] …' });
  // the workbench's import, on the Node engine; the table is dropped again (one engine per process)
  const engine = await cliEngine();
  const r = await loadFile(engine, file, optionsFromFlags(flags));
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
