import type { Strings } from './index';

/** Strings of the map legend (`src/components/Legend.svelte`, `src/lib/map/legend.ts`). */
export const legend: Strings = {
  de: {
    'legend.noValue': 'keine Angabe',
    'legend.fold': 'Legende einklappen (die Karte bekommt den Platz)',
    'legend.unfold': 'Legende zeigen',
    'legend.short': 'Legende',
    'legend.colour': 'Farbe',
    'legend.class': 'Klasse',
    'legend.count': 'Anzahl',
    'legend.countAria': '{n} Gebiete',
    'legend.empty': 'Keine Werte zum Klassifizieren.',
    'legend.boxmap.0': 'untere Ausreißer',
    'legend.boxmap.1': 'unter 25 %',
    'legend.boxmap.2': '25–50 %',
    'legend.boxmap.3': '50–75 %',
    'legend.boxmap.4': 'über 75 %',
    'legend.boxmap.5': 'obere Ausreißer',
  },
  en: {
    'legend.noValue': 'no value',
    'legend.fold': 'Fold the legend (the map gets the room)',
    'legend.unfold': 'Show the legend',
    'legend.short': 'Legend',
    'legend.colour': 'Colour',
    'legend.class': 'Class',
    'legend.count': 'Count',
    'legend.countAria': '{n} areas',
    'legend.empty': 'No values to classify.',
    'legend.boxmap.0': 'lower outliers',
    'legend.boxmap.1': 'below 25%',
    'legend.boxmap.2': '25–50%',
    'legend.boxmap.3': '50–75%',
    'legend.boxmap.4': 'above 75%',
    'legend.boxmap.5': 'upper outliers',
  },
};
