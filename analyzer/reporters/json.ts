import type { AnalysisResult, Finding } from '../../core/index.js';
import { sortFindings } from './order.js';
import type { Reporter } from './types.js';

/**
 * `--format json`: the object of SPEC §7, keys in the documented order, 2-space indent and a
 * trailing newline. Only what the code determines is printed (no timings, `root` or `problems`),
 * so the same code gives the same bytes.
 */
export const json: Reporter = (result) => JSON.stringify(toJson(result), null, 2) + '\n';

function toJson(result: AnalysisResult) {
  const { summary } = result;
  return {
    tool: { name: result.tool.name, version: result.tool.version },
    findings: sortFindings(result.findings).map(toJsonFinding),
    summary: {
      files: summary.files,
      sinks: summary.sinks,
      flows: summary.flows,
      errors: summary.errors,
      warnings: summary.warnings,
    },
  };
}

// Rebuilt key by key rather than spread, so the order is SPEC's whatever order the engine used
// and nothing the engine may add later leaks into the contract.
function toJsonFinding(finding: Finding) {
  const { location } = finding;
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    category: finding.category,
    form: finding.form,
    sink: finding.sink,
    event: finding.event,
    location: { file: location.file, line: location.line, column: location.column },
    trace: finding.trace.map((step) => ({
      file: step.file,
      line: step.line,
      column: step.column,
      note: step.note,
    })),
    fingerprint: finding.fingerprint,
  };
}
