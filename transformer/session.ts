/**
 * The bundler plugin's view of the project: piiguard's own TypeScript builds the program once per
 * build, and keeps it current as files change (watch mode, dev server) by building the next
 * program from the last one, re-parsing only the files that changed.
 *
 * Jobs: load the tsconfig's program; hold parsed files with their modification times; accept the
 * text a bundler hands over when it differs from the disk; plan each program version once.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type * as TS from 'typescript';
import { BUILTIN_SINK_PACKS, getSinkNames, lastSegment, loadProject } from '../core/index.js';
import { loadProjectConfig, type PiiguardTransformOptions } from './options.js';
import { planProgram, type FilePlan, type ProgramPlan } from './plan.js';

export interface SessionOptions extends Omit<PiiguardTransformOptions, 'ts'> {
  /** The tsconfig of the project (absolute, or relative to the working directory). Default: `tsconfig.json`. */
  tsconfig?: string;
}

interface CachedFile {
  file: TS.SourceFile;
  mtimeMs: number;
}

export class BuildSession {
  readonly tsconfig: string;
  private program: TS.Program | undefined;
  private plan: ProgramPlan | undefined;
  private readonly files = new Map<string, CachedFile>();
  /** Texts a bundler handed over that differ from the disk (another plugin's output, an unsaved edit). */
  private readonly overlays = new Map<string, string>();
  private stale = true;
  /** Files asked for that the project does not include (checked once per structural change). */
  private readonly outside = new Set<string>();
  private filter: RegExp | undefined;
  /** How many programs this session has built (for tests of the incremental path). */
  builds = 0;

  constructor(private readonly options: SessionOptions = {}) {
    this.tsconfig = path.resolve(options.tsconfig ?? 'tsconfig.json');
  }

  /** The program of the last plan (undefined before the first). */
  get currentProgram(): TS.Program | undefined {
    return this.program;
  }

  /** Whether `code` may call a sink or an inferred wrapper: a text check, before any parsing. */
  mayCallSink(code: string): boolean {
    // The names of the inferred wrappers come from the analysis, done once per program.
    if (!this.plan) this.getPlan();
    this.filter ??= this.buildFilter();
    return this.filter.test(code);
  }

  /** Files changed on disk since they were parsed are parsed again at the next plan. */
  refresh(): void {
    for (const [fileName, cached] of this.files) {
      if (fileName.includes('/node_modules/')) continue;
      if (getMtime(fileName) !== cached.mtimeMs) this.invalidate(fileName);
    }
  }

  /** A file changed; `structural` when it was created or deleted (the tsconfig's file list may change). */
  invalidate(fileName: string, structural = false): void {
    const normalized = normalize(fileName);
    if (this.files.delete(normalized) || this.overlays.delete(normalized) || !this.program || structural) this.stale = true;
    if (structural) this.outside.clear();
  }

  /** The plan for a file as the bundler sees it, or undefined when the file is not in the project. */
  getFilePlan(id: string, code: string): FilePlan | undefined {
    const fileName = normalize(id);
    let plan = this.getPlan();
    let file = this.program!.getSourceFile(fileName);
    if (!file && !this.outside.has(fileName)) {
      // A file created since the program was built (watch mode) is in the next one, if the tsconfig includes it.
      this.stale = true;
      plan = this.getPlan();
      file = this.program!.getSourceFile(fileName);
      if (!file) this.outside.add(fileName);
    }
    if (!file) return undefined;
    if (file.text !== code) {
      this.overlays.set(fileName, code);
      this.files.delete(fileName);
      this.stale = true;
      plan = this.getPlan();
    }
    return plan.files.get(fileName);
  }

  getPlan(): ProgramPlan {
    if (this.plan && !this.stale) return this.plan;
    const dir = path.dirname(this.tsconfig);
    const config = loadProjectConfig(dir, this.options.config);
    const project = loadProject(ts, this.tsconfig, {
      ...(this.program ? { oldProgram: this.program } : {}),
      adaptHost: (host) => this.adaptHost(host),
    });
    this.program = project.program;
    this.builds++;
    this.plan = planProgram({
      ts,
      program: project.program,
      config,
      files: project.files,
      ...(this.options.today ? { today: this.options.today } : {}),
      ...(this.options.env ? { env: this.options.env } : {}),
    });
    this.stale = false;
    this.filter = this.buildFilter();
    return this.plan;
  }

  private adaptHost(host: TS.CompilerHost): void {
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      const normalized = normalize(fileName);
      const overlay = this.overlays.get(normalized);
      if (overlay !== undefined) {
        const cached = this.files.get(normalized);
        if (cached && cached.file.text === overlay) return cached.file;
        const file = ts.createSourceFile(fileName, overlay, languageVersion, false);
        this.files.set(normalized, { file, mtimeMs: getMtime(normalized) });
        return file;
      }
      const cached = this.files.get(normalized);
      if (cached) return cached.file;
      const file = getSourceFile(fileName, languageVersion, onError, shouldCreate);
      // Library files do not change during a build; project files are checked by time.
      if (file) this.files.set(normalized, { file, mtimeMs: getMtime(normalized) });
      return file;
    };
  }

  private buildFilter(): RegExp {
    const names = new Set(getSinkNames(BUILTIN_SINK_PACKS));
    names.delete('()');
    let config;
    try {
      config = loadProjectConfig(path.dirname(this.tsconfig), this.options.config).config;
    } catch {
      config = undefined;
    }
    for (const sink of config?.sinks ?? []) names.add(lastSegment(sink.call));
    for (const name of this.plan?.analysis.wrapperNames ?? []) names.add(name);
    for (const name of this.plan?.calleeNames ?? []) names.add(name);
    // The packs' globals (`gtag(…)`, `console`) and the runtime's own calls (a file the plugin rewrote before).
    for (const pack of BUILTIN_SINK_PACKS) for (const global of pack.globals ?? []) names.add(global);
    names.add('minimize');
    const escaped = [...names].filter((n) => n.length > 0).map((n) => n.replace(/[$^.*+?()[\]{}|\\]/g, '\\$&'));
    return new RegExp(`(?:^|[^\\w$])(?:${escaped.join('|')})(?![\\w$])`);
  }
}

function normalize(fileName: string): string {
  const withoutQuery = fileName.replace(/[?#].*$/, '');
  return path.resolve(withoutQuery).replace(/\\/g, '/');
}

function getMtime(fileName: string): number {
  try {
    return statSync(fileName).mtimeMs;
  } catch {
    return -1;
  }
}
