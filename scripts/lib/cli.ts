// The one way every command in scripts/ reads its arguments and reports mistakes:
//   --help / -h      prints usage and exits 0 before anything else happens (no side effects)
//   unknown option   prints one line and the usage, exits 2
//   UserError        a mistake the user can fix: one line, exits 1 (never a stack trace)
//   anything else    one line naming the failure, exits 1; DEBUG=1 shows the stack
//   .env             read into process.env before the command runs (what is already set wins)
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { loadDotEnv } from './deploy-settings.ts';

/** A mistake the person running the command can fix (bad input, missing file, wrong state). */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/** Wrong arguments: reported with the usage text, exit 2. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

export interface CliArgs<O extends ParseArgsOptionsConfig> {
  values: { [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : O[K] extends { multiple: true } ? string[] : string };
  positionals: string[];
}

export interface CliSpec<O extends ParseArgsOptionsConfig> {
  /** How the command is run, e.g. "npm run draw --". */
  command: string;
  /** One line: what the command does. */
  summary: string;
  /** Usage lines after the command, e.g. ["commit --pool <file>", "verify --record <file>"]. */
  usage: string[];
  /** Options (without --help, which every command has). */
  options: O;
  /** One line per option or topic, shown under "Options". */
  help?: string[];
  /** Number of positional arguments accepted (default 0). */
  positionals?: { min?: number; max?: number };
  /** Error classes that are user mistakes too (e.g. a content file with problems): one line, exit 1. */
  userErrors?: (abstract new (...args: never[]) => Error)[];
  /** The command. A returned number is the exit code (default 0). */
  run(args: CliArgs<O>): unknown;
}

export function usageText<O extends ParseArgsOptionsConfig>(spec: CliSpec<O>): string {
  const lines = [spec.summary, '', 'Usage:', ...spec.usage.map((u) => `  ${spec.command} ${u}`.trimEnd())];
  const help = [...(spec.help ?? []), '--help  show this help and exit'];
  lines.push('', 'Options:', ...help.map((h) => `  ${h}`));
  return `${lines.join('\n')}\n`;
}

/** Parse `argv` against the spec; throws UsageError on anything not in it. Exported for tests. */
export function parseCli<O extends ParseArgsOptionsConfig>(spec: CliSpec<O>, argv: string[]): CliArgs<O> | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: spec.options, allowPositionals: true, strict: true });
  } catch (e) {
    // node:util's messages are precise ("Unknown option '--x'"); drop its hint about "--" which speaks to developers.
    throw new UsageError((e as Error).message.split('. To specify')[0]!.replace(/\.$/, ''));
  }
  const { min = 0, max = 0 } = spec.positionals ?? {};
  if (parsed.positionals.length < min) throw new UsageError(`expected ${min === max ? min : `at least ${min}`} argument${min === 1 ? '' : 's'}, got ${parsed.positionals.length}`);
  if (parsed.positionals.length > max) throw new UsageError(`unexpected argument "${parsed.positionals[max]}"`);
  return parsed as CliArgs<O>;
}

/**
 * Run a command from `process.argv`. Call it as `if (import.meta.main) await runCli(spec)` so that
 * importing the module (tests, other scripts) never runs it.
 */
export async function runCli<O extends ParseArgsOptionsConfig>(spec: CliSpec<O>, argv = process.argv.slice(2)): Promise<void> {
  const name = spec.command.replace(/^npm (run )?/, '').replace(/ --$/, '');
  try {
    const args = parseCli(spec, argv);
    if (args === 'help') {
      process.stdout.write(usageText(spec));
      process.exit(0);
    }
    // Settings from a local `.env` (never committed; .env.example lists them); the environment wins.
    loadDotEnv();
    const code = await spec.run(args);
    if (typeof code === 'number' && code !== 0) process.exit(code);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${name}: ${e.message}\n\n${usageText(spec)}`);
      process.exit(2);
    }
    if (e instanceof UserError || spec.userErrors?.some((c) => e instanceof c)) {
      process.stderr.write(`${name}: ${(e as Error).message}\n`);
      process.exit(e instanceof UserError ? e.exitCode : 1);
    }
    const err = e as Error;
    process.stderr.write(`${name}: ${err?.message ?? String(e)}\n`);
    if (process.env.DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
    else process.stderr.write(`${name}: (run with DEBUG=1 to see where it failed)\n`);
    process.exit(1);
  }
}

/** A positive integer option, or a UsageError naming it. */
export function intOption(name: string, value: string | undefined, fallback?: number, min = 1): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}, got "${value}"`);
  return n;
}

/** A required string option, or a UsageError naming it. */
export function required(name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}
