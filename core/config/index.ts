/**
 * The config of piiguard (SPEC §6): its schema, `defineConfig`, discovery and loading. The
 * engine reads the normalised `PiiguardConfig`; users write `PiiguardConfigInput`.
 */
export { defineConfig } from './define.js';
export { CONFIG_FILE_NAMES, findConfigFile, loadConfig, loadConfigSync, type LoadConfigOptions } from './load.js';
export { getDefaultConfig, parseConfig, type ParseConfigOptions } from './parse.js';
export { configSchema, type PiiguardConfigInput } from './schema.js';
export { getConfigJsonSchema, renderConfigJsonSchema } from './json-schema.js';
export { formatKeyPath } from './key-path.js';
export type * from './types.js';
