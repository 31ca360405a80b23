import { DEFAULT_CONFIG } from '../config/canonical.js';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatTimings, getRepositoryBase, isColorEnabled, OPTIONS, runCli } from '../../analyzer/cli.js';
import { reporters } from '../../analyzer/reporters/index.js';
import { ConfigError, ProjectError } from '../../core/errors.js';
import { DATA_ROOT, emailToPosthog, fakeAnalyze, ipToConsole, makeIo, makeResult, tokenToSentry } from './helpers.js';

const ESC = '\u001b[';
const noFile = { readFile: () => undefined };
const readData = (file: string) => readFileSync(path.join(DATA_ROOT, file), 'utf8');
const usage = (command: string) => `Run '${command} --help' for usage.\n`;

/** An engine that must not be reached: usage errors are found before any analysis. */
const unreachable = {
  analyze: async (): Promise<never> => {
    throw new Error('analyze must not be called');
  },
};

describe('exit codes of check', () => {
  test('0 and the clean line when nothing is found', async () => {
    const io = makeIo();
    expect(await runCli(['check'], io, fakeAnalyze(makeResult([])))).toBe(0);
    expect(io.out()).toBe('✔ no unapproved flows in 3 files\n');
    expect(io.err()).toBe('');
  });

  test('1 when an error-level finding is reported, printed by the pretty reporter with the sources from the root', async () => {
    const io = makeIo();
    const result = makeResult([emailToPosthog, ipToConsole]);
    expect(await runCli(['check'], io, fakeAnalyze(result))).toBe(1);
    expect(io.out()).toBe(reporters.pretty(result, { color: false, readFile: readData }));
    expect(io.out()).toContain('src/signup.ts:8:3\n');
    expect(io.out()).toContain(
      '\n  error  email reaches posthog (event "Signed Up") raw; no allow entry approves it  piiguard/unapproved-flow\n',
    );
    expect(io.err()).toBe('');
  });

  test('0 when there are only warnings (they are still shown)', async () => {
    const io = makeIo();
    expect(await runCli(['check'], io, fakeAnalyze(makeResult([ipToConsole])))).toBe(0);
    expect(io.out()).toContain('\n  warning  "ip" looks like ip-address (untagged) and reaches console raw  piiguard/untagged-pii\n');
    expect(io.out()).toMatch(/\n\n✖ 1 problem \(0 errors, 1 warning\) · run `piiguard explain <rule>` for what a rule means\n$/);
  });

  test('--quiet hides warnings from the report and the summary; errors still fail', async () => {
    const onlyWarnings = makeIo();
    expect(await runCli(['check', '--quiet'], onlyWarnings, fakeAnalyze(makeResult([ipToConsole])))).toBe(0);
    expect(onlyWarnings.out()).toBe('✔ no unapproved flows in 3 files\n');

    const mixed = makeIo();
    const result = makeResult([ipToConsole, emailToPosthog]);
    expect(await runCli(['check', '--quiet'], mixed, fakeAnalyze(result))).toBe(1);
    expect(mixed.out()).toBe(reporters.pretty(makeResult([emailToPosthog]), { color: false, readFile: readData }));
    expect(mixed.out()).not.toContain('untagged-pii');
  });

  test("--format stylish and codeframe (ESLint's names) print the pretty report", async () => {
    const result = makeResult([emailToPosthog, ipToConsole]);
    const pretty = makeIo();
    await runCli(['check'], pretty, fakeAnalyze(result));
    for (const format of ['stylish', 'codeframe', 'pretty']) {
      const io = makeIo();
      expect(await runCli(['check', '--format', format], io, fakeAnalyze(result))).toBe(1);
      expect(io.out()).toBe(pretty.out());
    }
  });

  test('--format json prints the json reporter byte for byte', async () => {
    const result = makeResult([tokenToSentry, ipToConsole, emailToPosthog]);
    for (const args of [
      ['check', '--format', 'json'],
      ['check', '--format=json'],
    ]) {
      const io = makeIo({ stdoutIsTTY: true });
      expect(await runCli(args, io, fakeAnalyze(result))).toBe(1);
      expect(io.out()).toBe(reporters.json(result, { color: false, ...noFile }));
      expect(io.err()).toBe('');
    }
  });

  test('2 with each problem on stderr naming its file, and the findings still on stdout', async () => {
    const io = makeIo();
    const result = makeResult([emailToPosthog], {
      problems: [
        { kind: 'unreadable-file', file: 'src/broken.ts', message: 'could not be read (EACCES)' },
        { kind: 'internal-error', message: 'the type checker gave up on a recursive type' },
      ],
    });
    expect(await runCli(['check'], io, fakeAnalyze(result))).toBe(2);
    expect(io.out()).toContain('src/signup.ts:8:3\n');
    expect(io.err()).toBe(
      'piiguard: src/broken.ts: could not be read (EACCES)\n' + 'piiguard: the type checker gave up on a recursive type\n',
    );
  });
});

describe('errors', () => {
  test('a ConfigError prints its message alone and exits 2', async () => {
    const message = 'piiguard.config.json: allow[2].expires — expected an ISO date, got "next year"';
    const io = makeIo({ env: { PIIGUARD_DEBUG: '1' } });
    const analyze = async (): Promise<never> => {
      throw new ConfigError(message, 'piiguard.config.json', 'allow[2].expires');
    };
    expect(await runCli(['check'], io, { analyze })).toBe(2);
    expect(io.err()).toBe(`piiguard: ${message}\n`);
    expect(io.out()).toBe('');
  });

  test('a ProjectError prints its message alone and exits 2', async () => {
    const io = makeIo();
    const analyze = async (): Promise<never> => {
      throw new ProjectError("cannot read tsconfig 'nope/tsconfig.json'");
    };
    expect(await runCli(['check', '-p', 'nope/tsconfig.json'], io, { analyze })).toBe(2);
    expect(io.err()).toBe("piiguard: cannot read tsconfig 'nope/tsconfig.json'\n");
  });

  test('an unexpected exception is an internal error, exit 2, without a stack', async () => {
    const io = makeIo();
    const analyze = async (): Promise<never> => {
      throw new TypeError("Cannot read properties of undefined (reading 'flags')");
    };
    expect(await runCli(['check'], io, { analyze })).toBe(2);
    expect(io.err()).toBe(
      "piiguard: internal error: Cannot read properties of undefined (reading 'flags')\n" +
        'This is a bug in piiguard; please report it with the command you ran (set PIIGUARD_DEBUG=1 to print the stack).\n',
    );
  });

  test('with PIIGUARD_DEBUG the internal error carries its stack', async () => {
    const io = makeIo({ env: { PIIGUARD_DEBUG: '1' } });
    const error = new TypeError('boom');
    const analyze = async (): Promise<never> => {
      throw error;
    };
    expect(await runCli(['check'], io, { analyze })).toBe(2);
    expect(io.err()).toBe(
      'piiguard: internal error: boom\n' +
        `${error.stack}\n` +
        'This is a bug in piiguard; please report it with the command you ran and the stack above.\n',
    );
    expect(io.err()).toMatch(/\n\s+at /);
  });

  test('something thrown that is not an Error is still an internal error', async () => {
    const io = makeIo();
    const analyze = async (): Promise<never> => {
      throw 'a string'; // eslint-disable-line no-throw-literal
    };
    expect(await runCli(['check'], io, { analyze })).toBe(2);
    expect(io.err()).toMatch(/^piiguard: internal error: a string\n/);
  });
});

describe('usage errors: one line, a hint to --help, exit 2, no analysis', () => {
  const cases: Array<[string[], string]> = [
    [['check', '--frobnicate'], "piiguard: unknown option '--frobnicate'\nRun 'piiguard check --help' for usage.\n"],
    [['check', '-x'], "piiguard: unknown option '-x'\nRun 'piiguard check --help' for usage.\n"],
    [['check', '--format'], "piiguard: option '--format' needs a value\nRun 'piiguard check --help' for usage.\n"],
    [['check', '-p', '--quiet'], "piiguard: option '-p' needs a value\nRun 'piiguard check --help' for usage.\n"],
    [['check', '--quiet=yes'], "piiguard: option '--quiet' takes no value\nRun 'piiguard check --help' for usage.\n"],
    [
      ['check', '--format', 'xml'],
      "piiguard: unknown format 'xml' (expected pretty, json, sarif, github or markdown)\nRun 'piiguard check --help' for usage.\n",
    ],
    [['chek'], "piiguard: unknown command 'chek' (did you mean 'check'?)\nRun 'piiguard --help' for usage.\n"],
    [['scan'], "piiguard: unknown command 'scan'\nRun 'piiguard --help' for usage.\n"],
    [
      [],
      "piiguard: missing command (expected 'check', 'report', 'init', 'explain', 'sources', 'sinks', 'tag', 'fix')\nRun 'piiguard --help' for usage.\n",
    ],
    [['--frobnicate'], "piiguard: unknown option '--frobnicate'\nRun 'piiguard --help' for usage.\n"],
    [['--version', 'extra'], "piiguard: unexpected argument 'extra'\nRun 'piiguard --help' for usage.\n"],
  ];
  test.each(cases)('%j', async (argv, expected) => {
    const io = makeIo();
    expect(await runCli(argv, io, unreachable)).toBe(2);
    expect(io.err()).toBe(expected);
    expect(io.out()).toBe('');
  });
});

describe('usage errors of the new options and commands', () => {
  test.each([
    [
      ['check', '--max-warnings', 'many'],
      "piiguard: option '--max-warnings' expects a whole number ≥ 0, got 'many'\nRun 'piiguard check --help' for usage.\n",
    ],
    [['check', '--max-warnings', '-1'], "piiguard: option '--max-warnings' needs a value\nRun 'piiguard check --help' for usage.\n"],
    [
      ['report', '--format', 'pdf'],
      "piiguard: unknown format 'pdf' (expected html, markdown or json)\nRun 'piiguard report --help' for usage.\n",
    ],
    [['report', 'src'], "piiguard: unexpected argument 'src'\nRun 'piiguard report --help' for usage.\n"],
    [['init', '--force'], "piiguard: unknown option '--force'\nRun 'piiguard init --help' for usage.\n"],
  ])('%j', async (argv, expected) => {
    const io = makeIo();
    expect(await runCli(argv, io, unreachable)).toBe(2);
    expect(io.err()).toBe(expected);
    expect(io.out()).toBe('');
  });
});

describe('usage errors suggest the closest option, command or format, as config keys do', () => {
  test.each([
    [['check', '--fromat', 'json'], "piiguard: unknown option '--fromat' (did you mean '--format'?)\n" + usage('piiguard check')],
    [['check', '--fromat=json'], "piiguard: unknown option '--fromat' (did you mean '--format'?)\n" + usage('piiguard check')],
    [
      ['check', '--max-warning', '3'],
      "piiguard: unknown option '--max-warning' (did you mean '--max-warnings'?)\n" + usage('piiguard check'),
    ],
    [['check', '--colour'], "piiguard: unknown option '--colour' (did you mean '--color'?)\n" + usage('piiguard check')],
    [['check', '--printconfig'], "piiguard: unknown option '--printconfig' (did you mean '--print-config'?)\n" + usage('piiguard check')],
    // a one-letter option: only the other case of the same letter, since any letter is one edit from any other
    [['check', '-P', 'tsconfig.json'], "piiguard: unknown option '-P' (did you mean '-p'?)\n" + usage('piiguard check')],
    [['report', '--sourceurl', 'x'], "piiguard: unknown option '--sourceurl' (did you mean '--source-url'?)\n" + usage('piiguard report')],
    [['init', '--projects', 'x'], "piiguard: unknown option '--projects' (did you mean '--project'?)\n" + usage('piiguard init')],
    [['--verison'], "piiguard: unknown option '--verison' (did you mean '--version'?)\n" + usage('piiguard')],
    [['hlep'], "piiguard: unknown command 'hlep' (did you mean 'help'?)\n" + usage('piiguard')],
    [['reprot'], "piiguard: unknown command 'reprot' (did you mean 'report'?)\n" + usage('piiguard')],
    [['explian', 'weak-hash'], "piiguard: unknown command 'explian' (did you mean 'explain'?)\n" + usage('piiguard')],
    [['toString'], "piiguard: unknown command 'toString'\n" + usage('piiguard')],
    [
      ['check', '--format', 'jsno'],
      "piiguard: unknown format 'jsno' (did you mean 'json'? expected pretty, json, sarif, github or markdown)\n" + usage('piiguard check'),
    ],
    [
      ['check', '--format', 'stylsh'],
      "piiguard: unknown format 'stylsh' (did you mean 'stylish'? expected pretty, json, sarif, github or markdown)\n" +
        usage('piiguard check'),
    ],
    [
      ['check', '--format', 'html'],
      "piiguard: unknown format 'html' (expected pretty, json, sarif, github or markdown; html is a format of 'piiguard report')\n" +
        usage('piiguard check'),
    ],
    [
      ['report', '--format', 'sarif'],
      "piiguard: unknown format 'sarif' (expected html, markdown or json; sarif is a format of 'piiguard check')\n" +
        usage('piiguard report'),
    ],
    [
      ['report', '--format', 'htlm'],
      "piiguard: unknown format 'htlm' (did you mean 'html'? expected html, markdown or json)\n" + usage('piiguard report'),
    ],
  ])('%j', async (argv, expected) => {
    const io = makeIo();
    expect(await runCli(argv, io, unreachable)).toBe(2);
    expect(io.err()).toBe(expected);
    expect(io.out()).toBe('');
  });
});

describe('help and version', () => {
  test.each([['--help'], ['-h'], ['help']])('%j prints the overview on stdout', async (...argv) => {
    const io = makeIo();
    expect(await runCli(argv, io, unreachable)).toBe(0);
    expect(io.out()).toBe(`Usage: piiguard <command> [options]

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
`);
    expect(io.err()).toBe('');
  });

  test.each([
    ['check', '--help'],
    ['check', '-h'],
    ['check', '--format', 'xml', '--help'],
  ])('%j prints every option of check with its default', async (...argv) => {
    const io = makeIo();
    expect(await runCli(argv, io, unreachable)).toBe(0);
    expect(io.out()).toBe(`Usage: piiguard check [paths…] [options]

Reports every flow of personal data into a telemetry or logging call that no allow entry
of the config approves. Paths, when given, limit the report to those files or directories
(default: the whole project).

Options:
  -p, --project <tsconfig>  TypeScript project to analyse; repeat it for several projects. A
                            solution tsconfig analyses each referenced project once (default:
                            the config's "project", else the nearest tsconfig.json from here up)
      --config <file>       piiguard config (default: the nearest piiguard.config.* from the
                            tsconfig's directory up; without one, the defaults)
      --format <name>       pretty | json | sarif | github | markdown (default: pretty;
                            stylish and codeframe, ESLint's names, mean pretty)
      --baseline <file>     Findings recorded in this file do not fail the run, matched by
                            fingerprint, which survives unrelated edits (default: none)
      --update-baseline     Record every current finding in the baseline file (default file:
                            --baseline, else piiguard-baseline.json)
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
                            node_modules/.cache/piiguard)
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
`);
    expect(io.err()).toBe('');
  });

  // Actions rather than settings: they have nothing to default to.
  const ACTIONS = new Set(['help', 'version', 'print-config']);
  test.each(Object.entries(OPTIONS))('%s --help lists every option it takes, each setting with its default', async (command, options) => {
    const io = makeIo();
    expect(await runCli([...command.split(' ').slice(1), '--help'], io, unreachable)).toBe(0);
    const help = io.out();
    // An entry starts with its flags (`  -p, --project <tsconfig>`, `      --config <file>`) and goes on indented.
    const block = help.slice(help.indexOf('\nOptions:\n') + '\nOptions:\n'.length).split('\n\n')[0]!;
    const entries: string[] = [];
    for (const line of block.split('\n')) {
      if (/^ {2,6}-/.test(line)) entries.push(line);
      else entries[entries.length - 1] += `\n${line}`;
    }
    for (const [name, option] of Object.entries(options)) {
      const flags = `${'short' in option ? `-${option.short}, ` : ''}--${name}`;
      const entry = entries.find((text) => new RegExp(`^ +${flags.replace(/-/g, '\\-')}\\b|, --${name}\\b`).test(text));
      expect(entry, `${command} --help lists ${flags}`).toBeDefined();
      if (!ACTIONS.has(name)) expect(entry, `${command} --help gives the default of --${name}`).toContain('(default');
    }
    expect(entries).toHaveLength(new Set(Object.keys(options).filter((name) => name !== 'no-color')).size);
  });

  test.each([['--version'], ['-v']])('%s prints the version from package.json, alone', async (flag) => {
    const { version } = JSON.parse(readFileSync(path.join(DATA_ROOT, '../../../package.json'), 'utf8'));
    const io = makeIo();
    expect(await runCli([flag], io, unreachable)).toBe(0);
    expect(io.out()).toBe(`${version}\n`);
    expect(io.err()).toBe('');
  });
});

describe('what check asks the engine', () => {
  test('paths, project and config resolved against the working directory', async () => {
    const { analyze, calls } = fakeAnalyze(makeResult([]));
    const io = makeIo({ cwd: '/work/app' });
    const argv = ['check', 'src/a.ts', 'lib', '-p', 'tsconfig.app.json', '--config', '../shared/piiguard.config.ts'];
    expect(await runCli(argv, io, { analyze })).toBe(0);
    expect(calls).toEqual([
      {
        cwd: '/work/app',
        project: '/work/app/tsconfig.app.json',
        configFile: '/work/shared/piiguard.config.ts',
        paths: ['/work/app/src/a.ts', '/work/app/lib'],
        onProgress: undefined,
        timings: false,
      },
    ]);
  });

  test('several -p: every tsconfig, in the order given, resolved against the working directory', async () => {
    const { analyze, calls } = fakeAnalyze(makeResult([]));
    const io = makeIo({ cwd: '/work/mono' });
    expect(
      await runCli(['check', '-p', 'packages/web', '--project', 'packages/api/tsconfig.json', '--project=packages/shared'], io, {
        analyze,
      }),
    ).toBe(0);
    expect(calls[0]!.project).toEqual(['/work/mono/packages/web', '/work/mono/packages/api/tsconfig.json', '/work/mono/packages/shared']);
    const report = fakeAnalyze(makeResult([]));
    expect(await runCli(['report', '--format', 'json', '-p', 'a', '-p', 'b'], makeIo({ cwd: '/work/mono' }), report)).toBe(0);
    expect(report.calls[0]!.project).toEqual(['/work/mono/a', '/work/mono/b']);
  });

  test('defaults: no paths, no project, no config', async () => {
    const { analyze, calls } = fakeAnalyze(makeResult([]));
    await runCli(['check', '--project=tsconfig.json', '--timings'], makeIo(), { analyze });
    await runCli(['check'], makeIo(), { analyze });
    expect(calls[0]).toMatchObject({ project: path.join(DATA_ROOT, 'tsconfig.json'), timings: true });
    expect(calls[1]).toMatchObject({ project: undefined, configFile: undefined, paths: undefined, timings: false });
  });
});

describe('the summary names the config and tsconfigs the run used, as paths from the working directory', () => {
  test.each([
    [
      '/work/app',
      { config: '/work/app/piiguard.config.json', tsconfigs: ['/work/app/tsconfig.json'] },
      'piiguard.config.json, tsconfig.json',
    ],
    [
      '/work/app/packages/web',
      { config: '/work/app/piiguard.config.ts', tsconfigs: ['/work/app/packages/web/tsconfig.json'] },
      '../../piiguard.config.ts, tsconfig.json',
    ],
    [
      '/work',
      { tsconfigs: ['/work/app/tsconfig.json', '/work/lib/tsconfig.build.json'] },
      'no piiguard config, app/tsconfig.json, lib/tsconfig.build.json',
    ],
  ])('from %s', async (cwd, used, names) => {
    const clean = makeIo({ cwd });
    expect(await runCli(['check'], clean, fakeAnalyze(makeResult([], { used })))).toBe(0);
    expect(clean.out()).toBe(`✔ no unapproved flows in 3 files — ${names}\n`);

    const found = makeIo({ cwd });
    expect(await runCli(['check', '--no-color'], found, fakeAnalyze(makeResult([ipToConsole], { used })))).toBe(0);
    expect(found.out().split('\n').at(-2)).toBe(
      `✖ 1 problem (0 errors, 1 warning) — ${names} · run \`piiguard explain <rule>\` for what a rule means`,
    );
  });

  test('the other formats do not name them: the json output stays the SPEC object', async () => {
    const result = makeResult([emailToPosthog], {
      used: { config: path.join(DATA_ROOT, 'piiguard.config.json'), tsconfigs: [path.join(DATA_ROOT, 'tsconfig.json')] },
    });
    const io = makeIo();
    expect(await runCli(['check', '--format', 'json'], io, fakeAnalyze(result))).toBe(1);
    expect(io.out()).toBe(reporters.json(makeResult([emailToPosthog]), { color: false, ...noFile }));
  });
});

describe('--print-config: the config the check would use, as JSON, then exit 0 without a check', () => {
  const repo = path.resolve(DATA_ROOT, '../../..');
  const print = async (args: string[], cwd: string) => {
    const io = makeIo({ cwd });
    const code = await runCli(['check', ...args, '--print-config'], io, unreachable);
    return { code, stdout: io.out(), stderr: io.err() };
  };

  test("the demo's: found from its tsconfig's directory, defaults filled in, the engine's entry indexes left out", async () => {
    expect(await print(['-p', 'fixtures/demo/tsconfig.json'], repo)).toEqual({
      code: 0,
      stderr: '',
      stdout: `{
  "sources": [],
  "sinks": [],
  "sanitizers": [],
  "categories": {},
  "allow": [
    {
      "category": "user-id",
      "form": "pseudonymized",
      "sink": "posthog",
      "events": "*",
      "reason": "Product analytics keyed by a rotating pseudonym, never the raw id",
      "owner": "growth",
      "expires": "2099-12-31"
    },
    {
      "category": "ip-address",
      "form": "generalized",
      "sink": "sentry",
      "events": "*",
      "reason": "Country-level context for incident triage (/24 only)",
      "owner": "platform",
      "expires": "2099-12-31"
    },
    {
      "category": "user-id",
      "form": "raw",
      "sink": "sentry",
      "events": "*",
      "reason": "Support needs to find the account behind a crash report",
      "owner": "support",
      "expires": "2099-12-31"
    },
    {
      "category": "postal-code",
      "form": "generalized",
      "sink": "posthog",
      "events": [
        "Checkout Completed"
      ],
      "reason": "Regional revenue dashboards (3-character prefix)",
      "owner": "finance",
      "expires": "2024-06-30"
    }
  ],
  "events": {},
  "strictEvents": false,
  "transform": false,
  "heuristics": "warn",
  "heuristicWords": {
    "add": {},
    "remove": []
  },
  "pseudonymization": {
    "rotation": "none"
  },
  "onUnapproved": "error"
}
`,
    });
    // the same from inside the demo, where the config is looked up from the working directory
    expect(await print([], path.join(repo, 'fixtures/demo'))).toEqual(await print(['-p', 'fixtures/demo/tsconfig.json'], repo));
  });

  test('--config names the file; a pseudonymization key in it is not printed; without a config, the defaults', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'piiguard-print-config-'));
    try {
      writeFileSync(
        path.join(dir, 'custom.json'),
        JSON.stringify({ pseudonymization: { key: 's3cret-key-material', rotation: 'daily' }, heuristics: 'error' }),
      );
      const custom = await print(['--config', 'custom.json'], dir);
      expect(custom.code).toBe(0);
      expect(custom.stdout).not.toContain('s3cret');
      expect(JSON.parse(custom.stdout)).toMatchObject({ heuristics: 'error', pseudonymization: { key: '(redacted)', rotation: 'daily' } });

      const defaults = await print([], dir);
      expect(defaults).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(defaults.stdout)).toEqual(DEFAULT_CONFIG);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a bad config: its message and exit 2, as check would', async () => {
    expect(await print(['--config', 'broken.piiguard.config.json'], path.join(DATA_ROOT, 'project'))).toEqual({
      code: 2,
      stdout: '',
      stderr: 'piiguard: broken.piiguard.config.json: allow[0].expires — expected an ISO date (YYYY-MM-DD), got "next year"\n',
    });
  });

  test('the other options are still checked first', async () => {
    expect(await print(['--format', 'xml'], DATA_ROOT)).toMatchObject({ code: 2, stdout: '' });
    expect(await print(['--max-warnings', 'lots'], DATA_ROOT)).toMatchObject({ code: 2, stdout: '' });
  });
});

describe('colour', () => {
  const result = makeResult([emailToPosthog]);
  const run = async (overrides: Parameters<typeof makeIo>[0]) => {
    const io = makeIo(overrides);
    await runCli(['check'], io, fakeAnalyze(result));
    return io.out();
  };

  test('on a terminal', async () => {
    expect(await run({ stdoutIsTTY: true })).toContain(ESC);
  });
  test('off when piped', async () => {
    expect(await run({ stdoutIsTTY: false })).not.toContain(ESC);
  });
  test('off on a terminal with NO_COLOR', async () => {
    expect(await run({ stdoutIsTTY: true, env: { NO_COLOR: '1' } })).not.toContain(ESC);
  });
  test('on when piped with FORCE_COLOR', async () => {
    expect(await run({ stdoutIsTTY: false, env: { FORCE_COLOR: '1' } })).toContain(ESC);
  });
  test('off on a terminal with FORCE_COLOR=0', async () => {
    expect(await run({ stdoutIsTTY: true, env: { FORCE_COLOR: '0' } })).not.toContain(ESC);
  });

  // flag > environment > terminal; of --color and --no-color, the last one given counts
  test.each([
    [['--no-color'], { stdoutIsTTY: true }, false],
    [['--color'], { stdoutIsTTY: false }, true],
    [['--no-color'], { stdoutIsTTY: false, env: { FORCE_COLOR: '1' } }, false],
    [['--color'], { stdoutIsTTY: true, env: { NO_COLOR: '1' } }, true],
    [['--color'], { stdoutIsTTY: false, env: { FORCE_COLOR: '0', TERM: 'dumb' } }, true],
    [['--color', '--no-color'], { stdoutIsTTY: true }, false],
    [['--no-color', '--color'], { stdoutIsTTY: false }, true],
  ])('check %j with %j: colour %s', async (flags, overrides, coloured) => {
    const io = makeIo(overrides);
    expect(await runCli(['check', ...flags], io, fakeAnalyze(result))).toBe(1);
    expect(io.out().includes(ESC)).toBe(coloured);
    // colour or not, the same text
    expect(io.out().replace(/\u001b\[\d+m/g, '')).toBe(reporters.pretty(result, { color: false, readFile: readData }));
  });

  test('--color does not colour the machine formats', async () => {
    for (const format of ['json', 'sarif', 'github', 'markdown']) {
      const io = makeIo({ stdoutIsTTY: true });
      await runCli(['check', '--color', '--format', format], io, fakeAnalyze(result));
      expect(io.out()).not.toContain(ESC);
    }
  });
  test('the json format never has colour', async () => {
    const io = makeIo({ stdoutIsTTY: true, env: { FORCE_COLOR: '1' } });
    await runCli(['check', '--format', 'json'], io, fakeAnalyze(result));
    expect(io.out()).not.toContain(ESC);
  });

  test.each([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true], // no-color.org: only a non-empty value counts
    [true, { TERM: 'dumb' }, false],
    [false, { FORCE_COLOR: '1' }, true],
    [false, { FORCE_COLOR: '' }, true],
    [true, { FORCE_COLOR: '0' }, false],
    [true, { FORCE_COLOR: 'false' }, false],
    [false, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
  ])('isColorEnabled(tty=%s, %j) is %s', (isTTY, env, expected) => {
    expect(isColorEnabled(isTTY, env)).toBe(expected);
  });

  test.each([
    [false, {}, true, true],
    [true, { FORCE_COLOR: '1' }, false, false],
    [true, { NO_COLOR: '1' }, true, true],
    [false, { FORCE_COLOR: '0' }, true, true],
    [true, {}, undefined, true],
  ])('isColorEnabled(tty=%s, %j, flag=%s) is %s: the flag wins', (isTTY, env, flag, expected) => {
    expect(isColorEnabled(isTTY, env, flag)).toBe(expected);
  });
});

describe('--timings', () => {
  const timings = [
    { phase: 'load config', ms: 12.34 },
    { phase: 'load project', ms: 1203 },
    { phase: 'find flows', ms: 88.06 },
  ];

  test('prints the phase table on stderr after the report', async () => {
    const io = makeIo();
    expect(await runCli(['check', '--timings'], io, fakeAnalyze(makeResult([], { timings })))).toBe(0);
    expect(io.err()).toBe(
      'phase         time (ms)\n' + 'load config        12.3\n' + 'load project     1203.0\n' + 'find flows         88.1\n',
    );
    expect(io.writes.map((write) => write.stream)).toEqual(['stdout', 'stderr']);
  });

  test('says so when the engine recorded none', () => {
    expect(formatTimings(undefined)).toBe('piiguard: no timings were recorded\n');
  });

  test('nothing about timings without the flag, even when the result has them', async () => {
    const io = makeIo();
    await runCli(['check'], io, fakeAnalyze(makeResult([], { timings })));
    expect(io.err()).toBe('');
  });
});

describe('paths in CI formats: from the repository root', () => {
  test('the nearest directory up with a .git, else the working directory; a root outside both: none', () => {
    const base = mkdtempSync(path.join(tmpdir(), 'piiguard-repo-'));
    try {
      const repo = path.join(base, 'repo');
      mkdirSync(path.join(repo, '.git'), { recursive: true });
      mkdirSync(path.join(repo, 'packages/web'), { recursive: true });
      mkdirSync(path.join(base, 'plain/sub'), { recursive: true });
      expect(getRepositoryBase(repo, repo)).toBe('');
      expect(getRepositoryBase(repo, path.join(repo, 'packages/web'))).toBe('packages/web');
      // Run inside a package, with the config (the root) at the top or in the package.
      expect(getRepositoryBase(path.join(repo, 'packages/web'), repo)).toBe('');
      expect(getRepositoryBase(path.join(repo, 'packages/web'), path.join(repo, 'packages/web'))).toBe('packages/web');
      // No repository: relative to the working directory, never going up.
      expect(getRepositoryBase(path.join(base, 'plain'), path.join(base, 'plain/sub'))).toBe('sub');
      expect(getRepositoryBase(path.join(base, 'plain/sub'), path.join(base, 'plain'))).toBe('');
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
