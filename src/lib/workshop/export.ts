/**
 * Export of the workshop records as a German Excel CSV (UTF-8 with BOM, semicolons), one row per
 * area with a record, with the index class next to the local verdict so disagreements can be
 * sorted and discussed further.
 */
import { germanCsv } from '../export/csv';
import { TEXT_FIELDS, exportRows } from './records';
import type { WorkshopState } from '../state/workshop.svelte';
import { t } from '../../i18n/index';

export function workshopCsv(ws: WorkshopState, labels: { ids: string[]; names: string[] }, classLabel: (i: number) => string): Uint8Array {
  const header = [t('maptable.id'), t('maptable.name'), t('wk.indexClass'), t('wk.col.fit'), ...TEXT_FIELDS.map((f) => t(`wk.col.${f}`)), t('wk.col.updated')];
  const rows = exportRows(labels.ids, labels.names, classLabel, (f) => ws.fitLabel(f), ws.records);
  const note = [t('wk.exportNote', { title: ws.title || t('ws.workshop'), date: ws.date || '–' })];
  return germanCsv(header, rows, note);
}
