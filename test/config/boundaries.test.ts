/**
 * The config is part of the core: the ESLint plugin, the CLI and the transformer all load it,
 * so it must not pull in any front end's machinery (STYLE: "core/ imports neither ESLint nor
 * ts-morph"), and the loader must not load TypeScript's compiler just to read a file.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { getImports } from '../house/imports.js';

const CONFIG_DIR = fileURLToPath(new URL('../../core/config/', import.meta.url));

test.each(readdirSync(CONFIG_DIR).filter((file) => file.endsWith('.ts')))('core/config/%s imports no front end and no compiler', (file) => {
  const packages = getImports(`${CONFIG_DIR}${file}`)
    .map((i) => i.specifier)
    .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'));
  expect(packages.filter((name) => /^(eslint|ts-morph|typescript|@typescript-eslint\/)/.test(name))).toEqual([]);
  expect(packages.every((name) => ['zod', 'jiti', 'jsonc-parser', 'minimatch'].includes(name))).toBe(true);
});
