import type { AppState } from '../app.svelte';
import type { MapState } from '../map.svelte';
import type { PersistedPart } from '../persisted';
import { DEFAULT_LEVEL_SETTINGS, type LevelSettings } from '../levels.svelte';
import { t } from '../../../i18n/index';

export const LEVELS_PART = 'levels';

/** Method settings another town can apply: the switch, thresholds and column kinds (no population column). */
export type LevelsShared = Omit<LevelSettings, 'population'>;

/**
 * Disclosure control and level settings of the project (issue 12): the switch (on by default),
 * thresholds, the common pattern over years, the population column and the column kinds. Restored
 * before the workspaces that draw maps, and the plain map is recomputed with them.
 */
export function levelsPart(map: MapState): PersistedPart<LevelSettings, LevelsShared> {
  const current = (): LevelSettings => JSON.parse(JSON.stringify(map.levels.settings)) as LevelSettings;
  const redraw = async () => {
    if (map.layer && map.column && !map.custom) await map.refresh();
  };
  return {
    key: LEVELS_PART,
    version: 1,
    order: 5,
    label: () => t('ws.levels'),
    save() {
      return current();
    },
    async restore(d) {
      const before = JSON.stringify(map.levels.settings);
      map.levels.settings = { ...structuredClone(DEFAULT_LEVEL_SETTINGS), ...d };
      // the restored map was just computed with these settings when they did not change (a reload)
      if (JSON.stringify(map.levels.settings) !== before) await redraw();
    },
    reset() {
      map.levels.settings = structuredClone(DEFAULT_LEVEL_SETTINGS);
    },
    share() {
      const { population: _p, ...rest } = current();
      return rest;
    },
    async applyShared(x) {
      map.levels.settings = { ...current(), ...x };
      await redraw();
      return [t('share.applied', { ws: t('ws.levels') })];
    },
  };
}

const registered = new WeakSet<AppState>();

/** Registers the levels part once per app (a `WORKSPACE_STATES` factory; the settings live on the map). */
export function levelsPartState(app: AppState, map: MapState): void {
  if (registered.has(app)) return;
  registered.add(app);
  app.persisted.register(levelsPart(map));
}
