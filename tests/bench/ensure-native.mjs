// Native DuckDB (same version as duckdb-wasm's 1.4.3) is only needed for the benchmark's
// wasm/native ratio. Its lock entry lacks platform packages this registry does not serve, so it
// is installed on demand (not saved) instead of being a locked dev dependency that breaks `npm ci`.
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
try {
  require.resolve('@duckdb/node-api');
} catch {
  execSync('npm install --no-save --no-audit --no-fund @duckdb/node-api@1.4.3-r.3', { stdio: 'inherit' });
}
