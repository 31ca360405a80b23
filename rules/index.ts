/**
 * `piiguard/eslint`: the editor front end. The rules are thin adapters over the same engine as
 * `piiguard check`, so the editor shows what CI reports.
 */
import { createRequire } from 'node:module';
import parser from '@typescript-eslint/parser';
import type { ESLint, Linter, Rule } from 'eslint';
import { getEditorSeverity, type EditorRule } from '../core/index.js';
import analysisComplete from './analysis-complete.js';
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
  'analysis-complete': analysisComplete,
} satisfies Record<EditorRule, unknown> as unknown as Record<EditorRule, Rule.RuleModule>;
// typescript-eslint types a rule's `context` as ESLint 8 had it, ESLint's own types as ESLint 9
// and 10 pass it; the rules use only what both have. Typed as ESLint types them,
// `plugins: { piiguard }` type-checks in a user's eslint.config.ts.

/** Every rule on, at the severity `piiguard check` gives what it shows (core/rules/). */
const recommendedRules = Object.fromEntries(
  (Object.keys(rules) as EditorRule[]).map((name) => [`piiguard/${name}`, getEditorSeverity(name) === 'error' ? 'error' : 'warn']),
) as Record<`piiguard/${EditorRule}`, 'error' | 'warn'>;

/**
 * One flat config object, as `@eslint/js` ships its presets: an element of the exported array,
 * an entry of `defineConfig` (or of its `extends`), and next to typescript-eslint's presets.
 * It is also iterable, yielding itself once, so that `[...piiguard.configs.recommended]` (the form
 * of piiguard 0.1, when this was an array of this one config) still means the same.
 */
export type RecommendedConfig = Linter.Config & Iterable<Linter.Config>;

/** The plugin, `import piiguard from 'piiguard/eslint'`. */
export interface PiiguardPlugin extends ESLint.Plugin {
  meta: { name: 'piiguard'; version: string; namespace: 'piiguard' };
  rules: typeof rules;
  configs: { recommended: RecommendedConfig };
}

const plugin: PiiguardPlugin = {
  meta: { name: 'piiguard', version, namespace: 'piiguard' },
  rules,
  // Set below: the config names the plugin.
  configs: {} as PiiguardPlugin['configs'],
};

const recommended: Linter.Config = {
  name: 'piiguard/recommended',
  files: ['**/*.{ts,tsx,mts,cts}'],
  languageOptions: { parser, parserOptions: { projectService: true } },
  plugins: { piiguard: plugin },
  rules: recommendedRules,
};
// Non-enumerable, so nothing else sees it: ESLint and `defineConfig` flatten only real arrays
// (`Array.isArray`), validate only string keys, and copy configs with object spread, which skips
// it. Spreading or `for…of` gives `[recommended]`: the same config, once.
Object.defineProperty(recommended, Symbol.iterator, {
  *value() {
    yield recommended;
  },
});
plugin.configs.recommended = recommended as RecommendedConfig;

export default plugin;
