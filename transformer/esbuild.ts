/**
 * `piiguard/esbuild`: the piiguard bundler plugin for esbuild (SPEC §10). See `unplugin.ts`.
 *
 * @example
 * ```ts
 * import piiguard from 'piiguard/esbuild';
 * // plugins: [piiguard({ tsconfig: 'tsconfig.json' })]
 * ```
 */
import { unplugin } from './unplugin.js';

export type { PiiguardPluginOptions } from './unplugin.js';

export default unplugin.esbuild;
