/**
 * The bundler plugin's view of the project: piiguard's own TypeScript builds the program once per
 * build, and keeps it current as files change (watch mode, dev server) by building the next
 * program from the last one, re-parsing only the files that changed.
 *
 * Jobs: load the tsconfig's program; hold parsed files with their modification times; accept the
 * text a bundler hands over when it differs from the disk; plan each program version once.
 */
import path from 'node:path';
import { ts } from '../core/typescript-module.js';
import type * as TS from 'typescript';
import { BUILTIN_SINK_PACKS, FactStore, getSinkNames, lastSegment, loadProject, normalizeFileName, ParsedFiles } from '../core/index.js';
import { loadProjectConfig, type PiiguardTransformOptions } from './options.js';
import { planProgram, type FilePlan, type ProgramPlan } from './plan.js';

export interface SessionOptions extends Omit<PiiguardTransformOptions, 'ts'> {
  /** The tsconfig of the project (absolute, or relative to the working directory). Default: `tsconfig.json`. */
  tsconfig?: string;
}

export class BuildSession {
  readonly tsconfig: string;
  private program: TS.Program | undefined;
  private plan: ProgramPlan | undefined;
  /** Parsed files, and texts a bundler handed over that differ from the disk (another plugin's output, an unsaved edit). */
  private readonly files = new ParsedFiles(ts);
  /** What the analysis asked about each file, reused by the next program for the files a save did not change. */
  private readonly facts = new FactStore();
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
    if (this.files.refresh()) this.stale = true;
  }

  /** A file changed; `structural` when it was created or deleted (the tsconfig's file list may change). */
  invalidate(fileName: string, structural = false): void {
    if (this.files.forget(fileName) || !this.program || structural) this.stale = true;
    if (structural) this.outside.clear();
  }

  /** The plan for a file as the bundler sees it, or undefined when the file is not in the project. */
  getFilePlan(id: string, code: string): FilePlan | undefined {
    const fileName = normalizeFileName(id);
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
      this.files.setOverlay(fileName, code);
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
      adaptHost: (host) => this.files.adaptHost(host),
    });
    this.program = project.program;
    this.builds++;
    this.plan = planProgram({
      ts,
      program: project.program,
      config,
      files: project.files,
      facts: this.facts,
      ...(this.options.today ? { today: this.options.today } : {}),
      ...(this.options.env ? { env: this.options.env } : {}),
    });
    this.stale = false;
    this.filter = this.buildFilter();
    return this.plan;
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
