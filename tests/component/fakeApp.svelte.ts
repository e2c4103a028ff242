import type { AppState } from '../../src/lib/state/app.svelte';
import type { TableMeta } from '../../src/lib/contract';
import type { ImportPreview } from '../../src/lib/ingest/types';

/** Just enough of AppState for the catalogue and its dialogs, with the same reactivity. */
export function fakeApp(tables: TableMeta[], files: Record<string, { name: string; bytes: Uint8Array }>, preview: (f: unknown, o: unknown) => Promise<ImportPreview>) {
  const s = $state({ importDialog: null as string | null, selectedTable: null as string | null, tables, layers: [] as unknown[], joins: [] as unknown[] });
  const app = {
    get importDialog() { return s.importDialog; },
    set importDialog(v: string | null) { s.importDialog = v; },
    get selectedTable() { return s.selectedTable; },
    set selectedTable(v: string | null) { s.selectedTable = v; },
    get tables() { return s.tables; },
    get layers() { return s.layers; },
    get joins() { return s.joins; },
    table: (n: string | null) => s.tables.find((t) => t.name === n),
    sources: new Map(Object.entries(files)),
    importOptions: new Map<string, object | undefined>(),
    engine: { preview },
    preview,
    reimport: async (..._a: unknown[]) => {},
  };
  return app as typeof app & AppState;
}
