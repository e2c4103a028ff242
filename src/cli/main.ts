/**
 * Command-line entry: `npm run cli -- <command> [args]`. Each command lives in
 * `./commands/<command>.ts` and exports `run(argv): Promise<unknown>`; its result is
 * printed as JSON on stdout. Errors go to stderr in German (the same translation as the UI,
 * `errorText`) with exit code 1. Commands run the Node `Engine` (`./engine.ts`).
 */
import { errorText } from '../i18n/index';
import { IMPORT_HELP } from './importFlags';
import { unusedFlags } from './args';

const COMMANDS = ['inspect', 'index', 'segregation', 'moran', 'ebrate', 'aggregate', 'access', 'coverage', 'join', 'report'] as const;

async function main(): Promise<void> {
  const [cmd, ...rest] = process.argv.slice(2);
  const usage = `Aufruf: npm run cli -- <${COMMANDS.join('|')}> … (Beschreibung: docs/cli.md)\n\n${IMPORT_HELP}\n`;
  if (cmd === '--help' || cmd === '-h' || cmd === 'hilfe' || rest.includes('--help')) {
    process.stdout.write(usage);
    return;
  }
  if (!cmd || !(COMMANDS as readonly string[]).includes(cmd)) {
    process.stderr.write(usage);
    process.exit(2);
  }
  const mod = (await import(`./commands/${cmd}.ts`)) as { run: (argv: string[]) => Promise<unknown> };
  const result = await mod.run(rest);
  process.stdout.write(JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2) + '\n');
  // a misspelt option (`--dash-zeros`) would otherwise change nothing without a word
  for (const k of unusedFlags(rest)) process.stderr.write(`Hinweis: Option --${k} wurde nicht verwendet (unbekannt oder bei diesem Aufruf ohne Wirkung; npm run cli -- --help).\n`);
}

main().catch((e: unknown) => {
  const { message, hint } = errorText(e, 'de');
  process.stderr.write(`Fehler: ${message}${hint ? `\nHinweis: ${hint}` : ''}\n`);
  process.exit(1);
});
