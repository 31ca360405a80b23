/**
 * The build marker: what a build with piiguard's bundler plugin writes at its end, so that
 * `piiguard report` can say whether the build that ships the app ran the rewrite the report's
 * `"transform": true` verdicts count on — and at which commit. One JSON file under the default
 * cache directory of the config's project (`node_modules/.cache/piiguard/build.json`, git-ignored
 * with node_modules), with nothing in it that changes from run to run but the facts of the build.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where the marker is, relative to the config's directory. */
export const BUILD_MARKER_PATH = 'node_modules/.cache/piiguard/build.json';

export interface BuildMarker {
  tool: 'piiguard';
  /** piiguard's version. */
  version: string;
  /** The bundler the plugin ran in (`vite`, `rollup`, `webpack`, `esbuild`, …). */
  bundler: string;
  /** The git commit the build was made from (`null` outside a git repository). */
  commit: string | null;
  /** Whether the build failed on piiguard's errors (its output, if any, is not what ships). */
  failed: boolean;
  /** The files the rewrite changed, relative to the config's directory, sorted. */
  rewritten: string[];
}

export function writeBuildMarker(configDir: string, marker: BuildMarker): void {
  const file = path.join(configDir, BUILD_MARKER_PATH);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(marker, null, 2) + '\n');
}

/** The marker of the last build of the project in `configDir`, or undefined when there is none (or it is not one). */
export function readBuildMarker(configDir: string): BuildMarker | undefined {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path.join(configDir, BUILD_MARKER_PATH), 'utf8'));
  } catch {
    return undefined;
  }
  const marker = data as Partial<BuildMarker> | null;
  if (
    !marker ||
    marker.tool !== 'piiguard' ||
    typeof marker.bundler !== 'string' ||
    typeof marker.failed !== 'boolean' ||
    !Array.isArray(marker.rewritten)
  )
    return undefined;
  return marker as BuildMarker;
}

/** `git rev-parse HEAD` in `dir`: the commit checked out, or null outside a git repository (or without git). */
export function getGitCommit(dir: string): string | null {
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : null;
  } catch {
    return null;
  }
}
