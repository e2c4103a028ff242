import { appError } from '../lib/contract/errors';

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
      const value = eq > 0 ? a.slice(eq + 1) : next !== undefined && !next.startsWith('--') ? (i++, next) : 'true';
      (flags[key] ??= []).push(value);
    } else positional.push(a);
  }
  return { positional, flags };
}

export function flag(flags: Record<string, string[]>, name: string): string | undefined {
  return flags[name]?.[flags[name].length - 1];
}

export function requireFlag(flags: Record<string, string[]>, name: string): string {
  const v = flag(flags, name);
  if (v === undefined) throw appError('cli.flagMissing', { name });
  return v;
}
