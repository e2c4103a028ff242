/**
 * A workspace's worker calls whose code loads on the first call (dynamic import), so the engine
 * worker parses less JavaScript at its start, while DuckDB compiles and instantiates. `names`
 * lists every call of the module's api; the compiler checks it against the api's type (a call
 * missing here, or one too many, is a type error).
 */
export function lazyApi<T extends object>(load: () => Promise<T>, names: Record<keyof T, true>): T {
  let loaded: Promise<T> | null = null;
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const name of Object.keys(names)) {
    api[name] = async (...args) => {
      // a failed load (e.g. the network gone before the app was cached) is tried again next time
      loaded ??= load().catch((e: unknown) => {
        loaded = null;
        throw e;
      });
      const impl = (await loaded) as Record<string, (...a: unknown[]) => unknown>;
      return impl[name](...args);
    };
  }
  return api as T;
}
