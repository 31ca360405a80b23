/**
 * The config is part of the core: the ESLint plugin, the CLI and the transformer all load it,
 * so it must not pull in any front end's machinery (STYLE: "core/ imports neither ESLint nor
 * ts-morph"), and the loader must not load TypeScript's compiler just to read a file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const CONFIG_DIR = fileURLToPath(new URL('../../core/config/', import.meta.url));

function getImports(file: string): string[] {
  const text = readFileSync(new URL(file, `file://${CONFIG_DIR}`), 'utf8');
  // `… from 'x'` and `import('x')` in code; lines of doc comments (` * …`, `// …`) do not count.
  const code = text
    .split('\n')
    .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
    .join('\n');
  return [...code.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)'([^']+)'/gm)].map((match) => match[1]!);
}

test.each(readdirSync(CONFIG_DIR).filter((file) => file.endsWith('.ts')))('core/config/%s imports no front end and no compiler', (file) => {
  const packages = getImports(file).filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'));
  expect(packages.filter((name) => /^(eslint|ts-morph|typescript|@typescript-eslint\/)/.test(name))).toEqual([]);
  expect(packages.every((name) => ['zod', 'jiti', 'jsonc-parser', 'minimatch'].includes(name))).toBe(true);
});
