/**
 * The house's layout as STYLE.md promises it, checked on every source file: which folders and
 * packages each part may import. The core imports no front end (ESLint, ts-morph, bundlers) and
 * TypeScript only as types (each front end passes in its own `ts`, STYLE habit 6); the runtime
 * that ships into apps imports nothing but its hash library; front ends do not import each other
 * and see the core through core/index.ts.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { getImports } from './imports.js';

const root = path.resolve(import.meta.dirname, '../..');

const PARTS = {
  core: { folders: ['core'], packages: ['zod', 'jiti', 'jsonc-parser', 'minimatch'], typeOnly: ['typescript'] },
  analyzer: {
    folders: ['core', 'analyzer'],
    // ts-morph and jsonc-parser: `tag` and `fix` only, loaded on demand (test/cli/edit-loading.test.ts).
    packages: ['typescript', 'picocolors', '@babel/code-frame', 'piiguard', 'ts-morph', 'jsonc-parser'],
    typeOnly: [],
  },
  rules: {
    folders: ['core', 'rules'],
    packages: ['typescript', '@typescript-eslint/utils', '@typescript-eslint/parser', 'piiguard'],
    typeOnly: ['eslint'],
  },
  transformer: {
    folders: ['core', 'transformer', 'runtime'],
    packages: ['typescript', 'unplugin', 'magic-string', 'piiguard'],
    typeOnly: [],
  },
  runtime: { folders: ['runtime'], packages: ['@noble/hashes'], typeOnly: [] },
  // Runs on edge runtimes: the config parser (core/plan.js) and the runtime, no Node package.
  proxy: { folders: ['core', 'runtime', 'proxy'], packages: [], typeOnly: [] },
} as const;

/** The façade each front end sees the core through: core/plan.js has the config parser alone, for the proxy. */
const CORE_FACADE: Record<string, string> = { proxy: path.join('core', 'plan.js') };

function listSources(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => path.join(folder, file));
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

describe.each(Object.entries(PARTS))('%s/', (part, allowed) => {
  test.each(listSources(part))('%s', (file) => {
    const wrong: string[] = [];
    for (const { specifier, typeOnly } of getImports(path.join(root, file))) {
      if (specifier.startsWith('node:')) continue;
      if (specifier.startsWith('.')) {
        const target = path.relative(root, path.resolve(root, path.dirname(file), specifier));
        const folder = target.split(path.sep)[0]!;
        if (!(allowed.folders as readonly string[]).includes(folder)) wrong.push(`${specifier} (${folder}/ is not for ${part}/)`);
        // The front ends see the core through its façade only.
        // core/typescript-module.js stays out of the façade: the CLI's --version must not load the compiler.
        else if (
          folder === 'core' &&
          part !== 'core' &&
          target !== (CORE_FACADE[part] ?? path.join('core', 'index.js')) &&
          target !== path.join('core', 'typescript-module.js')
        )
          wrong.push(`${specifier} (import ${CORE_FACADE[part] ?? 'core/index.js'})`);
        continue;
      }
      const name = packageOf(specifier);
      if ((allowed.packages as readonly string[]).includes(name)) continue;
      if (typeOnly && (allowed.typeOnly as readonly string[]).includes(name)) continue;
      wrong.push(`${specifier}${(allowed.typeOnly as readonly string[]).includes(name) ? ' (only `import type` here)' : ''}`);
    }
    expect(wrong).toEqual([]);
  });
});

test('index.ts, the package entry: the PII types, defineConfig and the rules from the core, analyze() from the analyzer', () => {
  const folders = new Set(getImports(path.join(root, 'index.ts')).map(({ specifier }) => specifier.replace(/^\.\//, '').split('/')[0]));
  expect([...folders].sort()).toEqual(['analyzer', 'core']);
});
