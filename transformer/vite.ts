/**
 * `piiguard/vite`: the piiguard bundler plugin for vite (SPEC §10). See `unplugin.ts`.
 *
 * @example
 * ```ts
 * import piiguard from 'piiguard/vite';
 * // plugins: [piiguard({ tsconfig: 'tsconfig.json' })]
 * ```
 */
import { unplugin } from './unplugin.js';

export type { PiiguardPluginOptions } from './unplugin.js';

export default unplugin.vite;
