/**
 * Apps scaffolded today: `npm create vite@latest -- --template react-ts` lints with oxlint and has
 * no ESLint. fixtures/eslint/vite-oxlint is laid out like it (a solution tsconfig.json over
 * tsconfig.app.json and tsconfig.node.json, .oxlintrc.json) with ESLint added as the README says:
 * piiguard's preset plus eslint-plugin-oxlint, which turns off in ESLint the rules oxlint runs.
 * Each linter reports its own: oxlint the debugger statement, ESLint piiguard's flow.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ESLint } from 'eslint';
import { expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const app = path.join(root, 'fixtures/eslint/vite-oxlint');
const FLOW =
  'piiguard/no-unapproved-pii-flow 6:34 email reaches posthog (event "Signed Up") raw; no allow entry approves it (piiguard/unapproved-flow)';

async function lint(configFile: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: app, overrideConfigFile: configFile });
  const [result] = await eslint.lintFiles(['src/analytics.ts']);
  return result!.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`);
}

test('oxlint reports what it checks (the debugger statement), not the flow', () => {
  const oxlint = spawnSync(process.execPath, [path.join(root, 'node_modules/oxlint/bin/oxlint'), '--format', 'unix', 'src'], {
    cwd: app,
    encoding: 'utf8',
  });
  expect(oxlint.stdout).toBe('src/analytics.ts:5:3: `debugger` statement is not allowed [Error/eslint(no-debugger)]\n\n1 problem\n');
  expect(oxlint.status).toBe(1);
});

test('ESLint with the recipe reports piiguard’s flow, and not what oxlint already reports', async () => {
  expect(await lint('eslint.config.mjs')).toEqual([FLOW]);
});

test('without eslint-plugin-oxlint the same ESLint config reports the debugger twice over (the control)', async () => {
  expect(await lint('eslint.without-oxlint.config.mjs')).toEqual(["no-debugger 5:3 Unexpected 'debugger' statement.", FLOW]);
});
