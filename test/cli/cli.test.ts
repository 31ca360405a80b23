import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatTimings, getRepositoryBase, isColorEnabled, runCli } from '../../analyzer/cli.js';
import { reporters } from '../../analyzer/reporters/index.js';
import { ConfigError, ProjectError } from '../../core/errors.js';
import {
  DATA_ROOT,
  emailToPosthog,
  fakeAnalyze,
  ipToConsole,
  makeIo,
  makeResult,
  tokenToSentry,
} from './helpers.js';

const ESC = '\u001b[';
const noFile = { readFile: () => undefined };

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

  test('1 when an error-level finding is reported', async () => {
    const io = makeIo();
    expect(await runCli(['check'], io, fakeAnalyze(makeResult([emailToPosthog, ipToConsole])))).toBe(1);
    expect(io.out()).toContain('src/signup.ts:8:3  error  email reaches posthog');
    expect(io.err()).toBe('');
  });

  test('0 when there are only warnings (they are still shown)', async () => {
    const io = makeIo();
    expect(await runCli(['check'], io, fakeAnalyze(makeResult([ipToConsole])))).toBe(0);
    expect(io.out()).toMatch(/\n✖ 1 problem \(0 errors, 1 warning\)\n$/);
  });

  test('--quiet hides warnings from the report and the summary; errors still fail', async () => {
    const onlyWarnings = makeIo();
    expect(await runCli(['check', '--quiet'], onlyWarnings, fakeAnalyze(makeResult([ipToConsole])))).toBe(0);
    expect(onlyWarnings.out()).toBe('✔ no unapproved flows in 3 files\n');

    const mixed = makeIo();
    const result = makeResult([ipToConsole, emailToPosthog]);
    expect(await runCli(['check', '--quiet'], mixed, fakeAnalyze(result))).toBe(1);
    expect(mixed.out()).not.toContain('untagged-pii');
    expect(mixed.out()).toMatch(/\n✖ 1 problem \(1 error, 0 warnings\)\n$/);
  });

  test('--format json prints the json reporter byte for byte', async () => {
    const result = makeResult([tokenToSentry, ipToConsole, emailToPosthog]);
    for (const args of [['check', '--format', 'json'], ['check', '--format=json']]) {
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
    expect(io.out()).toContain('src/signup.ts:8:3  error');
    expect(io.err()).toBe(
      'piiguard: src/broken.ts: could not be read (EACCES)\n' +
        'piiguard: the type checker gave up on a recursive type\n',
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
      "piiguard: unknown format 'xml' (expected pretty or json or sarif or github or markdown)\nRun 'piiguard check --help' for usage.\n",
    ],
    [['chek'], "piiguard: unknown command 'chek'\nRun 'piiguard --help' for usage.\n"],
    [[], "piiguard: missing command (expected 'check', 'report', 'init', 'explain')\nRun 'piiguard --help' for usage.\n"],
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
    [['check', '--max-warnings', 'many'], "piiguard: option '--max-warnings' expects a whole number ≥ 0, got 'many'\nRun 'piiguard check --help' for usage.\n"],
    [['check', '--max-warnings', '-1'], "piiguard: option '--max-warnings' needs a value\nRun 'piiguard check --help' for usage.\n"],
    [['report', '--format', 'pdf'], "piiguard: unknown format 'pdf' (expected html or markdown or json)\nRun 'piiguard report --help' for usage.\n"],
    [['report', 'src'], "piiguard: unexpected argument 'src'\nRun 'piiguard report --help' for usage.\n"],
    [['init', '--force'], "piiguard: unknown option '--force'\nRun 'piiguard init --help' for usage.\n"],
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
    expect(io.out()).toMatch(/^Usage: piiguard <command> \[options\]\n/);
    expect(io.out()).toContain('check [paths…]');
    expect(io.out()).toContain("Run 'piiguard <command> --help'");
    expect(io.err()).toBe('');
  });

  test.each([['check', '--help'], ['check', '-h'], ['check', '--format', 'xml', '--help']])(
    '%j prints the options of check',
    async (...argv) => {
      const io = makeIo();
      expect(await runCli(argv, io, unreachable)).toBe(0);
      expect(io.out()).toMatch(/^Usage: piiguard check \[paths…\] \[options\]\n/);
      for (const option of ['-p, --project <tsconfig>', '--config <file>', '--format <name>', '--quiet', '--timings']) {
        expect(io.out()).toContain(option);
      }
      expect(io.out()).toContain('pretty | json | sarif | github | markdown (default: pretty)');
      for (const option of ['--baseline <file>', '--update-baseline', '--max-warnings <n>']) expect(io.out()).toContain(option);
      expect(io.err()).toBe('');
    },
  );

  test.each([['--version'], ['-v']])('%s prints the version from package.json', async (flag) => {
    const { version } = JSON.parse(readFileSync(path.join(DATA_ROOT, '../../../package.json'), 'utf8'));
    const io = makeIo();
    expect(await runCli([flag], io, unreachable)).toBe(0);
    expect(io.out()).toBe(`${version}\n`);
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
    expect(await runCli(['check', '-p', 'packages/web', '--project', 'packages/api/tsconfig.json', '--project=packages/shared'], io, { analyze })).toBe(0);
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
      'phase         time (ms)\n' +
        'load config        12.3\n' +
        'load project     1203.0\n' +
        'find flows         88.1\n',
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
