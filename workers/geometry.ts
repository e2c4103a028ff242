import * as Comlink from 'comlink';
import type { Engine } from '../src/lib/engine/engine';
import { prepareGeometry, transferables, type PreparedGeometry } from '../src/lib/geo/prepare';

/**
 * Prepared (tessellated) geometry of a layer, transferred to the UI thread. Not cached here:
 * transferring detaches the buffers, and preparing again is cheaper than copying twice.
 */
export function geometryApi(engine: Engine, table: string): PreparedGeometry {
  const g = prepareGeometry(engine.geometries(table));
  return Comlink.transfer(g, transferables(g));
}
