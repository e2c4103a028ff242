import { describe, expect, it } from 'vitest';
import { boundedSearch, buildNetwork, nearestOnNetwork, networkPairs, resetSearch, searchBuffers, snapToNetwork } from '../../../src/lib/analysis/pathNetwork';
import { floatingCatchment } from '../../../src/lib/analysis/floatingCatchment';

/** A 5 × 5 street lattice, 100 m blocks: rows and columns as lines (shared vertices at crossings). */
function lattice(): number[][][] {
  const lines: number[][][] = [];
  for (let k = 0; k < 5; k++) {
    lines.push([0, 1, 2, 3, 4].map((i) => [i * 100, k * 100]));
    lines.push([0, 1, 2, 3, 4].map((i) => [k * 100, i * 100]));
  }
  return lines;
}

describe('path network', () => {
  it('builds 25 nodes and 40 edges; walking distance is the Manhattan distance', () => {
    const net = buildNetwork(lattice());
    expect(net.nodeX.length).toBe(25);
    expect(net.edges).toBe(40);
    expect(net.componentSizes).toEqual([25]);
    const buf = searchBuffers(net);
    const start = snapToNetwork(net, [0], [0]).node[0];
    const count = boundedSearch(net, start, 0, Infinity, buf);
    expect(count).toBe(25);
    for (let v = 0; v < 25; v++) expect(buf.dist[v]).toBeCloseTo(net.nodeX[v] + net.nodeY[v], 9);
    resetSearch(buf, count);
    expect(buf.dist.every((d) => d === Infinity)).toBe(true);
    expect(boundedSearch(net, start, 0, 250, buf)).toBe(6); // nodes with x + y ≤ 250 m: 1 + 2 + 3
  });

  it('merges vertices within the tolerance and reports disconnected parts (largest first)', () => {
    const net = buildNetwork([[[0, 0], [100, 0]], [[100.2, 0.1], [200, 0]], [[1000, 1000], [1100, 1000]]], 0.5);
    expect(net.nodeX.length).toBe(5);
    expect(net.componentSizes).toEqual([3, 2]);
    expect(net.component[0]).toBe(0);
    expect(net.component[3]).toBe(1);
  });

  it('demand → service costs over the network: snap + path + snap, within the catchment', () => {
    const net = buildNetwork(lattice());
    // two homes 10 m off the corner (0,0) and near (400,400); services near (200,0) and (400,400)
    const demand = snapToNetwork(net, [0, 410], [-10, 400], 50);
    const supply = snapToNetwork(net, [200, 400], [5, 395], 50);
    expect(Array.from(demand.distance)).toEqual([10, 10]);
    const pairs = networkPairs(net, demand, supply, 900);
    const got: number[][] = [];
    for (let i = 0; i < 2; i++) for (let q = pairs.offsets[i]; q < pairs.offsets[i + 1]; q++) got.push([i, pairs.supply[q], +pairs.cost[q].toFixed(6)]);
    // home 0 → A: 10 + 200 + 5; → B: 10 + 800 + 5 = 815; home 1 → A: 10 + 600 + 5 = 615; → B: 10 + 0 + 5
    expect(got).toEqual([[0, 0, 215], [0, 1, 815], [1, 0, 615], [1, 1, 15]]);
    const narrow = networkPairs(net, demand, supply, 700);
    expect(narrow.offsets[1] - narrow.offsets[0]).toBe(1);
    const r = floatingCatchment({ method: '2sfca', pairs, population: [10, 30], supply: [20, 40], weights: { kind: 'none' } });
    expect(r.weightedAccessSum).toBeCloseTo(60, 12);
  });

  it('multi-source search: distance to the nearest service for every node; cut-off; far points unsnapped', () => {
    const net = buildNetwork(lattice());
    const sources = snapToNetwork(net, [0, 400], [0, 400]);
    const r = nearestOnNetwork(net, sources);
    for (let v = 0; v < 25; v++) {
      const a = net.nodeX[v] + net.nodeY[v], b = 800 - a;
      expect(r.dist[v]).toBeCloseTo(Math.min(a, b), 9);
      expect(r.source[v]).toBe(a < b ? 0 : a > b ? 1 : r.source[v]);
    }
    const cut = nearestOnNetwork(net, sources, 150);
    expect(Array.from(cut.dist).filter((d) => d < Infinity).length).toBe(6);
    expect(snapToNetwork(net, [5000], [5000], 100).node[0]).toBe(-1);
  });
});
