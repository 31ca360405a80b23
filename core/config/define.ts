import type { PiiguardConfigInput } from './schema.js';

/** Types a `piiguard.config.ts` / `.js` so editors complete every key. Returns its argument. */
export function defineConfig(config: PiiguardConfigInput): PiiguardConfigInput {
  return config;
}

export type { PiiguardConfigInput };
