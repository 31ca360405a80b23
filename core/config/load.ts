/**
 * Finds and loads the config (SPEC §6): from a directory upward, the first of
 * `piiguard.config.{ts,mts,js,mjs,cjs,json}`, `.piiguardrc.json`, or a `"piiguard"` key in
 * package.json. JSON is parsed with positions (for messages and `unused-approval` locations);
 * JS through `import()`, TypeScript through jiti. A file that cannot be loaded is a ConfigError
 * that names it — never a stack trace.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createJiti } from 'jiti';
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { ConfigError } from '../errors.js';
import { getDefaultConfig, normalizeConfig } from './normalize.js';
import type { LoadedConfig } from './types.js';

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
  /** Directory to search from, upward. */
  cwd: string;
  /** An explicit config file (`--config`): no search. */
  configFile?: string;
}

/** The config file that applies to `cwd`, or undefined. */
export function findConfigFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && hasPiiguardKey(pkg)) return pkg;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function hasPiiguardKey(file: string): boolean {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof json === 'object' && json !== null && 'piiguard' in json;
  } catch {
    return false;
  }
}

/** How a file is named in messages: relative to the working directory when inside it. */
export function displayName(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file;
}

export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const file = locate(options);
  if (!file) return { dir: path.resolve(options.cwd), config: getDefaultConfig(), locations: {} };
  if (isJson(file)) return loadJson(file);
  let raw: unknown;
  try {
    if (/\.[cm]?js$/.test(file)) {
      const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
      raw = module.default ?? module;
    } else {
      raw = await createJiti(import.meta.url, { interopDefault: true, moduleCache: false, fsCache: false }).import(file, { default: true });
    }
  } catch (error) {
    throw loadError(file, error);
  }
  return { file, dir: path.dirname(file), config: normalizeConfig(raw, displayName(file)), locations: {} };
}

/** The same as loadConfig, synchronously (for ESLint rules, which cannot await). */
export function loadConfigSync(options: LoadConfigOptions): LoadedConfig {
  const file = locate(options);
  if (!file) return { dir: path.resolve(options.cwd), config: getDefaultConfig(), locations: {} };
  if (isJson(file)) return loadJson(file);
  let raw: unknown;
  try {
    const jiti = createJiti(import.meta.url, { interopDefault: true, moduleCache: false, fsCache: false });
    raw = jiti(file);
    if (raw && typeof raw === 'object' && 'default' in raw) raw = (raw as { default: unknown }).default;
  } catch (error) {
    throw loadError(file, error);
  }
  return { file, dir: path.dirname(file), config: normalizeConfig(raw, displayName(file)), locations: {} };
}

function locate(options: LoadConfigOptions): string | undefined {
  if (options.configFile) {
    const file = path.resolve(options.cwd, options.configFile);
    if (!existsSync(file)) throw new ConfigError(`${displayName(file)}: cannot find this config file`, file);
    return file;
  }
  return findConfigFile(options.cwd);
}

function isJson(file: string): boolean {
  return file.endsWith('.json');
}

function loadError(file: string, error: unknown): ConfigError {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new ConfigError(`${displayName(file)}: cannot load this config: ${message}`, file);
}

function loadJson(file: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw loadError(file, error);
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: file.endsWith('package.json') });
  const name = displayName(file);
  if (errors.length > 0 || !tree) {
    const error = errors[0];
    const { line, column } = error ? lineAndColumn(text, error.offset) : { line: 1, column: 1 };
    throw new ConfigError(`${name}:${line}:${column}: invalid JSON — ${error ? describeParseError(printParseErrorCode(error.error)) : 'empty file'}`, file);
  }
  let root: JsonNode | undefined = tree;
  let prefix = '';
  if (path.basename(file) === 'package.json') {
    root = findNodeAtLocation(tree, ['piiguard']);
    prefix = 'piiguard.';
  }
  const raw = root ? (getNodeValue(root) as unknown) : {};
  let config;
  try {
    config = normalizeConfig(raw, name);
  } catch (error) {
    if (error instanceof ConfigError && prefix) {
      throw new ConfigError(error.message.replace(`${name}: `, `${name}: ${prefix}`), file, error.keyPath);
    }
    throw error;
  }
  const locations: LoadedConfig['locations'] = {};
  for (const key of ['allow', 'sinks', 'sources', 'sanitizers'] as const) {
    const list = root && findNodeAtLocation(root, [key]);
    list?.children?.forEach((child, index) => {
      locations[`${key}[${index}]`] = lineAndColumn(text, child.offset);
    });
  }
  return { file, dir: path.dirname(file), config, locations };
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}
