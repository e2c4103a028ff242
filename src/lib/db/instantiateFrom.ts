/**
 * Make duckdb-wasm 1.32's bindings instantiate a module we hand them instead of the file they would
 * fetch (browser) or read (Node): replaces the bindings' `instantiateWasm`, doing what theirs does
 * after getting the bytes — publish the runtime as `globalThis.DUCKDB_RUNTIME`, then instantiate.
 * `publish` is what each package puts there: the browser bindings the runtime object itself, the
 * Node bindings a copy of its own properties (`runtimeCopy`).
 */
export function instantiateFrom(db: object, module: WebAssembly.Module, publish: (runtime: object) => unknown = (r) => r): void {
  const bindings = db as { _runtime: object; instantiateWasm: (imports: WebAssembly.Imports, done: (i: WebAssembly.Instance, m: WebAssembly.Module) => void) => unknown };
  bindings.instantiateWasm = (imports, done) => {
    (globalThis as { DUCKDB_RUNTIME?: unknown }).DUCKDB_RUNTIME = publish(bindings._runtime);
    void WebAssembly.instantiate(module, imports).then((instance) => done(instance, module));
    return [];
  };
}

/** The Node bindings' published runtime: its own properties but the constructor, copied. */
export function runtimeCopy(runtime: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.getOwnPropertyNames(runtime)) {
    if (name !== 'constructor') out[name] = Object.getOwnPropertyDescriptor(runtime, name)!.value;
  }
  return out;
}
