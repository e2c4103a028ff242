/**
 * Compiles a small WebAssembly kernel from base64 bytes inside the bundle (no request, no build
 * step). Synchronous compile is allowed on every thread for modules this small (< 4 KB). Returns
 * null where WebAssembly cannot be compiled (a policy without 'wasm-unsafe-eval', an old engine),
 * so the caller runs its JavaScript kernel.
 */
export function compileWasm(base64: string): WebAssembly.Module | null {
  try {
    const bin = atob(base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new WebAssembly.Module(bytes);
  } catch {
    return null;
  }
}
