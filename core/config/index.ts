export { defineConfig } from './define.js';
export { CONFIG_FILE_NAMES, findConfigFile, loadConfig, loadConfigSync } from './load.js';
export { normalizeConfig, getDefaultConfig, formatKeyPath } from './normalize.js';
export { configSchema, type PiiguardConfigInput } from './schema.js';
export type * from './types.js';
