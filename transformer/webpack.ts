/**
 * `piiguard/webpack`: the piiguard bundler plugin for webpack (SPEC §10). See `unplugin.ts`.
 *
 * @example
 * ```ts
 * import piiguard from 'piiguard/webpack';
 * // plugins: [piiguard({ tsconfig: 'tsconfig.json' })]
 * ```
 */
import { unplugin } from './unplugin.js';

export type { PiiguardPluginOptions } from './unplugin.js';

export default unplugin.webpack;
