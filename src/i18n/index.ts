/**
 * German-first UI strings. Each feature area keeps its strings in its own module
 * (`./app.ts`, `./legend.ts`, …) exporting `{ de, en }`; they are merged here.
 * Components never contain string literals: they call `t('key', { n: 3 })`.
 */
import { app } from './app';
import { legend } from './legend';
import { sozialindex } from './sozialindex';
import { privacy } from './privacy';
import { spatial } from './spatial';
import { levels } from './levels';
import { training } from './training';
import { errors } from './errors';
import { cli } from './cli';
import { TEXT_CODE, toErrorData, type ErrorData } from '../lib/contract/errors';
import { services } from './services';
import { tours } from './tours';
import { workshop } from './workshop';
import { speed } from './speed';
import { ingest } from './ingest';
import { join } from './join';
import { projects } from './projects';

export type Lang = 'de' | 'en';
type Dict = Record<string, string>;
export interface Strings {
  de: Dict;
  en: Dict;
}

const modules: Strings[] = [app, legend];
modules.push(sozialindex);
modules.push(privacy);
modules.push(spatial);
modules.push(levels);
modules.push(training);
modules.push(errors);
modules.push(cli);
modules.push(services);
modules.push(tours);
modules.push(workshop);
modules.push(speed);
modules.push(ingest);
modules.push(join);
modules.push(projects);
const merged: Record<Lang, Dict> = { de: {}, en: {} };
for (const m of modules) {
  Object.assign(merged.de, m.de);
  Object.assign(merged.en, m.en);
}

let current: Lang = 'de';
const listeners = new Set<(l: Lang) => void>();

export function setLang(lang: Lang): void {
  current = lang;
  for (const l of listeners) l(lang);
}
export function getLang(): Lang {
  return current;
}
export function onLangChange(fn: (l: Lang) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Translate `key`, filling `{name}` placeholders. Falls back to German, then to the key. */
export function t(key: string, vars?: Record<string, string | number>, lang: Lang = current): string {
  let s = merged[lang][key] ?? merged.de[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

// Formatters by language and decimals: creating an Intl.NumberFormat costs ≈ 50–100 µs, and a
// data grid or map table formats thousands of cells (≈ 0.2 s of the demo's start before this cache).
const formats = new Map<string, Intl.NumberFormat>();

/** German number formatting (1.234,5) or English (1,234.5); `digits` fixes the decimals. */
export function fmtNumber(x: number | null | undefined, digits?: number, lang: Lang = current): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  // without `digits`: one decimal from 100 on, else up to three
  const key = `${lang}|${digits ?? (Math.abs(x) >= 100 ? 'a' : 'b')}`;
  let f = formats.get(key);
  if (!f) {
    const opts: Intl.NumberFormatOptions =
      digits === undefined ? { maximumFractionDigits: Math.abs(x) >= 100 ? 1 : 3 } : { minimumFractionDigits: digits, maximumFractionDigits: digits };
    // no „-0,0“ for a small negative value rounded to zero (e.g. an index of −0,03 with one decimal)
    f = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { ...opts, signDisplay: 'negative' });
    formats.set(key, f);
  }
  return f.format(x);
}

/** True when a string exists for `key` (in German, the reference language). */
export function hasKey(key: string): boolean {
  return key in merged.de;
}

/** Parameters as the reader expects them: decimals in the locale, years and counts unchanged. */
function formatParams(params: ErrorData['params'], lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined) out[k] = '';
    else if (typeof v === 'number') out[k] = Number.isInteger(v) ? String(v) : fmtNumber(v, undefined, lang);
    else out[k] = String(v);
  }
  return out;
}

/**
 * The text of any thrown error for a reader (views, notices, the German CLI): an AppError's
 * code translated with its parameters (`err.<code>`), its hint (`hint`, `err.<code>.hint` or a
 * legacy German hint text). Unknown errors read „Unerwarteter Fehler: …“.
 */
export function errorText(e: unknown, lang: Lang = current): { code: string; message: string; hint?: string } {
  const d = toErrorData(e);
  const p = formatParams(d.params, lang);
  if (d.params.option !== undefined && hasKey(`opt.${d.params.option}`)) p.option = t(`opt.${d.params.option}`, undefined, lang);
  const hintText = typeof d.params.hintText === 'string' && d.params.hintText ? d.params.hintText : undefined;
  if (d.code === TEXT_CODE) return { code: d.code, message: String(d.params.text ?? d.message ?? ''), hint: hintText };
  // `err.<code>`; a code that is itself a full key (e.g. `lv.err.…`) is read as it is
  const key = hasKey(`err.${d.code}`) ? `err.${d.code}` : d.code;
  const message = hasKey(key) ? t(key, p, lang) : t('err.unexpected', { detail: d.message ?? d.code }, lang);
  const hintKey = d.hint ?? (hasKey(`${key}.hint`) ? `${key}.hint` : undefined);
  return { code: d.code, message, hint: hintKey ? t(hintKey, p, lang) : hintText };
}

export function allKeys(lang: Lang): string[] {
  return Object.keys(merged[lang]);
}
