/**
 * The rule registry: every finding kind piiguard has, in the fixed order SARIF's rule indexes
 * follow. A new finding kind is a file in this folder and a line here (a test fails when a rule
 * lacks docs, a fixture or an editor decision).
 */
import quasiIdentifiers from './quasi-identifiers.js';
import dynamicEventName from './dynamic-event-name.js';
import { EDITOR_RULES, type EditorRule, type RuleDefinition, type Severity } from './define.js';
import expiredApproval from './expired-approval.js';
import secretFlow from './secret-flow.js';
import transform from './transform.js';
import unapprovedFlow from './unapproved-flow.js';
import unknownCategory from './unknown-category.js';
import unknownEvent from './unknown-event.js';
import unplannedProperty from './unplanned-property.js';
import untaggedPii from './untagged-pii.js';
import unusedApproval from './unused-approval.js';
import unusedSink from './unused-sink.js';
import unusedSource from './unused-source.js';
import ambiguousSource from './ambiguous-source.js';
import analysisIncomplete from './analysis-incomplete.js';
import weakHash from './weak-hash.js';
import noConsentCheck from './no-consent-check.js';
import exposedKey from './exposed-key.js';

export const RULE_LIST = [
  unapprovedFlow,
  expiredApproval,
  weakHash,
  secretFlow,
  quasiIdentifiers,
  untaggedPii,
  unknownEvent,
  dynamicEventName,
  unusedApproval,
  unplannedProperty,
  transform,
  unusedSource,
  unusedSink,
  ambiguousSource,
  analysisIncomplete,
  exposedKey,
  noConsentCheck,
  unknownCategory,
] as const;

export type RuleId = (typeof RULE_LIST)[number]['id'];
type AnyRule = RuleDefinition<RuleId, never>;

export const RULES: { readonly [Id in RuleId]: Extract<(typeof RULE_LIST)[number], { id: Id }> } = Object.fromEntries(
  RULE_LIST.map((rule) => [rule.id, rule]),
) as never;
export const RULE_IDS: readonly RuleId[] = RULE_LIST.map((rule) => rule.id);

export function getRule(id: RuleId): AnyRule {
  return RULES[id];
}

/** `unapproved-flow` and `piiguard/unapproved-flow` name the check rule. */
export function findRuleId(name: string): RuleId | undefined {
  const id = name.startsWith('piiguard/') ? name : `piiguard/${name}`;
  return (RULE_IDS as readonly string[]).includes(id) ? (id as RuleId) : undefined;
}

/** The check rules an ESLint rule of `piiguard/eslint` shows. */
export function getRulesShownBy(editorRule: EditorRule): RuleId[] {
  return RULE_LIST.filter((rule) => rule.editor === editorRule).map((rule) => rule.id);
}

/** The ESLint rule that shows a check rule in the editor, if one does. */
export function getEditorRule(id: RuleId): EditorRule | undefined {
  const { editor } = getRule(id);
  return typeof editor === 'string' ? editor : undefined;
}

/**
 * The severity of each editor rule in the recommended preset: that of the check rules it shows
 * (they share one; a test checks it), so the editor says "error" where CI fails.
 */
export function getEditorSeverity(editorRule: EditorRule): Severity {
  const own = EDITOR_RULES[editorRule] as { description: string; severity?: Severity };
  if (own.severity) return own.severity;
  const shown = getRulesShownBy(editorRule);
  return shown.some((id) => RULES[id].severity === 'error') ? 'error' : 'warning';
}

/** `no-unapproved-pii-flow` and `piiguard/no-unapproved-pii-flow` name the ESLint rule. */
export function findEditorRule(name: string): EditorRule | undefined {
  const bare = name.replace(/^piiguard\//, '');
  return Object.hasOwn(EDITOR_RULES, bare) ? (bare as EditorRule) : undefined;
}

/** Check rules whose flows a build follows `onUnapproved` for. */
export const BUILD_FAILING_RULES: ReadonlySet<RuleId> = new Set(RULE_LIST.filter((rule) => rule.build === 'fail').map((rule) => rule.id));

/** Check rules judged across every project of a solution (see `RuleDefinition.wholeProgram`). */
export const WHOLE_PROGRAM_RULES: ReadonlySet<RuleId> = new Set(
  RULE_LIST.filter((rule) => 'wholeProgram' in rule && rule.wholeProgram).map((rule) => rule.id),
);

export { EDITOR_RULES, type EditorRule, type RuleDefinition, type Severity };
