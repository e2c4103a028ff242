/**
 * Startup marks on the page's performance timeline (`srw:*`), read by `npm run bench` to show
 * where the time to a usable demo goes. Cheap; no data leaves the page.
 */
export function mark(name: string): void {
  performance.mark?.(`srw:${name}`);
}

/** Marks for steps timed in a worker (its clock has its own origin). */
export function markWorker(times: Record<string, number> | undefined): void {
  if (!times?.timeOrigin) return;
  for (const [name, t] of Object.entries(times)) {
    if (name !== 'timeOrigin') performance.mark?.(`srw:${name}`, { startTime: times.timeOrigin + t - performance.timeOrigin });
  }
}
