/**
 * Disclosure control (METHODS §6) for a value on the plain map, for exports: per area whether the
 * value must be hidden — a count 1 … minCount − 1, or a rate whose numerator or denominator is too
 * small. Issue 12 extends disclosure to every view; the map export calls this until then.
 */
import type { Engine } from './engine';
import type { JoinSpecInput } from '../contract';
import { discloseCount, discloseRate, type DisclosureOptions } from '../analysis/disclosure';

export function valueDisclosure(
  engine: Engine, input: JoinSpecInput | { layer: string; table?: undefined }, value: { column: string; denominator?: string; scale?: number },
  year: string | undefined, options: DisclosureOptions = {},
): Uint8Array {
  const num = engine.joinedValues(input, { column: value.column, scale: 1 }, year).values;
  const den = value.denominator ? engine.joinedValues(input, { column: value.denominator, scale: 1 }, year).values : null;
  const hidden = new Uint8Array(num.length);
  for (let i = 0; i < num.length; i++) {
    const st = den ? discloseRate(num[i], den[i], options).status : discloseCount(num[i], options).status;
    hidden[i] = st === 'secret' || st === 'secondary' || st === 'unreliable' ? 1 : 0;
  }
  return hidden;
}
