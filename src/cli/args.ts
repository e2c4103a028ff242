import { appError } from '../lib/contract/errors';

/**
 * Switches that never take a value (also with a file prefix, e.g. `--services-dash-zero`), so
 * `inspect --dash-zero datei.csv` keeps the file as the positional argument.
 */
const SWITCHES = ['dash-zero', 'keep-totals', 'no-disclosure', 'no-profiles', 'normalize', 'disclosure', 'help'];
const isSwitch = (key: string): boolean => SWITCHES.some((s) => key === s || key.endsWith(`-${s}`));

/** Flag names a command has looked at (for the note on flags that had no effect). */
const used = new Set<string>();

/** Minimal `--flag value` parser; repeated flags collect into arrays. */
export function parseArgs(argv: string[]): { positional: string[]; flags: Record<string, string[]> } {
  const positional: string[] = [];
  const flags: Record<string, string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
      const next = argv[i + 1];
      const value = eq > 0 ? a.slice(eq + 1) : !isSwitch(key) && next !== undefined && !next.startsWith('--') ? (i++, next) : 'true';
      (flags[key] ??= []).push(value);
    } else positional.push(a);
  }
  // every read of a flag (given or not) is noted, so `unusedFlags` can name the ones nothing read
  const tracked = new Proxy(flags, {
    get: (t, k, r) => (typeof k === 'string' && used.add(k), Reflect.get(t, k, r)),
    has: (t, k) => (typeof k === 'string' && used.add(k), Reflect.has(t, k)),
  });
  return { positional, flags: tracked };
}

/** Flags in `argv` that no command read — misspelt, or without effect in this call. */
export function unusedFlags(argv: string[]): string[] {
  const given = new Set<string>();
  for (const a of argv) if (a.startsWith('--')) given.add(a.slice(2).split('=')[0]);
  return [...given].filter((k) => !used.has(k));
}

export function flag(flags: Record<string, string[]>, name: string): string | undefined {
  return flags[name]?.[flags[name].length - 1];
}

export function requireFlag(flags: Record<string, string[]>, name: string): string {
  const v = flag(flags, name);
  if (v === undefined) throw appError('cli.flagMissing', { name });
  return v;
}
