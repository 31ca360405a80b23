/**
 * The package as users get it: `npm pack` run in a clean copy of the repository (the files git
 * knows, no dist/), so that prepack has to build dist/ itself, and commands run as a user's shell
 * runs them. The tarball is cached under node_modules/.cache/piiguard-tests/pack/<hash of the
 * sources>: a re-run with the same sources skips the build, and two test files asking at once
 * pack once.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const PACKAGE = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  homepage: string;
  [field: string]: unknown;
};
export const TARBALL_NAME = `${PACKAGE.name}-${PACKAGE.version}.tgz`;
/** Caches that outlive a run (the packed copy, pnpm's store, yarn's cache): ours alone. */
export const TEST_CACHE = path.join(REPO, 'node_modules/.cache/piiguard-tests');

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a user's shell: no `npm_*` variables of the npm that may run the suite, no
 * vitest variables, this Node first on PATH and no node_modules/.bin (where the `node` dev
 * dependency links a Node 22). npm prefers its cache (warm after `npm ci`) and skips audit,
 * fund and update notices, which change nothing that gets installed.
 */
export function getUserEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const kept = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) && !kept.has(key.toLowerCase())) continue;
    if (/^VITEST/.test(key) || key === 'NODE_ENV' || key === 'TEST') continue;
    env[key] = value;
  }
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir && !/node_modules[\\/]\.bin/.test(dir));
  env.PATH = [path.dirname(process.execPath), ...dirs].join(path.delimiter);
  return {
    ...env,
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
}

/** `command args…` in `cwd`, in the user's environment; never throws on a failing command. */
export function runCommand(command: string, args: string[], cwd: string, extraEnv: Record<string, string> = {}): CommandResult {
  const result = spawnSync(command, args, { cwd, env: getUserEnv(extraEnv), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A command line of the README (`npm install --save-dev ../piiguard/piiguard-0.1.0.tgz  # …`), run as written. */
export function runCommandLine(line: string, cwd: string): CommandResult {
  const [command, ...args] = line
    .replace(/\s+#.*$/, '')
    .trim()
    .split(/\s+/);
  return runCommand(command!, args, cwd);
}

export interface PackedCopy {
  /** The clean copy, packed: `<cache>/pack/<hash>/piiguard`. */
  dir: string;
  /** `<dir>/piiguard-<version>.tgz`. */
  tarball: string;
  /** What `npm pack` printed on stdout. */
  packStdout: string;
}

/**
 * The repository's sources as a clone has them (git's files outside test/, fixtures/ and bench/,
 * which nothing packed comes from), with the repository's node_modules standing in for `npm ci`,
 * packed there by a plain `npm pack`.
 */
export function getPackedCopy(): PackedCopy {
  const files = listSourceFiles();
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(REPO, file)))
      .update('\0');
  const key = hash.digest('hex').slice(0, 16);
  const root = path.join(TEST_CACHE, 'pack');
  const dir = path.join(root, key, 'piiguard');
  const done = () => existsSync(path.join(dir, 'pack-stdout.txt'));
  if (!done()) withLock(path.join(root, `${key}.lock`), done, () => packCleanCopy(root, key, files));
  return { dir, tarball: path.join(dir, TARBALL_NAME), packStdout: readFileSync(path.join(dir, 'pack-stdout.txt'), 'utf8') };
}

function listSourceFiles(): string[] {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  return listed.stdout
    .split('\0')
    .filter((file) => file && !/^(?:test|fixtures|bench)\//.test(file) && existsSync(path.join(REPO, file)))
    .sort();
}

function packCleanCopy(root: string, key: string, files: string[]): void {
  const partial = path.join(root, `${key}.partial-${process.pid}`);
  rmSync(partial, { recursive: true, force: true });
  const copy = path.join(partial, 'piiguard');
  for (const file of files) {
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    copyFileSync(path.join(REPO, file), path.join(copy, file));
  }
  symlinkSync(path.join(REPO, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  const packed = runCommand('npm', ['pack'], copy);
  if (packed.code !== 0) throw new Error(`npm pack failed (${packed.code}):\n${packed.stdout}\n${packed.stderr}`);
  writeFileSync(path.join(copy, 'pack-stdout.txt'), packed.stdout);
  // Older packs (of other sources) go: the cache holds one.
  for (const entry of readdirSync(root))
    if (entry !== key && !entry.endsWith('.lock') && !entry.includes('.partial-'))
      rmSync(path.join(root, entry), { recursive: true, force: true });
  renameSync(partial, path.join(root, key));
}

/** Runs `work` holding `lock` (a directory); if another process holds it, waits until `isDone()`. */
function withLock(lock: string, isDone: () => boolean, work: () => void): void {
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (isDone()) return;
    // A lock left by a run that died long ago.
    const held = statSync(lock, { throwIfNoEntry: false });
    if (held && Date.now() - held.mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`still locked after 5 minutes: ${lock}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
  try {
    if (!isDone()) work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Sum of the file sizes under `dir` (symlinks not followed): what a package manager wrote. */
export function getInstalledBytes(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) bytes += getInstalledBytes(full);
    else if (entry.isFile()) bytes += lstatSync(full).size;
  }
  return bytes;
}
