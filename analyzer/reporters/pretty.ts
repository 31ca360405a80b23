import { highlight } from '@babel/code-frame';
import picocolors from 'picocolors';
import type { AnalysisResult, Finding, Severity, SourceSpan, TraceStep } from '../../core/index.js';
import { sortFindings } from './order.js';
import { formatCleanSummary } from './summary.js';
import type { Reporter, ReporterContext } from './types.js';

type Colors = ReturnType<typeof picocolors.createColors>;

/**
 * `--format pretty`, for people at a terminal. Per call, in file order: where it is, its code
 * frame once, and each finding at that call with its trace:
 *
 * ```
 * src/screens/checkout.ts:20:3
 *   19 | export function onDemographicsSaved(user: User): void {
 * > 20 |   captureServerEvent(pseudonymize(user.id, 'user-id'), 'Profile Completed', {
 *      |   ^^^^^^^^^^^^^^^^^^ quasi-identifiers
 * > 21 |     birth_date: String(user.birthDate),
 *      |                 ^^^^^^^^^^^^^^^^^^^^^^ date-of-birth
 *   22 |   });
 *   warning  one posthog call (event "Profile Completed") carries 3 quasi-identifiers …  piiguard/quasi-identifiers
 *   error    date-of-birth reaches posthog (event "Profile Completed") raw; …  piiguard/unapproved-flow
 *            trace: src/model/user.ts:20:3  birthDate: DateOfBirth
 *                 → src/analytics/server.ts:7:3  captureServerEvent → posthog.capture
 * ```
 *
 * then one summary line, which names the config and tsconfig the run used. The header is the
 * finding's `location` (the call, as in every other format) first, so terminals and editors make
 * it a link; the underline sits on each finding's `span` (the leaking value as written), and
 * names what it marks when the frame marks more than one thing. A value written over several
 * lines is marked on its first. The frame shows project source only; piiguard never sees
 * run-time values.
 */
export const pretty: Reporter = (result, ctx) => {
  const colors = picocolors.createColors(ctx.color);
  const findings = sortFindings(result.findings);
  const readSource = createSourceReader(ctx);
  const blocks = groupByCall(findings).map((group) => formatCall(group, readSource, colors));
  const body = blocks.length > 0 ? blocks.join('\n\n') + '\n\n' : '';
  return body + formatSummary(findings, result, ctx, colors) + '\n';
};

/** Findings at the same call, in the order of the sorted findings. */
function groupByCall(findings: readonly Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const { file, line, column } = finding.location;
    const key = `${file}\u0000${line}\u0000${column}`;
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  return [...groups.values()];
}

/** What one underline marks: a stretch of one line, and the findings about it. */
interface Mark {
  line: number;
  /** 1-based; `end` is the column after the last marked character. */
  column: number;
  end: number;
  findings: Finding[];
}

function formatCall(group: readonly Finding[], readSource: SourceReader, colors: Colors): string {
  const location = group[0].location;
  const source = readSource(location.file);
  // A location past the end means the file changed since the analysis; a frame would mislead.
  const lines = source && location.line <= source.lines.length ? source : undefined;
  const marks = lines ? getMarks(group, lines.lines) : [];
  // The findings read in the order of their marks in the frame.
  const ordered = lines ? marks.flatMap((mark) => mark.findings) : [...group];
  const out = [formatLocation(location, colors)];
  if (lines) out.push(formatFrame(lines, marks, location.line, colors));
  const width = Math.max(...ordered.map((finding) => finding.severity.length));
  for (const finding of ordered) {
    const severity = paint(finding.severity, colors)(finding.severity) + ' '.repeat(width - finding.severity.length);
    out.push(`  ${severity}  ${printable(finding.message)}  ${colors.dim(finding.ruleId)}`);
    out.push(...formatTrace(finding.trace, ' '.repeat(2 + width + 2), colors));
  }
  return out.join('\n');
}

/** One mark per distinct stretch, in reading order; findings without a usable span mark their location. */
function getMarks(group: readonly Finding[], lines: readonly string[]): Mark[] {
  const marks = new Map<string, Mark>();
  for (const finding of group) {
    const { line, column, end } = toStretch(finding.span, lines) ?? toStretch(pointAt(finding), lines)!;
    const key = `${line}:${column}:${end}`;
    const mark = marks.get(key);
    if (mark) mark.findings.push(finding);
    else marks.set(key, { line, column, end, findings: [finding] });
  }
  return [...marks.values()].sort((a, b) => a.line - b.line || a.column - b.column || a.end - b.end);
}

function pointAt(finding: Finding): SourceSpan {
  const { line, column } = finding.location;
  return { line, column, endLine: line, endColumn: column + 1 };
}

/** The span on its first line, kept inside the text; `undefined` when it is not in the file. */
function toStretch(span: SourceSpan | undefined, lines: readonly string[]): Omit<Mark, 'findings'> | undefined {
  if (!span || span.line < 1 || span.line > lines.length) return undefined;
  const text = lines[span.line - 1];
  const lineEnd = Math.max(text.trimEnd().length + 1, 2);
  const column = Math.min(Math.max(span.column, 1), lineEnd - 1);
  const end = span.endLine === span.line ? Math.min(Math.max(span.endColumn, column + 1), lineEnd) : lineEnd;
  return { line: span.line, column, end };
}

// Babel's layout (`> 12 | code`, then `   | ^^^`), with one underline row per mark, so that
// several marks on one line stay apart, and two lines of context around the call and each mark.
function formatFrame(source: Source, marks: readonly Mark[], callLine: number, colors: Colors): string {
  const { lines, highlighted } = source;
  const shown = new Set<number>();
  for (const line of [callLine, ...marks.map((mark) => mark.line)]) {
    for (let n = Math.max(1, line - 2); n <= Math.min(lines.length, line + 2); n++) shown.add(n);
  }
  const numbers = [...shown].sort((a, b) => a - b);
  const width = String(numbers.at(-1)!).length;
  const labelled = marks.length > 1;
  const out: string[] = [];
  for (const [index, n] of numbers.entries()) {
    if (index > 0 && n !== numbers[index - 1] + 1) out.push(`  ${colors.dim(`${'…'.padStart(width)} |`)}`);
    const code = highlighted[n - 1];
    const onLine = marks.filter((mark) => mark.line === n);
    const gutter = colors.dim(` ${String(n).padStart(width)} |`);
    if (onLine.length === 0) {
      out.push(` ${gutter}${code.length > 0 ? ` ${code}` : ''}`);
      continue;
    }
    const lineColor = paint(getWorst(onLine.flatMap((mark) => mark.findings)), colors);
    out.push(`${lineColor(colors.bold('>'))}${gutter}${code.length > 0 ? ` ${code}` : ''}`);
    for (const mark of onLine) {
      // Spacing from the text as written (tabs kept), never from the coloured line.
      const spacing = lines[n - 1].slice(0, mark.column - 1).replace(/[^\t]/g, ' ');
      const color = paint(getWorst(mark.findings), colors);
      const label = labelled ? ` ${printable(getLabel(mark))}` : '';
      out.push(` ${colors.dim(` ${' '.repeat(width)} |`)} ${spacing}${color(colors.bold('^'.repeat(mark.end - mark.column) + label))}`);
    }
  }
  return out.join('\n');
}

/** The categories a mark carries (`email`), or the rules about the call (`quasi-identifiers`). */
function getLabel(mark: Mark): string {
  const names = mark.findings.map((finding) => finding.category ?? finding.ruleId.replace(/^piiguard\//, ''));
  return [...new Set(names)].join(', ');
}

function getWorst(findings: readonly Finding[]): Severity {
  return findings.some((finding) => finding.severity === 'error') ? 'error' : 'warning';
}

function paint(severity: Severity, colors: Colors): (text: string) => string {
  return severity === 'error' ? colors.red : colors.yellow;
}

// Steps line up under each other, under the finding's message:
//   trace: src/model.ts:4:3  email: Email
//        → src/signup.ts:12:36  user.email
function formatTrace(trace: readonly TraceStep[], indent: string, colors: Colors): string[] {
  return trace.map((step, index) => {
    const lead = index === 0 ? `${indent}${colors.dim('trace:')} ` : `${indent}     ${colors.dim('→')} `;
    return `${lead}${formatLocation(step, colors)}  ${printable(step.note)}`;
  });
}

function formatLocation(location: { file: string; line: number; column: number }, colors: Colors): string {
  return `${colors.cyan(printable(location.file))}:${colors.yellow(String(location.line))}:${colors.yellow(String(location.column))}`;
}

// `✖ 3 problems (2 errors, 1 warning) — piiguard.config.json, tsconfig.json · run …`: what was
// found, what it was judged by, and where to read what a rule means.
function formatSummary(findings: readonly Finding[], result: AnalysisResult, ctx: ReporterContext, colors: Colors): string {
  const used = ctx.used ? ` — ${[ctx.used.config ?? 'no piiguard config', ...ctx.used.tsconfigs].map(printable).join(', ')}` : '';
  if (findings.length === 0) {
    return colors.green(formatCleanSummary(result.summary.files, ctx.baseline)) + colors.dim(used);
  }
  const { errors, warnings } = result.summary;
  const counts = `✖ ${plural(findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  const color = errors > 0 ? colors.red : colors.yellow;
  const line = colors.bold(color(counts)) + colors.dim(`${used} · run \`piiguard explain <rule>\` for what a rule means`);
  return isHeuristicOnly(findings, result) ? `${line}\n${colors.yellow(HEURISTIC_ONLY_NOTE)}` : line;
}

/** What a run that found only heuristic warnings (nothing tagged reached a sink) must not leave unsaid. */
export const HEURISTIC_ONLY_NOTE =
  'Only heuristics found these (nothing tagged reached a sink), and CI passes on warnings: set "heuristics": "error" in the config, or tag the data (sources), to make them fail.';

function isHeuristicOnly(findings: readonly Finding[], result: AnalysisResult): boolean {
  return (
    result.summary.errors === 0 && result.summary.flows === 0 && findings.some((finding) => finding.ruleId === 'piiguard/untagged-pii')
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

interface Source {
  /** The file's lines as written. */
  lines: string[];
  /** The same lines, syntax-highlighted when colour is on. */
  highlighted: string[];
}

type SourceReader = (file: string) => Source | undefined;

const NEWLINE = /\r\n|[\n\r\u2028\u2029]/;

/** Reads, splits and highlights each file once per report, however many calls it has. */
function createSourceReader(ctx: ReporterContext): SourceReader {
  const cache = new Map<string, Source | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      // The newline that ends the last line does not start another one worth showing.
      const text = ctx.readFile(file)?.replace(/(\r\n|[\n\r\u2028\u2029])$/, '');
      const lines = text?.split(NEWLINE);
      cache.set(file, text === undefined ? undefined : { lines: lines!, highlighted: ctx.color ? highlight(text).split(NEWLINE) : lines! });
    }
    return cache.get(file);
  };
}

// Event names and notes come from the analysed code; a control character in them must not be
// able to move the cursor or recolour the terminal.
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
