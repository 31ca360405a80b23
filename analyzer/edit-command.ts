/**
 * The part of `piiguard tag` and `piiguard fix` after the analysis: plan the changes (tag.ts,
 * fix.ts), print the diff or write the files, and say per file what changed. Loaded by the CLI
 * only for these commands, with ts-morph.
 */
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { getTier, PiiguardError, type LoadedConfig } from '../core/index.js';
import type { AnalyzeResult } from './analyze.js';
import { loadAnalyzedConfig } from './analyze.js';
import { planApprovals, planFixes, type FixPlan } from './fix.js';
import { formatUnifiedDiff, loadTsMorph, writeChanges, type FileChange } from './source-edits.js';
import { planTags, type TagOptions, type TagPlan } from './tag.js';

interface EditContext {
  io: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown }; cwd: string };
  result: AnalyzeResult;
  today: string;
  values: Record<string, string | string[] | boolean | undefined>;
  /** Absolute paths that limit `fix` to findings in them. */
  paths: string[];
  ask?: TagOptions['ask'];
}

/** Runs `tag` or `fix` on the analysis `result`; returns the exit code. */
export async function runEditCommand(command: 'tag' | 'fix', context: EditContext): Promise<number> {
  const { io, result, values } = context;
  const morph = await loadTsMorph();
  const config = await loadConfigOf(context);
  const isCategory = (category: string) => getTier(category, config.config.categories) !== undefined;
  const list = (value: string | string[] | boolean | undefined) =>
    Array.isArray(value) ? value : typeof value === 'string' ? [value] : undefined;

  let plan: TagPlan | FixPlan;
  if (command === 'tag') {
    const byName: Record<string, string> = {};
    let all: string | undefined;
    for (const given of list(values.category) ?? []) {
      const [name, category] = given.includes('=')
        ? [given.slice(0, given.indexOf('=')), given.slice(given.indexOf('=') + 1)]
        : [undefined, given];
      if (!isCategory(category)) throw new PiiguardError(`--category ${given}: unknown category '${category}'`);
      if (name === undefined) all = category;
      else byName[name] = category;
    }
    const tsconfig = result.used?.tsconfigs[0];
    if (tsconfig === undefined) throw new PiiguardError('no tsconfig was used; pass one with -p');
    plan = await planTags(
      morph,
      { result, tsconfig, configFile: config.file },
      {
        categories: { byName, ...(all ? { all } : {}) },
        ...(context.ask ? { ask: async (q) => checkAnswer(await context.ask!(q), q.choices, isCategory) } : {}),
      },
    );
  } else {
    const rules = list(values.rule)?.map((rule) => (rule.startsWith('piiguard/') ? rule : `piiguard/${rule}`));
    const selection = {
      ...(rules ? { rules } : {}),
      ...(list(values.category) ? { categories: list(values.category)! } : {}),
      ...(list(values.sink) ? { sinks: list(values.sink)! } : {}),
      ...(context.paths.length > 0 ? { paths: context.paths } : {}),
    };
    plan = values.approve
      ? planApprovals(morph, { result, config }, selection, {
          reason: values.reason as string,
          ...(typeof values.owner === 'string' ? { owner: values.owner } : {}),
          ...(typeof values.expires === 'string' ? { expires: values.expires } : {}),
        })
      : planFixes(morph, { result, config, today: context.today }, selection);
  }

  const write = values.write === true;
  const files = plan.files.filter((f) => f.before !== f.after);
  if (write && files.length > 0) writeChanges(files, result.root, values.force === true);
  if (!write) for (const file of files) io.stdout.write(formatUnifiedDiff(named(file, context)));
  io.stdout.write(formatSummary(command, plan, files, write, values.approve === true));
  if (files.length === 0) return plan.skipped.length > 0 ? 1 : 0;
  return !write || plan.skipped.length > 0 ? 1 : 0;
}

/** The root's paths, as the user sees them from the working directory. */
function named(file: FileChange, context: EditContext): FileChange {
  const name = path.relative(context.io.cwd, path.resolve(context.result.root, file.file)).split(path.sep).join('/');
  return { ...file, file: name || file.file };
}

function formatSummary(command: 'tag' | 'fix', plan: TagPlan | FixPlan, files: FileChange[], write: boolean, approve: boolean): string {
  const lines: string[] = [];
  if (files.length > 0 && !write) lines.push('');
  const byFile = new Map<string, string[]>();
  for (const change of plan.changes) {
    const where = change.line > 0 ? `${change.line}:${change.column}  ` : '';
    const list = byFile.get(change.file) ?? [];
    list.push(`  ${where}${change.description}`);
    byFile.set(change.file, list);
  }
  for (const [file, changes] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) lines.push(file, ...changes);
  if (plan.skipped.length > 0) {
    lines.push(`skipped (${plan.skipped.length})`);
    for (const skip of plan.skipped)
      lines.push(`  ${skip.at}  ${'name' in skip ? `${(skip as { name: string }).name}: ` : ''}${skip.reason}`);
  }
  const count = plan.changes.length;
  const what = command === 'tag' ? plural(count, 'tag') : approve ? plural(count, 'approved flow') : plural(count, 'fix', 'fixes');
  if (count === 0 && plan.skipped.length === 0)
    lines.push(command === 'tag' ? 'Nothing to tag: the heuristics found no untagged value reaching a sink.' : 'Nothing to fix.');
  else if (count === 0) lines.push(`Nothing changed.`);
  else if (write) lines.push(`Wrote ${what} in ${plural(files.length, 'file')}. Run \`piiguard check\` to see the flows now.`);
  else lines.push(`${what} in ${plural(files.length, 'file')} (not written; --write writes them).`);
  return lines.join('\n') + '\n';
}

async function loadConfigOf(context: EditContext): Promise<LoadedConfig> {
  const { values, io } = context;
  const project = values.project;
  return loadAnalyzedConfig({
    cwd: io.cwd,
    ...(project === undefined
      ? {}
      : { project: (Array.isArray(project) ? project : [String(project)]).map((p) => path.resolve(io.cwd, p)) }),
    ...(typeof values.config === 'string' ? { configFile: path.resolve(io.cwd, values.config) } : {}),
  });
}

function checkAnswer(
  answer: string | undefined,
  choices: readonly string[],
  isCategory: (category: string) => boolean,
): string | undefined {
  if (answer === undefined || answer === '') return undefined;
  const byNumber = /^\d+$/.test(answer) ? choices[Number(answer) - 1] : undefined;
  const category = byNumber ?? answer;
  return isCategory(category) ? category : undefined;
}

/** Asks on the terminal which category an ambiguous name is: a number, a category, or nothing to skip it. */
export async function askOnTerminal(question: { name: string; at: string; choices: readonly string[] }): Promise<string | undefined> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const options = question.choices.map((c, i) => `${i + 1}) ${c}`).join('  ');
    const answer = await rl.question(`${question.at}  "${question.name}" is ambiguous: ${options}  (Enter skips) › `);
    return answer.trim() || undefined;
  } finally {
    rl.close();
  }
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
