/** The export formats offered for result tables. */
export type ExportFormat = 'xlsx' | 'csv-de' | 'csv-intl' | 'geojson' | 'parquet';

export const EXPORT_FORMATS: Record<ExportFormat, { extension: string; mime: string }> = {
  xlsx: { extension: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  'csv-de': { extension: 'csv', mime: 'text/csv;charset=utf-8' },
  'csv-intl': { extension: 'csv', mime: 'text/csv;charset=utf-8' },
  geojson: { extension: 'geojson', mime: 'application/geo+json' },
  parquet: { extension: 'parquet', mime: 'application/vnd.apache.parquet' },
};
