import { describe, expect, test } from 'vitest';
import {
  atkinson, correlationRatio, delta, dissimilarity, entropy, exposure, gini, isolation,
  locationQuotients, prepareCounts, singleGroupIndices, spatialDissimilarity,
} from '../../../src/lib/analysis/segregation';
import { multigroupIndices, multigroupLocal } from '../../../src/lib/analysis/segregationMulti';
import { contiguity } from '../../../src/lib/analysis/contiguity';
import { fromNeighborLists } from '../../../src/lib/analysis/weights';
import { readShapefileZip, sacramento, toArea } from './refdata';

const close = (a: number, b: number, tol = 1e-9) => expect(Math.abs(a - b)).toBeLessThan(tol);

describe('Sacramento 2000, HISP vs TOT_POP (PySAL segregation reference values)', () => {
  const s = sacramento();
  const x = s.col('HISP'), t = s.col('TOT_POP');
  test('single-group indices to 1e-9', () => {
    const r = singleGroupIndices(x, t);
    close(r.dissimilarity, 0.32184656076566864);
    close(r.gini, 0.43506510676886234);
    close(r.entropy, 0.09626774479970557);
    close(r.atkinson, 0.15079259382667654);
    close(r.isolation, 0.2319615486459151);
    close(r.exposure, 0.7680384513540848);
    close(r.correlation_ratio, 0.09164042012926693);
  });
  test('spatial dissimilarity with binary queen contiguity from the shapefile', () => {
    const w = contiguity(readShapefileZip('sacramento2000/sacramentot2_shp.zip').map((f) => toArea(f.geometry)));
    close(spatialDissimilarity(x, t, w), 0.2611974332919437);
    close(singleGroupIndices(x, t, { weights: w }).spatial_dissimilarity!, 0.2611974332919437);
  });
  test('multigroup over WHITE, BLACK, ASIAN, HISP to 1e-9', () => {
    const m = multigroupIndices(['WHITE', 'BLACK', 'ASIAN', 'HISP'].map((c) => s.col(c)));
    close(m.dissimilarity, 0.41340872573177806);
    close(m.gini, 0.5456349992598081);
    close(m.information_theory, 0.1710160297858887);
    close(m.normalized_exposure, 0.18821879029994157);
    close(m.diversity, 0.9733112243997906);
    close(m.relative_diversity, 0.15820019878220337);
    close(m.squared_coefficient_of_variation, 0.11875484641127525);
  });
});

describe('hand-computed edge cases', () => {
  test('complete segregation: D = Gini = H = η² = 1, xPx = 1, A = 1', () => {
    const x = [10, 0, 30, 0], t = [10, 20, 30, 40];
    close(dissimilarity(x, t), 1, 1e-12);
    close(gini(x, t), 1, 1e-12);
    close(entropy(x, t), 1, 1e-12);
    close(isolation(x, t), 1, 1e-12);
    close(exposure(x, t), 0, 1e-12);
    close(correlationRatio(x, t), 1, 1e-12);
    close(atkinson(x, t), 1, 1e-12);
  });
  test('perfect evenness: every index 0, LQ = 1', () => {
    const x = [5, 10, 20], t = [50, 100, 200];
    for (const f of [dissimilarity, gini, entropy, atkinson, correlationRatio]) close(f(x, t), 0, 1e-12);
    close(isolation(x, t), 0.1, 1e-12);
    expect(Array.from(locationQuotients(x, t))).toEqual([1, 1, 1].map((v) => expect.closeTo(v, 12)));
  });
  test('small example by hand: D, Gini, Delta', () => {
    // x = (1, 3), y = (3, 1): D = ½(|1/4−3/4| + |3/4−1/4|) = 0.5
    close(dissimilarity([1, 3], [4, 4]), 0.5, 1e-12);
    // Gini: 2·4·4·|0.25−0.75| / (2·64·0.25) = 0.5
    close(gini([1, 3], [4, 4]), 0.5, 1e-12);
    // Delta with area (1, 3): ½(|0.25−0.25| + |0.75−0.75|) = 0
    close(delta([1, 3], [4, 4], [1, 3]), 0, 1e-12);
    close(delta([1, 3], [4, 4], [3, 1]), 0.5, 1e-12);
  });
  test('zero-population areas are left out and reported', () => {
    const with0 = singleGroupIndices([1, 0, 3], [4, 0, 4]);
    const without = singleGroupIndices([1, 3], [4, 4]);
    expect(with0.excluded).toEqual([1]);
    expect(with0.dissimilarity).toBe(without.dissimilarity);
    expect(with0.gini).toBe(without.gini);
    expect(with0.atkinson).toBe(without.atkinson);
    expect(prepareCounts([1, 0, 3], [4, 0, 4]).kept).toEqual(Int32Array.from([0, 2]));
    expect(Number.isNaN(locationQuotients([1, 0, 3], [4, 0, 4])[1])).toBe(true);
  });
  test('Morrill: a pair of neighbours with equal shares changes nothing; different shares reduce D', () => {
    const w = fromNeighborLists([[1], [0], []]);
    const x = [10, 10, 0], t = [20, 20, 20];
    close(spatialDissimilarity(x, t, w), dissimilarity(x, t), 1e-12);
    const w2 = fromNeighborLists([[2], [], [0]]);
    close(spatialDissimilarity(x, t, w2), dissimilarity(x, t) - 0.5, 1e-12);
  });
  test('bad options and counts throw invalid …', () => {
    expect(() => atkinson([1], [2], 1)).toThrow('invalid b: 1');
    expect(() => singleGroupIndices([3], [2])).toThrow(/invalid x/);
    expect(() => singleGroupIndices([-1], [2])).toThrow(/invalid x/);
  });
  test('multigroup: complete segregation and evenness; local entropy', () => {
    const seg = multigroupIndices([[5, 0, 0], [0, 5, 0], [0, 0, 5]]);
    close(seg.dissimilarity, 1, 1e-12);
    close(seg.information_theory, 1, 1e-12);
    close(seg.diversity, Math.log(3), 1e-12);
    const even = multigroupIndices([[2, 4], [6, 12]]);
    close(even.dissimilarity, 0, 1e-12);
    close(even.gini, 0, 1e-12);
    close(even.relative_diversity, 0, 1e-12);
    const loc = multigroupLocal([[1, 2, 0], [1, 0, 0]]);
    close(loc.entropy[0], Math.log(2), 1e-12);
    close(loc.entropyNormalized[0], 1, 1e-12);
    close(loc.entropy[1], 0, 1e-12);
    expect(Number.isNaN(loc.entropy[2])).toBe(true);
    close(loc.lq[0][1], 1 / (3 / 4), 1e-12);
    expect(multigroupIndices([[1, 0, 2], [1, 0, 2]]).excluded).toEqual([1]);
  });
});
