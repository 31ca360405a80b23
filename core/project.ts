/**
 * Loads a TypeScript project the way its own compiler would, with piiguard's TypeScript 6:
 * tsconfigs written for TypeScript 5 keep their module and type resolution (deprecated options
 * silenced, TS 5 defaults restored), nothing is emitted and no `.tsbuildinfo` is written.
 */
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TS from 'typescript';
import type { TypeScript } from './typescript.js';
import { getProjectSourceFiles } from './analysis.js';
import { ProjectError } from './errors.js';
import { shareLibraryFiles } from './library-files.js';
import { redirectWorkspaceDeclarations } from './workspace-packages.js';
import type { Problem } from './findings.js';

export interface LoadedProject {
  tsconfig: string;
  program: TS.Program;
  /** Files of the project proper: no declaration files, nothing from node_modules. */
  files: TS.SourceFile[];
  /** The files the tsconfig itself names (include/files), without those of referenced projects. */
  ownFiles: string[];
  references: string[];
  problems: Problem[];
}

/** Options that TypeScript 6 deprecates; a tsconfig using them was written for TypeScript 5. */
function usesDeprecatedOptions(raw: Record<string, unknown>): boolean {
  const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
  return (
    ['node', 'node10', 'classic'].includes(lower(raw.moduleResolution) as string) ||
    ['es3', 'es5'].includes(lower(raw.target) as string) ||
    ['amd', 'umd', 'system', 'none'].includes(lower(raw.module) as string) ||
    raw.downlevelIteration !== undefined ||
    raw.baseUrl !== undefined ||
    raw.outFile !== undefined ||
    raw.esModuleInterop === false ||
    raw.allowSyntheticDefaultImports === false ||
    raw.alwaysStrict === false
  );
}

/** The major version of the TypeScript the project itself installs, if any. */
function getProjectTypeScriptMajor(dir: string): number | undefined {
  try {
    const require = createRequire(path.join(dir, 'noop.js'));
    const { version } = require(require.resolve('typescript/package.json', { paths: [dir] })) as { version: string };
    return Number(version.split('.')[0]);
  } catch {
    return undefined;
  }
}

/** For loading a project again as its files change (the bundler plugins' watch mode). */
export interface ProjectReuse {
  /** The program to reuse unchanged files and resolutions from. */
  oldProgram?: TS.Program;
  /** Adapts the compiler host (a cache of parsed files, texts that are not on disk yet). */
  adaptHost?: (host: TS.CompilerHost) => void;
}

/**
 * A TypeScript whose compiler hosts load the sources of referenced projects rather than their
 * built `.d.ts` (as editors do), so a solution or monorepo is analysed as written and needs no
 * `tsc -b` first: otherwise a type from a sibling project that was never built is `any` and its
 * brand is lost. `check` and the bundler plugins load projects through it alike.
 */
export function withReferenceSources(ts: TypeScript): TypeScript {
  return Object.create(ts, {
    createCompilerHost: {
      value: (options: TS.CompilerOptions, setParentNodes?: boolean) =>
        Object.assign(ts.createCompilerHost(options, setParentNodes), { useSourceOfProjectReferenceRedirect: () => true }),
    },
  }) as TypeScript;
}

export function loadProject(ts: TypeScript, tsconfigPath: string, reuse: ProjectReuse = {}): LoadedProject {
  const tsconfig = path.resolve(tsconfigPath);
  const problems: Problem[] = [];
  if (!ts.sys.fileExists(tsconfig)) throw new ProjectError(`cannot find the tsconfig ${tsconfigPath}`);
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error) {
    throw new ProjectError(`${tsconfigPath}: ${ts.flattenDiagnosticMessageText(read.error.messageText, '\n')}`);
  }
  const dir = path.dirname(tsconfig);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dir, undefined, tsconfig);
  // As tsc (TS5083, TS6053): a base config that cannot be found is an error, not options left out.
  const missingBase = parsed.errors.find((d) => d.code === 5083 || d.code === 6053);
  if (missingBase) {
    const extended = (read.config as { extends?: unknown }).extends;
    throw new ProjectError(
      `${tsconfigPath}: "extends": ${JSON.stringify(extended)} cannot be loaded: ${ts.flattenDiagnosticMessageText(missingBase.messageText, '\n')} (tsc: error TS${missingBase.code})`,
    );
  }
  const rawOptions = getRawOptions(ts, parsed, read.config as { compilerOptions?: Record<string, unknown> });
  const options: TS.CompilerOptions = { ...parsed.options };

  const major = getProjectTypeScriptMajor(dir);
  const writtenForTs5 = (major !== undefined && major < 6) || usesDeprecatedOptions(rawOptions);
  if (writtenForTs5) applyTypeScript5Defaults(ts, options, rawOptions);
  options.ignoreDeprecations ??= '6.0';
  // CSS and asset side-effect imports are harmless to piiguard, whatever the project says.
  options.noUncheckedSideEffectImports = false;
  // Analysis only: never emit, never write build info.
  options.noEmit = true;
  options.incremental = false;
  options.composite = false;
  delete options.tsBuildInfoFile;
  options.skipLibCheck = true;

  // Parents are set by the binder when the checker is created; setting them while parsing is work done twice.
  const host = ts.createCompilerHost(options, false);
  // Like tsc: parse only the JSDoc that typing needs (`@pii` tags are read from comment text).
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => {
    try {
      return readFile(fileName);
    } catch (error) {
      problems.push({ kind: 'unreadable-file', file: fileName, message: `cannot read this file: ${(error as Error).message}` });
      return undefined;
    }
  };
  // A file that cannot be read is named and skipped; the rest is analysed.
  const rootNames = parsed.fileNames.filter((fileName) => {
    try {
      accessSync(fileName, constants.R_OK);
      return true;
    } catch (error) {
      problems.push({
        kind: 'unreadable-file',
        file: fileName,
        message: `cannot read this file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      });
      return false;
    }
  });
  shareLibraryFiles(ts, host, options);
  const getBuiltWorkspacePackages = redirectWorkspaceDeclarations(ts, host, options);
  reuse.adaptHost?.(host);
  // A file that TypeScript's own parser fails on (expressions nested beyond its stack, which tsc
  // fails on too) is named and skipped; the rest is analysed.
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, ...rest) => {
    try {
      return getSourceFile(fileName, ...rest);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problems.push({
        kind: 'unparsable-file',
        file: fileName,
        message: `TypeScript's parser failed on this file (so does tsc): ${message}`,
      });
      return undefined;
    }
  };
  const program = ts.createProgram({
    rootNames,
    options,
    host,
    projectReferences: parsed.projectReferences,
    ...(reuse.oldProgram ? { oldProgram: reuse.oldProgram } : {}),
  });
  for (const pkg of getBuiltWorkspacePackages(program)) {
    problems.push({
      kind: 'built-package',
      file: pkg.packageJson,
      message:
        `the workspace package ${pkg.name} is imported through its built declarations (${path.relative(path.dirname(pkg.packageJson), pkg.declarationFile).split(path.sep).join('/')}) ` +
        'and piiguard found no source for them, so what its calls send is not followed; emit declaration maps ("declarationMap": true), ' +
        'add a "source" condition to its exports, or reference its tsconfig',
    });
  }
  const files = getProjectSourceFiles(program);
  const references = (parsed.projectReferences ?? []).map((ref) => ts.resolveProjectReferencePath(ref));
  return { tsconfig, program, files, ownFiles: rootNames, references, problems: dedupeProblems(problems) };
}

function dedupeProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.kind}|${p.file}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The compilerOptions as written, merged along `extends`. */
function getRawOptions(
  ts: TypeScript,
  parsed: TS.ParsedCommandLine,
  config: { compilerOptions?: Record<string, unknown> },
): Record<string, unknown> {
  const raw: Record<string, unknown> = { ...(config.compilerOptions ?? {}) };
  // Options inherited through `extends` show in parsed.options; map back what matters.
  const o = parsed.options;
  if (raw.moduleResolution === undefined && o.moduleResolution !== undefined) {
    raw.moduleResolution = ts.ModuleResolutionKind[o.moduleResolution]?.toLowerCase();
  }
  if (raw.target === undefined && o.target !== undefined) raw.target = ts.ScriptTarget[o.target]?.toLowerCase();
  if (raw.baseUrl === undefined && o.baseUrl !== undefined) raw.baseUrl = o.baseUrl;
  if (raw.types === undefined && o.types !== undefined) raw.types = o.types;
  if (raw.strict === undefined && o.strict !== undefined) raw.strict = o.strict;
  if (raw.module === undefined && o.module !== undefined) raw.module = ts.ModuleKind[o.module]?.toLowerCase();
  return raw;
}

/** Restores what TypeScript 5 did for options the tsconfig leaves unset. */
function applyTypeScript5Defaults(ts: TypeScript, options: TS.CompilerOptions, raw: Record<string, unknown>): void {
  if (raw.types === undefined) options.types = ['*'];
  if (raw.strict === undefined) options.strict = false;
  const target = options.target ?? ts.ScriptTarget.ES5;
  if (raw.module === undefined && options.module === undefined) {
    options.module = target >= ts.ScriptTarget.ES2015 ? ts.ModuleKind.ES2015 : ts.ModuleKind.CommonJS;
  }
  if (raw.moduleResolution === undefined && options.moduleResolution === undefined) {
    const m = options.module;
    options.moduleResolution =
      m === ts.ModuleKind.CommonJS
        ? ts.ModuleResolutionKind.Node10
        : m === ts.ModuleKind.Node16 || m === ts.ModuleKind.NodeNext
          ? (m as number)
          : m === ts.ModuleKind.Preserve
            ? ts.ModuleResolutionKind.Bundler
            : ts.ModuleResolutionKind.Classic;
  }
  options.ignoreDeprecations = '6.0';
}
