import type { Strings } from './index';

/** Strings of levels, aggregation and disclosure control (issue 12). */
export const levels: Strings = {
  de: {
    'levels.error.column': 'Spalte „{column}“ gibt es in „{table}“ nicht. Vorhandene Spalten: {columns}.',
    'levels.error.noLevels': 'Es ist keine Ebene angegeben (--levels SPALTE1,SPALTE2).',
    'levels.error.emptyId': 'Zeile {row} hat keine Gebietskennung in „{column}“.',
    'levels.error.duplicate': 'Die Kennung „{ids}“ kommt in „{column}“ mehrfach vor ({n} Kennungen betroffen); jede Zeile muss ein Gebiet der feinsten Ebene sein.',
    'levels.error.notNested': 'Die Ebenen sind nicht geschachtelt: „{id}“ aus „{column}“ gehört zu mehreren übergeordneten Gebieten ({parents}); {n} Gebiete betroffen.',
    'levels.error.notNested.hint': 'Jedes Gebiet braucht genau ein übergeordnetes Gebiet. Prüfen Sie die Schlüsselspalte oder verwenden Sie eine Zuordnung über die Geometrie.',
    'levels.error.rate': 'Quote „{spec}“ ist ungültig; erwartet wird NAME=ZÄHLER/NENNER*SKALA, z. B. SGB2_Quote=SGB2/EW_U65*100.',
    'levels.error.sum': 'Summe „{spec}“ ist ungültig; erwartet wird SUMME=TEIL1+TEIL2, z. B. EW=EW_U65+EW_65PLUS.',
    'levels.error.notInChain': '„{layer}“ ist keine übergeordnete Ebene von „{source}“. Legen Sie unter „Gebiete“ die übergeordnete Ebene fest.',
    'levels.notAggregable.median': 'Ein Median lässt sich nicht aus den Medianen der Teilgebiete bilden; dafür braucht es die Einzeldaten oder eine Häufigkeitsverteilung.',
    'levels.notAggregable.value': '„{column}“ ist kein Zählwert: Quoten, Mittelwerte und Indizes der Teilgebiete ergeben addiert oder gemittelt keinen Wert des übergeordneten Gebiets. Wählen Sie Zähler und Nenner, dann wird Σ Zähler / Σ Nenner gerechnet.',
    'levels.notAggregable.noWeight': 'Ein Mittelwert braucht ein Gewicht (z. B. die Einwohnerzahl), um auf die höhere Ebene zu kommen.',
  },
  en: {
    'levels.error.column': 'Column “{column}” does not exist in “{table}”. Columns: {columns}.',
    'levels.error.noLevels': 'No level given (--levels COL1,COL2).',
    'levels.error.emptyId': 'Row {row} has no area id in “{column}”.',
    'levels.error.duplicate': 'The id “{ids}” occurs more than once in “{column}” ({n} ids affected); each row must be one area of the finest level.',
    'levels.error.notNested': 'The levels do not nest: “{id}” of “{column}” belongs to several parent areas ({parents}); {n} areas affected.',
    'levels.error.notNested.hint': 'Each area needs exactly one parent. Check the key column or link the levels by geometry.',
    'levels.error.rate': 'Rate “{spec}” is invalid; expected NAME=NUMERATOR/DENOMINATOR*SCALE, e.g. SGB2_rate=SGB2/EW_U65*100.',
    'levels.error.sum': 'Sum “{spec}” is invalid; expected TOTAL=PART1+PART2, e.g. EW=EW_U65+EW_65PLUS.',
    'levels.error.notInChain': '“{layer}” is not a parent level of “{source}”. Set the parent layer under “Areas”.',
    'levels.notAggregable.median': 'A median cannot be built from the medians of the parts; it needs the individual data or a frequency distribution.',
    'levels.notAggregable.value': '“{column}” is not a count: rates, means and indices of the parts do not add or average to a value of the larger area. Choose numerator and denominator, then Σ numerator / Σ denominator is computed.',
    'levels.notAggregable.noWeight': 'A mean needs a weight (e.g. the population) to move to a higher level.',
  },
};
