import { HOMEPAGE_URL, RULE_IDS, RULES, type Finding, type RuleId, type SourceLocation, type TraceStep } from '../../core/index.js';
import { formatExplanationMarkdown } from '../explain.js';
import { sortFindings } from './order.js';
import type { Reporter } from './types.js';

/**
 * `--format sarif`: one SARIF 2.1.0 log with one run, as GitHub code scanning reads it.
 *
 * - every rule is listed in `tool.driver.rules` (id, name, short and full description, help in
 *   text and markdown, default level), in the fixed order of the rule registry (core/rules/), so rule indexes never move;
 * - each result has its location, `partialFingerprints` (piiguard's fingerprint, which survives
 *   unrelated edits, so code scanning keeps tracking the same alert) and, when the finding has a
 *   trace, one `codeFlow` whose thread-flow locations go from the source to the sink;
 * - paths are relative URIs under `%SRCROOT%` (the directory piiguard ran in, normally the
 *   repository root), so the log holds no absolute path and the same code gives the same bytes.
 */
export const sarif: Reporter = (result, ctx) => {
  const base = ctx.baseDir ? `${ctx.baseDir.replace(/\/+$/, '')}/` : '';
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            version: result.tool.version,
            semanticVersion: result.tool.version,
            informationUri: INFORMATION_URI,
            rules: RULE_IDS.map(toRule),
          },
        },
        // TypeScript counts columns in UTF-16 code units; so does SARIF unless told otherwise.
        columnKind: 'utf16CodeUnits',
        results: sortFindings(result.findings).map((finding) => toResult(finding, base)),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
// The README of this version (core/package-urls.ts).
const INFORMATION_URI = HOMEPAGE_URL;

/** The key of piiguard's fingerprint in `partialFingerprints`; versioned in case its recipe changes. */
export const FINGERPRINT_KEY = 'piiguard/v1';

function toRule(id: RuleId) {
  const rule = RULES[id];
  const doc = rule.docs;
  return {
    id,
    // `piiguard/unapproved-flow` → `UnapprovedFlow`: SARIF's name is an identifier-like label.
    name: id
      .slice('piiguard/'.length)
      .split('-')
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(''),
    shortDescription: { text: rule.description },
    fullDescription: { text: doc.meaning },
    help: { text: `${doc.fix}${doc.approve ? `\n\n${doc.approve}` : ''}`, markdown: formatExplanationMarkdown(id) },
    defaultConfiguration: { level: rule.severity },
    properties: { tags: ['privacy', 'pii'] },
  };
}

function toResult(finding: Finding, base: string) {
  return {
    ruleId: finding.ruleId,
    ruleIndex: RULE_IDS.indexOf(finding.ruleId),
    level: finding.severity,
    message: { text: finding.message },
    locations: [{ physicalLocation: toPhysicalLocation(finding.location, base) }],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...(finding.trace.length > 0 ? { codeFlows: [toCodeFlow(finding, base)] } : {}),
    properties: {
      category: finding.category,
      form: finding.form,
      sink: finding.sink,
      event: finding.event,
    },
  };
}

/**
 * The trace runs from the source to the call in project code where the value enters, then on
 * through the hops inside inferred wrappers (notes `trackEvent → posthog.capture`). The reported
 * call itself goes between the two, so the flow reads source → call → SDK.
 */
function toCodeFlow(finding: Finding, base: string) {
  const steps: TraceStep[] = [...finding.trace];
  let firstHop = steps.length;
  while (firstHop > 0 && isWrapperHop(steps[firstHop - 1])) firstHop--;
  if (!steps.some((step) => isSameLocation(step, finding.location))) {
    steps.splice(firstHop, 0, { ...finding.location, note: `enters ${finding.sink ?? 'the sink'} here` });
  }
  return {
    message: { text: finding.message },
    threadFlows: [
      {
        locations: steps.map((step, index) => ({
          location: { physicalLocation: toPhysicalLocation(step, base), message: { text: step.note } },
          executionOrder: index + 1,
        })),
      },
    ],
  };
}

function isWrapperHop(step: TraceStep): boolean {
  return / → /.test(step.note);
}

function isSameLocation(a: SourceLocation, b: SourceLocation): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}

function toPhysicalLocation(location: SourceLocation, base: string) {
  return {
    artifactLocation: { uri: toUri(base + location.file), uriBaseId: '%SRCROOT%' },
    region: { startLine: location.line, startColumn: location.column },
  };
}

/** A relative path as a URI reference: each segment percent-encoded, slashes kept. */
function toUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
