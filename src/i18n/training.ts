import type { Strings } from './index';

/** Strings of issue 13: number rules, map labels, presenter mode, tours, exercises, workshop records. */
export const training: Strings = {
  de: {
    'unit.in': ', in {unit}',
    'value.localMoran': 'Lokales Moran’s I (I_i, ohne Einheit)',
    'value.pseudoP': 'Pseudo-p-Wert (Permutationstest)',
    'value.gstar': 'G_i* als z-Wert',
    'value.lq': 'Standortquotient (1 = Stadtdurchschnitt)',
    'value.entropy': 'Entropie (0 = eine Gruppe, 1 = gleich gemischt)',
    'value.neighbours': 'Anzahl Nachbarn',
    'value.indexScore': 'Indexwert (gewichtetes Mittel der standardisierten Indikatoren)',
    'value.certainty': 'Anteil der Läufe in der eigenen Klasse (0–1)',
    'seg.hist.count': 'Anzahl',
    'seg.hist.far': 'Der beobachtete Wert {obs} liegt weit außerhalb der Zufallsverteilung ({lo} bis {hi}; die Achse ist dazwischen unterbrochen): {k} von {n} Permutationen erreichen ihn.',
    'seg.hist.within': 'Beobachtet {obs}: {k} von {n} Permutationen sind mindestens so extrem.',
  },
  en: {
    'unit.in': ', in {unit}',
    'value.localMoran': 'Local Moran’s I (I_i, no unit)',
    'value.pseudoP': 'Pseudo p-value (permutation test)',
    'value.gstar': 'G_i* as z-value',
    'value.lq': 'Location quotient (1 = city average)',
    'value.entropy': 'Entropy (0 = one group, 1 = evenly mixed)',
    'value.neighbours': 'Number of neighbours',
    'value.indexScore': 'Index score (weighted mean of the standardised indicators)',
    'value.certainty': 'Share of runs in the own class (0–1)',
    'seg.hist.count': 'Count',
    'seg.hist.far': 'The observed value {obs} lies far outside the chance distribution ({lo} to {hi}; the axis is broken in between): {k} of {n} permutations reach it.',
    'seg.hist.within': 'Observed {obs}: {k} of {n} permutations are at least as extreme.',
  },
};
