/**
 * `analyze(options)`: the programmatic entry of piiguard. Finds the config and the tsconfig,
 * loads the program with piiguard's TypeScript, runs the engine, and returns the results. It
 * never prints and never exits; user errors are thrown as PiiguardError subclasses.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TS from 'typescript';
import { ts } from '../core/typescript-module.js';
import {
  analyzeProgram,
  createEngine,
  listSinks,
  listSources,
  type SourceReason,
  BUILTIN_SINK_PACKS,
  compareFindings,
  countBySeverity,
  isIncludedByConfig,
  loadConfig,
  loadProject,
  resolveConfigProject,
  withReferenceSources,
  ProjectError,
  relativePath,
  WHOLE_PROGRAM_RULES,
  type AllowEntry,
  type AnalysisResult,
  type Finding,
  type FlowReport,
  type Form,
  type LoadedConfig,
  type Purpose,
  getSinkPurpose,
  getLeavingForm,
  BUILD_FAILING_RULES,
  type Problem,
  type RuleId,
  type SourceLocation,
} from '../core/index.js';
import type { AnalyzeOptions } from './options.js';
import { CacheFiles } from './cache-file.js';
import {
  PACKAGE_SUMMARY_FILE,
  createPackageSummary,
  readPackageSummary,
  serializePackageSummary,
  type SeededPackage,
  type SummaryScope,
} from '../core/index.js';
import { writeFileSync } from 'node:fs';

export type { AnalyzeOptions };

/** One judged flow of personal data into a sink, as plain data (the engine's `FlowReport` without nodes). */
export interface InventoryFlow {
  /** The outermost project call where the value enters a sink or an inferred wrapper. */
  location: SourceLocation;
  sink: string;
  event: string | null;
  category: string;
  /** The form in the code, before any rewrite by the transformer. */
  form: Form;
  /**
   * The form it leaves the app in: with `"transform": true`, after the build's rewrite (`dropped`
   * where the plan or `onUnapproved` removes it); else the form in the code.
   */
  leaves: Form | 'dropped';
  /** Where the value sits in the sink's argument (`properties.email`); empty when it is the argument. */
  property: string;
  /** Where the value was tagged, and how (`email: Email`). */
  source?: SourceLocation & { note: string };
  /** `heuristic` for an untagged, personal-looking value. */
  origin: string;
  /** What the sink is for (its pack's or the config entry's `purpose`); absent when a config sink names none. */
  purpose?: Purpose;
  /** The rule it breaks; absent when an allow entry approves it. */
  ruleId?: RuleId;
  /** Index of the allow entry that approves it (for `expired-approval`, the expired one), as the policy judged it. */
  approval?: number;
}

/** What `piiguard report` needs besides the findings: every flow, approved or not, and the policy. */
export interface Inventory {
  flows: InventoryFlow[];
  allow: AllowEntry[];
  /** The config file, relative to `root`; absent when none was found. */
  configFile?: string;
  /** The tracking plan's `transform` switch: approvals then apply to the form after the rewrite. */
  transform: boolean;
}

/** `analyze()`'s result: the contract of SPEC §7 plus the inventory, which the json reporter never prints. */
export interface AnalyzeResult extends AnalysisResult {
  inventory?: Inventory;
  /**
   * The run covered part of the config's program (`-p` naming one package of a monorepo):
   * findings of the files it did not name, and unused approvals, were not judged.
   */
  partial?: boolean;
  /**
   * With `summaries`: the package summaries this run read in place of the packages' sources, and
   * those it wrote (paths relative to the root, sorted). A summary that is missing, stale or
   * corrupt is not read: those packages' sources were analysed.
   */
  packageSummaries?: { read: string[]; written: string[] };
  /** With `tagging`: what is tagged and which calls are sinks, with why, per file (each file once). */
  tagging?: Tagging;
  /** Sink calls in the analysed files (each file once), per sink id (`{ posthog: 2 }`), in id order. */
  sinkCalls?: Record<string, number>;
  /**
   * The files the run was set up from, absolute: the config (absent when none was found, and
   * defaults applied) and the tsconfigs given or found (not the projects they reference).
   */
  used?: { config?: string; tsconfigs: string[] };
}

export interface Tagging {
  /** The config's `heuristics` setting: whether the heuristic rows count. */
  heuristics: 'off' | 'warn' | 'error';
  sources: Array<{
    file: string;
    line: number;
    column: number;
    name: string;
    category: string;
    why: SourceReason;
    kind: 'declaration' | 'read';
    entry?: { key: string; names: string };
  }>;
  sinks: Array<{
    file: string;
    line: number;
    column: number;
    callee: string;
    sink: string;
    why: 'pack' | 'config' | 'wrapper';
    entry?: string;
  }>;
}

/** Referenced projects are loaded from their sources (core/project.ts). */
const tsWithReferenceSources = withReferenceSources(ts);

// The package's own name resolves from inside it (self-reference), from source and from dist.
const version: string = (createRequire(import.meta.url)('piiguard/package.json') as { version: string }).version;

export async function analyze(options: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const timings = options.timings ? ([] as Array<{ phase: string; ms: number }>) : undefined;
  const time = async <T>(phase: string, work: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      timings?.push({ phase, ms: performance.now() - start });
    }
  };

  const { projectArgs, searchFrom } = getConfigSearch(options);
  const loaded: LoadedConfig = await time('config', () => loadAnalyzedConfig(options));
  const tsconfigs =
    projectArgs.length > 0
      ? [...new Set(projectArgs.map((p) => resolveTsconfig(p, searchFrom)))]
      : [resolveConfigProject(loaded, searchFrom) ?? resolveTsconfig(undefined, searchFrom)];
  // Paths are relative to the config; without one, to the directory that holds every tsconfig.
  const root = loaded.file ? loaded.dir : getCommonDirectory(tsconfigs.map((file) => path.dirname(file)));
  const config: LoadedConfig = loaded.file ? loaded : { ...loaded, dir: root };
  // A run over part of the config's program (one package of a monorepo, as Nx and Turborepo
  // run it) reports the files of the projects it names, not those of the projects they
  // reference: each package reports its own, so a pipeline over all packages reports every
  // finding once. Whether an allow entry is unused is only known from the whole program.
  const partial = loaded.file !== undefined && !isSameFile(tsconfigs, getConfigProject(loaded));
  const named = new Set(tsconfigs);
  const ownedFiles = new Set<string>();

  const findings: Array<{ finding: Finding; project: number }> = [];
  const filesByProject: Array<Set<string>> = [];
  const problems: Problem[] = [];
  const summary = { files: 0, sinks: 0, flows: 0, errors: 0, warnings: 0 };
  const inventoryFlows: InventoryFlow[] = [];
  const analysedFiles = new Set<string>();
  const sinkCallsByFile = new Map<string, Array<{ sink: string }>>();
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const filters = options.paths?.map((p) => path.resolve(cwd, p));
  // A path that names nothing would make a run over no file, which passes: the gate fails instead.
  for (const filter of filters ?? []) {
    if (!ts.sys.fileExists(filter) && !ts.sys.directoryExists(filter))
      throw new ProjectError(`${showPath(cwd, filter)}: no such file or directory`);
  }
  const tagging: Tagging = { heuristics: loaded.config.heuristics, sources: [], sinks: [] };
  const tagged = new Set<string>();

  const cacheFiles = options.cacheLocation !== undefined ? new CacheFiles(path.resolve(cwd, options.cacheLocation), version) : undefined;
  options.session?.files.refresh();
  // Package summaries serve the runs Nx and Turborepo make, one package each; never the editor's or watch's.
  const summaryScope: SummaryScope | undefined =
    options.summaries && !options.session && !options.tagging
      ? { ts, version, config: JSON.stringify(config.config), configDir: '' }
      : undefined;
  const summariesRead = new Set<string>();
  const summariesWritten = new Set<string>();
  /** The summaries each dependency's run left (by package directory), read into the current program. */
  const seedPackages = (project: { program: TS.Program; references: string[]; ownFiles: string[] }, files: TS.SourceFile[]) => {
    const seeded: SeededPackage[] = [];
    if (!summaryScope) return seeded;
    const own = new Set(project.ownFiles.map((file) => path.resolve(file)));
    for (const reference of project.references) {
      const packageDir = path.dirname(reference);
      const text = ts.sys.readFile(path.join(packageDir, PACKAGE_SUMMARY_FILE));
      if (text === undefined) continue;
      const packageFiles = files.filter(
        (file) => !own.has(path.resolve(file.fileName)) && isInside(packageDir, path.resolve(file.fileName)),
      );
      const scope = { ...summaryScope, configDir: toPosixPath(path.relative(packageDir, config.dir)) };
      const package_ = readPackageSummary({ scope, packageDir, text, program: project.program, packageFiles, readFile: ts.sys.readFile });
      if (package_) {
        seeded.push(package_);
        summariesRead.add(relativePath(root, path.join(packageDir, PACKAGE_SUMMARY_FILE)));
      }
    }
    return seeded;
  };

  // A solution tsconfig (`files: []` with references), or several `-p`, analyses every project once.
  const queue = [...tsconfigs];
  const loadedProjects: LoadedProjectCounts[] = [];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    const session = options.session;
    const project = await time('program', () =>
      loadProject(
        tsWithReferenceSources,
        next,
        session ? { oldProgram: session.programs.get(next), adaptHost: (host) => session.files.adaptHost(host) } : {},
      ),
    );
    session?.programs.set(next, project.program);
    loadedProjects.push({ tsconfig: next, ownFiles: project.ownFiles.length, files: project.files.length });
    queue.push(...project.references);
    if (named.has(next)) {
      for (const file of project.ownFiles) ownedFiles.add(relativePath(root, file));
      // A solution tsconfig names no files of its own: it names its references.
      if (project.ownFiles.length === 0) for (const reference of project.references) named.add(reference);
    }
    for (const problem of project.problems) {
      const file = problem.file ? relativePath(root, problem.file) : undefined;
      // A workspace package imported through its declarations is named once, however many projects import it.
      if (problem.kind === 'built-package' && problems.some((p) => p.kind === problem.kind && p.file === file)) continue;
      problems.push({ ...problem, file });
    }
    const files = project.files.filter((file) => isIncludedByConfig(config, file.fileName));
    if (files.length === 0) continue;
    // A referenced package whose sources an earlier project already included is not analysed again.
    if (files.every((file) => analysedFiles.has(file.fileName))) continue;
    const seeded = seedPackages(project, files);
    const engine = options.tagging ? createEngine({ ts, program: project.program, config, packs: BUILTIN_SINK_PACKS, files }) : undefined;
    const result = analyzeProgram({
      ts,
      program: project.program,
      config,
      packs: BUILTIN_SINK_PACKS,
      files,
      today,
      ...(engine ? { engine } : {}),
      wholeProgram: !filters,
      partialProgram: partial,
      ...(seeded.length > 0 ? { summarizedFiles: new Set(seeded.flatMap((p) => p.files)), seedEdges: seeded.flatMap((p) => p.edges) } : {}),
      onProgress: options.onProgress,
      timings,
      ...(session ? { facts: session.getStore(next) } : cacheFiles ? { facts: cacheFiles.get(next) } : {}),
    });
    const index = filesByProject.push(new Set(files.map((file) => relativePath(root, file.fileName)))) - 1;
    findings.push(...result.findings.map((finding) => ({ finding, project: index })));
    problems.push(...result.problems.map((p) => ({ ...p, file: p.file ? relativePath(root, p.file) : undefined })));
    for (const file of files) analysedFiles.add(file.fileName);
    const byFile = new Map<string, Array<{ sink: string }>>();
    for (const sinkCall of result.sinkCalls) {
      const file = sinkCall.call.getSourceFile().fileName;
      const calls = byFile.get(file);
      if (calls) calls.push(sinkCall);
      else byFile.set(file, [sinkCall]);
    }
    // A summarized dependency's sink calls, as its own run counted them.
    for (const { sinks } of seeded)
      for (const [file, ids] of sinks)
        byFile.set(
          file,
          ids.map((sink) => ({ sink })),
        );
    for (const [file, calls] of byFile) if (!sinkCallsByFile.has(file)) sinkCallsByFile.set(file, calls);
    // A run over one package leaves its summary for the runs of the packages that depend on it.
    if (summaryScope && partial && named.has(next) && project.ownFiles.length > 0) {
      const packageDir = path.dirname(next);
      const ownNames = new Set(project.ownFiles.map((file) => path.resolve(file)));
      const summary = createPackageSummary({
        scope: { ...summaryScope, configDir: toPosixPath(path.relative(packageDir, config.dir)) },
        packageDir,
        files: files.filter((file) => ownNames.has(path.resolve(file.fileName))),
        edges: result.wrapperEdges,
        sinkCalls: result.sinkCalls,
      });
      if (summary) {
        writeFileSync(path.join(packageDir, PACKAGE_SUMMARY_FILE), serializePackageSummary(summary));
        summariesWritten.add(relativePath(root, path.join(packageDir, PACKAGE_SUMMARY_FILE)));
      }
    }
    inventoryFlows.push(
      ...result.flows.map((flow) =>
        toInventoryFlow(flow, root, {
          purpose: getSinkPurpose(flow.sink, BUILTIN_SINK_PACKS, config.config),
          leaves: getLeavingForm(flow, config.config, BUILD_FAILING_RULES),
        }),
      ),
    );
    if (engine) {
      const fresh = files.filter((file) => !tagged.has(file.fileName));
      for (const file of fresh) tagged.add(file.fileName);
      const input = { ...engine, config: config.config, files: fresh, heuristics: config.config.heuristics !== 'off' };
      const at = (file: TS.SourceFile, node: TS.Node) => {
        const { line, character } = file.getLineAndCharacterOfPosition(node.getStart());
        return { file: relativePath(root, file.fileName), line: line + 1, column: character + 1 };
      };
      for (const item of listSources(input)) {
        tagging.sources.push({
          ...at(item.file, item.node),
          name: item.name,
          category: item.category,
          why: item.why,
          kind: item.kind,
          ...(item.entry ? { entry: item.entry } : {}),
        });
      }
      const wrapperCalls = result.flows.filter((flow) => flow.call !== flow.sinkCall).map((flow) => ({ call: flow.call, sink: flow.sink }));
      for (const item of listSinks(input, wrapperCalls)) {
        if (!fresh.includes(item.file)) continue;
        tagging.sinks.push({
          ...at(item.file, item.node),
          callee: item.callee,
          sink: item.sink,
          why: item.why,
          ...(item.entry ? { entry: item.entry } : {}),
        });
      }
    }
  }

  if (cacheFiles) await time('cache', () => cacheFiles.save());
  // The gate never passes on nothing: no file to analyse, or a path that names none of them.
  if (analysedFiles.size === 0) throw new ProjectError(explainNoFiles(cwd, config, loadedProjects));
  for (const filter of filters ?? []) {
    if (![...analysedFiles].some((file) => isInside(filter, path.resolve(file)))) {
      throw new ProjectError(
        `${showPath(cwd, filter)} holds no file of the project (${loadedProjects.map((p) => showPath(cwd, p.tsconfig)).join(', ')}); name a file or directory that the project includes`,
      );
    }
  }

  // A package that several projects include (through references) is counted once.
  const isReported = (file: string) => !partial || ownedFiles.has(file);
  const flows = dedupeFlows(inventoryFlows).filter((flow) => isReported(flow.location.file));
  summary.files = analysedFiles.size;
  const sinkCalls: Record<string, number> = {};
  for (const calls of sinkCallsByFile.values()) {
    for (const { sink } of calls) sinkCalls[sink] = (sinkCalls[sink] ?? 0) + 1;
  }
  summary.sinks = Object.values(sinkCalls).reduce((sum, count) => sum + count, 0);
  summary.flows = new Set(flows.filter((f) => f.origin !== 'heuristic').map((f) => flowIdentity(f))).size;
  const reported = dedupeFindings(keepWholeProgramFindings(findings, filesByProject))
    .filter((f) => !partial || (!CONFIG_ENTRY_RULES.has(f.ruleId) && isReported(f.location.file)))
    .filter((f) => !filters || filters.some((p) => isInside(p, path.resolve(root, f.location.file))))
    .sort(compareFindings);
  Object.assign(summary, countBySeverity(reported));
  return {
    tool: { name: 'piiguard', version },
    findings: reported,
    summary,
    problems,
    root,
    ...(timings ? { timings } : {}),
    ...(partial ? { partial } : {}),
    ...(summaryScope ? { packageSummaries: { read: [...summariesRead].sort(), written: [...summariesWritten].sort() } } : {}),
    ...(options.tagging ? { tagging: sortTagging(tagging) } : {}),
    sinkCalls: Object.fromEntries(Object.entries(sinkCalls).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    used: { ...(loaded.file ? { config: loaded.file } : {}), tsconfigs },
    inventory: {
      flows,
      allow: config.config.allow,
      ...(config.file ? { configFile: relativePath(root, config.file) } : {}),
      transform: config.config.transform,
    },
  };
}

/**
 * The config `analyze(options)` runs with, found as it finds it: `configFile`, else looked up
 * from the (first) tsconfig's directory when tsconfigs are given, else from `cwd`. What
 * `piiguard check --print-config` prints.
 */
export function loadAnalyzedConfig(options: Pick<AnalyzeOptions, 'cwd' | 'project' | 'configFile'>): Promise<LoadedConfig> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  return loadConfig({
    cwd: getConfigSearch(options).searchFrom,
    configFile: options.configFile ? path.resolve(cwd, options.configFile) : undefined,
  });
}

function getConfigSearch(options: Pick<AnalyzeOptions, 'cwd' | 'project'>): { projectArgs: string[]; searchFrom: string } {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const projectArgs = (typeof options.project === 'string' ? [options.project] : (options.project ?? [])).map((p) => path.resolve(cwd, p));
  const searchFrom = projectArgs[0] ? (isDirectory(projectArgs[0]) ? projectArgs[0] : path.dirname(projectArgs[0])) : cwd;
  return { projectArgs, searchFrom };
}

function toInventoryFlow(
  flow: FlowReport,
  root: string,
  { purpose, leaves }: { purpose: Purpose | undefined; leaves: Form | 'dropped' },
): InventoryFlow {
  const file = flow.call.getSourceFile();
  const { line, character } = file.getLineAndCharacterOfPosition(flow.call.getStart(file));
  return {
    location: { file: relativePath(root, file.fileName), line: line + 1, column: character + 1 },
    sink: flow.sink,
    event: flow.event,
    category: flow.category,
    form: flow.form,
    leaves,
    property: flow.path.join('.'),
    ...(flow.source
      ? {
          source: {
            file: relativePath(root, flow.source.fileName),
            line: flow.source.line,
            column: flow.source.column,
            note: flow.source.note,
          },
        }
      : {}),
    origin: flow.origin,
    ...(purpose ? { purpose } : {}),
    ...(flow.ruleId ? { ruleId: flow.ruleId } : {}),
    ...(flow.approval ? { approval: flow.approval.index } : {}),
  };
}

function flowIdentity(f: InventoryFlow): string {
  return `${f.location.file}|${f.location.line}|${f.location.column}|${f.category}|${f.form}|${f.sink}|${f.event}`;
}

function dedupeFlows(flows: InventoryFlow[]): InventoryFlow[] {
  const seen = new Set<string>();
  return flows.filter((f) => {
    const key = `${flowIdentity(f)}|${f.origin}|${f.ruleId ?? ''}|${f.property}|${f.leaves}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Rules judged on a whole program. Across a solution, an allow entry is unused only when no
 * project used it, and an event name is dynamic only when no project that includes the wrapper
 * resolved it at its callers: such a finding stands when every project that analysed its file
 * reported it (the config file counts as analysed by all).
 */

function sortTagging(tagging: Tagging): Tagging {
  const byPlace = (a: { file: string; line: number; column: number }, b: { file: string; line: number; column: number }) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
  return { heuristics: tagging.heuristics, sources: [...tagging.sources].sort(byPlace), sinks: [...tagging.sinks].sort(byPlace) };
}

/** Rules reported at an entry of the config: judged on the whole program, which every project analyses a part of. */
const CONFIG_ENTRY_RULES: ReadonlySet<string> = new Set(['piiguard/unused-approval', 'piiguard/unused-source', 'piiguard/unused-sink']);

function keepWholeProgramFindings(findings: Array<{ finding: Finding; project: number }>, filesByProject: Array<Set<string>>): Finding[] {
  if (filesByProject.length <= 1) return findings.map(({ finding }) => finding);
  const reporters = new Map<string, Set<number>>();
  for (const { finding, project } of findings) {
    if (!WHOLE_PROGRAM_RULES.has(finding.ruleId)) continue;
    const key = `${finding.fingerprint}|${finding.location.file}`;
    reporters.set(key, (reporters.get(key) ?? new Set()).add(project));
  }
  return findings
    .filter(({ finding }) => {
      if (!WHOLE_PROGRAM_RULES.has(finding.ruleId)) return true;
      const reported = reporters.get(`${finding.fingerprint}|${finding.location.file}`)!;
      const including = filesByProject.filter((files) => CONFIG_ENTRY_RULES.has(finding.ruleId) || files.has(finding.location.file));
      return reported.size >= including.length;
    })
    .map(({ finding }) => finding);
}

/** The tsconfig that the config's program is: its `project`, else the tsconfig.json beside it. */
function getConfigProject(loaded: LoadedConfig): string | undefined {
  if (loaded.config.project) return resolveTsconfig(path.resolve(loaded.dir, loaded.config.project), loaded.dir);
  const beside = path.join(loaded.dir, 'tsconfig.json');
  return ts.sys.fileExists(beside) ? beside : undefined;
}

function isSameFile(tsconfigs: string[], file: string | undefined): boolean {
  return file !== undefined && tsconfigs.length === 1 && path.resolve(tsconfigs[0]) === path.resolve(file);
}

function resolveTsconfig(given: string | undefined, from: string): string {
  if (given) {
    if (isDirectory(given)) return path.join(given, 'tsconfig.json');
    return given;
  }
  // As editors do: in each directory up from here, a tsconfig.json, else a jsconfig.json.
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      if (ts.sys.fileExists(path.join(dir, name))) return path.join(dir, name);
    }
    if (path.dirname(dir) === dir) break;
  }
  throw new ProjectError(`no tsconfig.json or jsconfig.json found from ${from}; pass one with -p`);
}

interface LoadedProjectCounts {
  tsconfig: string;
  /** Files its include/files name. */
  ownFiles: number;
  /** Files of its program that are the project's own (not node_modules, not .d.ts). */
  files: number;
}

/** A path as the user would write it from `cwd`. */
function showPath(cwd: string, file: string): string {
  return toPosixPath(path.relative(cwd, file)) || '.';
}

function toPosixPath(p: string): string {
  return p.split(path.sep).join('/');
}

/** Why a run found no file to analyse, for its error message. */
function explainNoFiles(cwd: string, config: LoadedConfig, projects: LoadedProjectCounts[]): string {
  const names = projects.map((p) => showPath(cwd, p.tsconfig)).join(', ');
  if (projects.some((p) => p.files > 0)) {
    const where = config.file ? showPath(cwd, config.file) : 'the config';
    return `no file to analyse: ${where}'s "include"/"exclude" leave out every source file of ${names}`;
  }
  // JavaScript that TypeScript leaves out: what the same tsconfigs include with allowJs.
  const js = projects.flatMap((p) => {
    const read = ts.readConfigFile(p.tsconfig, ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(p.tsconfig), { allowJs: true }, p.tsconfig);
    return parsed.fileNames.filter((file) => /\.[cm]?jsx?$/.test(file));
  });
  if (js.length > 0) {
    const shown = js.slice(0, 3).map((file) => showPath(cwd, file));
    const count = js.length === 1 ? '1 JavaScript file' : `${js.length} JavaScript files`;
    return `no file to analyse: ${names} includes no TypeScript file; it has ${count} (${shown.join(', ')}${js.length > 3 ? ', …' : ''}), which TypeScript reads only with "allowJs": true in compilerOptions`;
  }
  return `no file to analyse: ${names} includes no source file (check its "include" and "files")`;
}

/** The deepest directory that contains all of `dirs`. */
function getCommonDirectory(dirs: string[]): string {
  let common = dirs[0];
  for (const dir of dirs.slice(1)) {
    while (!isInside(common, dir)) common = path.dirname(common);
  }
  return common;
}

function isDirectory(p: string): boolean {
  return ts.sys.directoryExists(p);
}

function isInside(dirOrFile: string, file: string): boolean {
  return file === dirOrFile || file.startsWith(dirOrFile.endsWith(path.sep) ? dirOrFile : dirOrFile + path.sep);
}

/** The same file reached through two referenced projects is reported once. */
function dedupeFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.fingerprint}|${f.location.file}|${f.location.line}|${f.location.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
