/**
 * Monorepos as package managers install them (fixtures/workspaces/): workspace packages imported by
 * name through node_modules symlinks — npm's `node_modules/@acme/x` at the top, pnpm's links in
 * each dependent's node_modules beside `node_modules/.pnpm` — are project code. Their sources are
 * analysed (source-only packages, a built package's declaration map, its `source` export
 * condition), wrappers and injected services are followed into them and findings land at the
 * caller in the app; a package seen through its `.d.ts` alone is named once. The symlinks are made
 * by the global setup (test/setup/workspaces.ts).
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { runCliInProcess } from '../cli/helpers.js';
import { compareWithExpectations, readExpectations } from './expectations.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/workspaces');

const LEGACY_WARNING = {
  kind: 'built-package',
  file: 'packages/legacy/package.json',
  message:
    'the workspace package @acme/legacy is imported through its built declarations (lib/index.d.ts) and piiguard found no source ' +
    'for them, so what its calls send is not followed; emit declaration maps ("declarationMap": true), add a "source" condition ' +
    'to its exports, or reference its tsconfig',
};

describe.each([
  { layout: 'npm', app: 'apps/web', problems: [LEGACY_WARNING] },
  { layout: 'pnpm', app: 'apps/api', problems: [] },
])('$layout workspaces', ({ layout, app, problems }) => {
  const dir = path.join(fixtures, layout);

  test('the app alone: the packages it imports by name are followed, findings at its calls', async () => {
    const result = await analyze({ project: path.join(dir, app, 'tsconfig.json'), today: '2026-11-22' });
    expect(result.problems).toEqual(problems);
    expect(compareWithExpectations(readExpectations(dir), result.findings)).toEqual([]);
  });

  test('the solution tsconfig: the same findings, each once, the same bytes on a second run', async () => {
    const first = await runCliInProcess(['check', '--format', 'json'], dir);
    const second = await runCliInProcess(['check', '--format', 'json'], dir);
    expect(first.code).toBe(1);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe(first.stderr);
    const findings = JSON.parse(first.stdout).findings;
    expect(compareWithExpectations(readExpectations(dir), findings)).toEqual([]);
    // The warning is one line, however many projects import the package.
    expect(first.stderr).toBe(problems.map((p) => `piiguard: warning: ${p.file}: ${p.message}\n`).join(''));
  });
});

test('trace steps into a workspace package point at its source, not its built declarations', async () => {
  const result = await analyze({ project: path.join(fixtures, 'npm/apps/web/tsconfig.json') });
  const identify = result.findings.find((f) => f.location.line === 14 && f.category === 'email');
  expect(identify?.trace.at(-1)).toEqual({
    file: 'packages/tracker/src/index.ts',
    line: 5,
    column: 3,
    note: 'identify → posthog.identify',
  });
});
