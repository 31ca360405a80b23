/**
 * The config that every format fixture (json-basic, ts-config, mts-config, js-config,
 * mjs-config, cjs-config, rc-file, package-json-key) writes, as the engine must receive it:
 * every default applied, `allow[].index` set, `$schema` gone.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PiiguardConfig } from '../../core/config/types.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/config/', import.meta.url));

export function fixture(...segments: string[]): string {
  return path.join(FIXTURES, ...segments);
}

export const CANONICAL_CONFIG: PiiguardConfig = {
  project: './tsconfig.json',
  include: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  sources: [
    { type: 'CrmCustomer', property: 'mail', category: 'email' },
    { module: 'request-ip', call: 'getClientIp', category: 'ip-address' },
  ],
  sinks: [{ id: 'acme', module: './src/sdk', call: 'track', event: 0, payload: [1] }],
  sanitizers: [{ module: './src/crypto', call: 'sha256Hex', form: 'hashed' }],
  categories: { 'loyalty-tier': { tier: 'quasi-identifier' } },
  allow: [
    {
      category: 'user-id',
      form: 'pseudonymized',
      sink: '*',
      events: '*',
      reason: 'pseudonymous analytics',
      owner: 'growth',
      expires: '2027-06-30',
      index: 0,
    },
    {
      category: 'loyalty-tier',
      form: 'pseudonymized', // the default
      sink: 'acme',
      events: ['Signup Completed'],
      reason: 'the tier drives the onboarding funnel',
      index: 1,
    },
  ],
  events: {
    'Signup Completed': {
      properties: { userId: 'pseudonymize:user-id', plan: 'keep', ip: 'generalize:ip-address', at: 'bin:day' },
    },
  },
  strictEvents: false,
  transform: false,
  heuristics: 'error',
  heuristicWords: { add: {}, remove: [] },
  pseudonymization: { keyEnv: 'PIIGUARD_KEY', rotation: 'monthly' },
  onUnapproved: 'error',
};

/** The config with nothing written. */
export const DEFAULT_CONFIG: PiiguardConfig = {
  sources: [],
  sinks: [],
  sanitizers: [],
  categories: {},
  allow: [],
  events: {},
  strictEvents: false,
  transform: false,
  heuristics: 'warn',
  heuristicWords: { add: {}, remove: [] },
  pseudonymization: { rotation: 'none' },
  onUnapproved: 'error',
};
