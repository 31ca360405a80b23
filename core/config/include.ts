/**
 * The config's `include`/`exclude` (SPEC §6): which files of the program are analysed. One place,
 * so that `piiguard check` and the ESLint rules judge the same files.
 */
import { minimatch } from 'minimatch';
import { relativePath } from '../paths.js';
import type { LoadedConfig } from './types.js';

/** Whether the config's `include`/`exclude` globs (relative to its directory) take this file in. */
export function isIncludedByConfig(config: LoadedConfig, fileName: string): boolean {
  const { include, exclude } = config.config;
  if (!include?.length && !exclude?.length) return true;
  // Asked again for every file of each new program an editor makes: once per config and file.
  let answers = includedFiles.get(config);
  if (!answers) includedFiles.set(config, (answers = new Map<string, boolean>()));
  let included = answers.get(fileName);
  if (included === undefined) {
    const rel = relativePath(config.dir, fileName);
    included =
      !(include && include.length > 0 && !include.some((glob) => matches(rel, glob))) && !exclude?.some((glob) => matches(rel, glob));
    answers.set(fileName, included);
  }
  return included;
}

const includedFiles = new WeakMap<LoadedConfig, Map<string, boolean>>();

/**
 * The glob semantics of `path.matchesGlob` (minimatch, which Node uses inside), without its
 * "glob is an experimental feature" warning on every run under Node 20.
 */
function matches(rel: string, glob: string): boolean {
  return minimatch(rel, glob, {
    nocomment: true,
    nonegate: true,
    optimizationLevel: 2,
    windowsPathsNoEscape: true,
    nocase: process.platform === 'darwin' || process.platform === 'win32',
  });
}
