/**
 * `analyze(options)`: the programmatic entry of piiguard. Finds the config and the tsconfig,
 * loads the program with piiguard's TypeScript, runs the engine, and returns the results. It
 * never prints and never exits; user errors are thrown as PiiguardError subclasses.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { analyzeProgram } from '../core/analysis.js';
import { loadConfig } from '../core/config/load.js';
import type { LoadedConfig } from '../core/config/types.js';
import { ProjectError } from '../core/errors.js';
import type { AnalysisResult, Finding, Problem } from '../core/findings.js';
import { BUILTIN_SINK_PACKS } from '../core/sinks/index.js';
import { relativePath } from '../core/analysis.js';
import { loadProject } from './project.js';
import type { AnalyzeOptions } from './options.js';

export type { AnalyzeOptions };

// The package's own name resolves from inside it (self-reference), from source and from dist.
const version: string = (createRequire(import.meta.url)('piiguard/package.json') as { version: string }).version;

export async function analyze(options: AnalyzeOptions = {}): Promise<AnalysisResult> {
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

  // The config is looked up from the project's directory when a tsconfig is given.
  const projectArg = options.project ? path.resolve(cwd, options.project) : undefined;
  const searchFrom = projectArg ? (isDirectory(projectArg) ? projectArg : path.dirname(projectArg)) : cwd;
  const loaded: LoadedConfig = await time('config', () =>
    loadConfig({ cwd: searchFrom, configFile: options.configFile ? path.resolve(cwd, options.configFile) : undefined }),
  );
  const tsconfig = resolveTsconfig(projectArg ?? (loaded.config.project ? path.resolve(loaded.dir, loaded.config.project) : undefined), searchFrom);
  const root = loaded.file ? loaded.dir : path.dirname(tsconfig);
  const config: LoadedConfig = loaded.file ? loaded : { ...loaded, dir: root };

  const findings: Finding[] = [];
  const problems: Problem[] = [];
  const summary = { files: 0, sinks: 0, flows: 0, errors: 0, warnings: 0 };
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const filters = options.paths?.map((p) => path.resolve(cwd, p));

  // A solution tsconfig (`files: []` with references) analyses every referenced project once.
  const queue = [tsconfig];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    const project = await time('program', () => loadProject(ts, next));
    queue.push(...project.references);
    problems.push(...project.problems.map((p) => ({ ...p, file: p.file ? relativePath(root, p.file) : undefined })));
    const files = project.files.filter((file) => isIncluded(config, file.fileName));
    if (files.length === 0) continue;
    const result = analyzeProgram({
      ts,
      program: project.program,
      config,
      packs: BUILTIN_SINK_PACKS,
      files,
      today,
      wholeProgram: !filters,
      onProgress: options.onProgress,
      timings,
    });
    findings.push(...result.findings);
    problems.push(...result.problems.map((p) => ({ ...p, file: p.file ? relativePath(root, p.file) : undefined })));
    summary.files += result.summary.files;
    summary.sinks += result.summary.sinks;
    summary.flows += result.summary.flows;
  }

  const reported = dedupeFindings(findings).filter((f) => !filters || filters.some((p) => isInside(p, path.resolve(root, f.location.file))));
  summary.errors = reported.filter((f) => f.severity === 'error').length;
  summary.warnings = reported.filter((f) => f.severity === 'warning').length;
  return {
    tool: { name: 'piiguard', version },
    findings: reported,
    summary,
    problems,
    root,
    ...(timings ? { timings } : {}),
  };
}

function resolveTsconfig(given: string | undefined, from: string): string {
  if (given) {
    if (isDirectory(given)) return path.join(given, 'tsconfig.json');
    return given;
  }
  const found = ts.findConfigFile(from, ts.sys.fileExists);
  if (!found) throw new ProjectError(`no tsconfig.json found from ${from}; pass one with -p`);
  return path.resolve(found);
}

function isDirectory(p: string): boolean {
  return ts.sys.directoryExists(p);
}

function isInside(dirOrFile: string, file: string): boolean {
  return file === dirOrFile || file.startsWith(dirOrFile.endsWith(path.sep) ? dirOrFile : dirOrFile + path.sep);
}

/** The config's `include`/`exclude` globs, relative to its directory. */
function isIncluded(config: LoadedConfig, fileName: string): boolean {
  const rel = relativePath(config.dir, fileName);
  const { include, exclude } = config.config;
  if (include && include.length > 0 && !include.some((glob) => path.matchesGlob(rel, glob))) return false;
  if (exclude && exclude.some((glob) => path.matchesGlob(rel, glob))) return false;
  return true;
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
