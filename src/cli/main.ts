/**
 * Command-line entry: `npm run cli -- <command> [args]`. Each command lives in
 * `./commands/<command>.ts` and exports `run(argv): Promise<unknown>`; its result is
 * printed as JSON on stdout. Errors go to stderr in German (the same translation as the UI,
 * `errorText`) with exit code 1. Commands run the Node `Engine` (`./engine.ts`).
 */
import { errorText } from '../i18n/index';

const COMMANDS = ['inspect', 'index', 'segregation', 'moran', 'ebrate', 'aggregate', 'access', 'coverage', 'join', 'report'] as const;

async function main(): Promise<void> {
  const [cmd, ...rest] = process.argv.slice(2);
  if (!cmd || !(COMMANDS as readonly string[]).includes(cmd)) {
    process.stderr.write(`Aufruf: npm run cli -- <${COMMANDS.join('|')}> …\n`);
    process.exit(2);
  }
  const mod = (await import(`./commands/${cmd}.ts`)) as { run: (argv: string[]) => Promise<unknown> };
  const result = await mod.run(rest);
  process.stdout.write(JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2) + '\n');
}

main().catch((e: unknown) => {
  const { message, hint } = errorText(e, 'de');
  process.stderr.write(`Fehler: ${message}${hint ? `\nHinweis: ${hint}` : ''}\n`);
  process.exit(1);
});
