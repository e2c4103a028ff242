import { describe, expect, it } from 'vitest';
import { CHUNKS_PLACEHOLDER, listChunksFor, relativeSpecifier, staticClosure, type BundleLike, type ChunkLike } from '../../../src/lib/build/chunksAtOnce';

const chunk = (fileName: string, o: Partial<ChunkLike> = {}): ChunkLike => ({ type: 'chunk', fileName, facadeModuleId: null, imports: [], dynamicImports: [], code: '', ...o });

/** The engine worker's shape: entry → (dynamic) worker → core, table → typing; core also imports the entry; a lazy api chunk. */
function bundle(entryCode = `for (const c of ${CHUNKS_PLACEHOLDER} ?? []) import(c); import('./engine.worker-1.js');`): BundleLike {
  const b: BundleLike = {};
  for (const c of [
    chunk('assets/engine.entry-0.js', { facadeModuleId: '/app/workers/engine.entry.ts', dynamicImports: ['assets/engine.worker-1.js'], imports: ['assets/wasm-9.js'], code: entryCode }),
    chunk('assets/wasm-9.js'),
    chunk('assets/engine.worker-1.js', { facadeModuleId: '/app/workers/engine.worker.ts', imports: ['assets/core-2.js', 'assets/table-3.js'], dynamicImports: ['assets/api-index-5.js'] }),
    chunk('assets/core-2.js', { imports: ['assets/engine.entry-0.js', 'assets/typing-4.js', 'assets/table-3.js', 'assets/wasm-9.js'] }),
    chunk('assets/table-3.js', { imports: ['assets/typing-4.js'] }),
    chunk('assets/typing-4.js'),
    chunk('assets/api-index-5.js', { imports: ['assets/core-2.js', 'assets/index-only-6.js'] }),
    chunk('assets/index-only-6.js'),
  ])
    b[c.fileName] = c;
  b['assets/duckdb-eh.wasm'] = { type: 'asset', fileName: 'assets/duckdb-eh.wasm' };
  return b;
}

describe('chunksAtOnce', () => {
  it('collects every chunk imported statically, through others too, once each and not the lazy ones', () => {
    expect(staticClosure(bundle(), 'assets/engine.worker-1.js')).toEqual(['assets/core-2.js', 'assets/engine.entry-0.js', 'assets/wasm-9.js', 'assets/typing-4.js', 'assets/table-3.js']);
    expect(staticClosure(bundle(), 'assets/typing-4.js')).toEqual([]);
  });

  it('writes the engine chunks into the entry: not the entry, what it loads itself, nor the lazily loaded api chunks', () => {
    const b = bundle();
    const list = listChunksFor(b, 'workers/engine.entry.ts', 'workers/engine.worker.ts');
    expect(list).toEqual(['assets/core-2.js', 'assets/typing-4.js', 'assets/table-3.js']);
    const code = (b['assets/engine.entry-0.js'] as ChunkLike).code;
    expect(code).toBe(`for (const c of ["./core-2.js","./typing-4.js","./table-3.js"] ?? []) import(c); import('./engine.worker-1.js');`);
    expect(code).not.toContain(CHUNKS_PLACEHOLDER);
  });

  it('refuses a bundle it does not recognise, so the build fails loudly', () => {
    expect(() => listChunksFor(bundle('no placeholder'), 'workers/engine.entry.ts', 'workers/engine.worker.ts')).toThrow(/found 0/);
    expect(() => listChunksFor(bundle(`${CHUNKS_PLACEHOLDER}${CHUNKS_PLACEHOLDER}`), 'workers/engine.entry.ts', 'workers/engine.worker.ts')).toThrow(/found 2/);
    expect(() => listChunksFor(bundle(), 'workers/other.ts', 'workers/engine.worker.ts')).toThrow(/no chunk/);
    expect(() => listChunksFor(bundle(), 'workers/engine.entry.ts', 'workers/missing.ts')).toThrow(/does not import/);
  });

  it('writes specifiers relative to the importing chunk', () => {
    expect(relativeSpecifier('assets/a.js', 'assets/b.js')).toBe('./b.js');
    expect(relativeSpecifier('assets/w/a.js', 'assets/b.js')).toBe('../b.js');
    expect(relativeSpecifier('a.js', 'assets/b.js')).toBe('./assets/b.js');
  });
});
