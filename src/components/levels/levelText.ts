import { t, type Lang } from '../../i18n/index';
import { rateUnit } from '../../lib/format/numbers';

/**
 * Unit of the „Abw.“ columns of the Gemeinde view: differences of a rate are points of its own unit
 * (a rate per 1 000 differs in Promillepunkte, not Prozentpunkte); counts show shares instead ('').
 */
export function diffUnitNote(isRate: boolean, scale: number | null | undefined, lang?: Lang): string {
  if (!isRate) return '';
  const u = rateUnit(scale);
  return t(u === '%' ? 'levels.diffUnit.pct' : u === '‰' ? 'levels.diffUnit.pm' : 'levels.diffUnit.other', undefined, lang);
}
