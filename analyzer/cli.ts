#!/usr/bin/env node
/**
 * The `piiguard` command line: argv in, exit code out. It owns argument parsing, the choice of
 * reporter, colour, the progress line and exit codes; the analysis itself is `analyze()`, which
 * returns data and never prints (STYLE habit 5).
 *
 * Exit codes: 0 no error-level finding; 1 at least one; 2 usage error, config or project error,
 * a file that could not be analysed, or a bug in piiguard.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PiiguardError } from '../core/errors.js';
import type { AnalysisResult } from '../core/findings.js';
import type { AnalyzeOptions } from './options.js';
import { createProgressLine } from './progress.js';
import { isFormat, isPlannedFormat, renderReport, reporters } from './reporters/index.js';

/** The world as the CLI sees it; tests pass their own. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Width of the stderr terminal, for the progress line. */
  stderrColumns?: number;
  /** Clock in milliseconds, for the progress line's throttle. */
  now?: () => number;
}

export interface CliDeps {
  analyze(options: AnalyzeOptions): Promise<AnalysisResult>;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_FAILURE = 2;

/** A mistake on the command line: printed as one line plus a pointer to `--help`, exit 2. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly helpCommand = 'piiguard',
  ) {
    super(message);
  }
}

type Command = (args: string[], io: CliIo, deps: Partial<CliDeps>) => Promise<number>;

const COMMANDS: Record<string, Command> = { check: runCheck };

/** SPEC §8 commands that are not built yet: they fail loudly rather than do nothing. */
const PLANNED_COMMANDS = new Set(['report', 'init', 'explain']);

const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies OptionTable;

const CHECK_OPTIONS = {
  project: { type: 'string', short: 'p' },
  config: { type: 'string' },
  format: { type: 'string' },
  quiet: { type: 'boolean' },
  timings: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  // SPEC §8 options not built yet: parsed so they fail with "not built yet" instead of
  // "unknown option", and so they have their place when they come.
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  'max-warnings': { type: 'string' },
} as const satisfies OptionTable;

const PLANNED_CHECK_OPTIONS = ['baseline', 'update-baseline', 'max-warnings'] as const;

const HELP = `Usage: piiguard <command> [options]

Keeps personal data out of product telemetry: finds where tagged personal data reaches
analytics, logging and error-tracking calls in a TypeScript project.

Commands:
  check [paths…]   Report every unapproved flow of personal data into a sink

Options:
  -h, --help       Show this help
  -v, --version    Print the version

Run 'piiguard check --help' for the options of check.
`;

const CHECK_HELP = `Usage: piiguard check [paths…] [options]

Reports every flow of personal data into a telemetry or logging call that no allow entry
of the config approves. Paths, when given, limit the report to those files or directories.

Options:
  -p, --project <tsconfig>  TypeScript project to analyse (default: the config's "project",
                            else tsconfig.json)
      --config <file>       piiguard config (default: looked up from the current directory up)
      --format <name>       ${Object.keys(reporters).join(' | ')} (default: pretty)
      --quiet               Report errors only; warnings are hidden
      --timings             Print how long each phase took, on stderr
  -h, --help                Show this help

Exit codes: 0 no error-level finding, 1 at least one, 2 usage, config or internal error.
Colour follows the terminal; NO_COLOR turns it off, FORCE_COLOR on.
`;

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit code. Never
 * throws and never calls `process.exit`.
 */
export async function runCli(argv: string[], io: CliIo, deps: Partial<CliDeps> = {}): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first.startsWith('-')) return runGlobal(argv, io);
    if (first === 'help') return runGlobal(['--help'], io);
    const command = COMMANDS[first];
    if (command) return await command(rest, io, deps);
    if (PLANNED_COMMANDS.has(first)) {
      io.stderr.write(`piiguard ${first}: not built yet\n`);
      return EXIT_FAILURE;
    }
    throw new UsageError(`unknown command '${first}'`);
  } catch (error) {
    return reportFailure(error, io);
  }
}

function runGlobal(argv: string[], io: CliIo): number {
  const { values } = parseOptions(argv, GLOBAL_OPTIONS, 'piiguard', false);
  if (values.version) {
    io.stdout.write(`${readVersion()}\n`);
    return EXIT_OK;
  }
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  throw new UsageError("missing command (expected 'check')");
}

async function runCheck(argv: string[], io: CliIo, deps: Partial<CliDeps>): Promise<number> {
  const { values, positionals } = parseOptions(argv, CHECK_OPTIONS, 'piiguard check', true);
  if (values.help) {
    io.stdout.write(CHECK_HELP);
    return EXIT_OK;
  }
  for (const name of PLANNED_CHECK_OPTIONS) {
    if (values[name] !== undefined) {
      io.stderr.write(`piiguard check: --${name} is not built yet\n`);
      return EXIT_FAILURE;
    }
  }
  const format = values.format ?? 'pretty';
  if (isPlannedFormat(format)) {
    io.stderr.write(`piiguard check: --format ${format} is not built yet\n`);
    return EXIT_FAILURE;
  }
  if (!isFormat(format)) {
    throw new UsageError(
      `unknown format '${format}' (expected ${Object.keys(reporters).join(' or ')})`,
      'piiguard check',
    );
  }

  const analyze = deps.analyze ?? (await loadAnalyze());
  const progress = createProgressLine(io.stderr, {
    enabled: io.stderrIsTTY,
    columns: io.stderrColumns,
    now: io.now,
  });
  let result: AnalysisResult;
  try {
    result = await analyze({
      cwd: io.cwd,
      // Resolved here so they mean what they meant in the user's shell, whatever directory
      // the engine later treats as the root.
      project: values.project === undefined ? undefined : path.resolve(io.cwd, values.project),
      configFile: values.config === undefined ? undefined : path.resolve(io.cwd, values.config),
      paths: positionals.length > 0 ? positionals.map((p) => path.resolve(io.cwd, p)) : undefined,
      onProgress: progress.onProgress,
      timings: values.timings === true,
    });
  } finally {
    progress.erase();
  }

  io.stdout.write(
    renderReport(format, result, {
      color: isColorEnabled(io.stdoutIsTTY, io.env),
      readFile: createSourceReader(result.root),
      quiet: values.quiet === true,
    }),
  );
  if (values.timings) io.stderr.write(formatTimings(result.timings));
  for (const problem of result.problems) {
    io.stderr.write(`piiguard: ${problem.file === undefined ? '' : `${problem.file}: `}${problem.message}\n`);
  }

  if (result.problems.length > 0) return EXIT_FAILURE;
  return result.findings.some((finding) => finding.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
}

// Loaded on demand: `--help` and `--version` should not pay for loading TypeScript.
async function loadAnalyze(): Promise<CliDeps['analyze']> {
  const engine = await import('./analyze.js');
  return engine.analyze;
}

function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr.write(`piiguard: ${error.message}\nRun '${error.helpCommand} --help' for usage.\n`);
  } else if (error instanceof PiiguardError) {
    // The user's to fix (a bad config, a missing tsconfig): the message says everything.
    io.stderr.write(`piiguard: ${error.message}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`piiguard: internal error: ${message}\n`);
    if (io.env.PIIGUARD_DEBUG && error instanceof Error && error.stack) {
      io.stderr.write(`${error.stack}\n`);
    }
    io.stderr.write(
      'This is a bug in piiguard; please report it with the command you ran' +
        (io.env.PIIGUARD_DEBUG ? ' and the stack above.\n' : ' (set PIIGUARD_DEBUG=1 to print the stack).\n'),
    );
  }
  return EXIT_FAILURE;
}

type OptionTable = NonNullable<ParseArgsConfig['options']>;

/**
 * `parseArgs` in strict mode, with messages of our own: Node's are long and suggest `--`
 * tricks. The tokens are checked first so each mistake gets one clear line.
 */
function parseOptions<T extends OptionTable>(
  args: string[],
  options: T,
  commandName: string,
  allowPositionals: boolean,
) {
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional' && !allowPositionals) {
      throw new UsageError(`unexpected argument '${token.value}'`, commandName);
    }
    if (token.kind !== 'option') continue;
    const option = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (!option) throw new UsageError(`unknown option '${token.rawName}'`, commandName);
    if (option.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) {
      throw new UsageError(`option '${token.rawName}' needs a value`, commandName);
    }
    if (option.type === 'boolean' && token.value !== undefined) {
      throw new UsageError(`option '${token.rawName}' takes no value`, commandName);
    }
  }
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (error) {
    // Whatever the token check missed: keep Node's first sentence.
    const message = error instanceof Error ? error.message.split(/\.\s|\n/)[0]! : String(error);
    throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1), commandName);
  }
}

/** Colour when the stream is a terminal, unless NO_COLOR says no; FORCE_COLOR wins either way. */
export function isColorEnabled(isTTY: boolean, env: Record<string, string | undefined>): boolean {
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.NO_COLOR) return false;
  return isTTY && env.TERM !== 'dumb';
}

function createSourceReader(root: string): (file: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      let text: string | undefined;
      try {
        text = readFileSync(path.resolve(root, file), 'utf8');
      } catch {
        text = undefined; // no frame for a file that moved; the finding still prints
      }
      cache.set(file, text);
    }
    return cache.get(file);
  };
}

export function formatTimings(timings: AnalysisResult['timings']): string {
  if (!timings || timings.length === 0) return 'piiguard: no timings were recorded\n';
  const rows = timings.map(({ phase, ms }) => [phase, ms.toFixed(1)] as const);
  const header = ['phase', 'time (ms)'] as const;
  const nameWidth = Math.max(header[0].length, ...rows.map(([phase]) => phase.length));
  const timeWidth = Math.max(header[1].length, ...rows.map(([, ms]) => ms.length));
  return [header, ...rows].map(([phase, ms]) => `${phase.padEnd(nameWidth)}  ${ms.padStart(timeWidth)}\n`).join('');
}

function readVersion(): string {
  // The package refers to itself by name through its `exports`, from source and from dist alike.
  const require = createRequire(import.meta.url);
  return (require('piiguard/package.json') as { version: string }).version;
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    // npm links bins, so argv[1] may be a symlink; Node has already resolved import.meta.url.
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  // `piiguard check | head` closes the pipe early; that is not a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    throw error;
  });
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stderrColumns: process.stderr.columns,
  });
}
