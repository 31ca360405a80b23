/**
 * The core as the front ends (analyzer, ESLint rules, transformer) see it: the one module they
 * import from core/ (a test checks it). What is not exported here is the core's own business.
 */
export { analyzeProgram, createEngine, getFindingSite, getProjectSourceFiles } from './analysis.js';
export { FactStore, type FactStats, type FactStoreData } from './cache/facts.js';
export {
  PACKAGE_SUMMARY_FILE,
  createPackageSummary,
  readPackageSummary,
  serializePackageSummary,
  type SeededPackage,
  type SummaryScope,
} from './cache/package-summary.js';
export { normalizeFileName, ParsedFiles } from './parsed-files.js';
export { relativePath } from './paths.js';
export type { Engine, FlowReport, ProgramAnalysis, SinkCallReport, WrapperPayloadReport } from './analysis.js';
export { getSinkNames } from './callee.js';
export { getCalleeName, lastSegment } from './catalog.js';
export { getTypedPackageName, matchesPackage } from './packages.js';
export { findClosestName } from './config/closest-name.js';
export { isIncludedByConfig } from './config/include.js';
export { CONFIG_FILE_NAMES, findConfigFile, loadConfig, loadConfigSync, resolveConfigProject } from './config/load.js';
export type { AllowEntry, EventPlan, LoadedConfig, PiiguardConfig } from './config/types.js';
export { PiiguardError, ProjectError } from './errors.js';
export { FileChecker } from './file-checks.js';
export { compareFindings, countBySeverity, isFailingProblem } from './findings.js';
export type { AnalysisResult, Finding, Problem, SourceLocation, SourceSpan, Summary, TraceStep } from './findings.js';
export { loadProject, withReferenceSources } from './project.js';
export { listSinks, listSources, type SinkItem, type SourceReason, type TaggedItem } from './tagging.js';
export { findRewriteObstacle, getLeavingForm, getWrapperForForm, locateEntry, MinimizedPayloads } from './rewrite.js';
export { findExposedKeys } from './exposed-key.js';
export { getSinkPurpose, renderConsentArgument, type ConsentReport } from './consent.js';
export { BUILD_MARKER_PATH, getGitCommit, readBuildMarker, writeBuildMarker, type BuildMarker } from './build-marker.js';
export type { EntryLocation, FlowRewrite, PayloadCall, RewriteFlow, WrapperCall } from './rewrite.js';
export {
  formatWrapperCall,
  getFixTarget,
  getFlowFix,
  getRemovePropertyEdit,
  getSuggestedWrapper,
  getWrapEdit,
  RUNTIME_MODULE,
} from './flow-fixes.js';
export type { FixTarget, FlowFix, TextEdit } from './flow-fixes.js';
export {
  BUILD_FAILING_RULES,
  EDITOR_RULES,
  RULES,
  RULE_IDS,
  WHOLE_PROGRAM_RULES,
  findEditorRule,
  findRuleId,
  getEditorRule,
  getEditorSeverity,
  getRulesShownBy,
} from './rules/index.js';
export type { EditorRule, RuleDefinition, RuleId, Severity } from './rules/index.js';
export { BUILTIN_SINK_PACKS } from './sinks/index.js';
export { CATEGORY_ALIASES, getTier } from './taxonomy.js';
export type { Form, Purpose } from './taxonomy.js';
export type { TypeScript } from './typescript.js';
export { isExpired } from './verdicts.js';
export { getPackageFileUrl, HOMEPAGE_URL } from './package-urls.js';
export {
  assertPeersInstalled,
  BUNDLER_PLUGIN_PEERS,
  EDIT_COMMAND_PEERS,
  ESLINT_PLUGIN_PEERS,
  formatMissingPeers,
  requirePeer,
} from './peer-dependencies.js';
export type { OptionalPeers } from './peer-dependencies.js';
