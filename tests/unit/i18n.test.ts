import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { allKeys } from '../../src/i18n/index';

const SRC = path.resolve(import.meta.dirname, '../../src');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(svelte|ts)$/.test(p) ? [p] : [];
  });
}

describe('i18n', () => {
  it('German and English have the same keys', () => {
    const de = new Set(allKeys('de'));
    const en = new Set(allKeys('en'));
    expect([...de].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !de.has(k))).toEqual([]);
  });

  it('every literal key used in the app exists', () => {
    const de = new Set(allKeys('de'));
    const missing = new Set<string>();
    for (const f of files(SRC).filter((f) => !f.includes(`${path.sep}i18n${path.sep}`))) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) if (!de.has(m[1])) missing.add(`${m[1]} (${path.relative(SRC, f)})`);
    }
    expect([...missing]).toEqual([]);
  });

  it('every stage the import pipeline reports has a label', () => {
    const de = new Set(allKeys('de'));
    const stages = new Set<string>();
    for (const f of files(path.join(SRC, 'lib/ingest'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/onProgress\?\.\([^;]*'([^']+)'\)/g)) stages.add(m[1]);
    }
    expect(stages.size).toBeGreaterThan(3);
    expect([...stages].filter((s) => !de.has(`stage.${s}`))).toEqual([]);
  });
});
