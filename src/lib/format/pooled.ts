/**
 * The Sozialindex's pooled value (Σ Zähler / Σ Nenner) when areas are secret at the source.
 * METHODS §8: a total is a ratio of sums over ALL its parts, so with a part the source kept secret
 * („·“) the city (Kreis) value is unknown — the report and the map show „·q“ for it. The index
 * panel still needs a reference for „Abw. Stadt“; it uses the pooled value of the published areas
 * and says so: „Stadt ohne geheime Gebiete (n)“ (docs/disclosure.md).
 */

/** Areas left out of the pooled value of one indicator-year because the source kept them secret. */
export function secretParts(year: { source?: Uint8Array } | undefined): number {
  let n = 0;
  if (year?.source) for (const v of year.source) n += v ? 1 : 0;
  return n;
}
