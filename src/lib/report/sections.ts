/**
 * The chapters of the report and blocks of the profiles, in order. Built-ins are registered by
 * `sections/index.ts`; another workspace adds its own with one {@link registerSection} call in its
 * module under `sections/` and one import line there (see /work/notes/PERSIST.md for the pattern).
 */
import type { ReportSection } from './types';

const registry: ReportSection[] = [];

export function registerSection(s: ReportSection): void {
  const at = registry.findIndex((x) => x.key === s.key);
  if (at >= 0) registry.splice(at, 1);
  registry.push(s);
  registry.sort((a, b) => a.order - b.order);
}

export function sections(): readonly ReportSection[] {
  return registry;
}
