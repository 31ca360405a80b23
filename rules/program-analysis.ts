/**
 * The engine's results for one program and config, computed once per lint run and shared by every
 * file of it: linting a file then costs a lookup. The config is re-read when its file changes.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { analyzeProgram, getProjectSourceFiles, relativePath, type FlowReport, type ProgramAnalysis } from '../core/analysis.js';
import { isIncludedByConfig } from '../core/config/include.js';
import { findConfigFile, loadConfigSync } from '../core/config/load.js';
import type { LoadedConfig } from '../core/config/types.js';
import type { Finding } from '../core/findings.js';
import { BUILTIN_SINK_PACKS } from '../core/sinks/index.js';

interface Cached {
  stamp: string;
  config: LoadedConfig;
  analysis: ProgramAnalysis;
}

const byProgram = new WeakMap<ts.Program, Map<string, Cached>>();

function getStamp(file: string | undefined): string {
  if (!file) return 'none';
  try {
    return `${file}:${statSync(file).mtimeMs}`;
  } catch {
    return `${file}:gone`;
  }
}

/** Findings the engine reports in `fileName`, for the program the parser built for it. */
export function getFindingsForFile(program: ts.Program, fileName: string, today = new Date().toISOString().slice(0, 10)): Finding[] {
  const configFile = findConfigFile(path.dirname(fileName));
  const key = configFile ?? `(none):${path.dirname(fileName)}`;
  let perConfig = byProgram.get(program);
  if (!perConfig) byProgram.set(program, (perConfig = new Map()));
  const stamp = getStamp(configFile);
  let cached = perConfig.get(key);
  if (!cached || cached.stamp !== stamp) {
    const config = loadConfigSync({ cwd: path.dirname(fileName) });
    // Without a config, paths are relative to the tsconfig's directory, as in `piiguard check`.
    const tsconfig = program.getCompilerOptions().configFilePath;
    const loaded: LoadedConfig = config.file || typeof tsconfig !== 'string' ? config : { ...config, dir: path.dirname(tsconfig) };
    const analysis = analyzeProgram({
      ts,
      program,
      config: loaded,
      packs: BUILTIN_SINK_PACKS,
      files: getProjectSourceFiles(program).filter((file) => isIncludedByConfig(loaded, file.fileName)),
      today,
      wholeProgram: false,
    });
    cached = { stamp, config: loaded, analysis };
    perConfig.set(key, cached);
  }
  const relative = relativePath(cached.config.dir, fileName);
  return cached.analysis.findings.filter((finding) => finding.location.file === relative);
}

/** The judged flows whose outermost call is in `fileName` (what suggestions act on). */
export function getFlowsForFile(program: ts.Program, fileName: string): FlowReport[] {
  const perConfig = byProgram.get(program);
  if (!perConfig) return [];
  const normalized = path.resolve(fileName);
  const out: FlowReport[] = [];
  for (const cached of perConfig.values()) {
    for (const flow of cached.analysis.flows) if (path.resolve(flow.call.getSourceFile().fileName) === normalized) out.push(flow);
  }
  return out;
}
