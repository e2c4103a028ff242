/**
 * The HTML document around reports and profiles: one self-contained file (inline CSS and SVG, a
 * Content-Security-Policy that forbids every external load) with a print stylesheet for A4 —
 * page numbers, running title, chapters on new pages, table headers repeated, nothing cut.
 */
import { esc } from './html';

export const REPORT_CSS = `
@page { size: A4; margin: 17mm 16mm 19mm 20mm;
  @bottom-right { content: "Seite " counter(page) " von " counter(pages); font: 8pt 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif; color: #555; } }
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { font-family: 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif; font-size: 10pt; line-height: 1.4; color: #1b2430; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #e9ecef; }
.page-doc { max-width: 210mm; margin: 0 auto; background: #fff; padding: 16mm 16mm 16mm 20mm; }
h1, h2, h3 { color: #1d4e89; line-height: 1.2; break-after: avoid; }
h1 { font-size: 22pt; margin: 0 0 4mm; }
h2 { font-size: 15pt; margin: 0 0 3mm; padding-bottom: 1.5mm; border-bottom: 1.5pt solid #1d4e89; }
h3 { font-size: 11.5pt; margin: 4mm 0 1.5mm; }
p { margin: 0 0 2.5mm; }
.chapter { break-before: page; padding-top: 2mm; }
.title-page { min-height: 255mm; display: flex; flex-direction: column; break-after: page; }
.chapter.soft { break-before: auto; margin-top: 8mm; }
.title-page .kommune { font-size: 13pt; color: #444; margin-top: 38mm; text-transform: uppercase; letter-spacing: 0.06em; }
.title-page .sub { font-size: 13pt; color: #333; margin-bottom: 12mm; }
.title-page .bar { height: 3mm; background: linear-gradient(90deg, #1d4e89, #f4a259); width: 60mm; margin: 6mm 0 10mm; }
.title-page dl { display: grid; grid-template-columns: 32mm 1fr; gap: 1.5mm 4mm; font-size: 10.5pt; }
.title-page dt { color: #555; }
.title-page dd { margin: 0; }
.title-page .foot { margin-top: auto; font-size: 8.5pt; color: #555; border-top: 0.5pt solid #bbb; padding-top: 3mm; }
.toc ol { padding-left: 6mm; }
.toc a { color: inherit; text-decoration: none; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 2mm 0 3mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { padding: 0.9mm 1.4mm; border-bottom: 0.4pt solid #cfd5dc; text-align: left; vertical-align: top; }
thead th { background: #eef2f6; border-bottom: 0.8pt solid #1d4e89; font-weight: 700; }
tbody tr:nth-child(even) td { background: #f8f9fb; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
td.sym { color: #222; font-weight: 700; }
td.sym sup { font-size: 75%; line-height: 0; margin-left: 0.5pt; }
.disclosure-off { color: #8a1c1c; border-left: 3px solid #b3261e; padding-left: 6px; }
tr.excluded td { color: #666; font-style: italic; }
tr.flag td { background: #f6e1ef; }
table.compact { font-size: 8pt; margin: 1mm 0 1mm; }
table.compact th, table.compact td { padding: 0.4mm 1.4mm; }
figure { margin: 3mm 0 5mm; break-inside: avoid; }
figure svg.map { width: 100%; height: auto; max-height: 225mm; }
figcaption { font-size: 8.5pt; color: #444; margin-top: 1mm; }
.note, .legend-symbols { font-size: 8.5pt; color: #444; }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(38mm, 1fr)); gap: 2mm; margin: 2mm 0 4mm; }
.fact { border: 0.5pt solid #cfd5dc; border-left: 2.5pt solid #1d4e89; padding: 1.5mm 2.5mm; break-inside: avoid; }
.fact .v { font-size: 14pt; font-weight: 700; color: #1d4e89; }
.fact .l { font-size: 8pt; color: #555; }
.small-maps { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm 5mm; }
.small-maps figure { margin: 0; }
.profile { break-before: page; }
.profile.first { break-before: auto; }
.profile-head { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 1.5pt solid #1d4e89; margin-bottom: 3mm; }
.profile-head h2 { border: none; margin: 0; padding: 0; }
.profile-head .where { font-size: 8.5pt; color: #555; }
.profile-top { display: grid; grid-template-columns: 58mm 1fr; gap: 5mm; align-items: start; }
.profile-top figure { margin: 0; }
.profile-top svg.map { width: 100%; height: auto; }
.kv { font-size: 9pt; margin-top: 0; }
.kv th, .kv td { padding: 0.7mm 1.4mm; }
.kv th { width: 45%; font-weight: 400; color: #555; }
.kv td { font-weight: 600; }
.spine-chart th[scope=row] { font-weight: 400; }
.spine-chart .unit { color: #777; font-size: 7.5pt; margin-left: 1mm; }
.spine-chart td.spine { width: 62mm; padding-top: 0.4mm; padding-bottom: 0; }
.spine-chart th, .spine-chart td { padding-top: 0.5mm; padding-bottom: 0.5mm; }
.spine-legend { font-size: 7.5pt; color: #444; }
.spine-legend .dot { display: inline-block; width: 2.4mm; height: 2.4mm; border-radius: 50%; border: 0.4pt solid #222; vertical-align: -0.3mm; margin-left: 2mm; }
.spine-legend .nw { white-space: nowrap; }
h3.side { font-size: 10pt; margin: 2.5mm 0 1mm; }
.svc-list { columns: 2; column-gap: 6mm; font-size: 8pt; margin: 0.5mm 0 1mm; padding: 0; list-style: none; }
.svc-list li { break-inside: avoid; padding: 0.2mm 0; }
.svc-list .d { color: #555; }
.spine-legend .diamond { display: inline-block; width: 2.2mm; height: 2.2mm; transform: rotate(45deg); vertical-align: -0.2mm; margin-left: 2mm; }
.ts-grid { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1.5mm 3mm; margin: 1mm 0 1mm; }
.ts-grid svg { width: 100%; height: auto; }
.method-note { font-size: 7.5pt; color: #444; border-top: 0.5pt solid #bbb; margin-top: 2mm; padding-top: 1.5mm; }
.method-note p { margin: 0 0 1mm; }
.method-note .legend-symbols { font-size: 7.5pt; margin: 0; }
h3 .h-note { font-size: 7.5pt; font-weight: 400; color: #555; margin-left: 2mm; }
.sources { font-size: 8pt; color: #444; }
@media screen {
  body { padding: 8mm 0; }
  .page-doc { box-shadow: 0 2px 12px rgba(0,0,0,.15); }
  .chapter, .profile { border-top: 1px dashed #c3cad3; margin-top: 10mm; padding-top: 8mm; }
  .profile.first { border-top: none; margin-top: 0; padding-top: 0; }
  .toolbar { position: sticky; top: 0; z-index: 2; max-width: 210mm; margin: 0 auto 4mm; display: flex; gap: 3mm; justify-content: flex-end; }
  .toolbar button { font: inherit; padding: 2mm 4mm; border: 1px solid #1d4e89; background: #1d4e89; color: #fff; border-radius: 4px; cursor: pointer; }
}
@media print {
  body { background: #fff; }
  .page-doc { max-width: none; padding: 0; }
  .toolbar { display: none; }
  a { color: inherit; text-decoration: none; }
}
`;

/** Text for a CSS string literal (no way out of the quotes or the style element). */
const cssString = (s: string) => s.replace(/[\\"]/g, '\\$&').replace(/[\n\r]/g, ' ').replace(/</g, '\\3c ');

/**
 * A whole document. `printButton` adds a screen-only „Drucken / als PDF speichern“ button (the
 * only script: window.print), allowed by a CSP hash-free inline handler.
 */
export function htmlDocument(o: { title: string; body: string; printButton?: boolean; running?: string; titlePage?: boolean }): string {
  const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:" + (o.printButton ? "; script-src 'unsafe-inline'" : '');
  const toolbar = o.printButton ? `<div class="toolbar"><button type="button" onclick="window.print()">Drucken / als PDF speichern</button></div>` : '';
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Sozialraum-Werkbank">
<title>${esc(o.title)}</title>
<style>${REPORT_CSS}
@page { @bottom-left { content: "${cssString(o.running ?? o.title)}"; font: 8pt 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif; color: #555; } }
${o.titlePage ? '@page :first { @bottom-left { content: none; } @bottom-right { content: none; } }' : ''}</style>
</head>
<body>
${toolbar}<main class="page-doc">
${o.body}
</main>
</body>
</html>
`;
}
