/**
 * The bundler plugin's view of the project: piiguard's own TypeScript builds the programs once per
 * build, and keeps them current as files change (watch mode, dev server) by building the next
 * program from the last one, re-parsing only the files that changed.
 *
 * A solution tsconfig (`"files": []` with `references`, as `npm create vite` writes it) is
 * followed as `check` follows it: every referenced project is loaded, and a file is planned in
 * the project that includes it. A file that may call a sink but that no loaded project includes
 * is an error naming the tsconfigs tried: the build never lets it through unchecked.
 *
 * Jobs: load the tsconfig's projects; hold parsed files with their modification times; accept
 * the text a bundler hands over when it differs from the disk; plan each program version once.
 */
import path from 'node:path';
import { ts } from '../core/typescript-module.js';
import type * as TS from 'typescript';
import {
  BUILTIN_SINK_PACKS,
  FactStore,
  getSinkNames,
  lastSegment,
  loadProject,
  normalizeFileName,
  ParsedFiles,
  ProjectError,
  withReferenceSources,
} from '../core/index.js';
import { loadProjectConfig, type PiiguardTransformOptions } from './options.js';
import { planProgram, type FilePlan, type ProgramPlan } from './plan.js';

export interface SessionOptions extends Omit<PiiguardTransformOptions, 'ts'> {
  /**
   * The tsconfig of the project (absolute, or relative to the bundler's root, else the working
   * directory). Default: `tsconfig.json` there. A solution tsconfig brings its references.
   */
  tsconfig?: string;
}

/** One tsconfig of the build and its current program. */
interface ProjectState {
  tsconfig: string;
  program?: TS.Program;
  plan?: ProgramPlan;
  /** The files the tsconfig itself names (normalized), without those of its references. */
  ownFiles: Set<string>;
  references: string[];
  /** Parsed files, and texts a bundler handed over that differ from the disk (another plugin's output, an unsaved edit). */
  files: ParsedFiles;
  /** What the analysis asked about each file, reused by the next program for the files a save did not change. */
  facts: FactStore;
  stale: boolean;
}

const tsWithReferenceSources = withReferenceSources(ts);

export class BuildSession {
  private root: string | undefined;
  private resolved: string | undefined;
  /** The projects of the tsconfig, in the order they were found (the tsconfig first, then its references). */
  private projects: ProjectState[] | undefined;
  /** Files asked for that no project includes (checked once per structural change). */
  private readonly outside = new Set<string>();
  private filter: RegExp | undefined;
  /** The program last planned (for tests of the incremental path). */
  private lastProgram: TS.Program | undefined;
  /** How many programs this session has built (for tests of the incremental path). */
  builds = 0;

  constructor(private readonly options: SessionOptions = {}) {}

  /** The absolute path of the tsconfig the session follows. */
  get tsconfig(): string {
    this.resolved ??= path.resolve(this.root ?? process.cwd(), this.options.tsconfig ?? 'tsconfig.json');
    return this.resolved;
  }

  /** The bundler's root directory (Vite's `root`): a relative or default tsconfig is found there. Before the first plan only. */
  setRoot(dir: string): void {
    if (this.projects) return;
    this.root = dir;
    this.resolved = undefined;
  }

  /** The program of the last plan (undefined before the first). */
  get currentProgram(): TS.Program | undefined {
    return this.lastProgram;
  }

  /** Whether `code` may call a sink or an inferred wrapper: a text check, before any parsing. */
  mayCallSink(code: string): boolean {
    // The names of the inferred wrappers come from the analysis, done once per program.
    if (!this.projects) this.getPlans();
    this.filter ??= this.buildFilter();
    return this.filter.test(code);
  }

  /** Files changed on disk since they were parsed are parsed again at the next plan. */
  refresh(): void {
    for (const project of this.projects ?? []) if (project.files.refresh()) project.stale = true;
  }

  /** A file changed; `structural` when it was created or deleted (the tsconfigs' file lists may change). */
  invalidate(fileName: string, structural = false): void {
    for (const project of this.projects ?? []) {
      if (project.files.forget(fileName) || !project.program || structural) project.stale = true;
    }
    if (structural) this.outside.clear();
  }

  /**
   * The plan for a file as the bundler sees it; undefined when it has nothing to rewrite. A file
   * that no project of the tsconfig includes is a ProjectError (the caller checked `mayCallSink`).
   */
  getFilePlan(id: string, code: string): FilePlan | undefined {
    const fileName = normalizeFileName(id);
    this.getPlans();
    let project = this.findProject(fileName);
    if (!project && !this.outside.has(fileName)) {
      // A file created since the programs were built (watch mode) is in the next ones, if a tsconfig includes it.
      for (const p of this.projects!) p.stale = true;
      this.getPlans();
      project = this.findProject(fileName);
      if (!project) this.outside.add(fileName);
    }
    if (!project) throw new ProjectError(this.describeOutside(fileName));
    if (project.program!.getSourceFile(fileName)!.text !== code) {
      project.files.setOverlay(fileName, code);
      project.stale = true;
      this.planProject(project);
    }
    return project.plan!.files.get(fileName);
  }

  /** The plans of every project with files of its own (a solution tsconfig has none), current. */
  getPlans(): ProgramPlan[] {
    if (!this.projects) this.projects = this.discoverProjects();
    else for (const project of this.projects) if (project.stale) this.planProject(project);
    return this.projects.flatMap((p) => (p.plan ? [p.plan] : []));
  }

  /** The plan of the first project with files (the tsconfig's own, or its first reference's). */
  getPlan(): ProgramPlan | undefined {
    return this.getPlans()[0];
  }

  /** The tsconfig, then each project it references (depth first, each once). */
  private discoverProjects(): ProjectState[] {
    const projects: ProjectState[] = [];
    const seen = new Set<string>();
    const queue = [this.tsconfig];
    while (queue.length > 0) {
      const tsconfig = queue.shift()!;
      if (seen.has(tsconfig)) continue;
      seen.add(tsconfig);
      const project: ProjectState = {
        tsconfig,
        ownFiles: new Set(),
        references: [],
        files: new ParsedFiles(ts),
        facts: new FactStore(),
        stale: true,
      };
      this.planProject(project);
      projects.push(project);
      queue.push(...project.references);
    }
    return projects;
  }

  private planProject(project: ProjectState): void {
    const dir = path.dirname(this.tsconfig);
    const config = loadProjectConfig(dir, this.options.config);
    const loaded = loadProject(tsWithReferenceSources, project.tsconfig, {
      ...(project.program ? { oldProgram: project.program } : {}),
      adaptHost: (host) => project.files.adaptHost(host),
    });
    project.program = loaded.program;
    project.ownFiles = new Set(loaded.ownFiles.map((file) => normalizeFileName(file)));
    project.references = loaded.references;
    this.lastProgram = loaded.program;
    this.builds++;
    // A solution tsconfig names no files: its references are planned instead.
    project.plan =
      loaded.ownFiles.length === 0
        ? undefined
        : planProgram({
            ts,
            program: loaded.program,
            config,
            files: loaded.files,
            facts: project.facts,
            ...(this.options.today ? { today: this.options.today } : {}),
            ...(this.options.env ? { env: this.options.env } : {}),
          });
    project.stale = false;
    this.filter = undefined;
  }

  /** The project that names the file itself, else one whose program has it as a project file. */
  private findProject(fileName: string): ProjectState | undefined {
    const projects = this.projects!.filter((p) => p.plan);
    return (
      projects.find((p) => p.ownFiles.has(fileName)) ??
      projects.find((p) => {
        const file = p.program!.getSourceFile(fileName);
        return file !== undefined && !file.isDeclarationFile && !p.program!.isSourceFileFromExternalLibrary(file);
      })
    );
  }

  private describeOutside(fileName: string): string {
    const dir = path.dirname(this.tsconfig);
    const show = (file: string) => path.relative(process.cwd(), file).split(path.sep).join('/') || '.';
    const tried = this.projects!.map((p) => path.relative(dir, p.tsconfig).split(path.sep).join('/'));
    return (
      `${show(fileName)} may call a sink, but no project piiguard loaded includes it (tried ${tried.join(', ')} in ${show(dir)}), ` +
      `so it can be neither checked nor rewritten. Add it to a tsconfig's "include", or point the plugin's tsconfig option at the one that includes it.`
    );
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
    for (const plan of this.projects?.flatMap((p) => (p.plan ? [p.plan] : [])) ?? []) {
      for (const name of plan.analysis.wrapperNames) names.add(name);
      for (const name of plan.calleeNames) names.add(name);
    }
    // The packs' globals (`gtag(…)`, `console`) and the runtime's own calls (a file the plugin rewrote before).
    for (const pack of BUILTIN_SINK_PACKS) for (const global of pack.globals ?? []) names.add(global);
    names.add('minimize');
    const escaped = [...names].filter((n) => n.length > 0).map((n) => n.replace(/[$^.*+?()[\]{}|\\]/g, '\\$&'));
    return new RegExp(`(?:^|[^\\w$])(?:${escaped.join('|')})(?![\\w$])`);
  }
}
