import type { MapState } from '../../src/lib/state/map.svelte';

/** Records what a view bound to `map.legend` would show, each time Svelte re-evaluates it. */
export function probeLegend(map: MapState): { seen: string[][]; stop: () => void } {
  const seen: string[][] = [];
  const stop = $effect.root(() => {
    $effect(() => {
      seen.push(map.legend.map((e) => e.label));
    });
  });
  return { seen, stop };
}

/** Records `read()` each time Svelte re-evaluates it (what an effect such as the autosave sees). */
export function probe<T>(read: () => T): { seen: T[]; stop: () => void } {
  const seen: T[] = [];
  const stop = $effect.root(() => {
    $effect(() => {
      seen.push(read());
    });
  });
  return { seen, stop };
}
