/**
 * Options and config lookup shared by the transformer and the bundler plugins: the same config
 * file `piiguard check` reads, found from the project's directory upward.
 */
import path from 'node:path';
import { loadConfigSync, type LoadedConfig, type TypeScript } from '../core/index.js';

export interface PiiguardTransformOptions {
  /** The config file (absolute, or relative to the project's directory). Default: looked up from there upward. */
  config?: string;
  /** ISO date that approval expiry is judged against (default: today). */
  today?: string;
  /** Where `pseudonymization.keyEnv` is read from (default: `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The TypeScript to use (default: the one ts-patch passes, else piiguard's own). */
  ts?: TypeScript;
  /**
   * The tsconfig to analyse when the transformer gets no program (ts-loader's `transpileOnly`).
   * Default: the one the compiler options name, else `tsconfig.json` in the working directory.
   */
  tsconfig?: string;
}

/** The config for a project in `dir`; finding paths are relative to the config (or to `dir` without one). */
export function loadProjectConfig(dir: string, configFile: string | undefined): LoadedConfig {
  const loaded = loadConfigSync({ cwd: dir, ...(configFile ? { configFile: path.resolve(dir, configFile) } : {}) });
  return loaded.file ? loaded : { ...loaded, dir };
}
