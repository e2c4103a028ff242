/**
 * Compiles a small WebAssembly kernel from base64 bytes inside the bundle (no request, no build
 * step). Synchronous compile is allowed on every thread for modules this small (< 4 KB). Returns
 * null where WebAssembly cannot be compiled (a policy without 'wasm-unsafe-eval', an old engine,
 * no SIMD for a kernel that needs it), so the caller runs its JavaScript kernel.
 */
export function compileWasm(base64: string, needs: { simd?: boolean } = {}): WebAssembly.Module | null {
  try {
    if (needs.simd && !wasmSimd()) return null;
    const bin = atob(base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new WebAssembly.Module(bytes);
  } catch {
    return null;
  }
}

/** `(module (func (result v128) (i8x16.splat (i32.const 0))))`: valid only where WebAssembly has SIMD (v128). */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 15, 11]);

/** Whether this engine has WebAssembly's 128-bit SIMD (Chrome 91+, Firefox 89+, Safari 16.4+, Node 16.4+). */
export function wasmSimd(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}
