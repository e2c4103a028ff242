/**
 * A thematic map as self-contained SVG for reports, profiles and the map export: areas filled by
 * class, title, legend with counts and a separate no-value / suppressed class, north arrow (true
 * north at the centre), scale bar in metres, „Quelle: … Datenstand …“ and the Kartengrundlage.
 * Hooks for automated checks: `data-role="map"` on the svg; `north-arrow`, `scale-bar`, `legend`.
 */
import { simplifyRing, type MapAreas } from './geo';
import { esc, num, wrap } from './html';

/** Fill of one area: a CSS colour, 'none' (no value, hatched) or 'secret' (suppressed, dotted). */
export type AreaFill = string | 'none' | 'secret';

export interface MapLegendEntry {
  fill: AreaFill;
  label: string;
  count?: number;
}

export interface SvgMapOptions {
  /** unique within the document (pattern ids) */
  id: string;
  title: string;
  subtitle?: string;
  fills: AreaFill[];
  legend: MapLegendEntry[];
  legendTitle?: string;
  /** „Quelle: …“ line (with Datenstand) */
  source: string;
  /** Kartengrundlage, e.g. „© GeoBasis-DE / BKG 2024“ */
  attribution: string;
  /** total width in CSS px (default 680 = A4 text width) */
  width?: number;
  /** largest height of the map drawing (default 0.9 × width) */
  maxMapHeight?: number;
  /** area drawn on top with a dark outline (profiles) */
  highlight?: number;
  /** legend and scale below the map instead of beside it (small maps) */
  compact?: boolean;
  /** short labels drawn at each area's inner point (e.g. area keys on an overview map) */
  labels?: (string | null)[];
  /** a line under the map before the source (the legend's „Geheimhaltung an: …“) */
  footnote?: string;
  /** white margin around everything (a standalone image: text must not touch the frame); default 0 */
  margin?: number;
}

const FONT = "font-family=\"'Helvetica Neue', Arial, 'Liberation Sans', sans-serif\"";
const CHAR = 0.56; // average character width of the sans-serif font, in em

/** A round scale-bar length (1, 2, 5 × 10^k m) close to `target` metres. */
export function niceLength(target: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(target, 1e-9)));
  for (const m of [5, 2, 1]) if (m * p <= target) return m * p;
  return p;
}

function lengthLabel(m: number): string {
  return m >= 1000 ? `${num(m / 1000, m % 1000 === 0 ? 0 : 1)} km` : `${num(m, 0)} m`;
}

function fillAttr(f: AreaFill, id: string): string {
  if (f === 'none') return `url(#none-${id})`;
  if (f === 'secret') return `url(#secret-${id})`;
  return esc(f);
}

function patterns(id: string): string {
  return `<defs><pattern id="none-${id}" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)"><rect width="5" height="5" fill="#f1f1f1"/><line x1="0" y1="0" x2="0" y2="5" stroke="#9a9a9a" stroke-width="1.3"/></pattern>`
    + `<pattern id="secret-${id}" patternUnits="userSpaceOnUse" width="5" height="5"><rect width="5" height="5" fill="#e4e4e4"/><circle cx="2.5" cy="2.5" r="0.9" fill="#555"/></pattern></defs>`;
}

function paths(areas: MapAreas, fills: AreaFill[], id: string, tx: (x: number) => number, ty: (y: number) => number, tolerance: number, highlight?: number): string {
  const d = (i: number) =>
    areas.rings[i]
      .map((full) => {
        const r = simplifyRing(full, tolerance);
        let s = '';
        for (let k = 0; k < r.length; k += 2) s += `${k ? 'L' : 'M'}${tx(r[k]).toFixed(1)} ${ty(r[k + 1]).toFixed(1)}`;
        return s + 'Z';
      })
      .join('');
  const out: string[] = [];
  for (let i = 0; i < areas.rings.length; i++) {
    if (!areas.rings[i].length) continue;
    out.push(`<path d="${d(i)}" fill="${fillAttr(fills[i] ?? 'none', id)}"/>`);
  }
  let hl = '';
  if (highlight !== undefined && areas.rings[highlight]?.length) hl = `<path d="${d(highlight)}" fill="none" stroke="#111" stroke-width="2.2" stroke-linejoin="round"/>`;
  return `<g fill-rule="evenodd" stroke="#fff" stroke-width="0.6" stroke-linejoin="round">${out.join('')}</g>${hl}`;
}

function northArrow(x: number, y: number, size: number, angle: number): string {
  const h = size, w = size * 0.42;
  return `<g data-role="north-arrow" transform="translate(${x.toFixed(1)} ${y.toFixed(1)}) rotate(${angle.toFixed(2)})" aria-label="Nordpfeil">`
    + `<path d="M0 ${-h / 2}L${w / 2} ${h / 2}L0 ${h / 4}Z" fill="#222"/><path d="M0 ${-h / 2}L${-w / 2} ${h / 2}L0 ${h / 4}Z" fill="#fff" stroke="#222" stroke-width="0.8"/>`
    + `<text x="0" y="${(-h / 2 - 3).toFixed(1)}" text-anchor="middle" font-size="10" font-weight="700" ${FONT}>N</text></g>`;
}

function scaleBar(x: number, y: number, maxPx: number, pxPerMetre: number): string {
  const m = niceLength(maxPx / pxPerMetre);
  const w = m * pxPerMetre;
  const half = w / 2;
  return `<g data-role="scale-bar" transform="translate(${x.toFixed(1)} ${y.toFixed(1)})" ${FONT} font-size="9">`
    + `<rect x="0" y="0" width="${half.toFixed(1)}" height="4" fill="#222"/><rect x="${half.toFixed(1)}" y="0" width="${half.toFixed(1)}" height="4" fill="#fff" stroke="#222" stroke-width="0.8"/>`
    + `<rect x="0" y="0" width="${w.toFixed(1)}" height="4" fill="none" stroke="#222" stroke-width="0.8"/>`
    + `<text x="0" y="14" text-anchor="start">0</text><text x="${w.toFixed(1)}" y="14" text-anchor="end">${esc(lengthLabel(m))}</text></g>`;
}

/** Legend rows: swatch, label (wrapped), count; returns the svg and its height. */
function legendBlock(o: SvgMapOptions, x: number, y: number, width: number): { svg: string; height: number } {
  const fs = 10.5, line = 13;
  const maxChars = Math.max(12, Math.floor((width - 44) / (fs * CHAR)));
  const rows: string[] = [];
  let cy = 0;
  if (o.legendTitle) {
    for (const l of wrap(o.legendTitle, Math.floor(width / (fs * CHAR)))) {
      rows.push(`<text x="0" y="${(cy + 10).toFixed(1)}" font-weight="700">${esc(l)}</text>`);
      cy += line;
    }
    cy += 3;
  }
  for (const e of o.legend) {
    const lines = wrap(e.label, maxChars);
    rows.push(`<rect x="0" y="${(cy + 1).toFixed(1)}" width="16" height="10" fill="${fillAttr(e.fill, o.id)}" stroke="#777" stroke-width="0.5"/>`);
    lines.forEach((l, k) => rows.push(`<text x="22" y="${(cy + 10 + k * 11.5).toFixed(1)}">${esc(l)}</text>`));
    if (e.count !== undefined) rows.push(`<text x="${width.toFixed(1)}" y="${(cy + 10).toFixed(1)}" text-anchor="end" fill="#555">${e.count}</text>`);
    cy += Math.max(line, lines.length * 11.5 + 2);
  }
  return { svg: `<g data-role="legend" transform="translate(${x.toFixed(1)} ${y.toFixed(1)})" ${FONT} font-size="${fs}" fill="#222">${rows.join('')}</g>`, height: cy };
}

/** Labels with a white halo at the areas' inner points. */
function labelsSvg(areas: MapAreas, labels: (string | null)[] | undefined, tx: (x: number) => number, ty: (y: number) => number): string {
  if (!labels) return '';
  const out: string[] = [];
  labels.forEach((l, i) => {
    const p = areas.labelAt[i];
    if (!l || !p) return;
    out.push(`<text x="${tx(p[0]).toFixed(1)}" y="${(ty(p[1]) + 3).toFixed(1)}">${esc(l)}</text>`);
  });
  return `<g data-role="labels" ${FONT} font-size="8" text-anchor="middle" fill="#111" stroke="#fff" stroke-width="2.2" paint-order="stroke" stroke-linejoin="round">${out.join('')}</g>`;
}

/** The map as one `<svg>` element (no external references). */
export function svgMap(areas: MapAreas, o: SvgMapOptions): string {
  const W = o.width ?? 680;
  const pad = 4;
  const compact = o.compact ?? W < 420;
  const side = compact ? 0 : Math.round(W * 0.3);
  const mapW = W - side - (compact ? 0 : 14) - 2 * pad;
  const [x0, y0, x1, y1] = areas.bbox;
  const dx = Math.max(x1 - x0, 1), dy = Math.max(y1 - y0, 1);
  const s = Math.min(mapW / dx, (o.maxMapHeight ?? W * 0.9) / dy);
  const mapH = dy * s;
  const titleLines = wrap(o.title, Math.floor(W / (14 * CHAR)));
  let y = 4;
  const head: string[] = [];
  titleLines.forEach((l) => { y += 17; head.push(`<text x="0" y="${y}" font-size="14" font-weight="700" data-role="title">${esc(l)}</text>`); });
  if (o.subtitle) { y += 14; head.push(`<text x="0" y="${y}" font-size="10.5" fill="#444">${esc(o.subtitle)}</text>`); }
  y += 8;
  const top = y;
  const ox = pad + (mapW - dx * s) / 2;
  const tx = (x: number) => ox + (x - x0) * s;
  const ty = (v: number) => top + (y1 - v) * s;
  const body = paths(areas, o.fills, o.id, tx, ty, 0.35 / s, o.highlight) + labelsSvg(areas, o.labels, tx, ty);
  let extras = '';
  let bottom: number;
  if (compact) {
    let ly = top + mapH + 10;
    extras += northArrow(W - 14, top + 14, 20, areas.north);
    extras += scaleBar(pad, ly, Math.min(120, W * 0.4), s);
    ly += 24;
    const lg = legendBlock(o, pad, ly, W - 2 * pad);
    extras += lg.svg;
    bottom = ly + lg.height;
  } else {
    const lx = W - side;
    extras += northArrow(lx + 14, top + 16, 24, areas.north);
    const lg = legendBlock(o, lx, top + 44, side);
    extras += lg.svg;
    const sy = Math.max(top + 44 + lg.height + 16, top + mapH - 14);
    extras += scaleBar(lx, sy, side * 0.75, s);
    bottom = Math.max(top + mapH, sy + 16);
  }
  let fy = bottom + 8;
  const foot: string[] = [];
  const footSize = compact ? 7.5 : 8.5;
  const footChars = Math.floor(W / (footSize * CHAR));
  for (const l of [...(o.footnote ? wrap(o.footnote, footChars) : []), ...wrap(o.source, footChars), ...wrap(`Kartengrundlage: ${o.attribution || 'eigene Gebietsgrenzen'}`, footChars)]) {
    fy += footSize + 2;
    foot.push(`<text x="0" y="${fy}">${esc(l)}</text>`);
  }
  const H = Math.ceil(fy + 6);
  const m = o.margin ?? 0;
  const [vw, vh] = [W + 2 * m, H + 2 * m];
  return `<svg xmlns="http://www.w3.org/2000/svg" data-role="map" role="img" aria-labelledby="t-${o.id}" viewBox="${-m} ${-m} ${vw} ${vh}" width="${vw}" height="${vh}" class="map">`
    + `<title id="t-${o.id}">${esc(o.title)}</title>${patterns(o.id)}${m ? `<rect x="${-m}" y="${-m}" width="${vw}" height="${vh}" fill="#fff"/>` : ''}`
    + `<g ${FONT} fill="#111">${head.join('')}</g>${body}${extras}`
    + `<g data-role="source" ${FONT} font-size="${footSize}" fill="#444">${foot.join('')}</g></svg>`;
}
