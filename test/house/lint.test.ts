/**
 * The house's own source stays type-checked, linted and formatted: `npm run lint` (the tests
 * type-checked with the sources they import; typed ESLint with
 * typescript-eslint's recommendedTypeChecked over core/, analyzer/, rules/, transformer/,
 * runtime/; Prettier over everything but fixtures and generated files), run here so that
 * `npm test` fails on a lint error or an unformatted file.
 *
 * The type check and typed ESLint share one program (test/tsconfig.json's, which holds the tests
 * and every source they import): ESLint is given it through typescript-eslint's `programs`, so
 * the sources are parsed and checked once, not by two processes that each build their own.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** test/tsconfig.json's program, built once for both tests below. */
function createTestProgram(): ts.Program {
  const tsconfig = path.join(ROOT, 'test/tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    tsconfig,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  )!;
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences ?? [] });
}

let program: ts.Program | undefined;
const getProgram = () => (program ??= createTestProgram());

test('the tests type-check (test/tsconfig.json: the tests with the sources they import)', () => {
  const diagnostics = [...getProgram().getConfigFileParsingDiagnostics(), ...ts.getPreEmitDiagnostics(getProgram())];
  const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' };
  expect(ts.formatDiagnostics(diagnostics, host)).toBe('');
}, 120_000);

test('typed ESLint reports nothing on piiguard’s own source', async () => {
  // eslint.config.js as `npm run lint` uses it, on the program above instead of a project service.
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, programs: [getProgram()] } } },
  });
  const results = await eslint.lintFiles(['.']);
  const formatter = await eslint.loadFormatter('stylish');
  const problems = results.filter((r) => r.errorCount + r.warningCount > 0);
  expect(await formatter.format(problems)).toBe('');
  expect(results.length).toBeGreaterThan(100);
}, 120_000);

test('Prettier finds every file formatted', () => {
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/prettier/bin/prettier.cjs'), '--check', '.', '--log-level', 'warn'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  expect(result.stdout + result.stderr).toBe('');
  expect(result.status).toBe(0);
}, 60_000);
