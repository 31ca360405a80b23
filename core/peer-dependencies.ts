/**
 * The optional peer dependencies: packages that one entry point needs and `piiguard check` does
 * not, so that installing piiguard for the CLI does not bring them (and, through typescript-eslint,
 * ESLint) along. An entry point that needs them loads them through here: a missing one is then one
 * message naming every package to install, instead of Node's "Cannot find package 'unplugin'
 * imported from …/node_modules/piiguard/dist/transformer/unplugin.js", which reads like a broken
 * piiguard. package.json lists each package under `peerDependencies` with `optional: true`; a test
 * holds the two lists together.
 */
import { createRequire } from 'node:module';
import { PiiguardError } from './errors.js';

/** An entry point (or a family of them) and the optional peer dependencies it loads. */
export interface OptionalPeers {
  /** What needs them, as the message names it: `piiguard/eslint (the ESLint plugin)`. */
  readonly feature: string;
  readonly packages: readonly string[];
}

/** `piiguard/eslint`: the rules are typescript-eslint rules, and the preset sets its parser. */
export const ESLINT_PLUGIN_PEERS: OptionalPeers = {
  feature: 'piiguard/eslint (the ESLint plugin)',
  packages: ['@typescript-eslint/parser', '@typescript-eslint/utils'],
};

/** `piiguard/vite`, `/rollup`, `/webpack`, `/esbuild`: one unplugin, edits made with magic-string. */
export const BUNDLER_PLUGIN_PEERS: OptionalPeers = {
  feature: 'piiguard/vite, piiguard/rollup, piiguard/webpack and piiguard/esbuild (the bundler plugins)',
  packages: ['unplugin', 'magic-string'],
};

/** `piiguard tag` and `piiguard fix`: the source edits are made with ts-morph (`check` never loads it). */
export const EDIT_COMMAND_PEERS: OptionalPeers = {
  feature: 'piiguard tag and piiguard fix',
  packages: ['ts-morph'],
};

// Resolved from piiguard's own files, as the imports they replace would be.
const require = createRequire(import.meta.url);

/** Throws a PiiguardError naming the packages of `peers` that are not installed, if any. */
export function assertPeersInstalled(peers: OptionalPeers): void {
  const missing = peers.packages.filter((name) => !isInstalled(name));
  if (missing.length > 0) throw new PiiguardError(formatMissingPeers(peers, missing));
}

/**
 * `name` (one of `peers.packages`), loaded synchronously — so that the entry points stay plain
 * modules without top-level await, which `require('piiguard/webpack')` in a CommonJS config needs.
 */
export function requirePeer<T>(peers: OptionalPeers, name: string): T {
  assertPeersInstalled(peers);
  return require(name) as T;
}

/**
 * `For piiguard/vite, … (the bundler plugins), piiguard needs unplugin and magic-string (optional
 * peer dependencies that it does not install itself). Not installed: unplugin. Install: npm install
 * --save-dev unplugin`
 */
export function formatMissingPeers(peers: OptionalPeers, missing: readonly string[]): string {
  const what = peers.packages.length === 1 ? 'an optional peer dependency' : 'optional peer dependencies';
  return (
    `For ${peers.feature}, piiguard needs ${formatList(peers.packages)} (${what} that it does not install itself). ` +
    `Not installed: ${missing.join(', ')}. Install: npm install --save-dev ${missing.join(' ')}`
  );
}

function isInstalled(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch (error) {
    // Installed but without a `require` export (an import-only package): that is not missing.
    return (error as NodeJS.ErrnoException).code === 'ERR_PACKAGE_PATH_NOT_EXPORTED';
  }
}

function formatList(items: readonly string[]): string {
  return items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
