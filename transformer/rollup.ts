/**
 * `piiguard/rollup`: the piiguard bundler plugin for rollup (SPEC §10). See `unplugin.ts`.
 *
 * @example
 * ```ts
 * import piiguard from 'piiguard/rollup';
 * // plugins: [piiguard({ tsconfig: 'tsconfig.json' })]
 * ```
 */
import { unplugin } from './unplugin.js';

export type { PiiguardPluginOptions } from './unplugin.js';

export default unplugin.rollup;
