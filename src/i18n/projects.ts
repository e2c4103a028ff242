import type { Strings } from './index';

/** Whole-state persistence, project files, share links, reports, area profiles and exports (issue 10). */
export const projects: Strings = {
  de: {
    'persist.partNewer': '„{part}“ wurde mit einer neueren Version der Werkbank gespeichert (Format {v}) und wird nicht übernommen.',
    'persist.noMigration': 'keine Umwandlung für dieses Format vorhanden',
    'persist.partFailed': '„{part}“ (Format {v}) konnte nicht übernommen werden: {message}',
    'persist.partError': '„{part}“ konnte nicht wiederhergestellt werden: {message}',
    'persist.partWarning': 'Nicht alles wiederhergestellt',
    'persist.unreadable.title': 'Gespeicherte Sitzung nicht lesbar',
    'persist.unreadable.shape': 'Die automatisch gespeicherte Sitzung ist beschädigt. Sie bleibt unverändert gespeichert; die Werkbank startet leer und speichert bis zum Neuladen nicht automatisch.',
    'persist.unreadable.newer': 'Die automatisch gespeicherte Sitzung stammt von einer neueren Version der Werkbank (Format {version}). Sie bleibt unverändert; bitte die neuere Version verwenden. Bis zum Neuladen wird nicht automatisch gespeichert.',
    'persist.ix.joinLost': 'Die Tabelle, aus der der Sozialindex rechnete, ist nicht wieder geladen; der Index nutzt die Spalten der Gebietsebene.',
    'share.ix.noSource': 'Sozialindex: Es ist noch keine Gebietsebene geladen. Bitte zuerst Daten öffnen und verknüpfen.',
    'share.ix.applied': 'Sozialindex: {n} Indikatoren mit Gewichten und Einstellungen übernommen.',
    'share.ix.missing': 'Diese Spalten fehlen in Ihren Daten und müssen zugeordnet werden: {columns}.',
    'share.applied': '{ws}: Einstellungen übernommen.',
    'share.missing': '{ws}: Einstellungen übernommen; diese Spalten fehlen in Ihren Daten: {columns}.',
  },
  en: {
    'persist.partNewer': '“{part}” was saved by a newer version of the workbench (format {v}) and is not restored.',
    'persist.noMigration': 'no conversion for this format',
    'persist.partFailed': '“{part}” (format {v}) could not be restored: {message}',
    'persist.partError': '“{part}” could not be restored: {message}',
    'persist.partWarning': 'Not everything was restored',
    'persist.unreadable.title': 'Saved session cannot be read',
    'persist.unreadable.shape': 'The autosaved session is damaged. It stays stored unchanged; the workbench starts empty and does not autosave until reloaded.',
    'persist.unreadable.newer': 'The autosaved session comes from a newer version of the workbench (format {version}). It stays unchanged; please use the newer version. Autosave is off until reloaded.',
    'persist.ix.joinLost': 'The table the Sozialindex used is not loaded again; the index uses the area layer’s columns.',
    'share.ix.noSource': 'Sozialindex: no area layer is loaded yet. Please open and join data first.',
    'share.ix.applied': 'Sozialindex: {n} indicators with weights and settings applied.',
    'share.ix.missing': 'These columns are missing in your data and need to be assigned: {columns}.',
    'share.applied': '{ws}: settings applied.',
    'share.missing': '{ws}: settings applied; these columns are missing in your data: {columns}.',
  },
};
