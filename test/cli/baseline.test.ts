/**
 * `--baseline` / `--update-baseline` / `--max-warnings` through the CLI on a copy of a fixture
 * that is edited between runs: a recorded finding stays accepted through unrelated edits (lines
 * added above the call, code reformatted elsewhere) and a changed flow (other category, sink or
 * event) is reported again.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { runCliInProcess } from './helpers.js';

const repo = path.resolve(import.meta.dirname, '../..');
// Inside the repository, so the fixture's `import type … from 'piiguard'` resolves to this package.
const scratch = path.join(repo, 'test-artifacts');
let dir: string;

function run(args: string[], cwd = dir) {
  return runCliInProcess(args, cwd);
}

function edit(file: string, change: (text: string) => string): void {
  const full = path.join(dir, file);
  const before = readFileSync(full, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before); // the edit must really happen
  writeFileSync(full, after);
}

interface JsonFinding {
  ruleId: string;
  category: string;
  sink: string;
  event: string | null;
  location: { file: string; line: number };
}

function findingsOf(stdout: string): JsonFinding[] {
  return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
}

beforeAll(() => mkdirSync(scratch, { recursive: true }));
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a baseline over edits', () => {
  beforeEach(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(path.join(scratch, 'baseline-'));
    cpSync(path.join(repo, 'fixtures/analyzer/wrapper-two-hops'), dir, { recursive: true });
    const recorded = await run(['check', '--update-baseline']);
    expect(recorded.stderr).toBe('piiguard: recorded 1 finding in piiguard-baseline.json\n');
    expect(recorded.code).toBe(0);
  });

  test('--update-baseline writes the findings without lines or dates, and the run passes', async () => {
    const baseline = JSON.parse(readFileSync(path.join(dir, 'piiguard-baseline.json'), 'utf8'));
    expect(baseline).toEqual({
      version: 1,
      findings: [
        {
          fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
          ruleId: 'piiguard/unapproved-flow',
          file: 'src/screens/signup.ts',
          message: 'email reaches posthog (event "Signed Up") raw; no allow entry approves it',
        },
      ],
    });
    const { code, stdout, stderr } = await run(['check', '--baseline', 'piiguard-baseline.json']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      '✔ no unapproved flows beyond the 1 finding recorded in piiguard-baseline.json (4 files checked) — no piiguard config, tsconfig.json\n',
    );
    expect(stderr).toBe('piiguard: 1 finding recorded in piiguard-baseline.json not reported\n');
  });

  test('lines added above the call and code reformatted elsewhere: still accepted, and the same baseline bytes', async () => {
    const before = readFileSync(path.join(dir, 'piiguard-baseline.json'), 'utf8');
    edit('src/screens/signup.ts', (text) =>
      text
        .replace(
          "import type { User } from '../model';\n",
          "import type { User } from '../model';\n\n// Signup screen.\nconst STEPS = 3;\n\nexport function steps() {\n  return STEPS;\n}\n\n",
        )
        .replace(
          "  trackEvent('Plan Chosen', { plan: user.plan });",
          "  trackEvent(\n    'Plan Chosen',\n    {\n      plan: user.plan,\n    },\n  );",
        ),
    );
    edit('src/analytics/track.ts', (text) => text.replace('  send(name, { props });', '    send(name, {\n        props,\n    });'));
    edit(
      'src/analytics/client.ts',
      (text) =>
        `// the PostHog client\n\n${text.replace("{ ...properties, source: 'web' }", "{\n    ...properties,\n    source: 'web',\n  }")}`,
    );

    const json = await run(['check', '--format', 'json']);
    expect(findingsOf(json.stdout).map((f) => f.location)).toEqual([{ file: 'src/screens/signup.ts', line: 14, column: 3 }]);

    const { code, stdout, stderr } = await run(['check', '--baseline', 'piiguard-baseline.json']);
    expect(stderr).toBe('piiguard: 1 finding recorded in piiguard-baseline.json not reported\n');
    expect(stdout).toBe(
      '✔ no unapproved flows beyond the 1 finding recorded in piiguard-baseline.json (4 files checked) — no piiguard config, tsconfig.json\n',
    );
    expect(code).toBe(0);

    await run(['check', '--update-baseline']);
    expect(readFileSync(path.join(dir, 'piiguard-baseline.json'), 'utf8')).toBe(before);
  });

  test.each([
    [
      'another category',
      'src/screens/signup.ts',
      (t: string) => t.replace('email: user.email', 'email: user.phone'),
      { category: 'phone', sink: 'posthog', event: 'Signed Up' },
    ],
    [
      'another event',
      'src/screens/signup.ts',
      (t: string) => t.replace("trackEvent('Signed Up'", "trackEvent('Account Created'"),
      { category: 'email', sink: 'posthog', event: 'Account Created' },
    ],
    [
      'another sink',
      'src/analytics/client.ts',
      (t: string) => t.replace('posthog.capture(event, ', 'console.log(event, '),
      { category: 'email', sink: 'console', event: null },
    ],
  ])('the flow changed (%s): reported, and the stale entry named', async (_, file, change, flow) => {
    edit(file, change);
    const { code, stdout, stderr } = await run(['check', '--baseline', 'piiguard-baseline.json', '--format', 'json']);
    expect(code).toBe(1);
    expect(findingsOf(stdout)).toMatchObject([
      { ruleId: 'piiguard/unapproved-flow', ...flow, location: { file: 'src/screens/signup.ts' } },
    ]);
    expect(stderr).toBe('piiguard: 1 baseline entry in piiguard-baseline.json matches no finding any more; --update-baseline removes it\n');
  });

  test('a new flow next to the recorded one: only the new one is reported', async () => {
    edit('src/screens/signup.ts', (text) =>
      text.replace(
        "  trackEvent('Plan Chosen', { plan: user.plan });",
        "  trackEvent('Plan Chosen', { plan: user.plan, name: user.name });",
      ),
    );
    const { code, stdout, stderr } = await run(['check', '--baseline', 'piiguard-baseline.json', '--format', 'json']);
    expect(code).toBe(1);
    expect(findingsOf(stdout)).toMatchObject([
      { category: 'person-name', event: 'Plan Chosen', location: { file: 'src/screens/signup.ts', line: 7 } },
    ]);
    expect(stderr).toBe('piiguard: 1 finding recorded in piiguard-baseline.json not reported\n');
  });
});

describe('baseline and --max-warnings mistakes: one line, exit 2, never a stack', () => {
  beforeAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(path.join(scratch, 'baseline-'));
    cpSync(path.join(repo, 'fixtures/analyzer/wrapper-two-hops'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'broken-baseline.json'), '{ "version": 1, "findings": [');
    writeFileSync(path.join(dir, 'other-baseline.json'), '{ "findings": [] }');
  });

  test.each([
    [['--baseline', 'missing.json'], 'piiguard: cannot read the baseline missing.json (ENOENT); create it with --update-baseline\n'],
    [
      ['--baseline', 'other-baseline.json'],
      'piiguard: other-baseline.json: not a piiguard baseline (expected {"version": 1, "findings": [...]}); recreate it with --update-baseline\n',
    ],
    [
      ['--max-warnings', '1.5'],
      "piiguard: option '--max-warnings' expects a whole number ≥ 0, got '1.5'\nRun 'piiguard check --help' for usage.\n",
    ],
    [['--max-warnings'], "piiguard: option '--max-warnings' needs a value\nRun 'piiguard check --help' for usage.\n"],
    [
      ['--update-baseline', '--baseline', 'no-such-dir/baseline.json'],
      'piiguard: cannot write the baseline no-such-dir/baseline.json (ENOENT)\n',
    ],
    [
      ['--update-baseline', 'src'],
      "piiguard: '--update-baseline' records the findings of the whole project; run it without paths\nRun 'piiguard check --help' for usage.\n",
    ],
  ])('%j', async (args, expected) => {
    const { code, stdout, stderr } = await run(['check', ...args]);
    expect(stderr).toBe(expected);
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  test('a baseline that is not JSON', async () => {
    const { code, stdout, stderr } = await run(['check', '--baseline', 'broken-baseline.json']);
    expect(stderr).toMatch(/^piiguard: broken-baseline\.json: not a piiguard baseline \(invalid JSON: [^\n]+\)\n$/);
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });
});

describe('--max-warnings', () => {
  // fixtures/analyzer/heuristics-untagged: four untagged-pii warnings, no error.
  const project = path.join(repo, 'fixtures/analyzer/heuristics-untagged/tsconfig.json');

  test('at the limit: exit 0; over it: exit 1 with the count on stderr', async () => {
    expect(await run(['check', '-p', project, '--format', 'json', '--max-warnings', '4'], repo)).toMatchObject({ code: 0, stderr: '' });
    const over = await run(['check', '-p', project, '--format', 'json', '--max-warnings', '3'], repo);
    expect(findingsOf(over.stdout)).toHaveLength(4);
    expect(over.stderr).toBe('piiguard: too many warnings (4); --max-warnings allows 3\n');
    expect(over.code).toBe(1);
  });

  test('--quiet hides the warnings but they still count, as in ESLint', async () => {
    const { code, stdout, stderr } = await run(['check', '-p', project, '--quiet', '--max-warnings', '0'], repo);
    expect(stdout).toBe('✔ no unapproved flows in 1 file — no piiguard config, fixtures/analyzer/heuristics-untagged/tsconfig.json\n');
    expect(stderr).toBe('piiguard: too many warnings (4); --max-warnings allows 0\n');
    expect(code).toBe(1);
  });

  test('warnings in the baseline do not count', async () => {
    dir = mkdtempSync(path.join(scratch, 'baseline-'));
    cpSync(path.dirname(project), dir, { recursive: true });
    expect((await run(['check', '--update-baseline'])).code).toBe(0);
    expect(await run(['check', '--baseline', 'piiguard-baseline.json', '--max-warnings', '0'])).toMatchObject({
      code: 0,
      stderr: 'piiguard: 4 findings recorded in piiguard-baseline.json not reported\n',
    });
  });
});
