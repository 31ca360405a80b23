import type { Finding } from '../../core/index.js';
import { sortFindings } from './order.js';
import type { Reporter } from './types.js';

/**
 * `--format github`: one workflow command per finding, which GitHub Actions shows as an
 * annotation on the pull request's diff:
 *
 * ```
 * ::error file=src/signup.ts,line=12,col=3,title=piiguard/unapproved-flow::email reaches posthog …%0Afrom src/model.ts:4:3 (email: Email)
 * ```
 *
 * Escaped exactly as `@actions/core` escapes (`toCommandValue`, `escapeData`, `escapeProperty`),
 * so a `:`, `,` or newline in a message or an event name cannot end the command early. Nothing is
 * printed when there is nothing to report: annotations are the whole output.
 */
export const github: Reporter = (result, ctx) => {
  const base = ctx.baseDir ? `${ctx.baseDir.replace(/\/+$/, '')}/` : '';
  return sortFindings(result.findings)
    .map((finding) => formatAnnotation(finding, base) + '\n')
    .join('');
};

function formatAnnotation(finding: Finding, base: string): string {
  const command = finding.severity === 'error' ? 'error' : 'warning';
  const properties = [
    `file=${escapeProperty(base + finding.location.file)}`,
    `line=${finding.location.line}`,
    `col=${finding.location.column}`,
    `title=${escapeProperty(finding.ruleId)}`,
  ].join(',');
  const trace = finding.trace.map(
    (step, index) => `${index === 0 ? 'from' : 'via'} ${base}${step.file}:${step.line}:${step.column} (${step.note})`,
  );
  return `::${command} ${properties}::${escapeData([finding.message, ...trace].join('\n'))}`;
}

/** `@actions/core`'s `escapeData`: the message after `::`. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** `@actions/core`'s `escapeProperty`: a `key=value` before `::`, where `:` and `,` are separators. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
