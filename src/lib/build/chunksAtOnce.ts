/**
 * A dynamically imported chunk's static imports, requested together.
 *
 * The engine worker's entry loads the engine code with `import('./engine.worker')`. The bundler
 * splits that code into chunks that import each other (engine.worker → core, table, errors, … →
 * typing, arrowColumns, …), and the browser discovers each level only after it has fetched and
 * parsed the one above: three round trips to the server, one after another, while DuckDB's wasm
 * compiles. In the cold start the engine code was the last thing DuckDB waited for in most runs
 * (docs/performance.md, „Fourteenth round“).
 *
 * The build knows the whole graph. `listChunksFor` writes the static closure of the engine's chunk
 * into the entry, where it replaces the placeholder expression {@link CHUNKS_PLACEHOLDER}; the entry
 * then `import()`s them all at once. The module map loads and evaluates each module once, in
 * dependency order, whoever asks first, so what runs is unchanged: only the requests start earlier.
 */

/** What `listChunksFor` reads of a bundle's output chunk (Rollup/Rolldown's `OutputChunk`). */
export interface ChunkLike {
  type: 'chunk';
  fileName: string;
  facadeModuleId: string | null;
  imports: string[];
  dynamicImports: string[];
  code: string;
}
export type BundleLike = Record<string, ChunkLike | { type: 'asset'; fileName: string }>;

/** The expression in the entry's source (minified as written) that the build replaces by the list. */
export const CHUNKS_PLACEHOLDER = 'globalThis.__SRW_ENGINE_CHUNKS__';

const isChunk = (x: BundleLike[string] | undefined): x is ChunkLike => x?.type === 'chunk';

/** File names of every chunk `start` imports statically, directly or through others (not `start`, not `except`). */
export function staticClosure(bundle: BundleLike, start: string, except: Set<string> = new Set()): string[] {
  const seen = new Set<string>([start]);
  const out: string[] = [];
  const visit = (name: string) => {
    const c = bundle[name];
    if (!isChunk(c)) return;
    for (const dep of c.imports) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      if (!except.has(dep)) out.push(dep);
      visit(dep);
    }
  };
  visit(start);
  return out;
}

/** `to` relative to the directory of `from` (both bundle file names), as an import specifier. */
export function relativeSpecifier(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const up = a.slice(i).map(() => '..');
  const rel = [...up, ...b.slice(i)].join('/');
  return up.length ? rel : `./${rel}`;
}

/**
 * In the chunk whose module id ends with `entry`, replace {@link CHUNKS_PLACEHOLDER} by the list of
 * chunks that its dynamic import of the module ending with `target` imports statically (not the
 * target's own chunk: the entry imports that itself). Returns that list. Throws when the entry, the target or exactly one placeholder is
 * missing, so a renamed file or a changed entry cannot silently drop the change.
 */
export function listChunksFor(bundle: BundleLike, entry: string, target: string): string[] {
  const chunks = Object.values(bundle).filter(isChunk);
  const entryChunk = chunks.find((c) => c.facadeModuleId?.endsWith(entry));
  if (!entryChunk) throw new Error(`chunksAtOnce: no chunk for ${entry}`);
  const targetName = entryChunk.dynamicImports.find((n) => {
    const c = bundle[n];
    return isChunk(c) && !!c.facadeModuleId?.endsWith(target);
  });
  if (!targetName) throw new Error(`chunksAtOnce: ${entry} does not import ${target} dynamically`);
  // chunks the entry itself imports are loaded already (the worker's own module, its static imports)
  const loaded = new Set([entryChunk.fileName, ...staticClosure(bundle, entryChunk.fileName)]);
  const list = staticClosure(bundle, targetName, loaded);
  const parts = entryChunk.code.split(CHUNKS_PLACEHOLDER);
  if (parts.length !== 2) throw new Error(`chunksAtOnce: expected ${CHUNKS_PLACEHOLDER} once in ${entryChunk.fileName}, found ${parts.length - 1}`);
  const specs = list.map((n) => relativeSpecifier(entryChunk.fileName, n));
  entryChunk.code = parts.join(JSON.stringify(specs));
  return list;
}
