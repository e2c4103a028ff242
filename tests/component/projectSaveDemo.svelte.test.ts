import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import ProjectMenu from '../../src/components/project/ProjectMenu.svelte';
import type { TableMeta } from '../../src/lib/contract';
import type { ProjectState } from '../../src/lib/state/project.svelte';
import { fakeApp } from './fakeApp.svelte';

const table = { name: 'bezirke', label: 'bezirke.geojson', fileName: 'bezirke.geojson', rows: 60, columns: [] } as unknown as TableMeta;

describe('„Projekt speichern“ while the demo assembles', () => {
  it('stays off between the demo’s files (no flicker, nothing half-loaded to save) and comes on when the demo is complete', async () => {
    const s = $state({ busy: null as object | null, demoLoading: true });
    const app = Object.defineProperties(fakeApp([table], {}, async () => { throw new Error('not used'); }), {
      busy: { get: () => s.busy },
      demoLoading: { get: () => s.demoLoading },
    });
    render(ProjectMenu, { props: { app, project: {} as ProjectState } });
    const save = screen.getByTestId('project-save') as HTMLButtonElement;
    // the first file is in, no task runs for a moment: still off while the demo loads
    expect(save.disabled).toBe(true);
    s.busy = { label: 'Importiere …' };
    await tick();
    expect(save.disabled).toBe(true);
    s.busy = null;
    s.demoLoading = false;
    await tick();
    expect(save.disabled).toBe(false);
    // a running task still turns it off
    s.busy = { label: 'Berechne …' };
    await tick();
    expect(save.disabled).toBe(true);
  });
});
