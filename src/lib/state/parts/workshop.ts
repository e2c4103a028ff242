import type { PersistedPart } from '../persisted';
import type { WorkshopState } from '../workshop.svelte';
import { sanitizeRecords, type WorkshopRecord } from '../../workshop/records';
import { t } from '../../../i18n/index';

export const WORKSHOP_PART = 'workshop';

/**
 * The workshop as saved (version 1). The records are what participants said — they cannot be
 * recomputed, so they ARE the data: kept as typed, per area layer (the layer's table name) and
 * area id. Never in the share link (they are local knowledge, not a method).
 */
export interface WorkshopSaved {
  layer: string | null;
  title: string;
  date: string;
  books: Record<string, Record<string, WorkshopRecord>>;
}

export function workshopPart(s: WorkshopState): PersistedPart<WorkshopSaved> {
  return {
    key: WORKSHOP_PART,
    version: 1,
    // after the Sozialindex (its classes are compared) — the records themselves need nothing
    order: 60,
    label: () => t('ws.workshop'),
    save() {
      const books = Object.fromEntries(Object.entries(s.books).filter(([, b]) => Object.keys(b).length));
      if (!Object.keys(books).length && !s.title.trim() && !s.date) return null;
      return { layer: s.layer, title: s.title, date: s.date, books };
    },
    async restore(d, ctx) {
      const books: Record<string, Record<string, WorkshopRecord>> = {};
      for (const [table, raw] of Object.entries(d.books ?? {})) {
        const records = sanitizeRecords(raw);
        if (!Object.keys(records).length) continue;
        const now = ctx.table(table);
        // records of a layer that did not come back are kept (they travel on in the next save)
        if (!now) ctx.warn(t('wk.restoreMissing', { layer: table, n: Object.keys(records).length }));
        books[now ?? table] = { ...(books[now ?? table] ?? {}), ...records };
      }
      s.books = books;
      s.title = typeof d.title === 'string' ? d.title : '';
      s.date = typeof d.date === 'string' ? d.date : '';
      s.layer = ctx.table(d.layer) ?? null;
      s.initLayer();
    },
    reset() {
      s.books = {};
      s.title = '';
      s.date = '';
      s.layer = null;
    },
    async showMap() {
      await s.showMap();
    },
  };
}
