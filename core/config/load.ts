/**
 * Finds and loads the config (SPEC §6).
 *
 * Discovery goes from `cwd` upward and stops at the first directory that has a config: one of
 * `CONFIG_FILE_NAMES` (the first in that order wins when a directory has several), or a
 * package.json with a `"piiguard"` key. A package.json without the key does not stop the search,
 * so a monorepo package finds the config at the repository root (ESLint's and knip's semantics).
 *
 * Loading: JSON with positions (`json.ts`); `.js`/`.mjs`/`.cjs` through `import()` (the default
 * export; `module.exports` for CommonJS); `.ts`/`.mts` through jiti. A file that cannot be read,
 * parsed or run is a ConfigError naming it — never a stack trace.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { createJiti as CreateJiti } from 'jiti';
import { ConfigError } from '../errors.js';
import { readJsonConfig, type Locations } from './json.js';
import { formatKeyPath, type KeyPath } from './key-path.js';
import { getDefaultConfig, parseConfig } from './parse.js';
import type { LoadedConfig } from './types.js';

/** The config file names, in the order that decides between two in one directory. */
export const CONFIG_FILE_NAMES = [
  'piiguard.config.ts',
  'piiguard.config.mts',
  'piiguard.config.js',
  'piiguard.config.mjs',
  'piiguard.config.cjs',
  'piiguard.config.json',
  '.piiguardrc.json',
] as const;

export interface LoadConfigOptions {
  /** Directory to search from, upward; also what file names in messages are relative to. */
  cwd: string;
  /** An explicit config file (`--config`), absolute or relative to `cwd`: no search. */
  configFile?: string;
}

/**
 * The config file that applies to `cwd`: the nearest one upward, or undefined. Two in one
 * directory (`piiguard.config.ts` beside `.piiguardrc.json`, or beside a `"piiguard"` key in
 * package.json) are an error naming both: which one counts would be a guess.
 */
export function findConfigFile(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const found = CONFIG_FILE_NAMES.map((name) => path.join(dir, name)).filter(isFile);
    const packageJson = path.join(dir, 'package.json');
    if (isFile(packageJson) && hasPiiguardKey(packageJson)) found.push(packageJson);
    if (found.length > 1) {
      const names = found.map((file) => (file === packageJson ? 'package.json ("piiguard" key)' : path.basename(file)));
      throw new ConfigError(
        `${path.relative(path.resolve(cwd), dir) || '.'}: two piiguard configs in one directory, ${names.join(' and ')}; keep one`,
        found[0],
      );
    }
    if (found.length === 1) return found[0];
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Loads the config that applies to `cwd` (or `configFile`), validated, with every default
 * applied. With no config file, the defaults, with `dir` = `cwd`.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const found = locate(options);
  if (!found) return getDefaults(options.cwd);
  if (found.kind === 'json' || found.kind === 'package.json') return loadJson(found);
  let exports: unknown;
  try {
    if (found.kind === 'ts') {
      exports = await getJiti().import(found.file);
    } else {
      // The file's mtime in the URL: a long-lived process (an editor's ESLint) sees edits.
      const url = `${pathToFileURL(found.file).href}?mtime=${statSync(found.file).mtimeMs}`;
      exports = await import(url);
    }
  } catch (error) {
    throw toLoadError(found, found.kind === 'js' && !hasRun(found.file, error) ? getLocatedError(found.file, error) : error);
  }
  return toLoaded(found, getDefaultExport(exports), {});
}

/**
 * `loadConfig` for callers that cannot await (ESLint rules): JS and TypeScript configs run
 * through jiti's synchronous `require`, so a config with top-level `await` cannot load here.
 */
export function loadConfigSync(options: LoadConfigOptions): LoadedConfig {
  const found = locate(options);
  if (!found) return getDefaults(options.cwd);
  if (found.kind === 'json' || found.kind === 'package.json') return loadJson(found);
  let exports: unknown;
  try {
    exports = getJiti()(found.file);
  } catch (error) {
    throw toLoadError(found, error);
  }
  // jiti's require returns `module.exports`: an ES module's namespace, or a CommonJS module's value.
  const isNamespace = typeof exports === 'object' && exports !== null && (exports as { __esModule?: boolean }).__esModule === true;
  return toLoaded(found, isNamespace ? getDefaultExport(exports) : exports, {});
}

type ConfigKind = 'ts' | 'js' | 'json' | 'package.json';

interface FoundConfig {
  /** Absolute path. */
  file: string;
  /** As named in messages: relative to `cwd`, with forward slashes. */
  name: string;
  kind: ConfigKind;
}

function locate(options: LoadConfigOptions): FoundConfig | undefined {
  const cwd = path.resolve(options.cwd);
  const file = options.configFile === undefined ? findConfigFile(cwd) : path.resolve(cwd, options.configFile);
  if (file === undefined) return undefined;
  const name = path.relative(cwd, file).split(path.sep).join('/') || path.basename(file);
  const kind = getKind(file);
  if (!kind) {
    throw new ConfigError(`${name} — not a config file: piiguard reads .ts, .mts, .js, .mjs, .cjs and .json files`, file);
  }
  if (!isFile(file)) throw new ConfigError(`${name} — no such file`, file);
  return { file, name, kind };
}

function getKind(file: string): ConfigKind | undefined {
  if (path.basename(file) === 'package.json') return 'package.json';
  const extension = path.extname(file);
  if (extension === '.json') return 'json';
  if (extension === '.ts' || extension === '.mts') return 'ts';
  if (extension === '.js' || extension === '.mjs' || extension === '.cjs') return 'js';
  return undefined;
}

function loadJson(found: FoundConfig): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(found.file, 'utf8');
  } catch (error) {
    throw toLoadError(found, error);
  }
  const isPackageJson = found.kind === 'package.json';
  const json = readJsonConfig(text, { file: found.name, filePath: found.file, packageJson: isPackageJson });
  const input = isPackageJson ? getPiiguardKey(json.value) : json.value;
  return toLoaded(found, input, json.locations, isPackageJson ? ['piiguard'] : []);
}

function toLoaded(found: FoundConfig, input: unknown, locations: Locations, prefix: KeyPath = []): LoadedConfig {
  const root = found.kind === 'ts' || found.kind === 'js' ? 'default export' : undefined;
  const config = parseConfig(input, { file: found.name, filePath: found.file, prefix, root });
  return { file: found.file, dir: path.dirname(found.file), config, locations };
}

function getDefaults(cwd: string): LoadedConfig {
  return { dir: path.resolve(cwd), config: getDefaultConfig(), locations: {} };
}

function getDefaultExport(namespace: unknown): unknown {
  return typeof namespace === 'object' && namespace !== null ? (namespace as { default?: unknown }).default : undefined;
}

function getPiiguardKey(packageJson: unknown): unknown {
  return typeof packageJson === 'object' && packageJson !== null ? (packageJson as { piiguard?: unknown }).piiguard : undefined;
}

/**
 * Configs change while an editor runs: no module cache, and no cache files in users' trees.
 * No default interop either: a config without `export default` must not pass for its namespace.
 */
function getJiti() {
  return loadCreateJiti()(import.meta.url, { moduleCache: false, fsCache: false, interopDefault: false });
}

/**
 * jiti is only needed for `.ts` and `.js` configs: loaded on first use, so that a JSON config (or
 * none) does not pay for it at every start (a compiler transformer loads this module in each build).
 */
let createJitiFn: typeof CreateJiti | undefined;
function loadCreateJiti(): typeof CreateJiti {
  createJitiFn ??= (createRequire(import.meta.url)('jiti') as { createJiti: typeof CreateJiti }).createJiti;
  return createJitiFn;
}

/**
 * `piiguard.config.ts — failed to load: TypeError: x is not a function`: the message, never the
 * stack; a parse error's position moves to the front, like a JSON syntax error's
 * (`piiguard.config.mjs:3:2 — failed to load: ParseError: Unexpected token, expected ","`).
 */
function toLoadError(found: FoundConfig, error: unknown): ConfigError {
  if (error instanceof ConfigError) return error;
  if (!(error instanceof Error)) return new ConfigError(`${found.name} — failed to load: ${String(error)}`, found.file);
  let where = found.name;
  const lines: string[] = [];
  for (const raw of error.message.split('\n')) {
    const line = raw.trim();
    if (line === 'Require stack:') break; // Node's list of importers: the file itself, again
    if (line === '' || line.startsWith('at ')) continue;
    const position = line.startsWith(found.file) ? /^:(\d+):(\d+)$/.exec(line.slice(found.file.length)) : null;
    if (position) where = `${found.name}:${position[1]}:${position[2]}`;
    else lines.push(line.split(found.file).join(found.name));
  }
  const text = lines.join('\n');
  const message = error.name && error.name !== 'Error' ? `${error.name}: ${text}` : text;
  return new ConfigError(`${where} — failed to load: ${message}`, found.file);
}

/**
 * Whether an error comes from running the config's code (a frame of the file in its stack) rather
 * than from reading it: a syntax error, or an import that does not resolve.
 */
function hasRun(file: string, error: unknown): boolean {
  return error instanceof Error && (error.stack ?? '').includes(pathToFileURL(file).href);
}

/**
 * Node's SyntaxError for an ES module says what but not where; jiti's parser says both
 * (`ParseError: Unexpected token … piiguard.config.mjs:3:2`). The file never ran, so reading it
 * again has no side effects; if jiti finds nothing wrong, Node's error stands.
 */
function getLocatedError(file: string, error: unknown): unknown {
  try {
    getJiti()(file);
  } catch (located) {
    return located;
  }
  return error;
}

/**
 * The tsconfig that the config's `project` key names (relative to the config file; a directory
 * stands for its tsconfig.json), or undefined without the key. A path that names no tsconfig is
 * an error at that key: the user wrote it there, not on the command line.
 */
export function resolveConfigProject(loaded: LoadedConfig, cwd: string): string | undefined {
  const project = loaded.config.project;
  if (project === undefined || loaded.file === undefined) return undefined;
  const given = path.resolve(loaded.dir, project);
  const tsconfig = isDirectory(given) ? path.join(given, 'tsconfig.json') : given;
  if (isFile(tsconfig)) return tsconfig;
  const name = path.relative(path.resolve(cwd), loaded.file).split(path.sep).join('/') || path.basename(loaded.file);
  const keyPath = formatKeyPath(path.basename(loaded.file) === 'package.json' ? ['piiguard', 'project'] : ['project']);
  const found = tsconfig === given ? JSON.stringify(project) : `${JSON.stringify(project)}, a directory with no tsconfig.json`;
  throw new ConfigError(
    `${name}: ${keyPath} — expected the path of a tsconfig that exists, relative to the config file, got ${found}`,
    loaded.file,
    keyPath,
  );
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Whether a package.json holds a config. One that is not valid JSON counts when it mentions
 * piiguard, so that its syntax error is reported instead of silently skipping the config.
 */
function hasPiiguardKey(file: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  try {
    const json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as unknown;
    return typeof json === 'object' && json !== null && !Array.isArray(json) && Object.hasOwn(json, 'piiguard');
  } catch {
    return text.includes('"piiguard"');
  }
}
