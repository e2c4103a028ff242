/** Small pure helpers for the report renderer: escaping, German numbers, colours. */
import { fmtNumber } from '../../i18n/index';
import type { RGB } from '../map/palettes';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML/SVG content and attribute values (area names may contain anything). */
export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ESC[c]);
}

/** German number, fixed decimals; '–' for missing (use {@link cell} where a symbol is due). */
export function num(x: number | null | undefined, digits = 1): string {
  return fmtNumber(x, digits, 'de');
}

/** A year or id never gets a thousands separator. */
export const plain = (x: unknown): string => esc(x);

export function rgb(c: RGB | string): string {
  return typeof c === 'string' ? c : `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** Relative luminance (WCAG) of an sRGB colour, for picking dark or light text. */
export function luminance(c: RGB): number {
  const f = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
}

/** Splits text into lines of at most `max` characters at spaces (SVG text does not wrap). */
export function wrap(text: string, max: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && cur.length + 1 + w.length > max) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines;
}

/** Date as German text (1. Mai 2024) from an ISO date. */
export function germanDate(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return esc(iso);
  return d.toLocaleDateString('de-DE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Primary, secondary and source suppression in words (cell titles). */
const MARK_TITLE: Record<string, string> = {
  '·': 'geheim (Primärgeheimhaltung: Fallzahl zu klein)',
  '·s': 'geheim (Sekundärgeheimhaltung: schützt einen anderen geheimen Wert)',
  '·q': 'geheim (Quelle: schon in der eingelesenen Datei geheim gehalten, „·“)',
  '/': 'nicht hinreichend genau',
};

const MARK_OF: Record<string, string> = { '·': 'primary', '·s': 'secondary', '·q': 'source' };

/**
 * A table cell with an official symbol instead of a value: primary „·“, secondary suppression „·s“
 * and secret at source „·q“ (drawn as „·“ with a raised s / q) told apart, also by `data-mark`.
 */
export function symbolCell(symbol: string): string {
  const mark = MARK_OF[symbol] ?? '';
  const text = symbol === '·s' || symbol === '·q' ? `·<sup>${symbol[1]}</sup>` : esc(symbol);
  return `<td class="num sym"${mark ? ` data-mark="${mark}"` : ''}${MARK_TITLE[symbol] ? ` title="${esc(MARK_TITLE[symbol])}"` : ''}>${text}</td>`;
}
