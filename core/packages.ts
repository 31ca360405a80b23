/**
 * Which npm package code belongs to, and whether that is a package a pack or config names: the
 * one matcher for module specifiers (`@sentry/node/tracing`), declaring files
 * (`node_modules/@types/mixpanel-browser/index.d.ts`) and dependency names alike.
 */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type * as TS from 'typescript';
import { isTypeScriptLibFile, type TypeScript } from './typescript.js';
import { getWorkspacePackageDir } from './workspace-packages.js';

/**
 * The npm package a file belongs to: the last `node_modules/<pkg>` of its path (pnpm's
 * `.pnpm/x@1/node_modules/x` included), `@types/x` → `x`, `@types/scope__x` → `@scope/x`;
 * TypeScript's default lib files → `typescript`.
 */
export function getPackageName(fileName: string): string | undefined {
  const normalized = fileName.replace(/\\/g, '/');
  if (isTypeScriptLibFile(normalized)) return 'typescript';
  const index = normalized.lastIndexOf('/node_modules/');
  if (index < 0) return undefined;
  const rest = normalized.slice(index + '/node_modules/'.length).split('/');
  return getTypedPackageName(rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]);
}

/** The package a `@types` package declares: `@types/x` → `x`, `@types/scope__x` → `@scope/x`; any other name as it is. */
export function getTypedPackageName(name: string): string {
  if (!name.startsWith('@types/')) return name;
  const typed = name.slice('@types/'.length);
  return typed.includes('__') ? `@${typed.replace('__', '/')}` : typed;
}

/**
 * Whether a package name or module specifier is of the package `pattern` names: the package
 * itself, a subpath of it (`@sentry/node/tracing` of `@sentry/node`), or for `@sentry/*` any
 * package of the scope.
 */
export function matchesPackage(pattern: string, specifier: string | undefined): boolean {
  if (!specifier) return false;
  if (pattern.endsWith('/*')) return specifier.startsWith(pattern.slice(0, -1));
  return specifier === pattern || specifier.startsWith(pattern + '/');
}

/**
 * The file a config entry's `module` names (a package, or a path relative to the config file),
 * resolved as the program resolves imports (tsconfig `paths`, a barrel `index.ts`, a package's
 * `exports`); undefined when it is not in the program.
 */
export function resolveConfigModule(ts: TypeScript, program: TS.Program, configDir: string, moduleName: string): TS.SourceFile | undefined {
  const relative = moduleName.startsWith('.');
  const specifier = relative ? path.resolve(configDir, moduleName) : moduleName;
  const resolve = (fromDir: string) => {
    const resolved = ts.resolveModuleName(specifier, path.join(fromDir, '__piiguard__.ts'), program.getCompilerOptions(), ts.sys)
      .resolvedModule?.resolvedFileName;
    return resolved ? program.getSourceFile(resolved) : undefined;
  };
  const found = resolve(configDir);
  if (found || relative) return found;
  // pnpm links a workspace package into the node_modules of the packages that depend on it, not at
  // the top where the config is: a package name resolves from the project's own directories too.
  const dirs = new Set<string>();
  for (const file of program.getRootFileNames()) {
    const dir = getWorkspacePackageDir(file);
    if (dir !== undefined) dirs.add(dir);
  }
  for (const dir of dirs) {
    const file = resolve(dir);
    if (file) return file;
  }
  return undefined;
}

/** TypeScript's lib and @types/node: the standard library the engine models. */
export function isLibFile(fileName: string): boolean {
  return isTypeScriptLibFile(fileName) || /[\\/]@types[\\/]node[\\/]/.test(fileName);
}

/** Transitive dependencies per package as found from a directory: `${fromDir}\0${name}` → names. */
const dependencyMemo = new Map<string, ReadonlySet<string>>();

/** How deep dependencies are followed: an SDK's wrapper, its browser client, their common core. */
const DEPENDENCY_DEPTH = 3;

/**
 * Whether code declared in package `declaring` belongs to package `named` as a config entry names
 * it: the package itself, or one of its dependencies (a sink named `launchdarkly-react-client-sdk`
 * whose client methods `launchdarkly-js-sdk-common` declares), found from `fromDir` as Node finds them.
 */
export function isPackageOrDependency(declaring: string, named: string, fromDir: string): boolean {
  if (declaring === named) return true;
  const key = `${fromDir}\0${named}`;
  let dependencies = dependencyMemo.get(key);
  if (!dependencies) {
    dependencies = collectDependencies(named, fromDir);
    dependencyMemo.set(key, dependencies);
  }
  return dependencies.has(declaring);
}

function collectDependencies(name: string, fromDir: string): Set<string> {
  const out = new Set<string>();
  let level = [{ name, fromDir }];
  for (let depth = 0; depth < DEPENDENCY_DEPTH && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const item of level) {
      const dir = findInstalledPackage(item.name, item.fromDir);
      if (!dir) continue;
      for (const dependency of readDependencies(dir)) {
        if (out.has(dependency) || dependency === name) continue;
        out.add(dependency);
        next.push({ name: dependency, fromDir: dir });
      }
    }
    level = next;
  }
  return out;
}

/** The real directory of `node_modules/<name>` nearest `fromDir` (pnpm's links followed). */
function findInstalledPackage(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    try {
      return realpathSync(path.join(dir, 'node_modules', name));
    } catch {
      // not installed here: look further up
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readDependencies(dir: string): string[] {
  try {
    const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    return [...Object.keys(json.dependencies ?? {}), ...Object.keys(json.peerDependencies ?? {})];
  } catch {
    return [];
  }
}
