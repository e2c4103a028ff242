/** The map table as a German CSV (MapTable's export): what the table and the legend show, with why a value is hidden. */
import type { LevelValues } from '../contract/levels';
import { germanCsv } from '../export/csv';
import { t } from '../../i18n/index';
import { markLabel, noClassText, symbolFor, whyText } from './disclosure';
import type { LegendEntry } from './legend';

/** What the export needs of the map (MapState's result, `disclosed`, `legend`, headings). */
export interface MapTableData {
  ids: readonly string[];
  names: readonly string[];
  values: Float64Array;
  classOf: Int16Array;
  /** `small`: areas under the minimum population (the table's ⚑), see `minPopulation` */
  disclosed: (Pick<LevelValues, 'status' | 'marks' | 'reasons'> & { small?: readonly boolean[] }) | null;
  /** the level settings' minimum population, named in the ⚑ note („unter 300 EW“) */
  minPopulation?: number;
  legend: readonly LegendEntry[];
  /** heading of the value column */
  valueHeading: string;
  /** comment lines above the header (title, classification, date, the disclosure rule) */
  notes: string[];
}

/**
 * Rows in `order`: key, name, value, class number and its bounds (or the row an area without a class is
 * counted in), the kind of suppression („Quelle“, „primär“ …) and its reason in the words of the tooltip and
 * the table cell's title ({@link whyText}), and the table's ⚑ for an area under the minimum population (its
 * value is shown but rests on few residents). A hidden value leaves as its official symbol, not as a number.
 */
export function mapTableCsv(m: MapTableData, order: readonly number[]): Uint8Array {
  const d = m.disclosed;
  const rows = order.map((i) => {
    const c = m.classOf[i];
    const value = (d && symbolFor(d.status[i])) ?? m.values[i];
    return [
      m.ids[i], m.names[i], value, c >= 0 ? c + 1 : null, c >= 0 ? m.legend[c]?.label : noClassText(d?.status[i], d?.marks[i]),
      d ? markLabel(d.status[i], d.marks[i]) : '', d ? whyText(d, i) : null,
      d?.small?.[i] ? `⚑ ${t('disclosure.small', { n: m.minPopulation ?? '?' })}` : null,
    ];
  });
  const header = [t('maptable.id'), t('maptable.name'), m.valueHeading, t('maptable.class'), t('export.bounds'), t('disclosure.column'), t('disclosure.reasonColumn'), t('disclosure.smallColumn')];
  return germanCsv(header, rows, m.notes);
}
