import { describe, expect, it } from 'vitest';
import { diffUnitNote } from '../../../src/components/levels/levelText';
import { t } from '../../../src/i18n/index';

describe('Gemeinde view wording', () => {
  it('names the unit of the differences after the rate scale (‰ rates differ in Promillepunkte)', () => {
    expect(diffUnitNote(true, 100, 'de')).toBe('Abweichungen in Prozentpunkten.');
    expect(diffUnitNote(true, 1000, 'de')).toBe('Abweichungen in Promillepunkten.');
    expect(diffUnitNote(true, 10000, 'de')).toBe('Abweichungen in der Einheit des Merkmals.');
    expect(diffUnitNote(true, 1000, 'en')).toBe('Differences in per-mille points.');
    expect(diffUnitNote(false, 100, 'de')).toBe('');
  });

  it('titles the view by the layer name without a wrong plural („Ansicht je Gemeinden“)', () => {
    expect(t('levels.parentView', { level: 'Gemeinden' }, 'de')).toBe('Ein Gebiet der Ebene „Gemeinden“ im Einzelnen');
    expect(t('levels.parentView', { level: 'Gemeinden' }, 'de')).not.toMatch(/je Gemeinden/);
  });
});

describe('Gemeinde view column heads', () => {
  it('name the parent area itself, so a Stadtbezirk hierarchy does not read „Abw. Gemeinde“', () => {
    expect(t('levels.vsParent', { name: 'Mitte' }, 'de')).toBe('Abw. Mitte');
    expect(t('levels.shareParent', { name: 'Hohenwalde' }, 'de')).toBe('Anteil an Hohenwalde');
    expect(t('levels.vsParent', { name: 'Mitte' }, 'en')).toBe('Diff. Mitte');
  });
});
