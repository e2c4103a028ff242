/** Fictional place names (any resemblance to real places is coincidental). */

export const STADTBEZIRKE = [
  { id: '01', name: 'Mitte' },
  { id: '02', name: 'Nord' },
  { id: '03', name: 'Hafen' },
  { id: '04', name: 'West' },
  { id: '05', name: 'Süd' },
  { id: '06', name: 'Ost' },
] as const;

/** Per Stadtbezirk, ordered from the inner to the outer districts. */
export const BEZIRK_NAMES: Record<string, string[]> = {
  '01': ['Altstadt-Nord', 'Altstadt-Süd', 'Marktviertel', 'Bahnhofsviertel', 'Rathausviertel', 'Schloßpark', 'Kreuzviertel', 'Stadtgarten', 'Westliche Innenstadt', 'Östliche Innenstadt'],
  '02': ['Nordmarkt', 'Am Mühlenbach', 'Lindenhöfe', 'Brückenfeld', 'Schützenhof', 'Hüttenfeld', 'Kleine Heide', 'Grüne Aue', 'Nordhöhe', 'Ziegelei Nord'],
  '03': ['Hafenviertel', 'Am Kanal', 'Kesselbrink', 'Glückauf-Siedlung', 'Schleusenkamp', 'Kohlenhof', 'Möllerdeich', 'Hüttenheim', 'Industriehafen', 'Fährstraße'],
  '04': ['Westend', 'Bergerhöfe', 'Auf dem Kamp', 'Wiesental', 'Alt-Westerfeld', 'Ringelsbruch', 'Am Weißen Stein', 'Fuchsgrube', 'Großer Busch', 'Westerholz'],
  '05': ['Gartenstadt', 'Rosenhügel', 'Lerchenfeld', 'Waldfrieden', 'Buchenhain', 'Sonnenhang', 'Süderhöhe', 'Hohenbusch', 'Stadtwald', 'Schöne Aussicht'],
  '06': ['Ostviertel', 'Blumenviertel', 'Ostpark', 'Neue Heimat', 'Am Rosengarten', 'Kornfeld', 'Löwenberg', 'Dreieichen', 'Gewerbepark Ost', 'Heideblick'],
};

/** Districts with very few residents (industrial, forest, business park): test the 300-EW rule. */
export const SMALL_DISTRICTS = new Set(['Industriehafen', 'Stadtwald', 'Gewerbepark Ost']);

export const STREETS = [
  'Hauptstraße', 'Bahnhofstraße', 'Mühlenweg', 'Kirchplatz', 'Schulstraße', 'Lindenallee', 'Am Markt', 'Gartenstraße',
  'Hafenstraße', 'Kanalstraße', 'Zechenstraße', 'Glückaufstraße', 'Rosenweg', 'Birkenweg', 'Eichendorffstraße',
  'Goethestraße', 'Schillerstraße', 'Friedrich-Ebert-Straße', 'Königstraße', 'Bergstraße', 'Talstraße',
  'Wiesenweg', 'Am Bürgerpark', 'Grüner Weg', 'Kastanienallee', 'Brückenstraße', 'Schloßstraße', 'Lessingstraße',
  'Heinestraße', 'Mozartstraße', 'Beethovenstraße', 'Sonnenstraße', 'Lerchenweg', 'Ahornstraße', 'Waldstraße',
  'Feldstraße', 'Marktstraße', 'Südring', 'Nordring', 'Ostwall', 'Westwall', 'Große Straße', 'Kleine Gasse',
];

export const TRAEGER = {
  Kita: ['Stadt Musterstadt', 'AWO', 'Caritasverband', 'Diakonie', 'Ev. Kirchengemeinde', 'Kath. Kirchengemeinde', 'DRK', 'Elterninitiative e. V.', 'Der Paritätische'],
  Familienzentrum: ['Stadt Musterstadt', 'AWO', 'Caritasverband', 'Diakonie', 'Ev. Kirchengemeinde', 'Kath. Kirchengemeinde'],
  Beratungsstelle: ['Stadt Musterstadt', 'Caritasverband', 'Diakonie', 'AWO', 'pro familia', 'Verbraucherzentrale', 'Der Paritätische'],
  Jugendzentrum: ['Stadt Musterstadt', 'Ev. Jugend', 'Kath. Jugend', 'AWO', 'Falken e. V.', 'Sportjugend'],
} as const;

export const KITA_NAMES = [
  'Sonnenschein', 'Regenbogen', 'Pusteblume', 'Kunterbunt', 'Zwergenland', 'Löwenzahn', 'Sternschnuppe', 'Wirbelwind',
  'Rappelkiste', 'Arche Noah', 'Spatzennest', 'Villa Kunterbunt', 'Schatzkiste', 'Mäuseburg', 'Kleine Füße', 'Sankt Marien',
  'St. Josef', 'Lummerland', 'Baumhaus', 'Glühwürmchen', 'Abenteuerland', 'Froschkönig', 'Wichtelhaus', 'Die Strolche',
];

export const BERATUNG = [
  'Erziehungsberatungsstelle', 'Schuldnerberatung', 'Migrationsberatung', 'Schwangerschaftskonfliktberatung',
  'Suchtberatung', 'Seniorenberatung', 'Wohnungsnotfallhilfe', 'Familienberatung', 'Sozialberatung',
];

/** Musterkreis: member towns (fictional). */
export const GEMEINDEN = ['Altenbrück', 'Bergheide', 'Hohenwalde', 'Kirchrode', 'Lindenau', 'Mühlenberg', 'Schönau', 'Waldstätt'];

export const ORTSTEILE = [
  'Oberdorf', 'Niederhöfen', 'Am Sägewerk', 'Eichholz', 'Brunnental', 'Hammerschmiede', 'Steinbrück', 'Birkenhöhe',
  'Fichtenau', 'Kötterberg', 'Wälde', 'Grünewald', 'Am Hüttenteich', 'Rüggeberg', 'Schmalenbeck', 'Heßlingen', 'Dümpel',
  'Lüdinghof', 'Sonnenberg', 'Weißenfeld', 'Mühlental', 'Bäckerhof', 'Stöcken', 'Ebbetal', 'Höveln', 'Große Ahe',
  'Kalthof', 'Bröcking', 'Tannenhöh', 'Ölmühle', 'Röttgen', 'Langenau', 'Gießenbach', 'Schälk', 'Fuhr', 'Lenscheid',
];
