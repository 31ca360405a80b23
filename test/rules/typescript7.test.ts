/**
 * TypeScript 7 at the top level: typescript-eslint would die inside ts-api-utils with
 * "Cannot read properties of undefined (reading 'Intrinsic')"; piiguard/eslint finds the
 * TypeScript each typescript-eslint package would load, as Node resolves it, and fails first with
 * one message naming the version, the place and the fix. Laid out here as npm lays out a project
 * that has `typescript@7` and the project's own typescript-eslint (a TypeScript 7 package is one
 * whose main module has no compiler API: `lib/version.cjs` only).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { describeTypeScriptWithoutCompilerApi, findTypeScriptWithoutCompilerApi } from '../../rules/setup/typescript-compiler-api.js';

const root = path.resolve(import.meta.dirname, '../..');
const scratch = path.join(root, 'test-artifacts');
mkdirSync(scratch, { recursive: true });
const app = mkdtempSync(path.join(scratch, 'ts7-app-'));
afterAll(() => rmSync(app, { recursive: true, force: true }));

function writePackage(dir: string, json: object, main = 'module.exports = {};'): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ main: 'index.js', ...json }));
  writeFileSync(path.join(dir, 'index.js'), main);
}

const modules = path.join(app, 'node_modules');
writePackage(path.join(modules, 'typescript'), { name: 'typescript', version: '7.0.2' }, "module.exports = { version: '7.0.2' };");
writePackage(path.join(modules, 'typescript-eslint'), {
  name: 'typescript-eslint',
  version: '8.74.0',
  dependencies: { '@typescript-eslint/parser': '8.74.0' },
  peerDependencies: { typescript: '>=4.8.4 <6.1.0' },
});
writePackage(path.join(modules, '@typescript-eslint/parser'), {
  name: '@typescript-eslint/parser',
  version: '8.74.0',
  dependencies: { 'ts-api-utils': '^2.1.0' },
  peerDependencies: { typescript: '>=4.8.4 <6.1.0' },
});
writePackage(path.join(modules, 'ts-api-utils'), { name: 'ts-api-utils', version: '2.1.0', peerDependencies: { typescript: '>=4.8.4' } });

test("the project's typescript-eslint on TypeScript 7: found, with the version, the place and the fix", () => {
  const found = findTypeScriptWithoutCompilerApi([{ name: 'typescript-eslint', fromDir: app, owner: 'project' }]);
  expect(found).toMatchObject({
    typescript: { version: '7.0.2', dir: path.join(modules, 'typescript') },
    loadedBy: { name: 'typescript-eslint' },
    owner: 'project',
  });
  expect(describeTypeScriptWithoutCompilerApi(found!)).toBe(
    [
      `piiguard/eslint: typed linting cannot run on TypeScript 7.0.2 (${path.join(modules, 'typescript')}), which typescript-eslint (${path.join(modules, 'typescript-eslint')}) would load for this project's typescript-eslint.`,
      `TypeScript 7, the native compiler, has no JavaScript compiler API (typescript-eslint would fail with "Cannot read properties of undefined (reading 'Intrinsic')").`,
      `Keep TypeScript 7 for tsc and give the linters TypeScript 6 (piiguard's README, "On TypeScript 7"):`,
      `- the project's typescript-eslint needs TypeScript 6 at the top level: npm install -D typescript@npm:@typescript/typescript6@6.0.2 typescript7@npm:typescript@7.0.2, then run TypeScript 7 as node node_modules/typescript7/bin/tsc.`,
    ].join('\n'),
  );
});

test("piiguard's own typescript-eslint, here on TypeScript 6: nothing to report", () => {
  expect(
    findTypeScriptWithoutCompilerApi([{ name: '@typescript-eslint/parser', fromDir: path.join(root, 'rules'), owner: 'piiguard' }]),
  ).toBeUndefined();
});
