/**
 * `piiguard fix`: applies, across the project, the fixes the ESLint rules offer one at a time
 * (core/flow-fixes.ts decides them): a value that an allow entry approves in a form a runtime
 * wrapper produces is wrapped in it, with the wrapper's import; a property the event's tracking
 * plan does not list is removed. With `--approve` it writes `allow` entries for the selected
 * findings instead (reason, owner and expiry from the flags). A second run finds nothing to do.
 */
import path from 'node:path';
import type * as TS from 'typescript';
import {
  formatWrapperCall,
  getFindingSite,
  getFixTarget,
  getFlowFix,
  getTier,
  relativePath,
  RUNTIME_MODULE,
  type Finding,
  type FlowFix,
  type LoadedConfig,
  type TextEdit,
} from '../core/index.js';
import { ts } from '../core/typescript-module.js';
import type { AnalyzeResult } from './analyze.js';
import { addConfigEntries, type ConfigEntry } from './config-edits.js';
import { ensureNamedImport, getCodeStyle, getEditableFile, type FileChange, type TsMorph } from './source-edits.js';

export interface FixSelection {
  /** Rule ids (`piiguard/unapproved-flow`); default: the rules a fix can act on. */
  rules?: readonly string[];
  categories?: readonly string[];
  sinks?: readonly string[];
  /** Absolute files or directories the findings must be in. */
  paths?: readonly string[];
}

export interface Approval {
  reason: string;
  owner?: string;
  expires?: string;
}

export interface FixChange {
  file: string;
  line: number;
  column: number;
  description: string;
}

export interface FixSkip {
  at: string;
  reason: string;
}

export interface FixPlan {
  files: FileChange[];
  changes: FixChange[];
  skipped: FixSkip[];
}

/** Rules whose findings a code change can make go away, and so `fix` acts on unless `--rule` says otherwise. */
export const FIX_RULES: readonly string[] = ['piiguard/unapproved-flow', 'piiguard/unplanned-property'];

/** The findings the selection names. */
export function selectFindings(result: AnalyzeResult, selection: FixSelection): Finding[] {
  const rules = selection.rules ?? FIX_RULES;
  return result.findings.filter(
    (f) =>
      rules.includes(f.ruleId) &&
      (!selection.categories || (f.category !== null && selection.categories.includes(f.category))) &&
      (!selection.sinks || (f.sink !== null && selection.sinks.includes(f.sink))) &&
      (!selection.paths || selection.paths.some((p) => isInside(p, path.resolve(result.root, f.location.file)))),
  );
}

const at = (finding: Finding) => `${finding.location.file}:${finding.location.line}:${finding.location.column}`;

/** The code changes for the selected findings (nothing written). */
export function planFixes(
  morph: TsMorph,
  input: { result: AnalyzeResult; config: LoadedConfig; today: string },
  selection: FixSelection,
): FixPlan {
  const { result, config, today } = input;
  const plan: FixPlan = { files: [], changes: [], skipped: [] };
  const byFile = new Map<string, Array<{ finding: Finding; fix: FlowFix }>>();
  for (const finding of selectFindings(result, selection)) {
    let fix = getFlowFix(ts, finding, config.config, today);
    // `message: \`Failed for ${userId}\``: wrapping the whole text would pseudonymize the message;
    // the value inside it is wrapped instead, when it can be told apart.
    const inner = fix?.kind === 'wrap' && isBuiltString(fix.target.value) ? findTaggedPart(fix.target.value, finding) : undefined;
    if (fix?.kind === 'wrap' && inner) {
      const file = inner.getSourceFile();
      fix = { ...fix, edit: { start: inner.getStart(file), end: inner.end, text: formatWrapperCall(fix.wrapper, inner.getText(file)) } };
    } else if (fix?.kind === 'wrap' && isBuiltString(fix.target.value)) {
      plan.skipped.push({
        at: at(finding),
        reason: `${finding.category} is built into a string here; wrap the value inside it (\${${fix.wrapper.fn}(…)}), or leave it out`,
      });
      continue;
    }
    if (!fix) {
      plan.skipped.push({ at: at(finding), reason: explainNoFix(finding, config) });
      continue;
    }
    const file = fix.target.value.getSourceFile().fileName;
    const list = byFile.get(file) ?? [];
    list.push({ finding, fix });
    byFile.set(file, list);
  }
  if (byFile.size === 0) return plan;

  const project = new morph.Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  for (const [fileName, fixes] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = getEditableFile(project, fileName);
    const before = file.getFullText();
    const { quote } = getCodeStyle(file);
    // Bottom up, so each edit's positions still hold; the same edit twice (two findings of one value) once.
    const applied: TextEdit[] = [];
    const imports = new Set<string>();
    for (const { finding, fix } of [...fixes].sort((a, b) => b.fix.edit.start - a.fix.edit.start)) {
      const { edit } = fix;
      if (applied.some((e) => e.start === edit.start && e.end === edit.end && e.text === edit.text)) continue;
      if (applied.some((e) => edit.start < e.end && e.start < edit.end)) {
        plan.skipped.push({ at: at(finding), reason: 'another fix changes the same code; run fix again' });
        continue;
      }
      file.replaceText([edit.start, edit.end], fix.kind === 'wrap' ? inQuotes(edit.text, fix.wrapper.args, quote) : edit.text);
      applied.push(edit);
      if (fix.kind === 'wrap') imports.add(fix.wrapper.fn);
      plan.changes.push({ ...finding.location, description: describeFix(finding, fix, config) });
    }
    for (const name of [...imports].sort()) {
      const local = ensureNamedImport(morph, file, { module: RUNTIME_MODULE, name, typeOnly: false });
      if (local === undefined)
        throw new Error(`${relativePath(result.root, fileName)} declares ${name}: piiguard/runtime's cannot be imported`);
    }
    plan.files.push({ file: relativePath(result.root, fileName), before, after: file.getFullText() });
  }
  plan.changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  return plan;
}

/** `allow` entries for the selected findings: one per category, form and sink, with their events. */
export function planApprovals(
  morph: TsMorph,
  input: { result: AnalyzeResult; config: LoadedConfig },
  selection: FixSelection,
  approval: Approval,
): FixPlan {
  const { result, config } = input;
  const plan: FixPlan = { files: [], changes: [], skipped: [] };
  const groups = new Map<string, { entry: ConfigEntry; events: Set<string> | '*'; findings: Finding[] }>();
  for (const finding of selectFindings(result, { ...selection, rules: selection.rules ?? APPROVABLE_RULES })) {
    if (finding.category === null || finding.sink === null || finding.form === null) {
      plan.skipped.push({ at: at(finding), reason: 'not a flow into a sink: nothing to approve' });
      continue;
    }
    if (getTier(finding.category, config.config.categories) === 'secret') {
      plan.skipped.push({ at: at(finding), reason: `${finding.category} can never be approved; remove it from the call` });
      continue;
    }
    const key = `${finding.category}|${finding.form}|${finding.sink}`;
    let group = groups.get(key);
    if (!group) {
      group = { entry: { category: finding.category, form: finding.form, sink: finding.sink }, events: new Set(), findings: [] };
      groups.set(key, group);
    }
    if (finding.event === null) group.events = '*';
    else if (group.events !== '*') group.events.add(finding.event);
    group.findings.push(finding);
  }
  if (groups.size === 0) return plan;
  const entries = [...groups.values()].map((group) => ({
    ...group.entry,
    events: group.events === '*' ? '*' : [...group.events].sort(),
    reason: approval.reason,
    ...(approval.owner ? { owner: approval.owner } : {}),
    ...(approval.expires ? { expires: approval.expires } : {}),
  }));
  const change = addConfigEntries(morph, { configFile: config.file, root: result.root, key: 'allow', entries });
  plan.files.push({ file: change.file, before: change.before, after: change.after });
  [...groups.values()].forEach((group, i) => {
    for (const finding of group.findings) {
      plan.changes.push({
        ...finding.location,
        description: `approved by allow[${change.indexes[i]}] (${finding.category} ${finding.form} to ${finding.sink}${finding.event === null ? '' : `, event "${finding.event}"`})`,
      });
    }
  });
  plan.changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  return plan;
}

/** Rules whose findings an allow entry approves. */
const APPROVABLE_RULES: readonly string[] = ['piiguard/unapproved-flow', 'piiguard/expired-approval', 'piiguard/weak-hash'];

function describeFix(finding: Finding, fix: FlowFix, config: LoadedConfig): string {
  if (fix.kind === 'drop') return `removed "${fix.property}" (${finding.category}): the plan of "${fix.event}" does not send it`;
  const entry = 'entry' in fix.because ? config.config.allow.find((e) => e.index === (fix.because as { entry: number }).entry) : undefined;
  const why = entry ? `allow[${entry.index}] approves ${entry.form}` : 'an untagged value, pseudonymized';
  const call = fix.edit.text.startsWith(`${fix.wrapper.fn}(`)
    ? fix.edit.text
    : `${fix.wrapper.fn}(${fix.target.value.getText()}${fix.wrapper.args.map((a) => `, '${a}'`).join('')})`;
  return `${call} (${finding.category}): ${why}`;
}

function explainNoFix(finding: Finding, config: LoadedConfig): string {
  const site = `${finding.category ?? 'the value'} to ${finding.sink ?? 'the sink'}${finding.event === null ? '' : ` (event "${finding.event}")`}`;
  if (finding.form !== 'raw')
    return `${site} is ${finding.form}, not raw: no wrapper changes it; approve it (--approve) or change the code`;
  if (finding.category !== null && getTier(finding.category, config.config.categories) === 'secret')
    return `${site}: a ${finding.category} may not reach any sink; remove it from the call`;
  if (!getFixTarget(ts, finding))
    return `${site}: the value is not written in the call (it comes in a variable or spread), so no wrapper can go there; wrap it where the payload is made`;
  return `${site}: no allow entry approves a form a runtime wrapper gives; add one (form pseudonymized, say), or approve it as it is with --approve`;
}

/** A template literal or a `+` of strings: the value is part of a text. */
function isBuiltString(value: TS.Expression): boolean {
  let at: TS.Node = value;
  while (ts.isParenthesizedExpression(at)) at = at.expression;
  return ts.isTemplateExpression(at) || (ts.isBinaryExpression(at) && at.operatorToken.kind === ts.SyntaxKind.PlusToken);
}

/**
 * The one part of a template or `+` that is the finding's source as read (`${userId}`,
 * `${user.email}`: the name the source declares), or undefined when none or several are.
 */
function findTaggedPart(value: TS.Expression, finding: Finding): TS.Expression | undefined {
  const source = getFindingSite(finding)?.trace[0]?.node;
  const name = source && (ts.isIdentifier(source) ? source.text : getDeclaredName(source));
  if (name === undefined) return undefined;
  const parts: TS.Expression[] = [];
  const collect = (at: TS.Expression): void => {
    while (ts.isParenthesizedExpression(at)) at = at.expression;
    if (ts.isTemplateExpression(at)) for (const span of at.templateSpans) collect(span.expression);
    else if (ts.isBinaryExpression(at) && at.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      collect(at.left);
      collect(at.right);
    } else parts.push(at);
  };
  collect(value);
  const named = parts.filter((part) => {
    let at: TS.Expression = part;
    while (ts.isNonNullExpression(at) || ts.isAsExpression(at)) at = at.expression;
    return (ts.isIdentifier(at) && at.text === name) || (ts.isPropertyAccessExpression(at) && at.name.text === name);
  });
  return named.length === 1 ? named[0] : undefined;
}

function getDeclaredName(node: TS.Node): string | undefined {
  const named = node as TS.Node & { name?: TS.Node };
  return named.name && ts.isIdentifier(named.name) ? named.name.text : undefined;
}

/** The wrapper call's string arguments in the file's quotes: `pseudonymize(v, "email")`. */
function inQuotes(text: string, args: readonly string[], quote: string): string {
  if (quote === "'" || args.length === 0) return text;
  const single = args.map((a) => `, '${a}'`).join('') + ')';
  return text.endsWith(single) ? text.slice(0, -single.length) + args.map((a) => `, ${quote}${a}${quote}`).join('') + ')' : text;
}

function isInside(dirOrFile: string, file: string): boolean {
  return file === dirOrFile || file.startsWith(dirOrFile.endsWith(path.sep) ? dirOrFile : dirOrFile + path.sep);
}
