/**
 * TypeScript's lib files are recognised where a TypeScript 7 project keeps TypeScript 6 for the
 * linters: aliased to @typescript/typescript6, whose compiler (and lib) is @typescript/old.
 * Found by linting such a project: `email.toLowerCase()` was not known as a lib method there.
 */
import { expect, test } from 'vitest';
import { getPackageName } from '../../core/packages.js';
import { isTypeScriptLibFile } from '../../core/typescript.js';

test('lib files of typescript and of the TS 6 compatibility packages', () => {
  expect(isTypeScriptLibFile('/app/node_modules/typescript/lib/lib.es5.d.ts')).toBe(true);
  expect(isTypeScriptLibFile('/app/node_modules/@typescript/old/lib/lib.dom.d.ts')).toBe(true);
  expect(isTypeScriptLibFile('C:\\app\\node_modules\\@typescript\\typescript6\\lib\\lib.es2022.d.ts')).toBe(true);
  // A project's own file that happens to be named like one is not.
  expect(isTypeScriptLibFile('/app/src/lib/lib.helpers.d.ts')).toBe(false);
  expect(isTypeScriptLibFile('/app/node_modules/typescript/lib/typescript.d.ts')).toBe(false);
  expect(getPackageName('/app/node_modules/@typescript/old/lib/lib.es5.d.ts')).toBe('typescript');
});
