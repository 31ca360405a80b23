/**
 * The house's own source stays type-checked, linted and formatted: `npm run lint` (the tests
 * type-checked with the sources they import; typed ESLint with
 * typescript-eslint's recommendedTypeChecked over core/, analyzer/, rules/, transformer/,
 * runtime/; Prettier over everything but fixtures and generated files), run here so that
 * `npm test` fails on a lint error or an unformatted file.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, script), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

test('the tests type-check (test/tsconfig.json: the tests with the sources they import)', () => {
  const result = run('node_modules/typescript/bin/tsc', ['-p', 'test/tsconfig.json']);
  expect(result.stdout + result.stderr).toBe('');
  expect(result.status).toBe(0);
}, 120_000);

test('typed ESLint reports nothing on piiguard’s own source', () => {
  const result = run('node_modules/eslint/bin/eslint.js', ['.', '--max-warnings', '0']);
  expect(result.stdout + result.stderr).toBe('');
  expect(result.status).toBe(0);
}, 120_000);

test('Prettier finds every file formatted', () => {
  const result = run('node_modules/prettier/bin/prettier.cjs', ['--check', '.', '--log-level', 'warn']);
  expect(result.stdout + result.stderr).toBe('');
  expect(result.status).toBe(0);
}, 60_000);
