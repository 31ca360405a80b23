/**
 * The config's `include`/`exclude` (SPEC §6): which files of the program are analysed. One place,
 * so that `piiguard check` and the ESLint rules judge the same files.
 */
import path from 'node:path';
import { relativePath } from '../analysis.js';
import type { LoadedConfig } from './types.js';

/** Whether the config's `include`/`exclude` globs (relative to its directory) take this file in. */
export function isIncludedByConfig(config: LoadedConfig, fileName: string): boolean {
  const rel = relativePath(config.dir, fileName);
  const { include, exclude } = config.config;
  if (include && include.length > 0 && !include.some((glob) => path.matchesGlob(rel, glob))) return false;
  if (exclude && exclude.some((glob) => path.matchesGlob(rel, glob))) return false;
  return true;
}
