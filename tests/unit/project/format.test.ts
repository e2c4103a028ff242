import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync, strFromU8 } from 'fflate';
import { crc32, migrateProject, PROJECT_FORMAT, PROJECT_VERSION, ProjectError, readProject, writeProject } from '../../../src/lib/project/format';
import { SESSION_VERSION, type SessionRecord } from '../../../src/lib/state/persist';

const FIX = path.resolve(import.meta.dirname, '../../fixtures');
const csv = new Uint8Array(readFileSync(path.join(FIX, 'einwohner_cp1252.csv')));
const shp = new Uint8Array(readFileSync(path.join(FIX, 'bezirke_utm32.zip')));

const session: SessionRecord = {
  version: SESSION_VERSION, savedAt: 1, workspace: 'index', selectedTable: 'einwohner',
  tables: [
    { kind: 'file', name: 'einwohner', label: 'Einwohner 2024', fileName: 'einwohner_cp1252.csv', options: { delimiter: ';' } },
    { kind: 'file', name: 'bezirke', label: 'bezirke_utm32.zip', fileName: 'bezirke_utm32.zip' },
    { kind: 'unpivot', name: 'einwohner_lang', label: 'lang', args: { table: 'einwohner', idColumns: ['ID'], yearColumns: ['EW_2023'] } },
  ],
  layers: [{ table: 'bezirke', idColumn: 'ID' }], joins: [],
  map: { layer: 'bezirke', join: null, column: 'EW', denominator: null, scale: 100, year: null, method: 'quantile', k: 5, palette: 'YlOrRd', reverse: false, manualBreaks: '', showLabels: true, customOwner: 'sozialindex' },
  parts: { sozialindex: { v: 1, data: { weights: [2, 1] } }, future: { v: 9, data: { x: 1 } } },
};
const files = new Map([['einwohner', { name: 'einwohner_cp1252.csv', bytes: csv }], ['bezirke', { name: 'bezirke_utm32.zip', bytes: shp }]]);
const write = () => writeProject({ session, files, title: 'Sozialbericht 2024', generator: 'test', created: new Date('2024-05-01T10:00:00Z') });

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProjectError) return e.code;
    throw e;
  }
  return 'ok';
}
const rezip = (entries: Record<string, Uint8Array>) => zipSync(entries);

describe('project file (.srw)', () => {
  it('round-trips the session record and the original bytes', () => {
    const bytes = write();
    const { project, files: back } = readProject(bytes);
    expect(project.format).toBe(PROJECT_FORMAT);
    expect(project.version).toBe(PROJECT_VERSION);
    expect(project.title).toBe('Sozialbericht 2024');
    expect(project.session).toEqual(session);
    expect(back.get('einwohner')!.bytes).toEqual(csv);
    expect(back.get('bezirke')!.bytes).toEqual(shp);
    expect(back.get('bezirke')!.name).toBe('bezirke_utm32.zip');
    // a readable zip: projekt.json, a German read-me and the originals under dateien/
    expect(Object.keys(unzipSync(bytes)).sort()).toEqual(['LIESMICH.txt', 'dateien/1_einwohner_cp1252.csv', 'dateien/2_bezirke_utm32.zip', 'projekt.json']);
  });

  it('CRC-32 matches the zip standard check value', () => {
    expect(crc32(strToU8('123456789')).toString(16)).toBe('cbf43926');
  });

  it('refuses what is not a project, with a code per reason', () => {
    expect(codeOf(() => readProject(csv))).toBe('notZip');
    expect(codeOf(() => readProject(shp))).toBe('foreign'); // a zip, but a shapefile
    expect(codeOf(() => readProject(rezip({ 'projekt.json': strToU8('{"format":"andere-app","version":1}') })))).toBe('foreign');
    const good = write();
    expect(codeOf(() => readProject(good.slice(0, good.length - 200)))).toBe('damaged'); // cut off
    const entries = unzipSync(good);
    expect(codeOf(() => readProject(rezip({ ...entries, 'projekt.json': strToU8('{"format": "sozialraum-werk') })))).toBe('damaged');
    const json = JSON.parse(strFromU8(entries['projekt.json']));
    expect(codeOf(() => readProject(rezip({ ...entries, 'projekt.json': strToU8(JSON.stringify({ ...json, version: PROJECT_VERSION + 1 })) })))).toBe('newer');
    expect(codeOf(() => readProject(rezip({ ...entries, 'projekt.json': strToU8(JSON.stringify({ ...json, session: { ...json.session, version: 99 } })) })))).toBe('newer');
    const flipped = entries['dateien/1_einwohner_cp1252.csv'].slice();
    flipped[10] ^= 1;
    expect(codeOf(() => readProject(rezip({ ...entries, 'dateien/1_einwohner_cp1252.csv': flipped })))).toBe('fileDamaged');
    const { ['dateien/2_bezirke_utm32.zip']: _gone, ...without } = entries;
    expect(codeOf(() => readProject(rezip(without)))).toBe('fileMissing');
  });

  it('migrates a project whose session record is of version 1 (before workspaces were kept)', () => {
    const { parts: _p, ...old } = session;
    const { customOwner: _c, ...oldMap } = session.map;
    const p = migrateProject({ format: PROJECT_FORMAT, version: 1, generator: 'x', created: '2024-01-01', files: [], session: { ...old, version: 1, map: oldMap } });
    expect(p.session.version).toBe(SESSION_VERSION);
    expect(p.session.parts).toEqual({});
    expect(p.session.map.customOwner).toBeNull();
    expect(p.title).toBe('');
  });
});
