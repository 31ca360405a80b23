/**
 * The core as piiguard/proxy sees it: the config parser and the tracking plan's types alone —
 * no node:fs, jiti or engine — so that the proxy runs on edge runtimes (Web `Request` and
 * `Response` only). The second façade of core/ beside core/index.ts (a test checks both).
 */
export { parseConfig } from './config/parse.js';
export type { PiiguardConfigInput } from './config/schema.js';
export type { EventPlan, PiiguardConfig } from './config/types.js';
export { ConfigError, PiiguardError } from './errors.js';
