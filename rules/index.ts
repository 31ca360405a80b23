/**
 * `piiguard/eslint`: the editor front end. The rules are thin adapters over the same engine as
 * `piiguard check`, so the editor shows what CI reports.
 */
import { createRequire } from 'node:module';
import parser from '@typescript-eslint/parser';
import knownEvent from './known-event.js';
import noPiiBrandErasure from './no-pii-brand-erasure.js';
import noUnapprovedPiiFlow from './no-unapproved-pii-flow.js';
import noWeakPiiHash from './no-weak-pii-hash.js';

const { version } = createRequire(import.meta.url)('piiguard/package.json') as { version: string };

const rules = {
  'no-unapproved-pii-flow': noUnapprovedPiiFlow,
  'known-event': knownEvent,
  'no-pii-brand-erasure': noPiiBrandErasure,
  'no-weak-pii-hash': noWeakPiiHash,
};

const plugin = {
  meta: { name: 'piiguard', version, namespace: 'piiguard' },
  rules,
  configs: {} as { recommended: unknown[] },
};

/** Flat config for ESLint 9 and 10: typed linting through the project service, the rules on. */
plugin.configs.recommended = [
  {
    name: 'piiguard/recommended',
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: { parser, parserOptions: { projectService: true } },
    plugins: { piiguard: plugin },
    rules: {
      // What CI fails on, in the editor.
      'piiguard/no-unapproved-pii-flow': 'error',
      // Dynamic names are warnings in `check` too; unknown events with strictEvents still show.
      'piiguard/known-event': 'warn',
      // A hint, not a leak: the value may never reach a sink, and the flow rule reports it if it does.
      'piiguard/no-pii-brand-erasure': 'warn',
      // An unkeyed hash of low-entropy data is as good as the raw value (check's weak-hash is an error too).
      'piiguard/no-weak-pii-hash': 'error',
    },
  },
];

export default plugin;
