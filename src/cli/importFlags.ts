/**
 * The import options of the command line — one parser for every command that reads a file, so a
 * planner gets the same table (and the same numbers) as with the import dialog's settings.
 * Without a prefix the flags are meant for the command's data file (`inspect DATEI`, `--data`,
 * `join --table`, `coverage --areas`, `access --demand`); every other file takes them with the
 * name of its own flag in front: `--layer-sheet`, `--services-dash-zero`, `--parent-crs`,
 * `--supply-encoding` … (the existing `--services-crs`, `--demand-crs`, `--supply-crs` are such
 * flags). A prefixed flag wins over the unprefixed one for the data file.
 */
import { appError } from '../lib/contract/errors';
import type { Encoding, FileFormat, ImportOptions } from '../lib/ingest/types';
import { flag } from './args';

/** Flag names (without prefix) this parser reads. */
export const IMPORT_FLAGS = ['delimiter', 'encoding', 'decimal', 'thousands', 'header-row', 'header-rows', 'footer-rows', 'keep-totals', 'dash-zero', 'sheet', 'crs', 'format', 'text-column'] as const;

/** German help text for `npm run cli -- --help` (and the usage line). */
export const IMPORT_HELP = `Import-Optionen (wie „Import-Einstellungen“ im Importdialog; für jeden Befehl, der Dateien liest):
  --delimiter ZEICHEN     Trennzeichen der CSV (';', ',', tab, '|')
  --encoding utf-8|windows-1252   Zeichenkodierung (auch utf8, cp1252, ansi, latin1)
  --decimal ,|.           Dezimaltrennzeichen
  --thousands .|,|space|none   Tausendertrennzeichen
  --header-row N          Zeile der Kopfzeile wie in Excel gezählt (0 = keine Kopfzeile)
  --header-rows N         Anzahl der Kopfzeilen, die zu einem Namen zusammengefasst werden
  --footer-rows N         Zeilen unter der Tabelle (Fußnoten, Quelle), die wegfallen
  --keep-totals           eine erkannte Summenzeile („Insgesamt“) als Datenzeile behalten
  --dash-zero             „–“/„-“ in Zahlenspalten als 0 lesen (amtlich: genau null; sonst fehlend)
  --sheet NAME            Tabellenblatt einer Excel-Datei
  --crs EPSG:N            Koordinatensystem, wenn die Datei es nicht angibt
  --format csv|xlsx|…     Dateiformat erzwingen
  --text-column SPALTE    Spalte als Text lesen (mehrfach möglich)
Ohne Präfix gelten sie für die Datendatei des Befehls (inspect DATEI, --data, join --table,
coverage --areas, access --demand); jede weitere Datei nimmt sie mit dem Namen ihres Schalters
davor, z. B. --layer-sheet NAME, --services-dash-zero, --parent-crs EPSG:25832.`;

const int = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw appError('cli.intOption', { name, value: v });
  return n;
};

/** Spellings of the encodings (a typo is an error, not silently Windows-1252). */
const ENCODINGS: Record<string, Encoding> = { 'utf-8': 'utf-8', utf8: 'utf-8', 'windows-1252': 'windows-1252', cp1252: 'windows-1252', ansi: 'windows-1252', latin1: 'windows-1252', 'iso-8859-1': 'windows-1252' };
const THOUSANDS: Record<string, NonNullable<ImportOptions['thousands']>> = { '.': '.', ',': ',', none: '', space: ' ', ' ': ' ', "'": "'" };

/** `value` (case-insensitive) as one of `choices`' values, or an error naming the accepted spellings. */
function choice<V>(value: string, choices: Readonly<Record<string, V>>, name: string): V {
  const hit = Object.entries(choices).find(([k]) => k === value.toLowerCase());
  if (!hit) throw appError('cli.choiceOption', { name, value, choices: Object.keys(choices).join(', ') });
  return hit[1];
}

/** Flags with `prefix` (e.g. 'layer-') → ImportOptions; `\t` and `tab` mean a tab delimiter. */
export function importOptions(flags: Record<string, string[]>, prefix = ''): ImportOptions {
  const f = (k: string) => flag(flags, prefix + k);
  const o: ImportOptions = {};
  const d = f('delimiter');
  if (d !== undefined) o.delimiter = d === '\\t' || d.toLowerCase() === 'tab' ? '\t' : d;
  const enc = f('encoding');
  if (enc !== undefined) o.encoding = choice(enc, ENCODINGS, prefix + 'encoding');
  const dec = f('decimal');
  if (dec !== undefined) o.decimal = choice(dec, { ',': ',', '.': '.' } as const, prefix + 'decimal');
  const th = f('thousands');
  if (th !== undefined) o.thousands = choice(th, THOUSANDS, prefix + 'thousands');
  o.headerRow = int(f('header-row'), prefix + 'header-row');
  o.headerRows = int(f('header-rows'), prefix + 'header-rows');
  o.footerRows = int(f('footer-rows'), prefix + 'footer-rows');
  if (f('keep-totals') === 'true') o.keepTotals = true;
  // „–“/„-“ in number columns as 0 (amtlich „genau null“); off by default (METHODS §6: missing)
  if (f('dash-zero') === 'true') o.dashZero = true;
  o.sheet = f('sheet');
  o.crs = f('crs');
  o.format = f('format') as FileFormat | undefined;
  if (flags[prefix + 'text-column']) o.textColumns = flags[prefix + 'text-column'];
  for (const k of Object.keys(o) as (keyof ImportOptions)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/**
 * Options of the file named by `--<role>`: the data file (`data: true`) takes the unprefixed
 * flags and, over them, `--<role>-…`; every other file only its `--<role>-…` flags.
 */
export function fileOptions(flags: Record<string, string[]>, role: string, data = false): ImportOptions {
  const own = importOptions(flags, `${role}-`);
  return data ? { ...importOptions(flags), ...own } : own;
}
