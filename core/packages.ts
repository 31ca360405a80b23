/**
 * Which npm package code belongs to, and whether that is a package a pack or config names: the
 * one matcher for module specifiers (`@sentry/node/tracing`), declaring files
 * (`node_modules/@types/mixpanel-browser/index.d.ts`) and dependency names alike.
 */
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
