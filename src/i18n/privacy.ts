import type { Strings } from './index';

/** Autosave, crash recovery, privacy and storage panel. */
export const privacy: Strings = {
  de: {
    'engine.crashed.detail': 'Ursache: {reason}. Der letzte automatisch gespeicherte Stand wird wiederhergestellt.',
    'privacy.recovered': 'Der letzte automatisch gespeicherte Stand ist wiederhergestellt.',
    'privacy.restoring': 'Letzte Sitzung wird wiederhergestellt …',
    'privacy.restoreFailed': '„{name}“ konnte nicht wiederhergestellt werden',
    'privacy.fileMissing': 'Die gespeicherte Originaldatei von „{name}“ fehlt. Bitte die Datei erneut öffnen.',
    'privacy.restoreCrashed.title': 'Wiederherstellung abgebrochen',
    'privacy.restoreCrashed':
      'Der Rechenkern ist beim Wiederherstellen der letzten Sitzung erneut abgestürzt. Ihre gespeicherten Daten bleiben unverändert; automatisches Speichern ist bis zum Neuladen pausiert. Wenn das wieder passiert: unter „Datenschutz & Speicher“ die lokalen Daten löschen und die Dateien einzeln neu öffnen.',
    'privacy.open': 'Datenschutz & Speicher',
    'privacy.title': 'Datenschutz & Speicher',
    'privacy.close': 'Schließen',
    'privacy.nothingSent':
      'Ihre Daten verlassen diesen Rechner nicht. Alle Dateien werden im Browser gelesen und berechnet; es gibt keinen Server, keine Telemetrie und keinen Code von Dritten. Eine Sicherheitsrichtlinie (Content-Security-Policy) verbietet dem Programm technisch, Daten an andere Adressen zu senden.',
    'privacy.basemap':
      'Einzige Ausnahme: Wenn Sie in den Karteneinstellungen eine Hintergrundkarte einschalten, lädt der Browser Kartenkacheln von der dort angegebenen Adresse. Dabei werden keine Ihrer Daten übertragen, der Kartenanbieter sieht aber den gezeigten Kartenausschnitt.',
    'privacy.basemap.on': 'Die Hintergrundkarte ist eingeschaltet ({origin}).',
    'privacy.basemap.off': 'Die Hintergrundkarte ist ausgeschaltet.',
    'privacy.where': 'Was wird wo gespeichert?',
    'privacy.where.idb':
      'IndexedDB dieses Browsers (nur auf diesem Gerät, nur für diese Adresse): die Originaldateien, die Sie geöffnet haben, mit ihren Importeinstellungen, sowie Umbenennungen, Gebietsebenen, Verknüpfungen, Karteneinstellungen und die Einstellungen und Ergebnisse der Arbeitsbereiche (Sozialindex, Segregation, Räumliche Muster). So ist Ihre Arbeit nach dem Neuladen, einem Absturz oder dem Schließen des Tabs wieder da.',
    'privacy.where.local': 'localStorage: die Einstellungen der Hintergrundkarte und die Sprache (Schlüssel „srw.*“).',
    'privacy.where.cache': 'Offline-Speicher (Service Worker): nur der Programmcode und die Demodaten, damit die Werkbank auch ohne Netz startet. Er enthält keine Ihrer Daten.',
    'privacy.usage': 'Belegter Speicher dieser Seite: {usage} von höchstens {quota}.',
    'privacy.usage.unknown': 'Der Browser gibt den belegten Speicher nicht an.',
    'privacy.lastSaved': 'Zuletzt automatisch gespeichert: {time}.',
    'privacy.notSaved': 'Noch nichts gespeichert.',
    'privacy.saveError': 'Automatisches Speichern fehlgeschlagen: {msg}',
    'privacy.wipe': 'Alle lokalen Daten löschen',
    'privacy.wipe.help':
      'Löscht alle gespeicherten Dateien, Einstellungen und die Sitzung auf diesem Gerät und lädt die Werkbank leer neu. Dies kann nicht rückgängig gemacht werden.',
    'privacy.wipe.confirm': 'Wirklich alle lokalen Daten löschen? Geöffnete Dateien müssen danach neu geladen werden.',
    'privacy.wipe.yes': 'Ja, alles löschen',
    'privacy.wipe.no': 'Abbrechen',
  },
  en: {
    'engine.crashed.detail': 'Cause: {reason}. The last autosaved state is being restored.',
    'privacy.recovered': 'The last autosaved state has been restored.',
    'privacy.restoring': 'Restoring the last session …',
    'privacy.restoreFailed': '“{name}” could not be restored',
    'privacy.fileMissing': 'The stored original file of “{name}” is missing. Please open the file again.',
    'privacy.restoreCrashed.title': 'Restore stopped',
    'privacy.restoreCrashed':
      'The engine crashed again while restoring the last session. Your saved data is unchanged; autosave is paused until you reload. If this happens again, delete the local data under “Privacy & storage” and open the files one by one.',
    'privacy.open': 'Privacy & storage',
    'privacy.title': 'Privacy & storage',
    'privacy.close': 'Close',
    'privacy.nothingSent':
      'Your data never leaves this computer. Files are read and analysed in the browser; there is no server, no telemetry and no third-party code. A Content-Security-Policy technically prevents the app from sending data elsewhere.',
    'privacy.basemap':
      'The only exception: if you switch on a basemap in the map settings, the browser loads map tiles from the address given there. None of your data is sent, but the tile provider sees the map extent shown.',
    'privacy.basemap.on': 'The basemap is on ({origin}).',
    'privacy.basemap.off': 'The basemap is off.',
    'privacy.where': 'What is stored where?',
    'privacy.where.idb':
      "This browser's IndexedDB (this device and this address only): the original files you opened with their import settings, plus renames, area layers, joins, map settings and the settings and results of the workspaces (Sozialindex, segregation, spatial patterns), so your work is back after a reload, a crash or closing the tab.",
    'privacy.where.local': 'localStorage: the basemap settings and the language (keys “srw.*”).',
    'privacy.where.cache': 'Offline cache (service worker): only the app code and the demo data, so the workbench starts without a network. It holds none of your data.',
    'privacy.usage': 'Storage used by this site: {usage} of at most {quota}.',
    'privacy.usage.unknown': 'The browser does not report storage use.',
    'privacy.lastSaved': 'Last autosaved: {time}.',
    'privacy.notSaved': 'Nothing saved yet.',
    'privacy.saveError': 'Autosave failed: {msg}',
    'privacy.wipe': 'Delete all local data',
    'privacy.wipe.help': 'Deletes all stored files, settings and the session on this device and reloads an empty workbench. This cannot be undone.',
    'privacy.wipe.confirm': 'Really delete all local data? Open files must be loaded again afterwards.',
    'privacy.wipe.yes': 'Yes, delete everything',
    'privacy.wipe.no': 'Cancel',
  },
};
