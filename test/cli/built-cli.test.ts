/**
 * The built bin end to end: `dist/analyzer/cli.js` with the real engine on a small project
 * (`__data__/project`: one email into PostHog), run as users run it, in a child process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILT_CLI as cli, DATA_ROOT, runBuiltCli } from './helpers.js';

const repo = path.resolve(DATA_ROOT, '../../..');
const project = path.join(DATA_ROOT, 'project');
const tsconfig = path.join(project, 'tsconfig.json');
const linkDir = mkdtempSync(path.join(tmpdir(), 'piiguard-bin-'));

function run(args: string[], cwd = repo) {
  return runBuiltCli(args, cwd);
}

beforeAll(() => {
  // The bin is the compiled file: build as `npm test` does, unless it just did (this file run alone).
  // tsc's exit code is not the question here (it also reports files that are not the CLI's); the emitted bin is.
  if (!isBuildCurrent()) {
    spawnSync(process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
      cwd: repo,
      encoding: 'utf8',
    });
  }
  expect(existsSync(cli)).toBe(true);
});

/** The bin is newer than every source file the build compiles. */
function isBuildCurrent(): boolean {
  if (!existsSync(cli)) return false;
  const built = statSync(cli).mtimeMs;
  const sources = [
    'index.ts',
    ...['core', 'analyzer', 'rules', 'transformer', 'runtime'].flatMap((dir) =>
      readdirSync(path.join(repo, dir), { recursive: true, encoding: 'utf8' }).map((file) => path.join(dir, file)),
    ),
  ].filter((file) => file.endsWith('.ts'));
  return sources.every((file) => statSync(path.join(repo, file)).mtimeMs <= built);
}

afterAll(() => rmSync(linkDir, { recursive: true, force: true }));

describe('the built piiguard bin', () => {
  test('check --format json: exit 1, the SPEC object, paths relative to the project, same bytes twice', () => {
    const first = run(['check', '-p', tsconfig, '--format', 'json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1);
    const output = JSON.parse(first.stdout);
    expect(Object.keys(output)).toEqual(['tool', 'findings', 'summary']);
    expect(output.tool).toEqual({ name: 'piiguard', version: JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).version });
    expect(output.findings).toHaveLength(1);
    const [finding] = output.findings;
    expect(Object.keys(finding)).toEqual([
      'ruleId',
      'severity',
      'message',
      'category',
      'form',
      'sink',
      'event',
      'location',
      'trace',
      'fingerprint',
    ]);
    expect(finding).toMatchObject({
      ruleId: 'piiguard/unapproved-flow',
      severity: 'error',
      category: 'email',
      form: 'raw',
      sink: 'posthog',
      event: 'Signed Up',
      location: { file: 'src/signup.ts', line: 7 },
    });
    expect(output.summary).toMatchObject({ errors: 1, warnings: 0 });
    expect(first.stdout).not.toContain(repo);
    expect(first.stdout.endsWith('}\n')).toBe(true);
    expect(run(['check', '-p', tsconfig, '--format', 'json']).stdout).toBe(first.stdout);
  });

  test('check (pretty) from the project directory: header, code frame, summary, no colour in a pipe', () => {
    const { code, stdout, stderr } = run(['check'], project);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^src\/signup\.ts:7:\d+\n/);
    expect(stdout).toContain('> 7 |   posthog.capture(');
    expect(stdout).toMatch(/\n  error  .*  piiguard\/unapproved-flow\n/);
    expect(stdout).toMatch(
      /\n✖ 1 problem \(1 error, 0 warnings\) — piiguard\.config\.json, tsconfig\.json · run `piiguard explain <rule>` for what a rule means\n$/,
    );
    expect(stdout).not.toContain('\u001b[');
  });

  test('a config with include/exclude: nothing on stderr (no Node "experimental glob" warning)', () => {
    const fixture = path.join(repo, 'fixtures/analyzer/config-include-exclude');
    const result = run(['check', '--format', 'json'], fixture);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    // The excluded test file and generated code are not analysed.
    expect(JSON.parse(result.stdout).findings.map((f: { location: { file: string } }) => f.location.file)).toEqual(['src/app.ts']);
  });

  test('paths limit the report: nothing reaches a sink in model.ts', () => {
    const { code, stdout } = run(['check', 'src/model.ts'], project);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✔ no unapproved flows in \d+ files? — piiguard\.config\.json, tsconfig\.json\n$/);
  });

  test('--timings prints the phase table on stderr', () => {
    const { code, stderr } = run(['check', '-p', tsconfig, '--timings', '--format', 'json']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^phase +time \(ms\)\n/);
  });

  test('a bad config: exit 2, one message naming the file and key, no stack', () => {
    const { code, stdout, stderr } = run(['check', '--config', 'broken.piiguard.config.json'], project);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^piiguard: .*broken\.piiguard\.config\.json.*expires/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toContain('internal error');
  });

  test('a missing tsconfig: exit 2, no stack', () => {
    const { code, stderr } = run(['check', '-p', 'nope/tsconfig.json'], project);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^piiguard: /);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toContain('internal error');
  });

  test('--version prints the version alone; --color colours a pipe, --no-color wins over it', () => {
    const version = run(['--version']);
    expect(version).toEqual({
      code: 0,
      stdout: `${JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).version}\n`,
      stderr: '',
    });
    expect(run(['check', '--color'], project).stdout).toContain('\u001b[');
    expect(run(['check', '--color', '--no-color'], project).stdout).not.toContain('\u001b[');
  });

  test('runs through a symlink, as npm links bins', () => {
    const link = path.join(linkDir, 'piiguard');
    symlinkSync(cli, link);
    const child = spawnSync(process.execPath, [link, '--version'], { encoding: 'utf8' });
    expect(child.status).toBe(0);
    expect(child.stdout).toBe(`${JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).version}\n`);
  });
});
