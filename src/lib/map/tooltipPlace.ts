/**
 * Where the map's tooltip goes: beside the pointer, on the side with more room, and never wider
 * than the map allows. deck.gl places its tooltip's top-left corner at the pointer and lets it
 * grow to the map's full width, so near the right or bottom edge its text ran off the screen
 * (the reason of a secret value is a long sentence). The returned style is applied by deck.gl's
 * tooltip after its own `transform`, which it replaces.
 */
export interface TooltipStyle {
  transform: string;
  maxWidth: string;
  whiteSpace: string;
}

/** Gap between the pointer and the box (px). */
const GAP = 12;

export function tooltipPlacement(x: number, y: number, width: number, height: number): TooltipStyle {
  const left = x > width / 2;
  const up = y > height * 0.6;
  // the box may take the room on its side of the pointer, at most 28 rem (readable lines)
  const room = Math.max(160, Math.round((left ? x : width - x) - 2 * GAP));
  const tx = left ? `calc(${Math.round(x - GAP)}px - 100%)` : `${Math.round(x + GAP)}px`;
  const ty = up ? `calc(${Math.round(y - GAP)}px - 100%)` : `${Math.round(y + GAP)}px`;
  return { transform: `translate(${tx}, ${ty})`, maxWidth: `min(28rem, ${room}px)`, whiteSpace: 'pre-wrap' };
}
