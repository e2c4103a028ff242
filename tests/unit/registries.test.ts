/**
 * The registries are the single lists (issue 9): a new index preset or segregation index is one
 * entry plus its strings. These tests fail when an entry lacks its strings or a kernel result.
 */
import { describe, expect, it } from 'vitest';
import { INDEX_PRESETS, INFERRED_INDICES, MULTIGROUP_INDICES, PRESETS, SEGREGATION_INDICES } from '../../src/lib/contract';
import { singleGroupIndices } from '../../src/lib/analysis/segregation';
import { multigroupIndices } from '../../src/lib/analysis/segregationMulti';
import { fromNeighborLists } from '../../src/lib/analysis/weights';
import { hasKey } from '../../src/i18n/index';

const missing = (keys: string[]) => keys.filter((k) => !hasKey(k));

describe('index presets', () => {
  it('are the keys of PRESETS, each with a name and a help text', () => {
    expect(INDEX_PRESETS).toEqual(Object.keys(PRESETS));
    expect(missing(INDEX_PRESETS.flatMap((p) => [`ix.preset.${p}`, `ix.preset.${p}.help`]))).toEqual([]);
  });
});

describe('segregation indices', () => {
  it('each has a name and a value from the kernel (Delta and Morrill with their inputs)', () => {
    expect(missing(SEGREGATION_INDICES.map((d) => `seg.idx.${d.key}`))).toEqual([]);
    const x = [10, 40, 5, 30], t = [100, 120, 80, 90];
    const r = singleGroupIndices(x, t, { area: [1, 2, 1, 3], weights: fromNeighborLists([[1], [0, 2], [1, 3], [2]]) });
    for (const d of SEGREGATION_INDICES) expect(Number.isFinite(r[d.key]), d.key).toBe(true);
    expect(INFERRED_INDICES.every((d) => typeof d.statistic === 'function')).toBe(true);
  });

  it('multigroup indices each have a name, an explanation and a value', () => {
    expect(missing(MULTIGROUP_INDICES.flatMap((k) => [`seg.multi.${k}`, `seg.multiExp.${k}`]))).toEqual([]);
    const m = multigroupIndices([[10, 40, 5, 30], [90, 80, 75, 60]]);
    for (const k of MULTIGROUP_INDICES) expect(Number.isFinite(m[k]), k).toBe(true);
  });
});
