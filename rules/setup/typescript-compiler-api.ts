/**
 * Typed linting needs TypeScript's JavaScript compiler API. TypeScript 7 (`typescript@7`, the
 * native compiler) has none: its package exports only `lib/version.cjs`, and typescript-eslint
 * then dies while loading, inside `ts-api-utils`, with `Cannot read properties of undefined
 * (reading 'Intrinsic')`, naming neither piiguard nor TypeScript. This module runs before
 * `piiguard/eslint` loads typescript-eslint (it is that entry's first import) and replaces that
 * crash with one message naming the TypeScript found, where, and the fix.
 *
 * What matters is the `typescript` each package of typescript-eslint resolves from where it is
 * installed, not the project's: npm may nest typescript-eslint and TypeScript 6 under piiguard
 * and still hoist `ts-api-utils` (whose peer range admits 7) next to the project's TypeScript 7.
 * So the packages are walked as Node resolves them, from piiguard's parser and utils and from the
 * project's own typescript-eslint, if it has one.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** A package of typescript-eslint that would load a `typescript` without the compiler API. */
export interface TypeScriptWithoutCompilerApi {
  /** The `typescript` it resolves: its version and package directory. */
  typescript: { version: string; dir: string };
  /** The package that loads it (`ts-api-utils`, `@typescript-eslint/typescript-estree` …) and its directory. */
  loadedBy: { name: string; dir: string };
  /** Whose typescript-eslint it is: piiguard's own (what runs its rules) or the project's. */
  owner: 'piiguard' | 'project';
}

interface PackageJson {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** typescript-eslint's own packages and `ts-api-utils`: the ones that `require('typescript')` for it. */
function isTypeScriptEslintPackage(name: string): boolean {
  return name === 'typescript-eslint' || name === 'ts-api-utils' || name.startsWith('@typescript-eslint/');
}

/**
 * The directory of package `name` as Node finds it from `fromDir` (the first `node_modules/<name>`
 * up the tree), through symlinks as Node follows them, so that pnpm's layout resolves as well.
 */
function findPackageDir(name: string, fromDir: string): string | undefined {
  for (const base of createRequire(path.join(fromDir, 'index.js')).resolve.paths(name) ?? []) {
    const dir = path.join(base, name);
    if (existsSync(path.join(dir, 'package.json'))) return realpathSync(dir);
  }
  return undefined;
}

function readPackageJson(dir: string): PackageJson {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** Whether `require('typescript')` from `dir` gives the compiler API (what ts-api-utils reads first). */
function hasCompilerApi(dir: string): boolean {
  try {
    const ts = createRequire(path.join(dir, 'package.json'))('typescript') as { TypeFlags?: unknown; createProgram?: unknown };
    return typeof ts.TypeFlags === 'object' && typeof ts.createProgram === 'function';
  } catch {
    // No TypeScript, or one that does not load: typescript-eslint's own error says so.
    return true;
  }
}

/**
 * The first package of typescript-eslint, reached from `roots` as Node resolves them, that would
 * load a `typescript` without the compiler API; `undefined` when every one gets a usable one.
 */
export function findTypeScriptWithoutCompilerApi(
  roots: Array<{ name: string; fromDir: string; owner: TypeScriptWithoutCompilerApi['owner'] }>,
): TypeScriptWithoutCompilerApi | undefined {
  const visited = new Set<string>();
  const checkedTypeScript = new Map<string, boolean>();
  const visit = (name: string, fromDir: string, owner: TypeScriptWithoutCompilerApi['owner']): TypeScriptWithoutCompilerApi | undefined => {
    const dir = findPackageDir(name, fromDir);
    if (!dir || visited.has(dir)) return undefined;
    visited.add(dir);
    const pkg = readPackageJson(dir);
    const declared = { ...pkg.optionalDependencies, ...pkg.peerDependencies, ...pkg.dependencies };
    if ('typescript' in declared) {
      const tsDir = findPackageDir('typescript', dir);
      if (tsDir) {
        let usable = checkedTypeScript.get(tsDir);
        if (usable === undefined) checkedTypeScript.set(tsDir, (usable = hasCompilerApi(dir)));
        if (!usable)
          return { typescript: { version: readPackageJson(tsDir).version ?? 'unknown', dir: tsDir }, loadedBy: { name, dir }, owner };
      }
    }
    for (const dependency of Object.keys(declared).filter(isTypeScriptEslintPackage)) {
      const found = visit(dependency, dir, owner);
      if (found) return found;
    }
    return undefined;
  };
  for (const root of roots) {
    const found = visit(root.name, root.fromDir, root.owner);
    if (found) return found;
  }
  return undefined;
}

/** The one message for it: what was found, where, and the fix (README, "On TypeScript 7"). */
export function describeTypeScriptWithoutCompilerApi(found: TypeScriptWithoutCompilerApi): string {
  const { typescript, loadedBy } = found;
  const alias =
    'npm install -D typescript@npm:@typescript/typescript6@6.0.2 typescript7@npm:typescript@7.0.2, then run TypeScript 7 as node node_modules/typescript7/bin/tsc';
  const fixes =
    found.owner === 'piiguard'
      ? [
          `- piiguard's rules only: add "overrides": { "piiguard": { "typescript": "6.0.2" } } to package.json, delete node_modules and package-lock.json, and run npm install;`,
          `- typescript-eslint's typed configs too: ${alias}.`,
        ]
      : [`- the project's typescript-eslint needs TypeScript 6 at the top level: ${alias}.`];
  return [
    `piiguard/eslint: typed linting cannot run on TypeScript ${typescript.version} (${typescript.dir}), which ${loadedBy.name} (${loadedBy.dir}) would load for ${found.owner === 'piiguard' ? "piiguard's rules" : "this project's typescript-eslint"}.`,
    `TypeScript 7, the native compiler, has no JavaScript compiler API (typescript-eslint would fail with "Cannot read properties of undefined (reading 'Intrinsic')").`,
    `Keep TypeScript 7 for tsc and give the linters TypeScript 6 (piiguard's README, "On TypeScript 7"):`,
    ...fixes,
  ].join('\n');
}

const found = findTypeScriptWithoutCompilerApi([
  // What runs piiguard's rules: the parser its preset sets and the utils its rules are built on.
  { name: '@typescript-eslint/parser', fromDir: import.meta.dirname, owner: 'piiguard' },
  { name: '@typescript-eslint/utils', fromDir: import.meta.dirname, owner: 'piiguard' },
  // What the project's config may load beside the preset (it fails the same way).
  ...['typescript-eslint', '@typescript-eslint/parser', '@typescript-eslint/eslint-plugin'].map((name) => ({
    name,
    fromDir: process.cwd(),
    owner: 'project' as const,
  })),
]);
if (found) throw new Error(describeTypeScriptWithoutCompilerApi(found));
