/**
 * Workspace packages: a monorepo's own packages, imported by name (`@acme/analytics`) through a
 * `node_modules` symlink (npm, yarn and pnpm workspaces) whose real path is outside
 * `node_modules`. They are project code: piiguard analyses their sources, so wrappers are inferred
 * through them and findings land at the callers in the app.
 *
 * A package built to `.d.ts` is imported through its declarations. The program is made to load
 * the source instead, when it can be found: the declaration map beside the `.d.ts` (`"declarationMap":
 * true`), or the package's `exports` conditions `source` and `development`. What is left imported
 * through declarations alone is named once per package, never dropped silently.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as TS from 'typescript';
import type { TypeScript } from './typescript.js';

/** The export conditions that name a workspace package's source (Nx, Turborepo, tsup templates). */
const SOURCE_CONDITIONS = ['source', 'development'];

interface PackageJson {
  dir: string;
  name: string;
}

/** The nearest named package.json per directory (the names of a monorepo's packages do not change under a run). */
const nearestPackageJson = new Map<string, PackageJson | null>();

/**
 * The `name` of the nearest package.json above a file of the project (not under node_modules,
 * where `getPackageName` reads the path): the workspace package it belongs to.
 */
export function getWorkspacePackageName(fileName: string): string | undefined {
  const normalized = fileName.replace(/\\/g, '/');
  if (normalized.includes('/node_modules/')) return undefined;
  return findPackageJson(path.dirname(normalized))?.name;
}

/** The directory of the nearest package.json above a file of the project: its workspace package's root. */
export function getWorkspacePackageDir(fileName: string): string | undefined {
  const normalized = fileName.replace(/\\/g, '/');
  if (normalized.includes('/node_modules/')) return undefined;
  return findPackageJson(path.dirname(normalized))?.dir;
}

function findPackageJson(start: string): PackageJson | undefined {
  const visited: string[] = [];
  let found: PackageJson | null = null;
  for (let dir = start; ; dir = path.dirname(dir)) {
    const cached = nearestPackageJson.get(dir);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(dir);
    const name = readPackageName(path.join(dir, 'package.json'));
    if (name !== undefined) {
      found = { dir, name };
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of visited) nearestPackageJson.set(dir, found);
  return found ?? undefined;
}

function readPackageName(file: string): string | undefined {
  try {
    const name = (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** `@acme/analytics` of `@acme/analytics/events`; undefined for a relative or absolute specifier. */
function getSpecifierPackage(specifier: string): string | undefined {
  if (specifier.startsWith('.') || path.isAbsolute(specifier) || specifier.startsWith('#')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** A workspace package that the program imports through its declarations only. */
export interface BuiltWorkspacePackage {
  name: string;
  /** Its package.json. */
  packageJson: string;
  /** The first declaration file imported from it. */
  declarationFile: string;
}

/**
 * Makes `host` resolve a workspace package's `.d.ts` to its source where the source is known, and
 * returns, once the program is made, the packages still imported through declarations alone.
 */
export function redirectWorkspaceDeclarations(
  ts: TypeScript,
  host: TS.CompilerHost,
  options: TS.CompilerOptions,
): (program: TS.Program) => BuiltWorkspacePackage[] {
  const cache = ts.createModuleResolutionCache(host.getCurrentDirectory(), (f) => host.getCanonicalFileName(f), options);
  const sourceOptions: TS.CompilerOptions = { ...options, customConditions: [...(options.customConditions ?? []), ...SOURCE_CONDITIONS] };
  const sourceCache = ts.createModuleResolutionCache(host.getCurrentDirectory(), (f) => host.getCanonicalFileName(f), sourceOptions);
  const builtOnly = new Map<string, BuiltWorkspacePackage>();

  const toSource = (
    resolved: TS.ResolvedModuleWithFailedLookupLocations,
    specifier: string,
    containingFile: string,
    redirectedReference: TS.ResolvedProjectReference | undefined,
    mode: TS.ResolutionMode,
  ): TS.ResolvedModuleWithFailedLookupLocations => {
    const module = resolved.resolvedModule;
    const packageName = getSpecifierPackage(specifier);
    if (!module || !packageName || !/\.d\.[cm]?ts$/.test(module.resolvedFileName)) return resolved;
    const file = module.resolvedFileName;
    if (/[\\/]node_modules[\\/]/.test(file)) return resolved;
    const owner = findPackageJson(path.dirname(file));
    // A `.d.ts` outside node_modules that is not the package named (a `paths` alias to shims) is left alone.
    if (!owner || owner.name !== packageName) return resolved;
    // A package importing itself by name (its own built entry, as piiguard's fixtures import `piiguard`) is not a workspace dependency.
    if (findPackageJson(path.dirname(containingFile))?.dir === owner.dir) return resolved;
    const source =
      findMappedSource(host, file) ??
      findConditionSource(ts, specifier, containingFile, sourceOptions, host, sourceCache, redirectedReference, mode);
    if (source) {
      const extension = getExtension(ts, source);
      return { resolvedModule: { resolvedFileName: source, extension, isExternalLibraryImport: false, resolvedUsingTsExtension: false } };
    }
    if (!builtOnly.has(owner.name))
      builtOnly.set(owner.name, { name: owner.name, packageJson: path.join(owner.dir, 'package.json'), declarationFile: file });
    return resolved;
  };

  host.resolveModuleNameLiterals = (literals, containingFile, redirectedReference, compilerOptions, containingSourceFile) =>
    literals.map((literal) => {
      const mode = ts.getModeForUsageLocation(containingSourceFile, literal, compilerOptions);
      const resolved = ts.resolveModuleName(literal.text, containingFile, compilerOptions, host, cache, redirectedReference, mode);
      return toSource(resolved, literal.text, containingFile, redirectedReference, mode);
    });

  // With references, the program may load a referenced project's sources for its `.d.ts` itself.
  return (program) => [...builtOnly.values()].filter((pkg) => program.getSourceFile(pkg.declarationFile) !== undefined);
}

/** The source a declaration map beside a `.d.ts` names (`"sources": ["../src/index.ts"]`). */
function findMappedSource(host: TS.CompilerHost, declarationFile: string): string | undefined {
  const mapFile = `${declarationFile}.map`;
  const text = host.fileExists(mapFile) ? host.readFile(mapFile) : undefined;
  if (text === undefined) return undefined;
  try {
    const map = JSON.parse(text) as { sources?: unknown; sourceRoot?: unknown };
    const first = Array.isArray(map.sources) ? map.sources[0] : undefined;
    if (typeof first !== 'string') return undefined;
    const root = typeof map.sourceRoot === 'string' ? map.sourceRoot : '';
    const source = path.resolve(path.dirname(mapFile), root, first);
    return isTypeScriptSource(source) && host.fileExists(source) ? source : undefined;
  } catch {
    return undefined;
  }
}

/** The package's source as its `exports` conditions `source`/`development` name it. */
function findConditionSource(
  ts: TypeScript,
  specifier: string,
  containingFile: string,
  options: TS.CompilerOptions,
  host: TS.CompilerHost,
  cache: TS.ModuleResolutionCache,
  redirectedReference: TS.ResolvedProjectReference | undefined,
  mode: TS.ResolutionMode,
): string | undefined {
  const file = ts.resolveModuleName(specifier, containingFile, options, host, cache, redirectedReference, mode).resolvedModule
    ?.resolvedFileName;
  return file && isTypeScriptSource(file) && !/[\\/]node_modules[\\/]/.test(file) ? file : undefined;
}

function isTypeScriptSource(file: string): boolean {
  return /\.[cm]?tsx?$/.test(file) && !/\.d\.[cm]?ts$/.test(file);
}

function getExtension(ts: TypeScript, file: string): TS.Extension {
  if (file.endsWith('.tsx')) return ts.Extension.Tsx;
  if (file.endsWith('.mts')) return ts.Extension.Mts;
  if (file.endsWith('.cts')) return ts.Extension.Cts;
  return ts.Extension.Ts;
}
