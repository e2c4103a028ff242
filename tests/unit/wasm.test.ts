import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { assemble, KERNELS, moduleText } from '../../scripts/wasm';

describe('WebAssembly kernels', () => {
  test.each(KERNELS)('the committed bytes of $wat are its assembled source (run `npm run wasm` after editing it)', async (k) => {
    const bytes = await assemble(k.wat);
    expect(readFileSync(k.ts, 'utf8')).toBe(moduleText(k, bytes));
    expect(WebAssembly.validate(Uint8Array.from(bytes))).toBe(true);
  });
});
