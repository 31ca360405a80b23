import type { AnalysisResult, Finding } from '../../core/index.js';
import { sortFindings } from './order.js';
import { formatCleanSummary } from './summary.js';
import type { Reporter, ReporterContext } from './types.js';

/**
 * `--format markdown`: a summary to post as a pull-request comment. A hidden marker on the
 * first line lets a bot find and update its earlier comment instead of adding another:
 *
 * ```
 * <!-- piiguard -->
 * ### piiguard: 2 errors, 1 warning
 *
 * | | Rule | Location | Finding |
 * | --- | --- | --- | --- |
 * | ❌ error | `unapproved-flow` | `src/signup.ts:12:3` | email reaches posthog (event "Signed Up") raw; … |
 *
 * <details><summary>Traces</summary> … </details>
 * ```
 *
 * Text from the analysed code (messages, notes, event names) is escaped, so it cannot break the
 * table or inject markup into the comment.
 */
export const markdown: Reporter = (result, ctx) => {
  const base = ctx.baseDir ? `${ctx.baseDir.replace(/\/+$/, '')}/` : '';
  const findings = sortFindings(result.findings);
  const lines = [MARKER, `### ${formatHeadline(findings, result, ctx)}`, ''];
  if (findings.length === 0) return lines.join('\n');

  // A comment holds at most 65,536 characters: a long list is cut, and says where the rest is.
  const shown = findings.slice(0, MAX_FINDINGS);
  lines.push('| | Rule | Location | Finding |', '| --- | --- | --- | --- |');
  for (const finding of shown) {
    const severity = finding.severity === 'error' ? '❌ error' : '⚠️ warning';
    lines.push(
      `| ${severity} | ${code(finding.ruleId.replace(/^piiguard\//, ''))} | ${code(`${base}${finding.location.file}:${finding.location.line}:${finding.location.column}`)} | ${cell(finding.message)} |`,
    );
  }
  if (findings.length > shown.length) {
    lines.push('', `… and ${plural(findings.length - shown.length, 'more finding')}: \`npx piiguard check\` lists them all.`);
  }
  const traced = shown.filter((finding) => finding.trace.length > 0);
  if (traced.length > 0) {
    lines.push('', '<details><summary>Traces: where the data comes from</summary>', '');
    for (const finding of traced) {
      lines.push(`- ${code(`${base}${finding.location.file}:${finding.location.line}`)} ${cell(finding.message)}`);
      for (const step of finding.trace) {
        lines.push(`  - ${code(`${base}${step.file}:${step.line}:${step.column}`)} ${code(step.note)}`);
      }
    }
    lines.push('', '</details>');
  }
  lines.push(
    '',
    'Fix the flow, or approve it with an `allow` entry in the piiguard config (with a reason). `npx piiguard explain <rule>` tells how.',
    '',
  );
  return lines.join('\n');
};

export const MARKER = '<!-- piiguard -->';

/** Findings listed in one comment; the rest are counted. */
export const MAX_FINDINGS = 50;

function formatHeadline(findings: readonly Finding[], result: AnalysisResult, ctx: ReporterContext): string {
  if (findings.length === 0) return `✅ piiguard: ${formatCleanSummary(result.summary.files, ctx.baseline).replace(/^✔ /, '')}`;
  const { errors, warnings } = result.summary;
  const counts = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean);
  return `${errors > 0 ? '❌' : '⚠️'} piiguard: ${counts.join(', ')}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Table-cell text: markdown and HTML neutralised, pipes escaped, one line. */
export function cell(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]<>|~]/g, (char) => (char === '<' ? '&lt;' : char === '>' ? '&gt;' : `\\${char}`));
}

/** Inline code that survives any backticks inside it and stays in its table cell. */
export function code(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}
