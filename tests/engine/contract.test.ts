import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Comlink } from '../../src/lib/contract/comlink';
import { AppError } from '../../src/lib/contract';
import { createNodeDuck } from '../../src/lib/db/node';
import { Engine } from '../../src/lib/engine/engine';
import { errorText } from '../../src/i18n/index';

const FIX = path.resolve(import.meta.dirname, '../fixtures');
const file = (p: string) => ({ name: path.basename(p), bytes: new Uint8Array(readFileSync(p)) });

let engine: Engine;
let remote: Comlink.Remote<Engine>;
let ports: MessagePort[];
beforeAll(async () => {
  engine = new Engine(await createNodeDuck());
  const { port1, port2 } = new MessageChannel();
  ports = [port1, port2];
  // the real engine behind Comlink, as in the worker: errors cross through the app's transfer handler
  Comlink.expose(engine, port1);
  remote = Comlink.wrap<Engine>(port2);
});
afterAll(() => ports.forEach((p) => p.close()));

describe('errors cross the worker boundary as data', () => {
  it('an import error keeps its German message and its hint', async () => {
    const err = await remote.importFile(file(`${FIX}/bad/open_quote.csv`)).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.name).toBe('IngestError');
    expect(typeof e.params.hintText).toBe('string');
    const text = errorText(e, 'de');
    expect(text.message.length).toBeGreaterThan(10);
    expect(text.hint).toBe(e.params.hintText);
    expect(engine.listTables()).toEqual([]);
  });

  it('a coded engine error keeps code and params and reads in both languages', async () => {
    const err = (await remote.layer('nichts').then(() => null, (x: unknown) => x)) as AppError;
    expect(err.code).toBe('layer.unknown');
    expect(err.params).toEqual({ name: 'nichts' });
    expect(errorText(err, 'de').message).toBe('„nichts“ ist keine Gebietsebene.');
    expect(errorText(err, 'en').message).toBe('“nichts” is not an area layer.');
  });

  it('a kernel option error is translated with the option name, never shown in English to a German reader', async () => {
    const t = await engine.importFile(file(`${FIX}/../../sample-data/musterstadt/bezirke.geojson`));
    engine.createLayer({ table: t.name, idColumn: 'BEZ_ID' });
    const err = await remote.choropleth({ layer: t.name }, { column: 'FLAECHE_KM2' }, undefined, 'manual', 3, [3, 1, 2]).then(() => null, (x: unknown) => x);
    const text = errorText(err, 'de');
    expect(text.code).toBe('invalidOption');
    expect(text.message).toMatch(/^Ungültige Einstellung „Klassengrenzen“/);
    expect(text.message).not.toMatch(/invalid|strictly/);
  });
});
