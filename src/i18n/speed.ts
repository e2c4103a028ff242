import type { Strings } from './index';

/** Strings of the speed work (issue 14): worker pool, streaming imports. */
export const speed: Strings = {
  de: {
    'err.pool.failed': 'Ein Rechenhelfer (Worker) ist ausgefallen: {detail}',
    'err.pool.failed.hint': 'Starten Sie die Berechnung erneut (ein neuer Worker wird gestartet). Ihre geladenen Daten bleiben erhalten.',
  },
  en: {
    'err.pool.failed': 'A helper worker failed: {detail}',
    'err.pool.failed.hint': 'Run the computation again (a new worker is started). Your loaded data stays.',
  },
};
