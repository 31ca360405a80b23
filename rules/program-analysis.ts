/**
 * The engine for one program and config, built once per lint run and shared by every rule and
 * file of it: linting a file then costs a lookup. Jobs:
 * - find the config of a file's directory (looked up once per directory and program) and re-read
 *   it when its file changes;
 * - build the engine once, run the flow analysis at most once (only when a rule asks for
 *   findings), and index its findings and flows by file;
 * - hand out the file checks (brand erasure, weak hashes) on the same engine.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { getTypeScriptOf } from './typescript-of.js';
import {
  analyzeProgram,
  BUILTIN_SINK_PACKS,
  createEngine,
  FactStore,
  FileChecker,
  findConfigFile,
  getProjectSourceFiles,
  isIncludedByConfig,
  loadConfigSync,
  relativePath,
  type Engine,
  type Finding,
  type FlowReport,
  type LoadedConfig,
  type Problem,
} from '../core/index.js';

interface Cached {
  /** The config file (or directory without one) and tsconfig: which fact store serves it. */
  storeKey: string;
  stamp: string;
  /** When the stamp was last compared with the file (ms since the epoch). */
  checkedAt: number;
  config: LoadedConfig;
  engine: Engine;
  /** Findings by file (relative to the config's directory), once the analysis has run. */
  findings?: Map<string, Finding[]>;
  /** Flows by absolute file name of their outermost call. */
  flows?: Map<string, FlowReport[]>;
  /** What kept the analysis from a file (an internal error), by absolute file name. */
  problems?: Map<string, Problem[]>;
  checks?: FileChecker;
}

interface PerProgram {
  /** Directory → config file (or none): a lint run asks for every file, the answer is per directory. */
  configFiles: Map<string, string | undefined>;
  byConfig: Map<string, Cached>;
  files?: ts.SourceFile[];
}

const byProgram = new WeakMap<ts.Program, PerProgram>();
/**
 * The fact cache of each config and tsconfig, kept across programs: an editor makes a new program
 * after every edit, and the analysis of the new one reuses the answers about every file that did
 * not change (nor what it imports), so a re-lint costs the edited file's evaluation.
 */
const factStores = new Map<string, FactStore>();
const MAX_FACT_STORES = 16;

function getFactStore(key: string): FactStore {
  let store = factStores.get(key);
  if (store) {
    // Most recently used last, so the oldest goes first when there are too many.
    factStores.delete(key);
  } else {
    store = new FactStore();
    if (factStores.size >= MAX_FACT_STORES) factStores.delete(factStores.keys().next().value!);
  }
  factStores.set(key, store);
  return store;
}
const STAMP_INTERVAL_MS = 1000;
/** The config last read for each config file (or directory without one), with the file's stamp then. */
const loadedConfigs = new Map<string, { stamp: string; config: LoadedConfig }>();

function getStamp(file: string | undefined): string {
  if (!file) return 'none';
  try {
    return `${file}:${statSync(file).mtimeMs}`;
  } catch {
    return `${file}:gone`;
  }
}

function getPerProgram(program: ts.Program): PerProgram {
  let perProgram = byProgram.get(program);
  if (!perProgram) byProgram.set(program, (perProgram = { configFiles: new Map(), byConfig: new Map() }));
  return perProgram;
}

/** The engine for the config that governs `fileName`, in the program the parser built for it. */
function getCached(program: ts.Program, fileName: string): Cached {
  const perProgram = getPerProgram(program);
  const dir = path.dirname(fileName);
  let configFile: string | undefined;
  if (perProgram.configFiles.has(dir)) configFile = perProgram.configFiles.get(dir);
  else perProgram.configFiles.set(dir, (configFile = findConfigFile(dir)));
  const key = configFile ?? `(none):${dir}`;
  let cached = perProgram.byConfig.get(key);
  // A lint run asks for every file and rule; looking at the config file once a second is enough
  // to notice an edit in the editor.
  const now = Date.now();
  if (cached && now - cached.checkedAt < STAMP_INTERVAL_MS) return cached;
  const stamp = getStamp(configFile);
  if (cached && cached.stamp === stamp) {
    cached.checkedAt = now;
    return cached;
  }
  // A new program (the editor makes one per edit) reads the config again only when it changed.
  const loadedBefore = loadedConfigs.get(key);
  const config = loadedBefore?.stamp === stamp ? loadedBefore.config : loadConfigSync({ cwd: dir });
  loadedConfigs.set(key, { stamp, config });
  // Without a config, paths are relative to the tsconfig's directory, as in `piiguard check`.
  const tsconfig = program.getCompilerOptions().configFilePath;
  const loaded: LoadedConfig = config.file || typeof tsconfig !== 'string' ? config : { ...config, dir: path.dirname(tsconfig) };
  perProgram.files ??= getProjectSourceFiles(program);
  const files = perProgram.files.filter((file) => isIncludedByConfig(loaded, file.fileName));
  const engine = createEngine({ ts: getTypeScriptOf(program), program, config: loaded, packs: BUILTIN_SINK_PACKS, files });
  cached = { storeKey: `${key}\0${typeof tsconfig === 'string' ? tsconfig : ''}`, stamp, checkedAt: now, config: loaded, engine };
  perProgram.byConfig.set(key, cached);
  return cached;
}

function runAnalysis(cached: Cached, program: ts.Program, today: string): void {
  if (cached.findings) return;
  const analysis = analyzeProgram({
    ts: getTypeScriptOf(program),
    program,
    config: cached.config,
    packs: BUILTIN_SINK_PACKS,
    files: [...cached.engine.projectFiles],
    today,
    wholeProgram: false,
    engine: cached.engine,
    facts: getFactStore(cached.storeKey),
  });
  const findings = new Map<string, Finding[]>();
  for (const finding of analysis.findings) {
    const list = findings.get(finding.location.file);
    if (list) list.push(finding);
    else findings.set(finding.location.file, [finding]);
  }
  const flows = new Map<string, FlowReport[]>();
  for (const flow of analysis.flows) {
    const file = path.resolve(flow.call.getSourceFile().fileName);
    const list = flows.get(file);
    if (list) list.push(flow);
    else flows.set(file, [flow]);
  }
  const problems = new Map<string, Problem[]>();
  for (const problem of analysis.problems) {
    if (!problem.file) continue;
    const file = path.resolve(problem.file);
    problems.set(file, [...(problems.get(file) ?? []), problem]);
  }
  cached.findings = findings;
  cached.flows = flows;
  cached.problems = problems;
}

/** Findings the engine reports in `fileName`, for the program the parser built for it. */
export function getFindingsForFile(program: ts.Program, fileName: string, today = new Date().toISOString().slice(0, 10)): Finding[] {
  const cached = getCached(program, fileName);
  runAnalysis(cached, program, today);
  return cached.findings!.get(relativePath(cached.config.dir, fileName)) ?? [];
}

/**
 * What kept the analysis from `fileName` (an internal error while analysing it): the rule that
 * shows its flows reports it, so the file never looks clean when it was not checked.
 */
export function getProblemsForFile(program: ts.Program, fileName: string, today = new Date().toISOString().slice(0, 10)): Problem[] {
  const cached = getCached(program, fileName);
  runAnalysis(cached, program, today);
  return cached.problems?.get(path.resolve(fileName)) ?? [];
}

/** The judged flows whose outermost call is in `fileName` (what suggestions act on). */
export function getFlowsForFile(program: ts.Program, fileName: string): FlowReport[] {
  const perProgram = byProgram.get(program);
  if (!perProgram) return [];
  const normalized = path.resolve(fileName);
  const out: FlowReport[] = [];
  for (const cached of perProgram.byConfig.values()) out.push(...(cached.flows?.get(normalized) ?? []));
  return out;
}

/** The file checks (brand erasure, weak hashes) on the engine of `fileName`'s program and config. */
/**
 * The listeners of a rule over the core's file checks: at `Program:exit` (after the file's other
 * rules, so the types they asked the checker for are cached), each item `find` returns for the
 * linted file is reported at its node.
 */
export function reportFileChecks<Item extends { node: ts.Node }>(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  find: (checks: FileChecker, file: ts.SourceFile) => Iterable<Item>,
  report: (item: Item, node: TSESTree.Node) => void,
): TSESLint.RuleListener {
  const services = ESLintUtils.getParserServices(context);
  return {
    'Program:exit'() {
      const found = getFileChecks(services.program, context.filename);
      if (!found) return;
      for (const item of find(found.checks, found.file)) {
        const node = services.tsNodeToESTreeNodeMap.get(item.node);
        if (node) report(item, node);
      }
    },
  };
}

export function getFileChecks(program: ts.Program, fileName: string): { checks: FileChecker; file: ts.SourceFile } | undefined {
  const file = program.getSourceFile(fileName);
  if (!file) return undefined;
  const cached = getCached(program, fileName);
  cached.checks ??= new FileChecker(cached.engine);
  return { checks: cached.checks, file };
}
