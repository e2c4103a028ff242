import { describe, expect, it } from 'vitest';
import { lazyApi } from '../../../workers/lazyApi';

// Whether every call of an api is listed is checked by the compiler (`Record<keyof T, true>`).
describe('lazyApi', () => {
  it('loads the module once, on the first call, and forwards arguments and results', async () => {
    let loads = 0;
    const impl = { add: async (a: number, b: number) => a + b, twice: (s: string) => s + s };
    const api = lazyApi<typeof impl>(async () => (loads++, impl), { add: true, twice: true });
    expect(loads).toBe(0);
    expect(Object.keys(api)).toEqual(['add', 'twice']);
    const [x, y] = await Promise.all([api.add(2, 3), api.twice('ab')]);
    expect([x, y, loads]).toEqual([5, 'abab', 1]);
    await api.add(1, 1);
    expect(loads).toBe(1);
  });

  it('passes errors of the call through and tries a failed load again', async () => {
    let loads = 0;
    const impl = { fail: async () => Promise.reject(new Error('kaputt')) };
    const api = lazyApi<typeof impl>(async () => {
      if (loads++ === 0) throw new Error('offline');
      return impl;
    }, { fail: true });
    await expect(api.fail()).rejects.toThrow('offline');
    await expect(api.fail()).rejects.toThrow('kaputt');
    expect(loads).toBe(2);
  });
});
