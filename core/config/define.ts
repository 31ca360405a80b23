import type { PiiguardConfigInput } from './schema.js';

/**
 * Types a `piiguard.config.ts` (or a `.js` one with `// @ts-check`) so that editors complete
 * and check every key. Returns its argument unchanged; validation happens when piiguard loads it.
 *
 * ```ts
 * import { defineConfig } from 'piiguard';
 * export default defineConfig({ allow: [{ category: 'user-id', sink: '*', events: '*', reason: 'pseudonymous analytics' }] });
 * ```
 */
export function defineConfig(config: PiiguardConfigInput): PiiguardConfigInput {
  return config;
}

export type { PiiguardConfigInput };
