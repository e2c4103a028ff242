/**
 * Closes an open drop-down menu on a pointer press outside `root` or on Escape. Call it inside
 * `$effect` while the menu is open and return its result, which removes the listeners.
 */
export function dismissOnOutside(root: HTMLElement | undefined, close: () => void): () => void {
  const away = (e: PointerEvent) => {
    if (root && !root.contains(e.target as Node)) close();
  };
  const esc = (e: KeyboardEvent) => {
    if (e.key === 'Escape') close();
  };
  document.addEventListener('pointerdown', away);
  document.addEventListener('keydown', esc);
  return () => {
    document.removeEventListener('pointerdown', away);
    document.removeEventListener('keydown', esc);
  };
}
