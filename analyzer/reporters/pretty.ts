import { codeFrameColumns } from '@babel/code-frame';
import picocolors from 'picocolors';
import type { AnalysisResult, Finding, TraceStep } from '../../core/findings.js';
import { sortFindings } from './order.js';
import type { Reporter, ReporterContext } from './types.js';

type Colors = ReturnType<typeof picocolors.createColors>;

/**
 * `--format pretty`, for people at a terminal. Per finding, in file order:
 *
 * ```
 * src/signup.ts:12:3  error  email reaches posthog (event "Signed Up") raw; …  piiguard/unapproved-flow
 *   10 | export function signUp(user: User) {
 *   11 |   const email = user.email;
 * > 12 |   posthog.capture('Signed Up', { email });
 *      |   ^
 *   13 | }
 *   trace: src/model.ts:4:3  email: Email
 *        → src/signup.ts:11:9  const email = user.email
 * ```
 *
 * then one summary line. The header is `file:line:column` first so terminals and editors make it
 * a link. The frame shows project source only; piiguard never sees run-time values.
 */
export const pretty: Reporter = (result, ctx) => {
  const colors = picocolors.createColors(ctx.color);
  const findings = sortFindings(result.findings);
  const blocks = findings.map((finding) => formatFinding(finding, ctx, colors));
  const body = blocks.length > 0 ? blocks.join('\n\n') + '\n\n' : '';
  return body + formatSummary(findings, result, colors) + '\n';
};

function formatFinding(finding: Finding, ctx: ReporterContext, colors: Colors): string {
  const severity = finding.severity === 'error' ? colors.red('error') : colors.yellow('warning');
  const lines = [
    `${formatLocation(finding.location, colors)}  ${severity}  ${printable(finding.message)}  ${colors.dim(finding.ruleId)}`,
  ];
  const frame = formatCodeFrame(finding, ctx);
  if (frame !== undefined) lines.push(frame);
  lines.push(...formatTrace(finding.trace, colors));
  return lines.join('\n');
}

function formatCodeFrame(finding: Finding, ctx: ReporterContext): string | undefined {
  const text = ctx.readFile(finding.location.file);
  if (text === undefined) return undefined;
  // The newline that ends the last line does not start another one worth showing.
  const source = text.replace(/(\r\n|[\n\r\u2028\u2029])$/, '');
  const { line, column } = finding.location;
  // A location past the end means the file changed since the analysis; a frame would mislead.
  if (line < 1 || line > source.split(/\r\n|[\n\r\u2028\u2029]/).length) return undefined;
  return codeFrameColumns(
    source,
    { start: { line, column } },
    { highlightCode: ctx.color, forceColor: ctx.color, linesAbove: 2, linesBelow: 2 },
  );
}

// Steps line up under each other:
//   trace: src/model.ts:4:3  email: Email
//        → src/signup.ts:12:36  user.email
function formatTrace(trace: readonly TraceStep[], colors: Colors): string[] {
  return trace.map((step, index) => {
    const lead = index === 0 ? `  ${colors.dim('trace:')} ` : `       ${colors.dim('→')} `;
    return `${lead}${formatLocation(step, colors)}  ${printable(step.note)}`;
  });
}

function formatLocation(location: { file: string; line: number; column: number }, colors: Colors): string {
  return `${colors.cyan(printable(location.file))}:${colors.yellow(String(location.line))}:${colors.yellow(String(location.column))}`;
}

function formatSummary(findings: readonly Finding[], result: AnalysisResult, colors: Colors): string {
  if (findings.length === 0) {
    return colors.green(`✔ no unapproved flows in ${plural(result.summary.files, 'file')}`);
  }
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.length - errors;
  const line = `✖ ${plural(findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  return errors > 0 ? colors.bold(colors.red(line)) : colors.bold(colors.yellow(line));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

// Event names and notes come from the analysed code; a control character in them must not be
// able to move the cursor or recolour the terminal.
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
