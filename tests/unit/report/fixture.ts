import { prepareMapAreas } from '../../../src/lib/report/geo';
import type { ReportModel } from '../../../src/lib/report/types';

/** A 2 × 2 grid of 1 km squares near Köln (lon 7°, lat 51°), as WGS84 GeoJSON. */
function square(col: number, row: number): string {
  const dLon = 1000 / (111320 * Math.cos((51 * Math.PI) / 180));
  const dLat = 1000 / 110574;
  const x0 = 7 + col * dLon, y0 = 51 + row * dLat;
  return JSON.stringify({ type: 'Polygon', coordinates: [[[x0, y0], [x0 + dLon, y0], [x0 + dLon, y0 + dLat], [x0, y0 + dLat], [x0, y0]]] });
}

/** Four areas; D has 120 inhabitants (excluded), B's SGB-II count is 2 (secret). */
export function fixtureModel(): ReportModel {
  const areas = prepareMapAreas([square(0, 0), square(1, 0), square(0, 1), square(1, 1)]);
  return {
    meta: { title: 'Sozialbericht 2024', subtitle: 'Datenbasierte Beschreibung der Ausgangslage', municipality: 'Musterstadt', author: 'Amt für Soziales', date: '2024-05-01', source: 'Stadt Musterstadt; Bundesagentur für Arbeit', datenstand: '31.12.2023', attribution: '© GeoBasis-DE / BKG 2024' },
    generator: 'Sozialraum-Werkbank test', created: '2024-05-02T10:00:00Z', layerLabel: 'Bezirke',
    ids: ['01', '02', '03', '04'], names: ['Altstadt', 'Nord <script>alert(1)</script>', 'Süd', 'Hafen'],
    areas, year: '2023', years: ['2022', '2023'],
    indicators: [{
      name: 'SGB-II-Quote', unit: '%', formula: 'SGB2 / EW_U65 × 100', lebensbereich: 'Einkommen/Transfer', polarity: 1, weight: 0.5, reference: 9.1,
      years: [
        { year: '2022', values: [10, NaN, 6, 20], symbols: [null, '·', null, '/'], city: 9.2 },
        { year: '2023', values: [11, NaN, 5, NaN], symbols: [null, '·', null, '/'], city: 9.4 },
      ],
    }, {
      name: 'Altersarmut', unit: '%', formula: 'GRUSI_65 / EW_65PLUS × 100', lebensbereich: 'Einkommen/Transfer', polarity: 1, weight: 0.5, reference: null,
      years: [
        { year: '2022', values: [4, 3, 2, NaN], symbols: [null, null, null, 'x'], city: 3.1 },
        { year: '2023', values: [4.5, 3.2, 2.1, NaN], symbols: [null, null, null, 'x'], city: 3.3 },
      ],
    }],
    index: {
      preset: 'standard', presetLabel: 'Standard (z-Werte, gewichtetes Mittel)', year: '2023', score: [1.1, 0.2, -1.3, NaN], rank: [1, 2, 3, 0], scored: 3,
      classOf: [2, 1, 0, -1], classLabels: ['unter −1 SD', '−1 bis +1 SD', 'über +1 SD'], excluded: [null, null, null, 'EW unter 300'],
      population: [5200, 3100, 4300, 120], group: null, dynamicsFrom: null, typeOf: null,
      robustness: { runs: 1000, ownClassProb: [0.93, 0.71, 0.88, NaN], rankLo: [1, 1, 2, 0], rankHi: [2, 3, 3, 0] },
      methodLines: ['Standardisierung: z-Werte.', 'Gebiete unter 300 Einwohnern sind ausgeschlossen.'], weights: [0.5, 0.5],
    },
    maps: [{
      key: 'class', title: 'Sozialindex: Klassen 2023', fills: ['#bd0026', '#fd8d3c', '#ffffb2', 'none'],
      legend: [{ fill: '#ffffb2', label: 'unter −1 SD', count: 1 }, { fill: '#fd8d3c', label: '−1 bis +1 SD', count: 1 }, { fill: '#bd0026', label: 'über +1 SD', count: 1 }, { fill: 'none', label: 'keine Angabe', count: 1 }],
    }],
    indicatorMaps: [],
    segregation: null, spatial: null,
    disclosure: { enabled: true, minCount: 3, minNumerator: 3, minDenominator: 100, sameAcrossYears: false, levels: ['Bezirke', 'gesamt'], sums: [], primary: 2, secondary: 0, source: 0 },
    includeProfiles: true,
    extras: {},
  };
}
