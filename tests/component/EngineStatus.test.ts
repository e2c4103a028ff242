import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import EngineStatus from '../../src/components/EngineStatus.svelte';
import { i18n } from '../../src/lib/state/i18n.svelte';

afterEach(() => {
  cleanup();
  i18n.set('de');
});

describe('header status chip (qa4: the privacy statement stays readable at medium widths)', () => {
  it('ready: the privacy statement is its own part (shown alone below 1600 px), the engine part stays in the text and the title', () => {
    render(EngineStatus, { ready: true, error: null });
    const chip = screen.getByTestId('engine-status');
    expect(screen.getByTestId('privacy-claim').textContent).toBe('Daten bleiben im Browser');
    expect(chip.textContent).toBe('Rechenkern bereit · Daten bleiben im Browser');
    expect(chip.getAttribute('title')).toBe('Rechenkern bereit · Daten bleiben im Browser');
    expect(chip.querySelector('.part')!.textContent).toBe('Rechenkern bereit · ');
  });
  it('English, and no privacy part while starting or after a failed start', () => {
    i18n.set('en');
    render(EngineStatus, { ready: true, error: null });
    expect(screen.getByTestId('privacy-claim').textContent).toBe('Data stays in the browser');
    cleanup();
    i18n.set('de');
    render(EngineStatus, { ready: false, error: null });
    expect(screen.getByTestId('engine-status').textContent).toBe('Rechenkern startet …');
    expect(screen.queryByTestId('privacy-claim')).toBeNull();
    cleanup();
    render(EngineStatus, { ready: false, error: 'kein WebAssembly' });
    expect(screen.getByTestId('engine-status').textContent).toBe('Rechenkern konnte nicht starten: kein WebAssembly');
  });
});
