/**
 * Presenter mode (issue 13): one switch for the projector — larger type, thicker area outlines,
 * bigger labels with halos, collapsible side panel and table, and an optional high-contrast
 * palette. Kept in localStorage (a display preference, not project data); `?presenter=1` turns it
 * on from a link. Applied as classes on <html> so plain CSS scales the whole interface.
 */
const KEY = 'srw.presenter';

interface Stored {
  on: boolean;
  highContrast: boolean;
}

function load(): Stored {
  const out: Stored = { on: false, highContrast: false };
  try {
    Object.assign(out, JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Stored>);
    const q = new URLSearchParams(location.search).get('presenter');
    if (q === '1') out.on = true;
    if (q === '0') out.on = false;
  } catch {
    /* storage off or not in a browser */
  }
  return out;
}

class PresenterState {
  on = $state(false);
  highContrast = $state(false);
  /** side panel folded away (map gets the width) */
  sideCollapsed = $state(false);
  /** table below the map folded away */
  gridCollapsed = $state(false);
  /** map legend folded to one button (a 1024 × 768 projector: the legend would cover the areas) */
  legendCollapsed = $state(false);

  constructor() {
    const s = load();
    this.on = s.on;
    this.highContrast = s.highContrast;
    this.apply();
  }

  /** Label font size in px on the map. */
  get labelSize(): number {
    return this.on ? 16 : 12;
  }
  /** Label halo width in px. */
  get haloPx(): number {
    return this.on ? 2.6 : 1.8;
  }
  /** Area outline width in px. */
  get outlinePx(): number {
    return this.on ? 1.8 : 0.8;
  }

  set(on: boolean): void {
    this.on = on;
    if (!on) {
      this.sideCollapsed = false;
      this.gridCollapsed = false;
      this.legendCollapsed = false;
    }
    this.save();
  }

  setHighContrast(on: boolean): void {
    this.highContrast = on;
    this.save();
  }

  private save(): void {
    this.apply();
    try {
      localStorage.setItem(KEY, JSON.stringify({ on: this.on, highContrast: this.highContrast }));
    } catch {
      /* storage off */
    }
  }

  private apply(): void {
    if (typeof document === 'undefined') return;
    document.documentElement.classList.toggle('presenter', this.on);
    document.documentElement.classList.toggle('hc', this.highContrast);
  }
}

export const presenter = new PresenterState();
