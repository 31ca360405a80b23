/**
 * `piiguard/eslint`: the editor front end. The rules are thin adapters over the same engine as
 * `piiguard check`, so the editor shows what CI reports.
 */
import { createRequire } from 'node:module';
import parser from '@typescript-eslint/parser';
import knownEvent from './known-event.js';
import noUnapprovedPiiFlow from './no-unapproved-pii-flow.js';

const { version } = createRequire(import.meta.url)('piiguard/package.json') as { version: string };

const rules = {
  'no-unapproved-pii-flow': noUnapprovedPiiFlow,
  'known-event': knownEvent,
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
    rules: { 'piiguard/no-unapproved-pii-flow': 'error', 'piiguard/known-event': 'warn' },
  },
];

export default plugin;
