/**
 * Monorepos (fixtures/monorepo: a solution tsconfig referencing packages/web and packages/api,
 * which both reference packages/shared): every project analysed once, paths relative to the
 * config, the same bytes on every run and whatever order the projects are named in — what Nx
 * and Turborepo need to cache `piiguard check` per package.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runBuiltCli, runCliInProcess } from './helpers.js';
import { analyze } from '../../analyzer/analyze.js';
import { compareWithExpectations, readExpectations } from '../analyzer/expectations.js';

const repo = path.resolve(import.meta.dirname, '../..');
const monorepo = path.join(repo, 'fixtures/monorepo');

function run(args: string[], cwd = monorepo) {
  return runCliInProcess(args, cwd);
}

const EXPECTED_FINDINGS = [
  {
    ruleId: 'piiguard/unapproved-flow',
    category: 'ip-address',
    sink: 'logger',
    event: null,
    location: { file: 'packages/api/src/audit.ts', line: 7, column: 3 },
    trace: [{ file: 'packages/shared/src/model.ts', line: 6, column: 3, note: 'lastIp: IpAddress' }],
  },
  {
    ruleId: 'piiguard/unapproved-flow',
    category: 'email',
    sink: 'posthog',
    event: 'Newsletter Joined',
    location: { file: 'packages/web/src/signup.ts', line: 7, column: 3 },
    trace: [
      { file: 'packages/shared/src/model.ts', line: 5, column: 3, note: 'email: Email' },
      { file: 'packages/shared/src/analytics.ts', line: 5, column: 3, note: 'trackEvent → posthog.capture' },
    ],
  },
];

// The first run is the built bin, as a user's shell runs it; the rest run in this process and
// must give the same bytes.
let solution: ReturnType<typeof runBuiltCli>;
beforeAll(() => {
  solution = runBuiltCli(['check', '--format', 'json'], monorepo);
});

describe('a solution tsconfig with references', () => {
  test('reports every package, paths relative to the config, each shared file counted once', () => {
    expect(solution.stderr).toBe('');
    expect(solution.code).toBe(1);
    const output = JSON.parse(solution.stdout);
    expect(output.findings).toMatchObject(EXPECTED_FINDINGS);
    // 4 files (signup, audit, analytics, model); 2 sink calls; 3 flows: the approved user-id
    // pseudonym to PostHog and the two unapproved ones.
    expect(output.summary).toEqual({ files: 4, sinks: 2, flows: 3, errors: 2, warnings: 0 });
  });

  test('finds exactly what the fixture marks inline (`// $ rule:category`)', async () => {
    const result = await analyze({ cwd: monorepo, today: '2026-11-22' });
    expect(compareWithExpectations(readExpectations(monorepo), result.findings)).toEqual([]);
  });

  test('analyses every project once: four programs loaded, the engine run on web and api only', async () => {
    // shared is loaded (both apps reference it), but every file of it was already analysed as
    // part of web, which includes its sources, so it is not analysed a third time.
    const result = await analyze({ cwd: monorepo, timings: true, today: '2026-11-22' });
    const phases = result.timings!.map((t) => t.phase);
    expect(phases.filter((phase) => phase === 'program')).toHaveLength(4);
    expect(phases.filter((phase) => phase === 'index calls')).toHaveLength(2);
    // Sorted by file, whatever order the projects ran in.
    expect(result.findings.map((f) => f.location.file)).toEqual(['packages/api/src/audit.ts', 'packages/web/src/signup.ts']);
  });

  test('the same bytes on a second run (json, sarif, github)', async () => {
    expect((await run(['check', '--format', 'json'])).stdout).toBe(solution.stdout);
    for (const format of ['sarif', 'github']) {
      const first = await run(['check', '--format', format]);
      expect(first.code).toBe(1);
      expect(first.stdout).not.toContain(repo);
      expect((await run(['check', '--format', format])).stdout).toBe(first.stdout);
    }
  });

  test('several -p give the same bytes as the solution, in either order', async () => {
    expect((await run(['check', '-p', 'packages/web', '-p', 'packages/api', '--format', 'json'])).stdout).toBe(solution.stdout);
    expect((await run(['check', '-p', 'packages/api/tsconfig.json', '-p', 'packages/web', '--format', 'json'])).stdout).toBe(
      solution.stdout,
    );
  });
});

describe('one package at a time, as Nx and Turborepo run it', () => {
  test('in packages/web: only its flows, paths still relative to the config at the top', async () => {
    const { code, stdout, stderr } = await run(['check', '--format', 'json'], path.join(monorepo, 'packages/web'));
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const output = JSON.parse(stdout);
    expect(output.findings).toMatchObject([EXPECTED_FINDINGS[1]]);
    expect(output.summary).toEqual({ files: 3, sinks: 1, flows: 2, errors: 1, warnings: 0 });
    expect((await run(['check', '--format', 'json'], path.join(monorepo, 'packages/web'))).stdout).toBe(stdout);
  });

  test('in packages/shared: the wrapper whose event name its callers in other packages pass is judged as in the whole run (no dynamic-event-name)', async () => {
    const { code, stdout, stderr } = await run(['check', '--format', 'json'], path.join(monorepo, 'packages/shared'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.findings).toEqual([]);
    expect(output.summary).toEqual({ files: 2, sinks: 1, flows: 0, errors: 0, warnings: 0 });
    expect(solution.stdout).not.toContain('piiguard/dynamic-event-name');
  });

  test('SARIF and annotations name files from the repository root, wherever piiguard runs', async () => {
    const fromPackage = await run(['check', '--format', 'sarif'], path.join(monorepo, 'packages/api'));
    const [result] = JSON.parse(fromPackage.stdout).runs[0].results;
    expect(result.locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'fixtures/monorepo/packages/api/src/audit.ts',
      uriBaseId: '%SRCROOT%',
    });
    expect((await run(['check', '--format', 'github'], path.join(monorepo, 'packages/api'))).stdout).toBe(
      '::error file=fixtures/monorepo/packages/api/src/audit.ts,line=7,col=3,title=piiguard/unapproved-flow::ip-address reaches logger raw; no allow entry approves it%0Afrom fixtures/monorepo/packages/shared/src/model.ts:6:3 (lastIp: IpAddress)\n',
    );
  });
});

describe('one baseline at the top, per-package runs', () => {
  test('each package uses the root baseline; entries of other packages are not stale; updating it needs the whole program', async () => {
    const scratch = path.join(repo, 'test-artifacts');
    mkdirSync(scratch, { recursive: true });
    const dir = mkdtempSync(path.join(scratch, 'monorepo-'));
    try {
      cpSync(monorepo, dir, { recursive: true });
      expect(await run(['check', '--update-baseline'], dir)).toMatchObject({
        code: 0,
        stderr: 'piiguard: recorded 2 findings in piiguard-baseline.json\n',
      });
      const baseline = readFileSync(path.join(dir, 'piiguard-baseline.json'), 'utf8');
      for (const pkg of ['web', 'api']) {
        const { code, stdout, stderr } = await run(
          ['check', '--baseline', '../../piiguard-baseline.json'],
          path.join(dir, 'packages', pkg),
        );
        expect(stderr).toBe('piiguard: 1 finding recorded in ../../piiguard-baseline.json not reported\n');
        expect(stdout).toMatch(
          /^✔ no unapproved flows beyond the 1 finding recorded in \.\.\/\.\.\/piiguard-baseline\.json \(\d files checked\) — \.\.\/\.\.\/piiguard\.config\.json, tsconfig\.json\n$/,
        );
        expect(code).toBe(0);
      }
      const update = await run(
        ['check', '--update-baseline', '--baseline', '../../piiguard-baseline.json'],
        path.join(dir, 'packages/web'),
      );
      expect(update.stderr).toBe(
        "piiguard: not updating ../../piiguard-baseline.json: this run covers part of the config's program (one package); run --update-baseline where the config is, over the whole program\n",
      );
      expect(update.code).toBe(2);
      expect(readFileSync(path.join(dir, 'piiguard-baseline.json'), 'utf8')).toBe(baseline);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
