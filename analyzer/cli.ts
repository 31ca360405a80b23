#!/usr/bin/env node
/**
 * The `piiguard` command line: argv in, exit code out. It owns argument parsing, the choice of
 * reporter, colour, the progress line and exit codes; the analysis itself is `analyze()`, which
 * returns data and never prints (STYLE habit 5).
 *
 * Exit codes: 0 no error-level finding; 1 at least one; 2 usage error, config or project error,
 * a file that could not be analysed, or a bug in piiguard.
 */
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  EDITOR_RULES,
  findClosestName,
  findEditorRule,
  isFailingProblem,
  PiiguardError,
  type AnalysisResult,
  type PiiguardConfig,
  type Problem,
} from '../core/index.js';
import type { AnalyzeResult } from './analyze.js';
import { DEFAULT_CACHE_LOCATION } from './cache-location.js';
import { applyBaseline, DEFAULT_BASELINE_FILE, formatBaseline, parseBaseline, type Baseline } from './baseline.js';
import { findRuleId, formatEditorRuleExplanation, formatExplanation, RULE_IDS } from './explain.js';
import {
  createStarterConfig,
  findConfigInDirectory,
  findSchemaReference,
  findInstalledSdks,
  formatInitSummary,
  INIT_CONFIG_FILE,
} from './init.js';
import type { AnalyzeOptions } from './options.js';
import { createProgressLine } from './progress.js';
import { formatSinks, formatSources, TAGGING_FORMATS, type TaggingFormat } from './tagging-report.js';
import { buildInventory, createSourceLink, isReportFormat, reportFormats } from './report/index.js';
import { formatAliases, renderReport, reporters, resolveFormat, type ReporterContext } from './reporters/index.js';

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
  analyze(options: AnalyzeOptions): Promise<AnalyzeResult>;
  /** Ends `check --watch` (a test's; the CLI ends on SIGINT). */
  watchSignal?: AbortSignal;
  /** Today's date (ISO) for `report`'s expiry column; the current UTC date unless a test fixes it. */
  today?: string;
  /** `tag` on a terminal: which category an ambiguous name is (undefined skips it). */
  ask?: (question: { name: string; at: string; choices: readonly string[] }) => Promise<string | undefined>;
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

const COMMANDS: Record<string, Command> = {
  check: runCheck,
  report: runReport,
  init: runInit,
  explain: runExplain,
  sources: (argv, io, deps) => runTagging('sources', argv, io, deps),
  sinks: (argv, io, deps) => runTagging('sinks', argv, io, deps),
  tag: (argv, io, deps) => runEdit('tag', argv, io, deps),
  fix: (argv, io, deps) => runEdit('fix', argv, io, deps),
};

const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies OptionTable;

const CHECK_OPTIONS = {
  project: { type: 'string', short: 'p', multiple: true },
  config: { type: 'string' },
  format: { type: 'string' },
  quiet: { type: 'boolean' },
  timings: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  'max-warnings': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'print-config': { type: 'boolean' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  summaries: { type: 'boolean' },
  watch: { type: 'boolean', short: 'w' },
} as const satisfies OptionTable;

const REPORT_OPTIONS = {
  project: { type: 'string', short: 'p', multiple: true },
  config: { type: 'string' },
  format: { type: 'string' },
  'source-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionTable;

const TAGGING_OPTIONS = {
  project: { type: 'string', short: 'p', multiple: true },
  config: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionTable;

/** What `tag` and `fix` share: the project, and whether (and over what) they write. */
const EDIT_OPTIONS = {
  project: { type: 'string', short: 'p', multiple: true },
  config: { type: 'string' },
  write: { type: 'boolean' },
  force: { type: 'boolean' },
} as const satisfies OptionTable;

const TAG_OPTIONS = {
  ...EDIT_OPTIONS,
  category: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionTable;

const FIX_OPTIONS = {
  ...EDIT_OPTIONS,
  approve: { type: 'boolean' },
  reason: { type: 'string' },
  owner: { type: 'string' },
  expires: { type: 'string' },
  rule: { type: 'string', multiple: true },
  category: { type: 'string', multiple: true },
  sink: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionTable;

const INIT_OPTIONS = {
  project: { type: 'string', short: 'p' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionTable;

const EXPLAIN_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionTable;

/** Each command's options, by the name `--help` and the usage errors call it by. */
export const OPTIONS = {
  piiguard: GLOBAL_OPTIONS,
  'piiguard check': CHECK_OPTIONS,
  'piiguard report': REPORT_OPTIONS,
  'piiguard init': INIT_OPTIONS,
  'piiguard explain': EXPLAIN_OPTIONS,
  'piiguard sources': TAGGING_OPTIONS,
  'piiguard sinks': TAGGING_OPTIONS,
  'piiguard tag': TAG_OPTIONS,
  'piiguard fix': FIX_OPTIONS,
} as const satisfies Record<string, OptionTable>;

const HELP = `Usage: piiguard <command> [options]

Keeps personal data out of product telemetry: finds where tagged personal data reaches
analytics, logging and error-tracking calls in a TypeScript project.

Commands:
  check [paths…]   Report every unapproved flow of personal data into a sink
  report           The data-flow inventory for a privacy review (html, markdown, json)
  init             Write a starter piiguard.config.json and show what piiguard finds
  sources          List what is tagged as personal data, per file, and why
  sinks            List the calls that are sinks, per file, and why
  tag              Turn what the heuristics found into tags at the declarations (diff; --write)
  fix              Wrap, drop or approve unapproved flows across the project (diff; --write)
  explain <rule>   What a rule means, an example, and how to fix or approve

Options:
  -h, --help       Show this help
  -v, --version    Print the version

Run 'piiguard <command> --help' for the options of a command.
`;

const REPORT_HELP = `Usage: piiguard report [options]

The data-flow inventory for a privacy review: which categories of personal data reach which
vendors, through which events, in which form, approved by which allow entry (reason, owner,
expiry), and where in the code; plus the unapproved flows. Printed on stdout.

Options:
  -p, --project <tsconfig>  TypeScript project to analyse; repeat it for several (default: the
                            config's "project", else the nearest tsconfig.json from here up)
      --config <file>       piiguard config (default: the nearest piiguard.config.* from the
                            tsconfig's directory up; without one, the defaults)
      --format <name>       ${Object.keys(reportFormats).join(' | ')} (default: html, one self-contained page)
      --source-url <url>    Link code locations to this URL, with {file}, {line}, {column}:
                            https://github.com/acme/app/blob/main/{file}#L{line}
                            (default: the file's path, for a report saved in this directory)
  -h, --help                Show this help

Example: piiguard report > piiguard-report.html
`;

const SOURCES_HELP = `Usage: piiguard sources [options]

Lists, per file, what piiguard treats as personal data and why: a brand type (\`Email\`), a
\`@pii\` tag (also \`/// @pii\` in schema.prisma), a \`sources\` entry of the config (with the
entry), or the name heuristics. Reads of properties declared outside the project (a generated
Prisma client, an ORM's types) are listed where they are read.

Options:
  -p, --project <tsconfig>  TypeScript project to analyse; repeat it for several (default: the
                            config's "project", else the nearest tsconfig.json from here up)
      --config <file>       piiguard config (default: the nearest piiguard.config.* up)
      --format <name>       pretty | json (default: pretty)
  -h, --help                Show this help
`;

const SINKS_HELP = `Usage: piiguard sinks [options]

Lists, per file, the calls piiguard treats as sinks and why: a built-in pack (\`pack posthog\`),
a \`sinks\` entry of the config (\`config sinks[0]\`), or an inferred wrapper (a function of the
project whose parameter reaches a sink).

Options:
  -p, --project <tsconfig>  TypeScript project to analyse; repeat it for several (default: the
                            config's "project", else the nearest tsconfig.json from here up)
      --config <file>       piiguard config (default: the nearest piiguard.config.* up)
      --format <name>       pretty | json (default: pretty)
  -h, --help                Show this help
`;

const EDIT_EXIT_CODES = `Exit codes: 0 nothing (left) to change; 1 without --write, changes to make; with --write,
findings it could not change (listed as skipped); 2 usage, config or internal error, or a file
with uncommitted changes (nothing is written then).
`;

const TAG_HELP = `Usage: piiguard tag [options]

Turns the heuristics' findings (untagged-pii, and secret-flow for a credential found by name)
into tags where each value is declared: \`email: string\` in the project's interface, type
alias, class, parameter or variable becomes \`email: Email\` with \`import type { Email } from
'piiguard'\` (a declaration of another type, or a zod schema's field, gets \`/** @pii <category> */\`);
a generated Prisma client's field gets \`/// @pii <category>\` in the project's schema.prisma (run
prisma generate after); a type the project cannot edit (node_modules) gets a \`sources\` entry in
the config. Prints the diff; --write writes it. \`piiguard check\` then judges the tagged flows.

Options:
  -p, --project <tsconfig>  TypeScript project to analyse (default: the config's "project", else
                            the nearest tsconfig.json from here up)
      --config <file>       piiguard config (default: the nearest piiguard.config.* up)
      --write               Write the changes (default: print the diff)
      --force               Write into files with uncommitted git changes too (default: refuse,
                            naming them)
      --category <c>        The category of an ambiguous name (address, identifier, …):
                            <category> for all of them, or <name>=<category>; repeatable
                            (default: ask on a terminal, else skip and report them)
  -h, --help                Show this help

${EDIT_EXIT_CODES}`;

const FIX_HELP = `Usage: piiguard fix [paths…] [options]

Applies across the project the fixes the ESLint rules suggest one at a time: a value that an
allow entry approves in another form is wrapped in the runtime wrapper that gives it
(\`pseudonymize(user.email, 'email')\`), with its import; a property that the event's tracking
plan does not list is removed. With --approve, writes allow entries for the selected findings
instead. Prints the diff; --write writes it. Paths limit it to findings in those files or
directories.

Options:
  -p, --project <tsconfig>  TypeScript project to analyse (default: the config's "project", else
                            the nearest tsconfig.json from here up)
      --config <file>       piiguard config (default: the nearest piiguard.config.* up)
      --write               Write the changes (default: print the diff)
      --force               Write into files with uncommitted git changes too (default: refuse,
                            naming them)
      --rule <rule>         Only findings of this rule; repeatable (default: unapproved-flow and
                            unplanned-property; with --approve, unapproved-flow, expired-approval
                            and weak-hash)
      --category <c>        Only flows of this category; repeatable (default: every category)
      --sink <id>           Only flows into this sink; repeatable (default: every sink)
      --approve             Write allow entries for the selected flows instead of changing code
                            (default: change the code)
      --reason <text>       The entries' reason (default: none; required with --approve)
      --owner <team>        The entries' owner (default: none)
      --expires <date>      The entries' expiry, YYYY-MM-DD (default: none, they do not expire)
  -h, --help                Show this help

${EDIT_EXIT_CODES}`;

const INIT_HELP = `Usage: piiguard init [options]

Writes a starter ${INIT_CONFIG_FILE} in the current directory (never over an existing config),
then lists the telemetry SDKs and sink calls found in the project and the untagged values that
the heuristics think are personal, with how to tag each.

Options:
  -p, --project <tsconfig>  TypeScript project to analyse, recorded as "project" in the config
                            (default: the nearest tsconfig.json from here up, not recorded)
  -h, --help                Show this help
`;

const EXPLAIN_HELP = `Usage: piiguard explain <rule>

What a rule means, an example, and how to fix or approve what it reports. The rules (the
piiguard/ prefix may be left out):
${wrapList(
  RULE_IDS.map((id) => id.replace(/^piiguard\//, '')),
  '  ',
  92,
)}

Options:
  -h, --help  Show this help
`;

const CHECK_HELP = `Usage: piiguard check [paths…] [options]

Reports every flow of personal data into a telemetry or logging call that no allow entry
of the config approves. Paths, when given, limit the report to those files or directories
(default: the whole project).

Options:
  -p, --project <tsconfig>  TypeScript project to analyse; repeat it for several projects. A
                            solution tsconfig analyses each referenced project once (default:
                            the config's "project", else the nearest tsconfig.json from here up)
      --config <file>       piiguard config (default: the nearest piiguard.config.* from the
                            tsconfig's directory up; without one, the defaults)
      --format <name>       ${Object.keys(reporters).join(' | ')} (default: pretty;
                            ${formatList(Object.keys(formatAliases), 'and')}, ESLint's names, mean pretty)
      --baseline <file>     Findings recorded in this file do not fail the run, matched by
                            fingerprint, which survives unrelated edits (default: none)
      --update-baseline     Record every current finding in the baseline file (default file:
                            --baseline, else ${DEFAULT_BASELINE_FILE})
      --max-warnings <n>    Exit 1 when there are more than n warnings (default: no limit)
      --quiet               Report errors only (default: warnings too)
      --color, --no-color   Colour the report or not; the flag wins over NO_COLOR and
                            FORCE_COLOR (default: colour on a terminal; NO_COLOR or
                            FORCE_COLOR=0 turn it off, FORCE_COLOR=1 on, also in a pipe)
      --timings             Print how long each phase took, on stderr (default: off)
      --print-config        Print the config the check would use, as JSON, and exit
      --cache               Keep what was learnt about each file between runs; a file that did
                            not change, nor what it depends on, is not analysed again (default:
                            off; the findings are the same with and without it)
      --cache-location <dir>  Where --cache keeps it; implies --cache (default:
                            ${DEFAULT_CACHE_LOCATION})
      --summaries           In a monorepo package: write piiguard-summary.json beside its
                            tsconfig, and read those of the packages it references instead of
                            analysing their sources when they are current (default: off; the
                            findings are the same with and without it)
  -w, --watch               Check again after every change to the project's files, reusing what
                            did not change (default: off; Ctrl-C stops)
  -h, --help                Show this help

The last line of the pretty report names the config and tsconfig used.
Exit codes: 0 no error-level finding (beyond the baseline); 1 an error-level finding, or more
warnings than --max-warnings allows; 2 usage, config or internal error.
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
    const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
    if (command) return await command(rest, io, deps);
    throw new UsageError(`unknown command '${first}'${suggest(findClosestName(first, [...Object.keys(COMMANDS), 'help']))}`);
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
  throw new UsageError(
    `missing command (expected ${Object.keys(COMMANDS)
      .map((name) => `'${name}'`)
      .join(', ')})`,
  );
}

async function runCheck(argv: string[], io: CliIo, deps: Partial<CliDeps>): Promise<number> {
  const { values, positionals, tokens } = parseOptions(argv, CHECK_OPTIONS, 'piiguard check', true);
  if (values.help) {
    io.stdout.write(CHECK_HELP);
    return EXIT_OK;
  }
  const format = resolveFormat(values.format ?? 'pretty');
  if (format === undefined) {
    throw unknownFormat(values.format!, {
      command: 'piiguard check',
      formats: Object.keys(reporters),
      aliases: Object.keys(formatAliases),
      elsewhere: { command: 'piiguard report', formats: Object.keys(reportFormats) },
    });
  }
  if (values['update-baseline'] && positionals.length > 0) {
    throw new UsageError("'--update-baseline' records the findings of the whole project; run it without paths", 'piiguard check');
  }
  const maxWarnings =
    values['max-warnings'] === undefined ? undefined : parseCount(values['max-warnings'], '--max-warnings', 'piiguard check');
  if (values['print-config']) {
    // Like `eslint --print-config`: the config found as the check would find it, and no check.
    const { loadAnalyzedConfig } = await import('./analyze.js');
    const loaded = await loadAnalyzedConfig({
      cwd: io.cwd,
      project: resolveProjects(io.cwd, values.project),
      configFile: values.config === undefined ? undefined : path.resolve(io.cwd, values.config),
    });
    io.stdout.write(formatConfig(loaded.config));
    return EXIT_OK;
  }
  const baselineFile =
    values.baseline !== undefined || values['update-baseline'] ? path.resolve(io.cwd, values.baseline ?? DEFAULT_BASELINE_FILE) : undefined;
  // Named as the user wrote it: never an absolute path they did not type.
  const baselineName = baselineFile === undefined ? '' : toPosix(values.baseline ?? DEFAULT_BASELINE_FILE);
  // Read before the analysis, so a missing or broken baseline fails fast.
  let baseline: Baseline | undefined;
  if (baselineFile !== undefined && !values['update-baseline']) {
    baseline = parseBaseline(readBaselineFile(baselineFile, baselineName), baselineName);
  }

  const cacheLocation =
    values['cache-location'] !== undefined ? values['cache-location'] : values.cache ? DEFAULT_CACHE_LOCATION : undefined;
  const session = values.watch ? new (await import('./session.js')).AnalysisSession() : undefined;
  const runOnce = async (): Promise<number> => {
    let result: AnalyzeResult = await runAnalysis(io, deps, {
      project: values.project,
      config: values.config,
      paths: positionals,
      timings: values.timings === true,
      ...(cacheLocation !== undefined ? { cacheLocation } : {}),
      ...(values.summaries ? { summaries: true } : {}),
      ...(session ? { session } : {}),
    });

    if (baselineFile !== undefined && values['update-baseline']) {
      if (result.partial) {
        throw new PiiguardError(
          `not updating ${baselineName}: this run covers part of the config's program (one package); run --update-baseline where the config is, over the whole program`,
        );
      }
      const text = formatBaseline(result.findings);
      writeUserFile(baselineFile, text, `the baseline ${baselineName}`);
      baseline = parseBaseline(text, baselineName);
      io.stderr.write(`piiguard: recorded ${plural(baseline.findings.length, 'finding')} in ${baselineName}\n`);
    }
    let baselineSummary: ReporterContext['baseline'];
    if (baseline !== undefined) {
      const outcome = applyBaseline(result, baseline);
      result = outcome.result;
      baselineSummary = {
        file: baselineName,
        accepted: outcome.accepted,
        ...(values['update-baseline'] ? { recorded: baseline.findings.length } : {}),
      };
      if (!values['update-baseline'] && outcome.accepted > 0) {
        io.stderr.write(`piiguard: ${plural(outcome.accepted, 'finding')} recorded in ${baselineName} not reported\n`);
      }
      // With paths, or over one package, findings elsewhere are not looked at: their entries are not stale.
      if (outcome.stale > 0 && positionals.length === 0 && !result.partial) {
        io.stderr.write(
          `piiguard: ${plural(outcome.stale, 'baseline entry', 'baseline entries')} in ${baselineName} ${outcome.stale === 1 ? 'matches' : 'match'} no finding any more; --update-baseline removes ${outcome.stale === 1 ? 'it' : 'them'}\n`,
        );
      }
    }

    const used = getUsedFiles(io.cwd, result);
    io.stdout.write(
      renderReport(format, result, {
        color: isColorEnabled(io.stdoutIsTTY, io.env, getColorFlag(tokens)),
        readFile: createSourceReader(result.root),
        quiet: values.quiet === true,
        baseDir: getRepositoryBase(io.cwd, result.root),
        ...(used ? { used } : {}),
        ...(baselineSummary ? { baseline: baselineSummary } : {}),
      }),
    );
    if (values.timings) io.stderr.write(formatTimings(result.timings));
    for (const problem of result.problems) {
      io.stderr.write(formatProblem(problem));
    }

    if (result.problems.some(isFailingProblem)) return EXIT_FAILURE;
    if (result.findings.some((finding) => finding.severity === 'error')) return EXIT_FINDINGS;
    // Like ESLint: warnings count whether or not --quiet hides them.
    const warnings = result.findings.filter((finding) => finding.severity === 'warning').length;
    if (maxWarnings !== undefined && warnings > maxWarnings) {
      io.stderr.write(`piiguard: too many warnings (${warnings}); --max-warnings allows ${maxWarnings}\n`);
      return EXIT_FINDINGS;
    }
    return EXIT_OK;
  };
  if (!session) return runOnce();
  return (await import('./watch.js')).watchProject(io, deps.watchSignal, runOnce);
}

async function runReport(argv: string[], io: CliIo, deps: Partial<CliDeps>): Promise<number> {
  const { values } = parseOptions(argv, REPORT_OPTIONS, 'piiguard report', false);
  if (values.help) {
    io.stdout.write(REPORT_HELP);
    return EXIT_OK;
  }
  const format = values.format ?? 'html';
  if (!isReportFormat(format)) {
    throw unknownFormat(format, {
      command: 'piiguard report',
      formats: Object.keys(reportFormats),
      elsewhere: { command: 'piiguard check', formats: [...Object.keys(reporters), ...Object.keys(formatAliases)] },
    });
  }
  const today = deps.today ?? new Date().toISOString().slice(0, 10);
  const result = await runAnalysis(io, deps, { project: values.project, config: values.config, paths: [], today });
  const inventory = buildInventory(result, { today });
  // Without a template, links are paths from here, where the report is saved; a template is a
  // repository URL, so its {file} is relative to the repository root.
  const template = values['source-url'];
  const linkBase = template === undefined ? toPosix(path.relative(io.cwd, result.root)) : getRepositoryBase(io.cwd, result.root);
  io.stdout.write(reportFormats[format](inventory, createSourceLink(template, linkBase)));
  for (const problem of result.problems) {
    io.stderr.write(formatProblem(problem));
  }
  return result.problems.some(isFailingProblem) ? EXIT_FAILURE : EXIT_OK;
}

async function runInit(argv: string[], io: CliIo, deps: Partial<CliDeps>): Promise<number> {
  const { values } = parseOptions(argv, INIT_OPTIONS, 'piiguard init', false);
  if (values.help) {
    io.stdout.write(INIT_HELP);
    return EXIT_OK;
  }
  const existing = findConfigInDirectory(io.cwd);
  if (existing !== undefined) {
    io.stderr.write(`piiguard init: ${existing} already exists here; not overwriting it (edit it, or delete it to start over)\n`);
    return EXIT_FAILURE;
  }
  // Analysed before anything is written: a project that cannot be loaded leaves no half-done setup.
  const result = await runAnalysis(io, deps, { project: values.project, config: undefined, paths: [] });
  const project = values.project === undefined ? undefined : toPosix(path.relative(io.cwd, path.resolve(io.cwd, values.project)));
  // `wx`: should a config appear meanwhile, it is still not overwritten.
  writeUserFile(
    path.join(io.cwd, INIT_CONFIG_FILE),
    createStarterConfig({ project, schema: findSchemaReference(io.cwd) }),
    INIT_CONFIG_FILE,
    'wx',
  );
  io.stdout.write(formatInitSummary({ configFile: INIT_CONFIG_FILE, result, sdks: findInstalledSdks(io.cwd) }));
  for (const problem of result.problems) {
    io.stderr.write(formatProblem(problem));
  }
  return EXIT_OK;
}

async function runEdit(command: 'tag' | 'fix', argv: string[], io: CliIo, deps: Partial<CliDeps>): Promise<number> {
  const name = `piiguard ${command}` as const;
  const { values, positionals } = parseOptions(argv, command === 'tag' ? TAG_OPTIONS : FIX_OPTIONS, name, command === 'fix');
  if (values.help) {
    io.stdout.write(command === 'tag' ? TAG_HELP : FIX_HELP);
    return EXIT_OK;
  }
  const fix = command === 'fix' ? (values as { [K in keyof typeof FIX_OPTIONS]?: string | string[] | boolean }) : undefined;
  if (fix?.approve && typeof fix.reason !== 'string')
    throw new UsageError("'--approve' needs '--reason <text>' (an allow entry says why)", name);
  if (fix && !fix.approve && (fix.reason !== undefined || fix.owner !== undefined || fix.expires !== undefined)) {
    throw new UsageError("'--reason', '--owner' and '--expires' go with '--approve'", name);
  }
  if (typeof fix?.expires === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(fix.expires)) {
    throw new UsageError(`option '--expires' expects a date (YYYY-MM-DD), got '${fix.expires}'`, name);
  }
  const today = deps.today ?? new Date().toISOString().slice(0, 10);
  const result = await runAnalysis(io, deps, { project: values.project, config: values.config, paths: [], today });
  for (const problem of result.problems) io.stderr.write(formatProblem(problem));
  // Like check: a problem that stops the analysis stops the edits; a warning (a built package) does not.
  if (result.problems.some(isFailingProblem)) return EXIT_FAILURE;
  const { runEditCommand } = await import('./edit-command.js');
  return runEditCommand(command, {
    io,
    result,
    today,
    values: values,
    paths: positionals.map((p) => path.resolve(io.cwd, p)),
    ask: deps.ask,
  });
}

async function runTagging(what: 'sources' | 'sinks', argv: string[], io: CliIo, deps: Partial<CliDeps>): Promise<number> {
  const command = `piiguard ${what}` as const;
  const { values } = parseOptions(argv, TAGGING_OPTIONS, command, false);
  if (values.help) {
    io.stdout.write(what === 'sources' ? SOURCES_HELP : SINKS_HELP);
    return EXIT_OK;
  }
  const format = values.format ?? 'pretty';
  if (!(TAGGING_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format '${format}' (expected ${formatList([...TAGGING_FORMATS], 'or')})`, command);
  }
  const result = await runAnalysis(io, deps, { project: values.project, config: values.config, paths: [], tagging: true });
  const tagging = result.tagging ?? { heuristics: 'warn', sources: [], sinks: [] };
  const heuristics = tagging.heuristics;
  io.stdout.write(
    what === 'sources'
      ? formatSources(tagging, format as TaggingFormat, readVersion(), heuristics)
      : formatSinks(tagging, format as TaggingFormat, readVersion()),
  );
  for (const problem of result.problems) {
    io.stderr.write(formatProblem(problem));
  }
  return result.problems.some(isFailingProblem) ? EXIT_FAILURE : EXIT_OK;
}

async function runExplain(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, EXPLAIN_OPTIONS, 'piiguard explain', true);
  if (values.help) {
    io.stdout.write(EXPLAIN_HELP);
    return EXIT_OK;
  }
  const rules = RULE_IDS.map((id) => `  ${id}`).join('\n');
  if (positionals.length !== 1) {
    io.stderr.write(`piiguard explain: name one rule. The rules are:\n${rules}\n`);
    return EXIT_FAILURE;
  }
  const ruleId = findRuleId(positionals[0]);
  const editorRule = ruleId === undefined ? findEditorRule(positionals[0]) : undefined;
  if (editorRule !== undefined) {
    io.stdout.write(formatEditorRuleExplanation(editorRule));
    return EXIT_OK;
  }
  if (ruleId === undefined) {
    const closest = findClosestName(positionals[0].replace(/^piiguard\//, ''), [
      ...RULE_IDS.map((id) => id.replace(/^piiguard\//, '')),
      ...Object.keys(EDITOR_RULES),
    ]);
    const hint = closest === undefined ? '' : ` Did you mean '${closest}'?`;
    io.stderr.write(`piiguard explain: unknown rule '${positionals[0]}'.${hint} The rules are:\n${rules}\n`);
    return EXIT_FAILURE;
  }
  io.stdout.write(formatExplanation(ruleId));
  return EXIT_OK;
}

/** Runs the engine with the progress line, the way every command does. */
async function runAnalysis(
  io: CliIo,
  deps: Partial<CliDeps>,
  args: Pick<AnalyzeOptions, 'cacheLocation' | 'session' | 'summaries'> & {
    project?: string | string[];
    config?: string;
    paths: string[];
    timings?: boolean;
    today?: string;
    tagging?: boolean;
  },
): Promise<AnalyzeResult> {
  const analyze = deps.analyze ?? (await loadAnalyze());
  const progress = createProgressLine(io.stderr, {
    enabled: io.stderrIsTTY,
    columns: io.stderrColumns,
    now: io.now,
  });
  try {
    return await analyze({
      cwd: io.cwd,
      // Resolved here so they mean what they meant in the user's shell, whatever directory
      // the engine later treats as the root.
      project: resolveProjects(io.cwd, args.project),
      configFile: args.config === undefined ? undefined : path.resolve(io.cwd, args.config),
      paths: args.paths.length > 0 ? args.paths.map((p) => path.resolve(io.cwd, p)) : undefined,
      onProgress: progress.onProgress,
      timings: args.timings === true,
      ...(args.tagging ? { tagging: true } : {}),
      ...(args.today ? { today: args.today } : {}),
      ...(args.cacheLocation !== undefined ? { cacheLocation: path.resolve(io.cwd, args.cacheLocation) } : {}),
      ...(args.summaries ? { summaries: true } : {}),
      ...(args.session ? { session: args.session } : {}),
    });
  } finally {
    progress.erase();
  }
}

/**
 * `unknown format 'jsno' (did you mean 'json'? expected pretty, json, sarif, github or
 * markdown)`; a format of the other command (`check --format html`) says which command has it.
 */
function unknownFormat(
  format: string,
  choices: { command: string; formats: string[]; aliases?: string[]; elsewhere: { command: string; formats: string[] } },
): UsageError {
  const { command, formats, aliases = [], elsewhere } = choices;
  const other = elsewhere.formats.includes(format) ? `; ${format} is a format of '${elsewhere.command}'` : '';
  const closest = other ? undefined : findClosestName(format, [...formats, ...aliases]);
  const hint = closest === undefined ? '' : `did you mean '${closest}'? `;
  return new UsageError(`unknown format '${format}' (${hint}expected ${formatList(formats, 'or')}${other})`, command);
}

/** `a, b, c` over as many lines as it takes to keep each within `width`, each line indented. */
function wrapList(items: readonly string[], indent: string, width: number): string {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + item.length + 2 <= width) lines[lines.length - 1] = `${last}, ${item}`;
    else lines.push(`${indent}${item}`);
  }
  return lines.join(',\n');
}

/** `a, b or c`. */
function formatList(items: readonly string[], conjunction: string): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/** ` (did you mean 'check'?)`, or nothing without a likely candidate. */
function suggest(candidate: string | undefined): string {
  return candidate === undefined ? '' : ` (did you mean '${candidate}'?)`;
}

/**
 * `--print-config`: the config as the engine reads it (defaults filled in), as JSON. Its
 * pseudonymization key, if the config holds one, is not printed: the output ends up in CI logs.
 */
function formatConfig(config: PiiguardConfig): string {
  const printed = {
    ...config,
    // `index` is the engine's bookkeeping for messages (`allow[2]`), not something a user writes.
    allow: config.allow.map(({ index: _index, ...entry }) => entry),
    ...(config.pseudonymization?.key === undefined ? {} : { pseudonymization: { ...config.pseudonymization, key: '(redacted)' } }),
  };
  return JSON.stringify(printed, null, 2) + '\n';
}

/** The config and tsconfigs of the run, named from the working directory, for the summary line. */
function getUsedFiles(cwd: string, result: AnalyzeResult): ReporterContext['used'] {
  if (!result.used) return undefined;
  const name = (file: string) => toPosix(path.relative(cwd, file)) || path.basename(file);
  return {
    ...(result.used.config === undefined ? {} : { config: name(result.used.config) }),
    tsconfigs: result.used.tsconfigs.map(name),
  };
}

/** The last of `--color` and `--no-color` on the command line, if either is there. */
function getColorFlag(tokens: ReadonlyArray<{ kind: string; name?: string }>): boolean | undefined {
  const last = tokens.findLast((token) => token.kind === 'option' && (token.name === 'color' || token.name === 'no-color'));
  return last === undefined ? undefined : last.name === 'color';
}

function parseCount(text: string, option: string, command: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`option '${option}' expects a whole number ≥ 0, got '${text}'`, command);
  return Number(text);
}

/** Writes a file the user asked for; a failure (no such directory, no permission) is theirs to fix. */
function writeUserFile(file: string, text: string, name: string, flag = 'w'): void {
  try {
    writeFileSync(file, text, { flag });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new PiiguardError(`cannot write ${name} (${code})`);
  }
}

function readBaselineFile(file: string, name: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new PiiguardError(`cannot read the baseline ${name} (${code}); create it with --update-baseline`);
  }
}

/** One `-p` stays a string (as `analyze()` has always taken it); several are a list. */
function resolveProjects(cwd: string, project: string | string[] | undefined): string | string[] | undefined {
  if (project === undefined) return undefined;
  const resolved = (typeof project === 'string' ? [project] : project).map((p) => path.resolve(cwd, p));
  return resolved.length === 1 ? resolved[0] : resolved;
}

/**
 * Where `result.root` is in the repository, for the formats CI reads (sarif, github, markdown):
 * code scanning and annotations want paths from the repository root, whichever package
 * directory a monorepo tool ran piiguard in. The repository is the nearest directory up from
 * the working directory with a `.git`; outside one, the working directory stands in. A root
 * outside both gives `''`: paths stay relative to the root.
 */
export function getRepositoryBase(cwd: string, root: string): string {
  const anchor = findRepositoryRoot(cwd) ?? cwd;
  const relative = path.relative(anchor, root);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return '';
  return toPosix(relative);
}

function findRepositoryRoot(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
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
function parseOptions<T extends OptionTable>(args: string[], options: T, commandName: string, allowPositionals: boolean) {
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional' && !allowPositionals) {
      throw new UsageError(`unexpected argument '${token.value}'`, commandName);
    }
    if (token.kind !== 'option') continue;
    const option = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (!option) throw new UsageError(`unknown option '${token.rawName}'${suggest(findClosestOption(token, options))}`, commandName);
    if (option.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) {
      throw new UsageError(`option '${token.rawName}' needs a value`, commandName);
    }
    if (option.type === 'boolean' && token.value !== undefined) {
      throw new UsageError(`option '${token.rawName}' takes no value`, commandName);
    }
  }
  try {
    return parseArgs({ args, options, strict: true, allowPositionals, tokens: true });
  } catch (error) {
    // Whatever the token check missed: keep Node's first sentence.
    const message = error instanceof Error ? error.message.split(/\.\s|\n/)[0] : String(error);
    throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1), commandName);
  }
}

/**
 * `--fromat` → `--format`, `-P` → `-p`. A one-letter option is only suggested for the other
 * case of its letter: any letter is one edit from any other.
 */
function findClosestOption(token: { name: string; rawName: string }, options: OptionTable): string | undefined {
  if (!token.rawName.startsWith('--')) {
    const short = Object.values(options).find(
      (option) => option.short !== undefined && option.short.toLowerCase() === token.name.toLowerCase(),
    );
    return short?.short === undefined ? undefined : `-${short.short}`;
  }
  const closest = findClosestName(token.name, Object.keys(options));
  return closest === undefined ? undefined : `--${closest}`;
}

/**
 * Whether to colour, in this order: `--color` / `--no-color`; then the environment, where
 * FORCE_COLOR (set, and not `0` or `false`) forces it on and FORCE_COLOR=0 off, as Node and
 * chalk read it, and a non-empty NO_COLOR turns it off (no-color.org); then whether the stream
 * is a terminal that is not `TERM=dumb`.
 */
export function isColorEnabled(isTTY: boolean, env: Record<string, string | undefined>, flag?: boolean): boolean {
  if (flag !== undefined) return flag;
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
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  process.exitCode = await runCli(
    process.argv.slice(2),
    {
      stdout: process.stdout,
      stderr: process.stderr,
      cwd: process.cwd(),
      env: process.env,
      stdoutIsTTY: process.stdout.isTTY === true,
      stderrIsTTY: process.stderr.isTTY === true,
      stderrColumns: process.stderr.columns,
    },
    interactive ? { ask: async (question) => (await import('./edit-command.js')).askOnTerminal(question) } : {},
  );
}

/** `piiguard: warning: packages/legacy/package.json: …`: a problem on stderr, a warning named as one. */
function formatProblem(problem: Problem): string {
  return `piiguard: ${isFailingProblem(problem) ? '' : 'warning: '}${problem.file === undefined ? '' : `${problem.file}: `}${problem.message}\n`;
}
