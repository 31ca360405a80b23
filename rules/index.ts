/**
 * `piiguard/eslint`: the editor front end. The rules are thin adapters over the same engine as
 * `piiguard check`, so the editor shows what CI reports.
 */
import { createRequire } from 'node:module';
import parser from '@typescript-eslint/parser';
import { getEditorSeverity, type EditorRule } from '../core/index.js';
import dataMinimization from './data-minimization.js';
import knownEvent from './known-event.js';
import noDynamicEventName from './no-dynamic-event-name.js';
import noPiiBrandErasure from './no-pii-brand-erasure.js';
import noUnapprovedPiiFlow from './no-unapproved-pii-flow.js';
import noUntaggedPii from './no-untagged-pii.js';
import noWeakPiiHash from './no-weak-pii-hash.js';

const { version } = createRequire(import.meta.url)('piiguard/package.json') as { version: string };

const rules = {
  'no-unapproved-pii-flow': noUnapprovedPiiFlow,
  'no-untagged-pii': noUntaggedPii,
  'data-minimization': dataMinimization,
  'known-event': knownEvent,
  'no-dynamic-event-name': noDynamicEventName,
  'no-pii-brand-erasure': noPiiBrandErasure,
  'no-weak-pii-hash': noWeakPiiHash,
} satisfies Record<EditorRule, unknown>;

/** Every rule on, at the severity `piiguard check` gives what it shows (core/rules/). */
const recommendedRules = Object.fromEntries(
  (Object.keys(rules) as EditorRule[]).map((name) => [`piiguard/${name}`, getEditorSeverity(name) === 'error' ? 'error' : 'warn']),
) as Record<`piiguard/${EditorRule}`, 'error' | 'warn'>;

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
    rules: recommendedRules,
  },
];

export default plugin;
