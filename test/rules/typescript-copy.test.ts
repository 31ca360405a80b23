/**
 * The ESLint rules read a program with the TypeScript copy that built it: typescript-eslint's
 * parser resolves `typescript` from the project, which need not be piiguard's copy. Here a second
 * copy of TypeScript (loaded from another path, so another module with its own classes) builds
 * the program; the rules must find that copy and report what they report with their own.
 */
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ownTs from 'typescript';
import { expect, test } from 'vitest';
import { getFindingsForFile } from '../../rules/program-analysis.js';
import { getTypeScriptOf } from '../../rules/typescript-of.js';

const root = path.resolve(import.meta.dirname, '../..');
const copyDir = path.join(root, 'node_modules/.cache/piiguard-tests/typescript-copy/node_modules/typescript');
const fixture = path.join(root, 'fixtures/analyzer/wrapper-two-hops');

function loadCopy(): typeof ownTs {
  if (!existsSync(path.join(copyDir, 'package.json'))) {
    mkdirSync(copyDir, { recursive: true });
    const from = path.join(root, 'node_modules/typescript');
    cpSync(path.join(from, 'package.json'), path.join(copyDir, 'package.json'));
    cpSync(path.join(from, 'lib'), path.join(copyDir, 'lib'), {
      recursive: true,
      filter: (source) => !/[\\/]lib[\\/](?:_|tsserver|typingsInstaller|watchGuard|cancellationToken)/.test(source),
    });
  }
  return createRequire(path.join(copyDir, '..', 'noop.js'))('typescript') as typeof ownTs;
}

function createProgram(ts: typeof ownTs): ownTs.Program {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(fixture, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  )!;
  return ts.createProgram({ rootNames: config.fileNames, options: config.options });
}

test('a program of another TypeScript copy is read with that copy, and gives the same findings', () => {
  const copy = loadCopy();
  expect(copy).not.toBe(ownTs);
  const foreign = createProgram(copy);
  const own = createProgram(ownTs);
  expect(getTypeScriptOf(foreign)).toBe(copy);
  expect(getTypeScriptOf(own)).toBe(ownTs);
  const file = path.join(fixture, 'src/screens/signup.ts');
  const summary = (program: ownTs.Program) =>
    getFindingsForFile(program, file, '2026-11-22').map((f) => `${f.location.line}:${f.location.column} ${f.ruleId} ${f.message}`);
  expect(summary(foreign)).toEqual(summary(own));
  expect(summary(own).length).toBeGreaterThan(0);
});
