/**
 * The module behind `piiguard/eslint`. The rules need typescript-eslint, which piiguard lists as
 * optional peer dependencies (`piiguard check` does not need it, and it would bring ESLint along);
 * an ES module's imports are all resolved before any of its code runs, so this entry checks first
 * that they are installed (a clear message naming what to install, core/peer-dependencies.ts) and
 * then loads the plugin (`index.ts`) synchronously — no top-level await, so that
 * `require('piiguard/eslint')` keeps working in a CommonJS config.
 */
// First, before anything loads typescript-eslint: one clear message on TypeScript 7.
import './setup/typescript-compiler-api.js';
import { createRequire } from 'node:module';
import { ESLINT_PLUGIN_PEERS, assertPeersInstalled } from '../core/index.js';
import type plugin from './index.js';

assertPeersInstalled(ESLINT_PLUGIN_PEERS);

const loaded = (createRequire(import.meta.url)('./index.js') as { default: typeof plugin }).default;

export default loaded;
