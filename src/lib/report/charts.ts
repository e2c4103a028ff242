/**
 * Small SVG charts for area profiles: the spine chart (an area's indicators against the range of
 * all areas, centred on the municipal value, as in the English "Local Health" profiles) and a
 * time series of one indicator for the area against the municipal value.
 */
import { esc, num, symbolCell } from './html';

const FONT = "font-family=\"'Helvetica Neue', Arial, 'Liberation Sans', sans-serif\"";

export interface SpineRow {
  name: string;
  unit: string;
  /** the area's value (NaN when missing or suppressed) */
  value: number;
  /** official symbol shown instead of a suppressed value, or null */
  symbol: string | null;
  /** municipal value (Σ numerator / Σ denominator × scale) */
  city: number;
  /** symbol of a city value that is not known or not shown („·q“: a part secret at the source), or null */
  citySymbol?: string | null;
  /** external reference (Kreis, NRW) when given */
  reference: number | null;
  /** values that may be shown of all areas (for min, quartiles, max) */
  all: number[];
  /** 1: higher = more burden; −1: higher = less */
  polarity: 1 | -1;
  /** values of the parent areas (Stadtbezirk, Gemeinde), nearest first, as `levelLabels` name them */
  levels?: { value: number; symbol: string | null }[];
}

/** Marker shapes of the parent levels on the spine (nearest first). */
const LEVEL_MARK = ['#7b3294', '#008837'];

function quantile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (sorted[Math.min(sorted.length - 1, lo + 1)] - sorted[lo]) * (h - lo);
}

/** Burden of the area's value against the city: 'worse' | 'better' | 'similar' (within a quarter of the spread). */
export function burden(r: SpineRow): 'worse' | 'better' | 'similar' | 'none' {
  if (!Number.isFinite(r.value) || !Number.isFinite(r.city)) return 'none';
  const s = [...r.all].sort((a, b) => a - b);
  const iqr = quantile(s, 0.75) - quantile(s, 0.25);
  const d = (r.value - r.city) * r.polarity;
  if (Math.abs(d) <= Math.max(iqr * 0.25, 1e-12)) return 'similar';
  return d > 0 ? 'worse' : 'better';
}

const COLOURS = { worse: '#c0392b', better: '#2e6da4', similar: '#f0c419', none: '#999' };

/**
 * The spine chart as an HTML table with an SVG bar per row: value, city value, the bar (range of
 * all areas, interquartile band, city line at the centre, area marker coloured by burden).
 */
export function spineChart(rows: SpineRow[], o: { refLabel?: string; totalLabel?: string; levelLabels?: string[] } = {}): string {
  const levels = o.levelLabels ?? [];
  const total = o.totalLabel ?? 'Stadt';
  const W = 230, H = 16, mid = W / 2;
  const body = rows.map((r) => {
    const s = r.all.filter(Number.isFinite).sort((a, b) => a - b);
    const min = s[0], max = s[s.length - 1];
    let bar = '';
    if (s.length && Number.isFinite(r.city)) {
      const half = Math.max(r.city - min, max - r.city, 1e-12);
      // higher burden to the right: flip indicators where higher means less burden
      const x = (v: number) => mid + ((v - r.city) / half) * (mid - 6) * r.polarity;
      const [a, b] = [x(min), x(max)].sort((p, q) => p - q);
      const [qa, qb] = [x(quantile(s, 0.25)), x(quantile(s, 0.75))].sort((p, q) => p - q);
      bar += `<rect x="${a.toFixed(1)}" y="4" width="${(b - a).toFixed(1)}" height="8" fill="#e3e6ea"/>`;
      bar += `<rect x="${qa.toFixed(1)}" y="4" width="${(qb - qa).toFixed(1)}" height="8" fill="#b8c0ca"/>`;
      bar += `<line x1="${mid}" x2="${mid}" y1="1" y2="15" stroke="#222" stroke-width="1.4"/>`;
      if (r.reference !== null && Number.isFinite(r.reference)) {
        const rx = Math.min(W - 2, Math.max(2, x(r.reference)));
        bar += `<path d="M${rx.toFixed(1)} 1l-3.5 -0.5l3.5 5l3.5 -5z" fill="#555"><title>${esc(o.refLabel ?? 'Referenz')}</title></path>`;
      }
      (r.levels ?? []).forEach((lv, k) => {
        if (!Number.isFinite(lv.value) || k >= LEVEL_MARK.length) return;
        const lx = Math.min(W - 3, Math.max(3, x(lv.value)));
        bar += `<path d="M${lx.toFixed(1)} 2.5l3.5 5.5l-3.5 5.5l-3.5 -5.5z" fill="${LEVEL_MARK[k]}" stroke="#fff" stroke-width="0.6"><title>${esc(levels[k] ?? '')}</title></path>`;
      });
      if (Number.isFinite(r.value)) {
        const b2 = burden(r);
        bar += `<circle cx="${x(r.value).toFixed(1)}" cy="8" r="5" fill="${COLOURS[b2]}" stroke="#222" stroke-width="0.8"/>`;
      }
    }
    const lv = levels.map((_, k) => {
      const q = r.levels?.[k];
      return !q ? '<td class="num sym">x</td>' : q.symbol ? symbolCell(q.symbol) : `<td class="num">${num(q.value, 1)}</td>`;
    }).join('');
    return `<tr><th scope="row">${esc(r.name)}<span class="unit">${esc(r.unit)}</span></th>${r.symbol ? symbolCell(r.symbol) : `<td class="num">${num(r.value, 1)}</td>`}${lv}${r.citySymbol ? symbolCell(r.citySymbol) : `<td class="num">${num(r.city, 1)}</td>`}`
      + (o.refLabel ? `<td class="num">${r.reference === null ? '–' : num(r.reference, 1)}</td>` : '')
      + `<td class="spine"><svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" aria-hidden="true">${bar}</svg></td></tr>`;
  });
  const legend = `<p class="spine-legend"><svg width="230" height="14" aria-hidden="true" ${FONT} font-size="9"><rect x="0" y="3" width="14" height="8" fill="#e3e6ea"/><text x="18" y="11">Spannweite aller Gebiete</text><rect x="128" y="3" width="14" height="8" fill="#b8c0ca"/><text x="146" y="11">mittlere Hälfte</text></svg>`
    + ` <span class="dot" style="background:${COLOURS.worse}"></span> ungünstiger <span class="dot" style="background:${COLOURS.similar}"></span> ähnlich <span class="dot" style="background:${COLOURS.better}"></span> günstiger als ${total === 'Kreis' ? 'der Kreis' : 'die Stadt'} (Linie), rechts = mehr Belastung`
    + levels.slice(0, LEVEL_MARK.length).map((l, k) => ` <span class="nw"><span class="diamond" style="background:${LEVEL_MARK[k]}"></span> ${esc(l)}</span>`).join('')
    + (o.refLabel ? ` <span class="nw">▼ ${esc(o.refLabel)}</span>` : '') + '</p>';
  const head = levels.map((l) => `<th class="num">${esc(l)}</th>`).join('');
  return `<table class="spine-chart" data-role="spine-chart"><thead><tr><th>Indikator</th><th class="num">Gebiet</th>${head}<th class="num">${esc(total)}</th>${o.refLabel ? `<th class="num">${esc(o.refLabel)}</th>` : ''}<th>Lage unter allen Gebieten</th></tr></thead><tbody>${body.join('')}</tbody></table>${legend}`;
}

/** One indicator over the years: the area's line and the city's dashed line; gaps where suppressed. */
export function timeSeriesChart(o: { title: string; unit: string; years: string[]; area: number[]; city: number[] }): string {
  const W = 200, H = 70, l = 30, r = 6, t = 15, b = 14;
  const vals = [...o.area, ...o.city].filter(Number.isFinite);
  if (!vals.length || o.years.length < 2) return '';
  let lo = Math.min(...vals), hi = Math.max(...vals);
  if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
  const padv = (hi - lo) * 0.1;
  lo = Math.max(0, lo - padv);
  hi += padv;
  const x = (k: number) => l + (k / (o.years.length - 1)) * (W - l - r);
  const y = (v: number) => t + (1 - (v - lo) / (hi - lo)) * (H - t - b);
  const line = (v: number[]) => {
    let d = '', pen = false;
    v.forEach((q, k) => {
      if (!Number.isFinite(q)) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${x(k).toFixed(1)} ${y(q).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  const dots = o.area.map((q, k) => (Number.isFinite(q) ? `<circle cx="${x(k).toFixed(1)}" cy="${y(q).toFixed(1)}" r="1.8" fill="#1d4e89"/>` : '')).join('');
  const digits = hi - lo < 5 ? 1 : 0;
  return `<svg class="ts" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(o.title)}" ${FONT} font-size="8.5" fill="#333">`
    + `<text x="0" y="10" font-weight="700" font-size="9.5">${esc(o.title)}${o.unit ? ` (${esc(o.unit)})` : ''}</text>`
    + `<line x1="${l}" x2="${W - r}" y1="${H - b}" y2="${H - b}" stroke="#999" stroke-width="0.6"/>`
    + `<text x="${l - 3}" y="${(y(hi) + 3).toFixed(1)}" text-anchor="end">${num(hi, digits)}</text><text x="${l - 3}" y="${(y(lo) + 3).toFixed(1)}" text-anchor="end">${num(lo, digits)}</text>`
    + `<text x="${l}" y="${H - 4}">${esc(o.years[0])}</text><text x="${W - r}" y="${H - 4}" text-anchor="end">${esc(o.years[o.years.length - 1])}</text>`
    + `<path d="${line(o.city)}" fill="none" stroke="#777" stroke-width="1.2" stroke-dasharray="3 2"/>`
    + `<path d="${line(o.area)}" fill="none" stroke="#1d4e89" stroke-width="1.8"/>${dots}</svg>`;
}
