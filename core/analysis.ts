/**
 * The whole-program analysis, demand-driven from the sinks:
 * 1. one syntax walk indexes every call of the project by the name it is made by;
 * 2. calls whose name a sink can have are resolved with the checker and matched against the
 *    catalog; each sink argument is evaluated backwards (taint/evaluate.ts);
 * 3. data that comes from a parameter makes the function an inferred wrapper; its callers are
 *    found through the index and evaluated in turn, to any depth;
 * 4. flows at the outermost project call become findings through the policy.
 * The checker is only asked about nodes on the way back from a sink, never the whole program.
 */
import type * as TS from 'typescript';
import type { TypeScript } from './typescript.js';
import { createHash } from 'node:crypto';
import type { AllowEntry, LoadedConfig, PiiguardConfig } from './config/types.js';
import type { Finding, Problem, RuleId, Severity, SourceLocation, SourceSpan, Summary, TraceStep } from './findings.js';
import { compareFindings, compareText, RULES } from './findings.js';
import { BUILD_FAILING_RULES } from './rules/index.js';
import { Catalog, getCalleeName, type SinkMatch } from './catalog.js';
import { getFunctionName } from './callee.js';
import type { EventPosition, SinkPack } from './sinks/types.js';
import { HeuristicNames, TypeSourceFinder } from './sources.js';
import { findUnknownCategoryTags, type UnknownCategoryTag } from './category-tags.js';
import { findConfigEntryFindings } from './config-usage.js';
import { Evaluator } from './taint/evaluate.js';
import { forEachDescendant, getPropertyName, skipOuter } from './syntax.js';
import { matchesPackage } from './packages.js';
import { ELEMENT, applyRef, select, type Label, type ParamRef, type TraceRef, type Value, isPublicStep } from './taint/value.js';
import { describeFlow } from './rules/define.js';
import { relativePath } from './paths.js';
import { Policy, verdict, type Judgement, type Verdict } from './verdicts.js';
import { GENERALIZERS, getTier, type Form } from './taxonomy.js';
import { FactStore, ProgramFacts, StaleAnswer, type Codec, type FactStats } from './cache/facts.js';
import { computeScope } from './cache/scope.js';
import { Recorder, recordingChecker } from './cache/recorder.js';
import { dataCodec, decodeParamRef, encodeParamRef, nodeCodec, valueCodec, type ParamRefData } from './cache/codecs.js';
import { getSpanKey, toNodeRef } from './cache/node-ref.js';
import { findRewriteObstacle, getApprovedRewrite, getPlanRewrite, locateEntry, MinimizedPayloads, type FlowRewrite } from './rewrite.js';
import { ConsentGuards, getConsentName, getSinkPurpose, type ConsentReport } from './consent.js';
import { findExposedKeys, type ExposedKey } from './exposed-key.js';
import { RequestSources } from './request-sources.js';

export interface ProgramAnalysisInput {
  ts: TypeScript;
  program: TS.Program;
  config: LoadedConfig;
  packs: readonly SinkPack[];
  /** Source files of the project to analyse (not declaration files, not node_modules). */
  files: readonly TS.SourceFile[];
  /** ISO date for approval expiry. */
  today: string;
  /** Whether this run covers the whole program (then unused approvals are reported). */
  wholeProgram: boolean;
  /**
   * The program is one package of a larger one, analysed alone (a monorepo run per package):
   * an exported wrapper may have callers in other packages, so an event name it takes from its
   * parameters is not judged dynamic for want of callers here.
   */
  partialProgram?: boolean;
  onProgress?: (event: { phase: string; done: number; total: number }) => void;
  timings?: Array<{ phase: string; ms: number }>;
  /** The engine to run on (from `createEngine`), when other checks of the same program share it. */
  engine?: Engine;
  /**
   * Answers of earlier programs to reuse (core/cache): the files that did not change, nor what
   * they import, are not asked about again. The results are the same with and without it.
   */
  facts?: FactStore;
  /**
   * Files of workspace dependencies whose package summary (core/cache/package-summary.ts) is
   * current: they stay project code for the evaluator, but their calls are not indexed nor their
   * sinks processed; `seedEdges` stands for what that would have found.
   */
  summarizedFiles?: ReadonlySet<TS.SourceFile>;
  /** The wrapper edges of the summarized dependencies, decoded into this program's nodes. */
  seedEdges?: readonly WrapperEdge[];
}

/**
 * The engine's parts for one program and config: the catalog (sinks, sanitizers, hashers), the
 * brand and tag reader, and the memoising evaluator. The flow analysis and the file checks
 * (file-checks.ts) of one program share them, so a value is evaluated once for both.
 */
export interface Engine {
  ts: TypeScript;
  checker: TS.TypeChecker;
  config: LoadedConfig;
  catalog: Catalog;
  finder: TypeSourceFinder;
  /** The config's request-data sources (core/request-sources.ts). */
  requests: RequestSources;
  evaluator: Evaluator;
  projectFiles: ReadonlySet<TS.SourceFile>;
  /** Notes which files each answer depended on, while the fact cache asks (core/cache). */
  recorder: Recorder;
}

export function createEngine(input: Pick<ProgramAnalysisInput, 'ts' | 'program' | 'config' | 'packs' | 'files'>): Engine {
  const { ts, config } = input;
  const recorder = new Recorder();
  const checker = recordingChecker(input.program.getTypeChecker(), recorder);
  const heuristics = config.config.heuristics !== 'off';
  const projectFiles = new Set(input.files);
  const catalog = new Catalog(ts, checker, config.config, config.dir, input.packs, input.program);
  const heuristicNames = new HeuristicNames(config.config.heuristicWords.add, config.config.heuristicWords.remove);
  const finder = new TypeSourceFinder(
    ts,
    checker,
    config.config.sources,
    heuristics,
    { program: input.program, configDir: config.dir },
    heuristicNames,
    config.config.categories,
  );
  const requests = new RequestSources(ts, checker, config.config.sources);
  const evaluator = new Evaluator({
    ts,
    checker,
    finder,
    classifier: catalog,
    isProjectFile: (file) => projectFiles.has(file),
    heuristics,
    recorder,
    heuristicNames,
    requests,
  });
  return { ts, checker, config, catalog, finder, requests, evaluator, projectFiles, recorder };
}

export interface ProgramAnalysis {
  findings: Finding[];
  /** With `facts`: how many answers came from the cache and how many were computed. */
  cacheStats?: FactStats;
  summary: Summary;
  problems: Problem[];
  /** Every flow at the outermost project call, with its verdict: what the transformer and the
   * ESLint suggestions act on. */
  flows: FlowReport[];
  /** Every sink call of the project, with its event name when it is a constant there (also what
   * a caller that analyses several programs counts per file, so that a shared file counts once). */
  sinkCalls: SinkCallReport[];
  /** Names the inferred wrappers are called by (`trackEvent`). */
  wrapperNames: string[];
  /**
   * Calls of inferred wrappers whose argument becomes a sink's payload and whose event name is a
   * constant there (`trackEvent('Signup', props)` over `posthog.capture(name, props)`): where the
   * transformer applies the tracking plan when the sink itself cannot know the event.
   */
  wrapperPayloads: WrapperPayloadReport[];
  /** With the config's `consent`: the sink calls whose purpose needs consent, guarded or not (core/consent.ts). */
  consent: ConsentReport[];
  /** Every wrapper edge, in the order it was found: what a package summary is written from. */
  wrapperEdges: readonly WrapperEdge[];
}

export interface WrapperPayloadReport {
  call: TS.CallExpression | TS.NewExpression;
  sink: string;
  event: string;
  /** The argument of `call` that is the sink's payload. */
  payload: { argIndex: number; path: readonly string[] };
}

/** A sink call and where its payload is: what the transformer wraps in `minimize`. */
export interface SinkCallReport {
  call: TS.CallExpression;
  sink: string;
  /** The event name when it is a compile-time constant at this call. */
  event: string | null;
  /** Argument, and property path inside it, of the properties the tracking plan applies to. */
  payload?: { argIndex: number; path: readonly string[] };
}

/** One tagged value reaching a sink through one call, after the policy has judged it. */
export interface FlowReport {
  /** The outermost project call where the value enters (a sink or an inferred wrapper). */
  call: TS.CallExpression | TS.NewExpression;
  sink: string;
  event: string | null;
  /** Argument of the sink call, and property path inside it, where the value sits. */
  argIndex: number;
  path: readonly string[];
  /** Argument of `call` (the outermost call), and property path inside it, where the value enters. */
  entry: { argIndex: number; path: readonly string[] };
  category: string;
  /** The form the value has in the code, before any rewrite. */
  form: Form;
  origin: Label['origin'];
  /** The rule it breaks, if any, and the finding's message. */
  ruleId?: RuleId;
  /** The allow entry that approves it (for `expired-approval`, the expired one), as the policy judged it. */
  approval?: AllowEntry;
  message?: string;
  /** The sink call the value reaches (inside the wrappers, when `call` is one). */
  sinkCall: TS.CallExpression | TS.NewExpression;
  /** With `"transform": true`: what the rewrite does to the value (the verdict is after it). */
  rewrite?: FlowRewrite;
  /** Where the value was tagged, as plain data: the first step of its trace (`email: Email` at the property; 1-based line and column). */
  source?: { fileName: string; line: number; column: number; note: string };
}

export type EventInfo =
  | { kind: 'none' }
  | { kind: 'const'; name: string }
  /** `isNew ? 'Signed Up' : 'Logged In'`: one of several constants, judged as each of them. */
  | { kind: 'consts'; names: string[] }
  | { kind: 'dynamic' }
  | { kind: 'ref'; ref: ParamRef };

/** The event names a flow is judged under: each constant, or `null` when the name is not known. */
function getEventNames(event: EventInfo): Array<string | null> {
  if (event.kind === 'const') return [event.name];
  if (event.kind === 'consts') return event.names;
  return [null];
}

/** "Data in parameter `ref.index` of `fn` reaches `sink` (at argument `argIndex` of the sink call)." */
export interface WrapperEdge {
  ref: ParamRef;
  sink: SinkMatch;
  event: EventInfo;
  argIndex: number;
  /** The call inside the wrapper where it goes on (for the trace). */
  through: TS.CallExpression | TS.NewExpression;
  throughNote: string;
  key: string;
  /** The sink call at the end of the edge. */
  sinkCall: AnyCall;
}

interface Flow {
  call: TS.CallExpression | TS.NewExpression;
  label: Label;
  sink: SinkMatch;
  event: string | null;
  argIndex: number;
  entry: { argIndex: number; path: readonly string[] };
  sinkCall: AnyCall;
}

type AnyCall = TS.CallExpression | TS.NewExpression;

const SINK_CODEC = dataCodec<SinkMatch | undefined>();
const FLAG_CODEC = dataCodec<boolean>();
const FUNCTION_CODEC = nodeCodec<TS.SignatureDeclaration>();
const EVENT_CODEC: Codec<EventInfo> = {
  encode: (event, facts) => (event.kind === 'ref' ? { kind: 'ref', ref: encodeParamRef(event.ref, facts) } : event),
  decode: (data, facts) => {
    const event = data as EventInfo | { kind: 'ref'; ref: ParamRefData };
    return event.kind === 'ref' ? { kind: 'ref', ref: decodeParamRef(event.ref as ParamRefData, facts) } : event;
  },
};

/** One file's calls by name, and those that may be sinks (see `indexFile`). */
interface FileIndex {
  /** Grouped by name, in the order of the file (a program's index adds each group at once). */
  names: ReadonlyMap<string, readonly AnyCall[]>;
  candidates: readonly AnyCall[];
}

const fileIndexes = new WeakMap<TS.SourceFile, { key: string; index: FileIndex }>();

/** The calls by name of a fact store's last program (see `indexCalls`), and each list's file position. */
interface ProgramIndex {
  key: string;
  files: readonly TS.SourceFile[];
  indexes: readonly FileIndex[];
  callsByName: Map<string, Array<readonly AnyCall[]>>;
  positions: WeakMap<readonly AnyCall[], number>;
}
const programIndexes = new WeakMap<FactStore, ProgramIndex>();
/** More changed files than this and the index is made anew (a new branch, not an edit). */
const MAX_INDEX_UPDATES = 64;

/**
 * What a step of the analysis made (the sinks phase of one file, one wrapper edge applied at one
 * caller), kept with the files it depended on: a next program (an editor's after a keystroke, a
 * dev server's after a save) that has the very same SourceFile objects for all of them, in the
 * same fact-cache scope, replays it instead of asking the cache again question by question.
 * Every answer it holds was a live answer of the cache.
 */
interface StepRecord {
  scope: string;
  deps: ReadonlyArray<readonly [string, TS.SourceFile]>;
  events: ReadonlyArray<readonly [AnyCall, SinkMatch, EventInfo]>;
  sinkCalls: readonly SinkCallReport[];
  flows: readonly Flow[];
  edges: readonly WrapperEdge[];
  wrapperPayloads: readonly WrapperPayloadReport[];
}

/** The sinks phase of each file. */
const fileSinkRecords = new WeakMap<TS.SourceFile, StepRecord>();
/** A value kept across programs with what it was computed from (see `ProgramAnalyzer.keep`). */
interface Kept<V, I> {
  scope: string;
  deps: ReadonlyArray<readonly [string, TS.SourceFile]>;
  inputs?: I;
  value: V;
}
/** The `@pii` tags of unknown categories in each file, for the config's categories (their JSON). */
const unknownCategoryTags = new WeakMap<TS.SourceFile, { key: string; tags: readonly UnknownCategoryTag[] }>();
/** The callers of each wrapper, with the index lists of its names (see findCallers). */
const keptCallers = new WeakMap<TS.SignatureDeclaration, Kept<AnyCall[], Array<ReadonlyArray<readonly AnyCall[]>>>>();
/** Of each file's list of calls by a name, those that call each wrapper. */
const keptCallersInFile = new WeakMap<readonly AnyCall[], WeakMap<TS.SignatureDeclaration, Kept<AnyCall[], never>>>();
/** The exposed keys at piiguard/runtime's calls in each file's list of calls by their names. */
const keptExposedKeys = new WeakMap<readonly AnyCall[], Kept<ExposedKey[], never>>();
/** The finding made of each kept raw finding, and its identity (fingerprints are numbered per run). */
const keptFindings = new WeakMap<RawFinding, { scope: string; finding: Finding; identity: string; site: FindingSite }>();
/** The verdicts of each call, kept with the flows they were made of (see makeFindings). */
const callVerdicts = new WeakMap<
  AnyCall,
  { scope: string; flows: readonly Flow[]; raw: readonly RawFinding[]; reports: readonly FlowReport[]; used: readonly number[] }
>();
/** Each wrapper edge applied at each of its callers. */
const edgeRecords = new WeakMap<WrapperEdge, WeakMap<AnyCall, StepRecord>>();

/** `WrapperEdge.argIndex` of an edge that carries only the event name to the callers. */
const EVENT_ONLY = -1;

/**
 * The files of a program that are the project's own: no declaration files, nothing from
 * node_modules. A workspace package imported by name (`@acme/analytics`, a `node_modules` symlink
 * to `packages/analytics`) is project code: TypeScript counts its files as an external library's,
 * since they were found through `node_modules`, but their real path is outside it.
 */
export function getProjectSourceFiles(program: TS.Program): TS.SourceFile[] {
  return program.getSourceFiles().filter((file) => !file.isDeclarationFile && !/[\\/]node_modules[\\/]/.test(file.fileName));
}

export function analyzeProgram(input: ProgramAnalysisInput): ProgramAnalysis {
  return new ProgramAnalyzer(input).run();
}

class ProgramAnalyzer {
  private readonly ts: TypeScript;
  private readonly checker: TS.TypeChecker;
  private readonly config: PiiguardConfig;
  private readonly catalog: Catalog;
  private readonly finder: TypeSourceFinder;
  private readonly requests: RequestSources;
  private readonly evaluator: Evaluator;
  private readonly recorder: Recorder;
  private readonly facts?: ProgramFacts;
  private readonly projectFiles: ReadonlySet<TS.SourceFile>;
  /** The calls by name: one list per file that makes them, in the order of the files. */
  private callsByName = new Map<string, Array<readonly AnyCall[]>>();
  private readonly edges = new Map<TS.SignatureDeclaration, WrapperEdge[]>();
  private readonly edgeKeys = new Set<string>();
  private readonly flows: Flow[] = [];
  private readonly dynamicEvents = new Map<AnyCall, SinkMatch>();
  private readonly constEvents: Array<{ call: AnyCall; sink: SinkMatch; name: string }> = [];
  private readonly problems: Problem[] = [];
  /** The callers each edge was applied at (an edge is one object per key, see addEdge). */
  private readonly processed = new Map<WrapperEdge, Set<AnyCall>>();
  private readonly reports: FlowReport[] = [];
  private readonly sinkCalls: SinkCallReport[] = [];
  private readonly wrapperPayloads: WrapperPayloadReport[] = [];
  private readonly consent: ConsentReport[] = [];

  constructor(private readonly input: ProgramAnalysisInput) {
    const engine = input.engine ?? createEngine(input);
    this.ts = engine.ts;
    this.checker = engine.checker;
    this.config = engine.config.config;
    this.projectFiles = engine.projectFiles;
    this.catalog = engine.catalog;
    this.finder = engine.finder;
    this.requests = engine.requests;
    this.evaluator = engine.evaluator;
    this.recorder = engine.recorder;
    if (input.facts) {
      const scope = computeScope(this.ts, input.program, input.files, [
        this.ts.version,
        JSON.stringify(engine.config.config),
        engine.config.dir,
        JSON.stringify(input.program.getCompilerOptions()),
        String(input.partialProgram ?? false),
      ]);
      input.facts.setScope(scope);
      input.facts.retain(new Set(input.files.map((f) => f.fileName)));
      this.facts = new ProgramFacts(this.ts, input.program, input.facts, engine.recorder, new Set(input.files));
    }
  }

  run(): ProgramAnalysis {
    const time = <T>(phase: string, work: () => T): T => {
      const start = performance.now();
      try {
        return work();
      } finally {
        this.input.timings?.push({ phase, ms: performance.now() - start });
      }
    };
    const candidates = time('index calls', () => this.indexCalls());
    // A summarized dependency's edges come first, where its files' sinks would have been found.
    for (const edge of this.input.seedEdges ?? []) this.addEdge({ ...edge, key: '' });
    time('sinks', () => this.processSinks(candidates));
    time('wrappers', () => this.processWrappers());
    time('consent', () => this.checkConsent());
    const findings = time('verdicts', () => this.makeFindings());
    const summary: Summary = {
      files: this.input.files.length,
      sinks: this.sinkCalls.length,
      flows: new Set(this.flows.filter((f) => f.label.origin !== 'heuristic').map((f) => flowKey(f))).size,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
    };
    return {
      findings,
      summary,
      problems: this.problems,
      flows: this.reports,
      sinkCalls: this.sinkCalls,
      wrapperNames: [...new Set([...this.edges.keys()].flatMap((fn) => getCallableNames(this.ts, fn)))],
      wrapperPayloads: this.wrapperPayloads,
      consent: this.consent,
      wrapperEdges: [...this.edges.values()].flat(),
      ...(this.facts ? { cacheStats: this.facts.stats } : {}),
    };
  }

  /* ---------- 0. the questions asked about nodes, answered from the fact cache when it has them ---------- */

  private memo<T>(node: TS.Node, key: string, compute: () => T, codec: Codec<T>): T {
    if (!this.facts) return compute();
    // An answer during which a bound of the analysis was hit is not kept: computing it again is
    // what reports the bound (piiguard/analysis-incomplete) in the next run too.
    const before = this.evaluator.limitCount;
    let limited = false;
    const limitedCompute = (): T => {
      const value = compute();
      limited = this.evaluator.limitCount > before;
      return value;
    };
    const limitedCodec: Codec<T> = {
      encode: (value, facts) => {
        if (limited) throw new StaleAnswer();
        return codec.encode(value, facts);
      },
      decode: codec.decode,
    };
    return this.facts.memo(node.getSourceFile(), key, limitedCompute, limitedCodec);
  }

  private getSink(call: TS.CallExpression): SinkMatch | undefined {
    return this.memo(call, `sink|${getSpanKey(call)}`, () => this.catalog.getSink(call), SINK_CODEC);
  }

  private evaluate(node: TS.Expression): Value {
    return this.memo(node, `value|${getSpanKey(node)}`, () => this.evaluator.evaluate(node), valueCodec);
  }

  private getArgumentValue(call: AnyCall, index: number, fn: TS.SignatureDeclaration): Value {
    const key = `argument|${getSpanKey(call)}|${index}|${toNodeRef(fn)?.join('|')}`;
    return this.memo(call, key, () => this.evaluator.getArgumentValue(call, index, fn), valueCodec);
  }

  private getCalledFunction(call: AnyCall): TS.SignatureDeclaration | undefined {
    return this.memo(call, `callee|${getSpanKey(call)}`, () => this.evaluator.getCalledFunction(call), FUNCTION_CODEC);
  }

  private isRuntimeCall(call: TS.CallExpression, name: string): boolean {
    return this.memo(call, `runtime|${name}|${getSpanKey(call)}`, () => this.catalog.isRuntimeCall(call, name), FLAG_CODEC);
  }

  private isExported(fn: TS.SignatureDeclaration): boolean {
    return this.memo(fn, `exported|${getSpanKey(fn)}`, () => isExported(this.ts, this.checker, fn), FLAG_CODEC);
  }

  private getEvent(call: AnyCall, position: EventPosition | undefined): EventInfo {
    if (position === undefined) return { kind: 'none' };
    const key = `event|${getSpanKey(call)}|${JSON.stringify(position)}`;
    return this.memo(call, key, () => this.computeEvent(call, position), EVENT_CODEC);
  }

  private getEventAt(call: AnyCall, index: number, path: string[]): EventInfo {
    const key = `event-at|${getSpanKey(call)}|${index}|${JSON.stringify(path)}`;
    return this.memo(call, key, () => this.computeEventAt(call, index, path), EVENT_CODEC);
  }

  /* ---------- 1. index ---------- */

  private indexCalls(): Array<{ file: TS.SourceFile; candidates: readonly AnyCall[] }> {
    const candidates: Array<{ file: TS.SourceFile; candidates: readonly AnyCall[] }> = [];
    const callableGlobals = new Set(this.catalog.packsWithCallables.flatMap((p) => p.globals ?? []));
    const callablePackages = this.catalog.packsWithCallables.flatMap((p) => [...p.packages, ...(p.importFallback ?? [])]);
    // What decides a file's index besides its text: the names a sink can have.
    const indexKey = JSON.stringify([this.input.packs.map((p) => p.id), this.config.sinks, [...callableGlobals], callablePackages]);
    const summarized = this.input.summarizedFiles;
    const files = summarized ? this.input.files.filter((file) => !summarized.has(file)) : this.input.files;
    const indexes: FileIndex[] = [];
    for (let i = 0; i < files.length; i++) {
      const file = files[i];
      this.input.onProgress?.({ phase: 'indexing', done: i, total: files.length });
      // A file that did not change keeps its SourceFile object in the next program, and its index.
      let cached = fileIndexes.get(file);
      if (!cached || cached.key !== indexKey) {
        cached = { key: indexKey, index: this.indexFile(file, callableGlobals, callablePackages) };
        fileIndexes.set(file, cached);
      }
      indexes.push(cached.index);
      if (cached.index.candidates.length > 0) candidates.push({ file, candidates: cached.index.candidates });
    }
    const store = this.input.facts;
    const before = store && programIndexes.get(store);
    if (!before || before.key !== indexKey || !this.updateIndex(before, files, indexes)) {
      const positions = new WeakMap<readonly AnyCall[], number>();
      for (let i = 0; i < indexes.length; i++) {
        for (const [name, calls] of indexes[i].names) {
          positions.set(calls, i);
          this.addToIndex(name, calls);
        }
      }
      if (store) programIndexes.set(store, { key: indexKey, files, indexes, callsByName: this.callsByName, positions });
    }
    return candidates;
  }

  /**
   * The program index of the fact store's last program, made this program's by swapping the lists
   * of the files that changed (an editor's re-lint: one file); false when the file list differs.
   */
  private updateIndex(index: ProgramIndex, files: readonly TS.SourceFile[], indexes: readonly FileIndex[]): boolean {
    if (index.files.length !== files.length) return false;
    const changed: number[] = [];
    for (let i = 0; i < files.length; i++) {
      if (index.indexes[i] === indexes[i]) continue;
      if (index.files[i].fileName !== files[i].fileName || changed.length >= MAX_INDEX_UPDATES) return false;
      changed.push(i);
    }
    const byName = index.callsByName;
    for (const i of changed) {
      for (const [name, calls] of index.indexes[i].names) {
        const lists = byName.get(name);
        const at = lists ? lists.indexOf(calls) : -1;
        // Not this store's last index after all: made anew (which replaces it).
        if (!lists || at < 0) return false;
        lists.splice(at, 1);
        if (lists.length === 0) byName.delete(name);
      }
      for (const [name, calls] of indexes[i].names) {
        index.positions.set(calls, i);
        const lists = byName.get(name);
        if (!lists) {
          byName.set(name, [calls]);
          continue;
        }
        // In the order of the files, as a new index has them.
        let low = 0;
        let high = lists.length;
        while (low < high) {
          const middle = (low + high) >> 1;
          if (index.positions.get(lists[middle])! < i) low = middle + 1;
          else high = middle;
        }
        lists.splice(low, 0, calls);
      }
    }
    index.files = files;
    index.indexes = indexes;
    this.callsByName = index.callsByName;
    return true;
  }

  /** The calls of one file by the names they are made by, and those that may be sinks. */
  private indexFile(file: TS.SourceFile, callableGlobals: ReadonlySet<string>, callablePackages: string[]): FileIndex {
    const ts = this.ts;
    const names: Array<[string, AnyCall]> = [];
    const candidates: AnyCall[] = [];
    const lastToken = ts.SyntaxKind.LastToken;
    const imported = getImportedNames(ts, file);
    const importsCallable = callablePackages.length > 0 && importsAny(ts, file, callablePackages);
    // `const { track: send } = analytics; send(…)`: plain calls by a renamed binding are also indexed by the property's name.
    const renamed = new Map<string, string>();
    const plainCalls: Array<[string, TS.CallExpression]> = [];
    const visit = (node: TS.Node): boolean => {
      // Tokens (identifiers, literals, keywords) have no children: nothing to index below them.
      if (node.kind <= lastToken) return false;
      if (
        ts.isBindingElement(node) &&
        node.propertyName &&
        ts.isIdentifier(node.propertyName) &&
        ts.isIdentifier(node.name) &&
        ts.isObjectBindingPattern(node.parent)
      ) {
        renamed.set(node.name.text, node.propertyName.text);
      }
      const isCall = ts.isCallExpression(node);
      if (isCall || ts.isNewExpression(node)) {
        const call = node;
        const callee = skipOuter(ts, call.expression);
        const plainCall = ts.isIdentifier(callee);
        if (isCall && plainCall && !imported.has(callee.text)) plainCalls.push([callee.text, node]);
        const name = getCalleeName(ts, call);
        if (name !== undefined) {
          names.push([name, call]);
          const original = imported.get(name);
          if (original !== undefined && original !== name && plainCall) names.push([original, call]);
          if (isCall) {
            const isCandidate =
              this.catalog.isCandidateName(name) || (original !== undefined && plainCall && this.catalog.isCandidateName(original));
            if (isCandidate || (plainCall && (callableGlobals.has(name) || importsCallable))) {
              candidates.push(node);
            }
          }
        } else if (isCall && importsCallable && ts.isCallExpression(callee)) {
          // `createDebug('app')(…)`: the result of a call of a callable sink's package, called at once.
          candidates.push(node);
        }
      }
      return true;
    };
    forEachDescendant(ts, file, visit);
    for (const [name, call] of plainCalls) {
      const original = renamed.get(name);
      if (original === undefined || original === name) continue;
      names.push([original, call]);
      if (this.catalog.isCandidateName(original) && !this.catalog.isCandidateName(name) && !importsCallable && !callableGlobals.has(name))
        candidates.push(call);
    }
    const grouped = new Map<string, AnyCall[]>();
    for (const [name, call] of names) {
      const list = grouped.get(name);
      if (list) list.push(call);
      else grouped.set(name, [call]);
    }
    return { names: grouped, candidates };
  }

  private addToIndex(name: string, calls: readonly AnyCall[]): void {
    const lists = this.callsByName.get(name);
    if (lists) lists.push(calls);
    else this.callsByName.set(name, [calls]);
  }

  private getCallsByName(name: string): AnyCall[] {
    return (this.callsByName.get(name) ?? []).flat();
  }

  /* ---------- 2. sinks ---------- */

  private processSinks(files: Array<{ file: TS.SourceFile; candidates: readonly AnyCall[] }>): void {
    let done = 0;
    const total = files.reduce((n, f) => n + f.candidates.length, 0);
    for (const { file, candidates } of files) {
      this.input.onProgress?.({ phase: 'sinks', done, total });
      done += candidates.length;
      if (this.replay(fileSinkRecords.get(file))) continue;
      const record = this.record(file, () => {
        for (const call of candidates) {
          if (!this.ts.isCallExpression(call)) continue;
          this.guard(call, () => {
            const sink = this.getSink(call);
            if (!sink) return;
            this.processSinkCall(call, sink);
          });
        }
      });
      if (record) fileSinkRecords.set(file, record);
    }
  }

  /** What `record` logs of a step while it runs. */
  private stepLog?: { events: Array<readonly [AnyCall, SinkMatch, EventInfo]>; edges: WrapperEdge[] };

  /**
   * Runs a step about `file` and returns what it made (see StepRecord), or nothing when there is
   * no fact cache or when a bound or an error made the step partial.
   */
  private record(file: TS.SourceFile, work: () => void): StepRecord | undefined {
    const facts = this.facts;
    if (!facts) return void work();
    const before = {
      flows: this.flows.length,
      sinkCalls: this.sinkCalls.length,
      wrapperPayloads: this.wrapperPayloads.length,
      problems: this.problems.length,
      limits: this.evaluator.limitCount,
    };
    const outer = this.stepLog;
    const log = (this.stepLog = { events: [], edges: [] });
    let deps: ReadonlySet<string> | undefined;
    try {
      deps = this.recorder.frame(work, true)[1];
    } finally {
      this.stepLog = outer;
    }
    if (this.problems.length > before.problems || this.evaluator.limitCount > before.limits) return undefined;
    const files: Array<readonly [string, TS.SourceFile]> = [];
    for (const name of new Set([file.fileName, ...(deps ?? [])])) {
      const source = facts.getSourceFile(name);
      if (!source) return undefined;
      files.push([name, source]);
    }
    return {
      scope: facts.scope,
      deps: files,
      events: log.events,
      sinkCalls: this.sinkCalls.slice(before.sinkCalls),
      flows: this.flows.slice(before.flows),
      edges: log.edges,
      wrapperPayloads: this.wrapperPayloads.slice(before.wrapperPayloads),
    };
  }

  /** Replays a kept step when everything it depended on is as it was; false when it must run again. */
  private replay(record: StepRecord | undefined): boolean {
    const facts = this.facts;
    if (!facts || !record || record.scope !== facts.scope) return false;
    for (const [name, source] of record.deps) if (facts.getSourceFile(name) !== source) return false;
    for (const [call, sink, event] of record.events) this.recordEvent(call, sink, event);
    for (const report of record.sinkCalls) this.sinkCalls.push(report);
    for (const flow of record.flows) this.flows.push(flow);
    for (const payload of record.wrapperPayloads) this.wrapperPayloads.push(payload);
    for (const edge of record.edges) this.addEdge(edge);
    return true;
  }

  private processSinkCall(call: TS.CallExpression, sink: SinkMatch): void {
    const event = this.getEvent(call, sink.event);
    this.recordEvent(call, sink, event);
    const payload = getPayloadPath(sink.event);
    this.sinkCalls.push({
      call,
      sink: sink.sinkId,
      event: event.kind === 'const' ? event.name : null,
      ...(payload ? { payload: { argIndex: payload.arg, path: payload.path } } : {}),
    });
    // An event name that is a parameter is resolved at the callers, like data.
    if (event.kind === 'ref') this.addEventEdge(call, sink, event.ref, sink.display);
    const args = call.arguments;
    const indexes = sink.dataArgs === 'all' ? args.map((_, i) => i) : sink.dataArgs;
    for (const index of indexes) {
      const arg = args[index];
      if (!arg) continue;
      const value = this.evaluate(this.ts.isSpreadElement(arg) ? arg.expression : arg);
      this.collect(call, value, sink, event, index, call, sink.display);
    }
  }

  /** Labels become flows at `call`; parameter references become wrapper edges. */
  private collect(
    call: AnyCall,
    value: Value,
    sink: SinkMatch,
    event: EventInfo,
    argIndex: number,
    through: AnyCall,
    throughNote: string,
  ): void {
    for (const eventName of getEventNames(event)) {
      for (const label of value.labels)
        this.flows.push({ call, label, sink, event: eventName, argIndex, entry: { argIndex, path: label.path }, sinkCall: call });
    }
    for (const ref of value.refs) this.addEdge({ ref, sink, event, argIndex, through, throughNote, key: '', sinkCall: call });
  }

  private addEventEdge(through: AnyCall, sink: SinkMatch, ref: ParamRef, throughNote: string): void {
    this.addEdge({ ref, sink, event: { kind: 'ref', ref }, argIndex: EVENT_ONLY, through, throughNote, key: '', sinkCall: through });
  }

  private recordEvent(call: AnyCall, sink: SinkMatch, event: EventInfo): void {
    this.stepLog?.events.push([call, sink, event]);
    if (event.kind === 'dynamic') this.dynamicEvents.set(call, sink);
    for (const name of getEventNames(event)) if (name !== null) this.constEvents.push({ call, sink, name });
  }

  private computeEvent(call: AnyCall, position: EventPosition | undefined): EventInfo {
    const ts = this.ts;
    if (position === undefined) return { kind: 'none' };
    const args = call.arguments ?? [];
    const argIndex = typeof position === 'number' ? position : position.arg;
    const arg = args[argIndex];
    if (typeof position === 'number' && args.some((a, i) => i <= argIndex && ts.isSpreadElement(a)))
      return this.getEventAt(call, argIndex, []);
    if (!arg) return { kind: 'none' };
    // `ReactGA.event({ action, … })`: an object where a name may stand is no name at all.
    if (typeof position === 'number') return ts.isObjectLiteralExpression(skipOuter(ts, arg)) ? { kind: 'none' } : this.getEventOf(arg, []);
    const object = skipOuter(ts, arg);
    if (ts.isObjectLiteralExpression(object)) {
      for (const property of object.properties) {
        if (ts.isPropertyAssignment(property) && getPropertyName(ts, property.name) === position.property)
          return this.getEventOf(property.initializer, []);
        if (ts.isShorthandPropertyAssignment(property) && property.name.text === position.property)
          return this.getEventOf(property.name, []);
      }
      if (object.properties.some((p) => ts.isSpreadAssignment(p))) return this.getEventOf(arg, [position.property]);
      return { kind: 'none' };
    }
    return this.getEventOf(arg, [position.property]);
  }

  /**
   * The event name a call passes as argument `index`. `(...args) => capture(...args)`: the
   * argument comes from the rest parameter, so from the same position (offset) at the callers.
   */
  private computeEventAt(call: AnyCall, index: number, path: string[]): EventInfo {
    const ts = this.ts;
    const args = call.arguments ?? [];
    const spreadAt = args.findIndex((a) => ts.isSpreadElement(a));
    if (spreadAt < 0 || index < spreadAt) return args[index] ? this.getEventOf(args[index], path) : { kind: 'none' };
    const spread = args[spreadAt] as TS.SpreadElement;
    const expression = skipOuter(ts, spread.expression);
    const symbol = ts.isIdentifier(expression) ? this.checker.getSymbolAtLocation(expression) : undefined;
    const rest = symbol?.valueDeclaration;
    if (spreadAt === args.length - 1 && rest && ts.isParameter(rest) && rest.dotDotDotToken && ts.isFunctionLike(rest.parent)) {
      const fn = rest.parent;
      return {
        kind: 'ref',
        ref: { fn, index: fn.parameters.indexOf(rest) + index - spreadAt, from: path, at: [], flat: false, trace: [] },
      };
    }
    return { kind: 'dynamic' };
  }

  private getEventOf(node: TS.Expression, path: string[]): EventInfo {
    // `wrapper({ eventName: 'Signed Up', … })`: the literal's own type, before widening.
    const ts = this.ts;
    const object = skipOuter(ts, node);
    if (path.length > 0 && ts.isObjectLiteralExpression(object)) {
      for (const property of object.properties) {
        if (ts.isPropertyAssignment(property) && getPropertyName(ts, property.name) === path[0])
          return this.getEventOf(property.initializer, path.slice(1));
        if (ts.isShorthandPropertyAssignment(property) && property.name.text === path[0] && path.length === 1)
          return this.getEventOf(property.name, []);
      }
    }
    let type: TS.Type | undefined;
    try {
      type = this.checker.getTypeAtLocation(node);
      for (const segment of path) {
        const property: TS.Symbol | undefined = type && this.checker.getPropertyOfType(type, segment);
        type = property ? this.checker.getTypeOfSymbol(property) : undefined;
      }
    } catch {
      type = undefined;
    }
    if (type?.isStringLiteral()) return { kind: 'const', name: type.value };
    let value = this.evaluate(node);
    for (const segment of path) value = select(value, segment);
    const ref = value.refs.find((r) => r.at.length === 0);
    if (ref) return { kind: 'ref', ref };
    // A union of string literals (a conditional between names, a variable typed `'A' | 'B'`): each.
    // Not with `"transform": true`: minimize() applies one event's plan, so the build needs one name.
    if (!this.config.transform && type?.isUnion() && type.types.every((t) => t.isStringLiteral())) {
      const names = [...new Set(type.types.map((t) => t.value))].sort();
      return { kind: 'consts', names };
    }
    return { kind: 'dynamic' };
  }

  /* ---------- 3. wrappers ---------- */

  private addEdge(edge: WrapperEdge): void {
    this.stepLog?.edges.push(edge);
    const r = edge.ref;
    // A replayed edge keeps the key it was given (its nodes are the same objects).
    const key = edge.key || this.getEdgeKey(edge);
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    edge.key = key;
    const list = this.edges.get(r.fn);
    if (list) list.push(edge);
    else this.edges.set(r.fn, [edge]);
    this.worklist.push(r.fn);
  }

  private getEdgeKey(edge: WrapperEdge): string {
    const r = edge.ref;
    const eventKey =
      edge.event.kind === 'const'
        ? `c:${edge.event.name}`
        : edge.event.kind === 'consts'
          ? `c:${edge.event.names.join('|')}`
          : edge.event.kind === 'ref'
            ? `r:${edge.event.ref.index}:${edge.event.ref.from.join('.')}`
            : edge.event.kind;
    // A parameter's heuristic label is reported at each call that sends it when the function has no caller.
    const through = r.heuristic ? `${nodeId(edge.through)}|${r.heuristic.name}|` : '';
    return `${through}${nodeId(r.fn)}|${r.index}|${r.from.join('.')}|${r.at.join('.')}|${r.flat}|${r.form ?? ''}|${edge.sink.sinkId}|${edge.argIndex}|${eventKey}`;
  }

  private readonly worklist: TS.SignatureDeclaration[] = [];

  private processWrappers(): void {
    let steps = 0;
    while (this.worklist.length > 0 && steps++ < 100_000) {
      const fn = this.worklist.shift()!;
      const edges = this.edges.get(fn) ?? [];
      const callers = this.findCallers(fn);
      if (callers.length === 0 && !(this.input.partialProgram && this.isExported(fn))) {
        // Nobody in the project passes the name: it stays dynamic where the parameter is used.
        for (const edge of edges) if (edge.argIndex === EVENT_ONLY) this.dynamicEvents.set(edge.through, edge.sink);
      }
      // Nobody in the project calls it: a parameter that looks personal is reported where it is sent.
      if (callers.length === 0) for (const edge of edges) this.addParameterHeuristicFlow(edge);
      for (const call of callers) {
        this.guard(call, () => {
          for (const edge of edges) {
            let done = this.processed.get(edge);
            if (!done) this.processed.set(edge, (done = new Set()));
            if (done.has(call)) continue;
            done.add(call);
            let byCall = edgeRecords.get(edge);
            if (this.replay(byCall?.get(call))) continue;
            const record = this.record(call.getSourceFile(), () => this.applyEdge(call, fn, edge));
            if (!record) continue;
            if (!byCall) edgeRecords.set(edge, (byCall = new WeakMap()));
            byCall.set(call, record);
          }
        });
      }
    }
  }

  private applyEdge(call: AnyCall, fn: TS.SignatureDeclaration, edge: WrapperEdge): void {
    if (edge.argIndex === EVENT_ONLY) {
      const event = this.getEventAt(call, edge.ref.index, [...edge.ref.from]);
      this.recordEvent(call, edge.sink, event);
      if (event.kind === 'ref') this.addEventEdge(call, edge.sink, event.ref, calleeText(this.ts, call));
      return;
    }
    const arg = this.getArgumentValue(call, edge.ref.index, fn);
    const step: TraceRef = { kind: 'hop', node: edge.through, note: `${getFunctionName(this.ts, fn) ?? 'function'} → ${edge.throughNote}` };
    // The trace reads from the source to the sink: this hop comes before the hops inside.
    const argNode = call.arguments?.[edge.ref.index];
    const constant = !!edge.ref.heuristic && !!argNode && this.evaluator.isConstant(argNode);
    const value = applyRef({ ...edge.ref, trace: [step, ...edge.ref.trace] }, arg, constant);
    let event = edge.event;
    if (event.kind === 'ref' && event.ref.fn === fn) {
      event = this.getEventAt(call, event.ref.index, [...event.ref.from]);
    }
    const eventName = event.kind === 'const' ? event.name : null;
    const { from, at, flat } = edge.ref;
    // The argument is the sink's whole payload, the event name becomes known at this call (it is a
    // parameter at the sink), and the argument carries no parameter of an enclosing function (else
    // the plan belongs at that function's callers).
    const payload = getPayloadPath(edge.sink.event);
    if (
      eventName !== null &&
      edge.event.kind === 'ref' &&
      payload &&
      edge.argIndex === payload.arg &&
      !flat &&
      from.length === 0 &&
      at.length === payload.path.length &&
      at.every((s, i) => payload.path[i] === s) &&
      value.refs.length === 0
    ) {
      this.wrapperPayloads.push({ call, sink: edge.sink.sinkId, event: eventName, payload: { argIndex: edge.ref.index, path: [] } });
    }
    for (const name of getEventNames(event)) {
      for (const label of value.labels) {
        // Where the value sits in this call's own argument: the parameter's path, then the part of
        // the sink-side path below where the wrapper placed it.
        const below = !flat && at.every((s, i) => label.path[i] === s) ? label.path.slice(at.length) : [];
        this.flows.push({
          call,
          label,
          sink: edge.sink,
          event: name,
          argIndex: edge.argIndex,
          entry: { argIndex: edge.ref.index, path: [...from, ...below] },
          sinkCall: edge.sinkCall,
        });
      }
    }
    for (const ref of value.refs) {
      this.addEdge({
        ref,
        sink: edge.sink,
        event,
        argIndex: edge.argIndex,
        through: call,
        throughNote: calleeText(this.ts, call),
        key: '',
        sinkCall: edge.sinkCall,
      });
    }
  }

  /**
   * `export function logEmail(email) { log.info({ email }) }` with no caller in the project: the
   * parameter's heuristic label is a flow at the call in the function that sends it.
   */
  private addParameterHeuristicFlow(edge: WrapperEdge): void {
    const { ref } = edge;
    if (!ref.heuristic || edge.argIndex === EVENT_ONLY || !this.ts.isCallExpression(edge.through)) return;
    const heuristic = ref.heuristic;
    const form = ref.form ?? (ref.generalized?.includes(heuristic.category) ? 'generalized' : heuristic.form);
    const label = { ...heuristic, form, path: ref.flat ? [] : ref.at, trace: [...heuristic.trace, ...ref.trace] };
    const events = edge.event.kind === 'ref' ? [null] : getEventNames(edge.event);
    for (const event of events) {
      this.flows.push({
        call: edge.through,
        label,
        sink: edge.sink,
        event,
        argIndex: edge.argIndex,
        entry: { argIndex: edge.argIndex, path: label.path },
        sinkCall: edge.sinkCall,
      });
    }
  }

  /**
   * Project calls of `fn`, kept for the next program while the files that make calls by its names
   * (the same index lists) and the files the answers depended on are the same objects.
   */
  private findCallers(fn: TS.SignatureDeclaration): AnyCall[] {
    const names = getCallableNames(this.ts, fn);
    const lists = names.map((name) => this.callsByName.get(name) ?? []);
    const same = (kept: ReadonlyArray<ReadonlyArray<readonly AnyCall[]>>) =>
      kept.length === lists.length &&
      kept.every((files, i) => files.length === lists[i].length && files.every((calls, j) => calls === lists[i][j]));
    return this.keep(keptCallers, fn, () => this.computeCallers(fn, names), {
      inputs: lists.map((files) => [...files]),
      same,
    }).slice();
  }

  /**
   * `compute()`'s value for `key`, kept in `store` for the next program (an editor's re-lint)
   * while the scope, the files it depended on (the same SourceFile objects) and, when given, the
   * inputs it was computed from (`same`) are as they were. Without a fact cache, or when a bound
   * or an error made the answer partial, it is computed and not kept.
   */
  private keep<K extends object, V, I>(
    store: WeakMap<K, Kept<V, I>>,
    key: K,
    compute: () => V,
    inputs?: { inputs: I; same(kept: I): boolean },
  ): V {
    const facts = this.facts;
    if (!facts) return compute();
    const kept = store.get(key);
    if (
      kept &&
      kept.scope === facts.scope &&
      (!inputs || inputs.same(kept.inputs as I)) &&
      kept.deps.every(([name, file]) => facts.getSourceFile(name) === file)
    ) {
      this.recorder.noteAll(kept.deps.map(([name]) => name));
      return kept.value;
    }
    const before = { limits: this.evaluator.limitCount, problems: this.problems.length };
    const [value, recorded] = this.recorder.frame(compute, true);
    if (this.evaluator.limitCount > before.limits || this.problems.length > before.problems) return value;
    const deps: Array<readonly [string, TS.SourceFile]> = [];
    for (const name of recorded ?? []) {
      const file = facts.getSourceFile(name);
      if (!file) return value;
      deps.push([name, file]);
    }
    store.set(key, { scope: facts.scope, deps, value, ...(inputs ? { inputs: inputs.inputs } : {}) });
    return value;
  }

  /** Project calls of `fn`: candidates by name from the index, confirmed by the checker. */
  private computeCallers(fn: TS.SignatureDeclaration, names: readonly string[]): AnyCall[] {
    const ts = this.ts;
    const out: AnyCall[] = [];
    const seen = new Set<AnyCall>();
    for (const name of names) {
      for (const calls of this.callsByName.get(name) ?? []) {
        // One file's calls by the name, kept on their own: an edit finds again only its file's.
        let kept = keptCallersInFile.get(calls);
        if (!kept) keptCallersInFile.set(calls, (kept = new WeakMap()));
        const callers = this.keep(kept, fn, () =>
          calls.filter((call) => ts.isNewExpression(call) === ts.isConstructorDeclaration(fn) && this.getCalledFunction(call) === fn),
        );
        for (const call of callers) {
          if (seen.has(call)) continue;
          seen.add(call);
          out.push(call);
        }
      }
    }
    return out;
  }

  private guard(node: TS.Node, work: () => void): void {
    try {
      work();
    } catch (error) {
      const file = node.getSourceFile().fileName;
      const message = error instanceof Error ? error.message : String(error);
      if (!this.problems.some((p) => p.file === file)) {
        this.problems.push({ kind: 'internal-error', file, message: `internal error while analysing this file: ${message}` });
      }
    }
  }

  /** With `consent` in the config: whether a consent check guards each sink call whose purpose needs it. */
  private checkConsent(): void {
    const consent = this.config.consent;
    if (!consent) return;
    const guards = new ConsentGuards({
      ts: this.ts,
      isConsentCall: (call) => this.catalog.isCallOf(call, consent),
      findCallers: (fn) => this.findCallers(fn),
    });
    for (const { call, sink, event } of this.sinkCalls) {
      if (!this.projectFiles.has(call.getSourceFile())) continue;
      const purpose = getSinkPurpose(sink, this.input.packs, this.config);
      const name = getConsentName(consent, purpose);
      if (name === undefined) continue;
      this.guard(call, () => this.consent.push({ call, sink, event, purpose: purpose!, name, guarded: guards.isGuarded(call, name) }));
    }
  }

  /** Findings about calls that need no data flow: consent checks and keys in client code. */
  private makeCallFindings(): RawFinding[] {
    const out: RawFinding[] = [];
    const consent = this.config.consent;
    // With "transform": true the build adds the guard: the verdict is after the rewrite.
    if (consent && !this.config.transform) {
      for (const report of this.consent) {
        if (report.guarded) continue;
        const check = `${lastSegmentOf(consent.call)}(${JSON.stringify(report.name)})`;
        const message = RULES['piiguard/no-consent-check'].message({
          sink: report.sink,
          purpose: report.purpose,
          event: report.event,
          check,
        });
        out.push({
          node: report.call,
          verdict: verdict('piiguard/no-consent-check', message),
          category: null,
          form: null,
          sink: report.sink,
          event: report.event,
          trace: [],
          sourceNote: report.purpose,
        });
      }
    }
    // Per file's list of calls by each name: kept while the file and what the answers read are the same.
    const hasProxy = this.config.pseudonymization?.proxy !== undefined;
    const keysIn = (name: 'configure' | 'pseudonymize') =>
      (this.callsByName.get(name) ?? []).flatMap((calls) =>
        this.keep(keptExposedKeys, calls, () => {
          if (!this.projectFiles.has(calls[0].getSourceFile())) return [];
          const runtime = calls.filter(
            (call): call is TS.CallExpression => this.ts.isCallExpression(call) && this.isRuntimeCall(call, name),
          );
          return findExposedKeys({
            ts: this.ts,
            configureCalls: name === 'configure' ? runtime : [],
            pseudonymizeCalls: name === 'pseudonymize' ? runtime : [],
            hasProxy,
          });
        }),
      );
    const keys = [...keysIn('configure'), ...keysIn('pseudonymize')];
    for (const { node, problem } of keys)
      out.push({
        node,
        verdict: verdict('piiguard/exposed-key', RULES['piiguard/exposed-key'].message({ problem })),
        category: null,
        form: null,
        sink: null,
        event: null,
        trace: [],
        sourceNote: 'key',
      });
    return out;
  }

  /* ---------- 4. findings ---------- */

  private makeFindings(): Finding[] {
    const config = this.config;
    const policy = new Policy(config, this.input.today);
    const out: RawFinding[] = [];
    // With "transform": true a verdict is about what the build sends, so it holds only where the
    // rewrite reaches the value (core/rewrite.ts decides it, for the build as well).
    const minimized = config.transform ? new MinimizedPayloads(this.ts, config, this.sinkCalls, this.wrapperPayloads) : undefined;
    const findObstacle = (flow: Flow, rewrite: FlowRewrite | undefined, unapproved: boolean): Verdict | undefined => {
      if (!minimized) return undefined;
      const problem = findRewriteObstacle(
        this.ts,
        { ...flow, category: flow.label.category, sink: flow.sink.sinkId, ...(rewrite ? { rewrite } : {}) },
        { covered: minimized.covers(flow), unapproved, onUnapproved: config.onUnapproved },
      );
      return problem === undefined ? undefined : verdict('piiguard/transform', RULES['piiguard/transform'].message({ problem }));
    };
    const byCall = new Map<AnyCall, Flow[]>();
    for (const flow of this.flows) {
      const list = byCall.get(flow.call);
      if (list) list.push(flow);
      else byCall.set(flow.call, [flow]);
    }
    // A call's verdicts depend on its flows, the config and the day: kept for the next program
    // (an editor's re-lint) while its flows are the same objects (their files did not change).
    // Not with "transform": true, where they also depend on the whole program's payloads.
    const memo = this.facts && !minimized ? { scope: `${this.facts.scope}\0${this.input.today}`, calls: callVerdicts } : undefined;
    for (const [call, flows] of byCall) {
      const kept = memo?.calls.get(call);
      // (Only calls in the project's files are kept, and the scope holds the project's file list.)
      if (kept && kept.scope === memo!.scope && kept.flows.length === flows.length && kept.flows.every((f, i) => f === flows[i])) {
        for (const raw of kept.raw) out.push(raw);
        for (const report of kept.reports) this.reports.push(report);
        for (const index of kept.used) policy.used.add(index);
        continue;
      }
      if (!this.projectFiles.has(call.getSourceFile())) continue;
      const before = { raw: out.length, reports: this.reports.length };
      const used = policy.record(() => this.judgeCall(call, flows, policy, out, findObstacle));
      memo?.calls.set(call, { scope: memo.scope, flows, raw: out.slice(before.raw), reports: this.reports.slice(before.reports), used });
    }
    for (const [call, sink] of this.dynamicEvents) {
      if (!this.projectFiles.has(call.getSourceFile())) continue;
      out.push({
        node: call,
        verdict: verdict('piiguard/dynamic-event-name', RULES['piiguard/dynamic-event-name'].message({ sink: sink.sinkId })),
        category: null,
        form: null,
        sink: sink.sinkId,
        event: null,
        trace: [],
        sourceNote: '',
      });
    }
    if (config.strictEvents) {
      const seen = new Set<AnyCall>();
      for (const { call, sink, name } of this.constEvents) {
        if (seen.has(call) || config.events[name] || !this.projectFiles.has(call.getSourceFile())) continue;
        seen.add(call);
        out.push({
          node: call,
          verdict: verdict('piiguard/unknown-event', RULES['piiguard/unknown-event'].message({ event: name, sink: sink.sinkId })),
          category: null,
          form: null,
          sink: sink.sinkId,
          event: name,
          trace: [],
          sourceNote: '',
        });
      }
    }
    out.push(...this.makeCallFindings());
    const findings = out.map((raw) => this.toKeptFinding(raw));
    findings.push(...this.getUnknownCategoryFindings());
    if (this.input.wholeProgram) {
      for (const entry of policy.getUnusedEntries()) {
        const where = this.input.config.locations[`allow[${entry.index}]`] ?? { line: 1, column: 1 };
        const file = this.input.config.file ? this.relative(this.input.config.file) : 'piiguard.config.json';
        findings.push(
          this.finish(
            {
              ruleId: 'piiguard/unused-approval',
              severity: RULES['piiguard/unused-approval'].severity,
              message: RULES['piiguard/unused-approval'].message({ entry }),
              category: entry.category,
              form: entry.form,
              sink: entry.sink,
              event: null,
              location: { file, line: where.line, column: where.column },
              trace: [],
              fingerprint: '',
            },
            `allow|${entry.category}|${entry.form}|${entry.sink}|${entry.reason}`,
          ),
        );
      }
    }
    if (this.input.wholeProgram) findings.push(...this.getConfigEntryFindings());
    for (const finding of this.getLimitFindings()) findings.push(finding);
    return assignFingerprints(findings).sort(compareFindings);
  }

  /** The verdicts of the flows at one call: raw findings into `out`, a report per flow. */
  private judgeCall(
    call: AnyCall,
    flows: Flow[],
    policy: Policy,
    out: RawFinding[],
    findObstacle: (flow: Flow, rewrite: FlowRewrite | undefined, unapproved: boolean) => Verdict | undefined,
  ): void {
    const config = this.config;
    const tagged = flows.filter((f) => f.label.origin !== 'heuristic');
    const taggedPaths = new Set(tagged.map((f) => `${f.argIndex}|${f.label.path.join('.')}`));
    const seen = new Set<string>();
    for (const flow of flows) {
      const { label } = flow;
      if (label.origin === 'heuristic') {
        if (config.heuristics === 'off') continue;
        if (taggedPaths.has(`${flow.argIndex}|${label.path.join('.')}`)) continue;
        const severity: Severity = config.heuristics === 'error' ? 'error' : 'warning';
        const facts = { category: label.category, form: label.form, sink: flow.sink.sinkId, event: flow.event };
        // A credential found by name is a secret as much as a tagged one: logging a password is never a warning.
        if (getTier(label.category, config.categories) === 'secret') {
          const secret = verdict('piiguard/secret-flow', RULES['piiguard/secret-flow'].message({ ...facts, name: label.name }));
          pushOnce(this.ts, out, seen, call, secret, flow, label.form, { name: label.name ?? label.category });
          this.reports.push(this.report(flow, secret));
          continue;
        }
        // An untagged name in another form than raw (an email's domain, a hash, a pseudonym) needs no tag to be handled.
        if (label.form !== 'raw') continue;
        const v = verdict(
          'piiguard/untagged-pii',
          RULES['piiguard/untagged-pii'].message({ ...facts, name: label.name ?? label.category }),
          severity,
        );
        pushOnce(this.ts, out, seen, call, v, flow, label.form, { name: label.name ?? label.category });
        this.reports.push(this.report(flow, v));
        continue;
      }
      let form = label.form;
      let rewrite: FlowRewrite | undefined;
      if (config.transform && flow.event !== null && config.events[flow.event]) {
        const planned = this.applyPlan(flow, form);
        rewrite = this.getPlanRewriteOf(flow, planned === 'dropped' ? form : planned);
        if (planned === 'dropped') {
          // The property of the plan's payload (posthog-node's `properties.email` is `email`).
          const property = flow.label.path[getPayloadPath(flow.sink.event)?.path.length ?? 0] ?? '(payload)';
          // A property the build cannot drop leaves the app: the build fails on it.
          const obstacle = findObstacle(flow, rewrite, false);
          if (obstacle) {
            pushOnce(this.ts, out, seen, call, obstacle, flow, form);
            this.reports.push(this.report(flow, obstacle, rewrite));
            continue;
          }
          const v = verdict(
            'piiguard/unplanned-property',
            RULES['piiguard/unplanned-property'].message({
              category: label.category,
              form,
              sink: flow.sink.sinkId,
              event: flow.event,
              property,
            }),
          );
          pushOnce(this.ts, out, seen, call, v, flow, form);
          this.reports.push(this.report(flow, v, rewrite));
          continue;
        }
        form = planned;
      }
      let judged: Judgement = policy.judge({ category: label.category, form, sink: flow.sink.sinkId, event: flow.event });
      // The rewrite wraps a raw value that an entry approves in another form, where it is written.
      if (judged.verdict?.ruleId === 'piiguard/unapproved-flow' && config.transform && !rewrite && form === 'raw') {
        const approved = getApprovedRewrite(config, this.input.today, {
          category: label.category,
          sink: flow.sink.sinkId,
          event: flow.event,
        });
        const location = approved && locateEntry(this.ts, call, flow.entry);
        if (approved && location && location.rest.length === 0) {
          rewrite = { kind: 'wrap', wrapper: approved.wrapper, entry: approved.entry.index };
          form = approved.wrapper.form;
          judged = policy.judge({ category: label.category, form, sink: flow.sink.sinkId, event: flow.event });
        }
      }
      const unapproved = judged.verdict !== undefined && BUILD_FAILING_RULES.has(judged.verdict.ruleId);
      const obstacle = findObstacle(flow, rewrite, unapproved);
      if (judged.verdict) pushOnce(this.ts, out, seen, call, judged.verdict, flow, form);
      if (obstacle) pushOnce(this.ts, out, seen, call, obstacle, flow, form);
      // An unapproved flow keeps its own rule (the build follows onUnapproved for it, and fails on the obstacle).
      this.reports.push(this.report(flow, unapproved || !obstacle ? judged.verdict : obstacle, rewrite, judged.entry));
    }
    // Quasi-identifiers: three or more in one call, still recognisable.
    const quasi = [
      ...new Set(
        tagged
          .filter(
            (f) =>
              getTier(f.label.category, config.categories) === 'quasi-identifier' && (f.label.form === 'raw' || f.label.form === 'hashed'),
          )
          .map((f) => f.label.category),
      ),
    ].sort();
    if (quasi.length >= 3) {
      const first = tagged[0];
      out.push({
        node: call,
        verdict: verdict(
          'piiguard/quasi-identifiers',
          RULES['piiguard/quasi-identifiers'].message({ categories: quasi, sink: first.sink.sinkId, event: first.event }),
        ),
        category: null,
        form: null,
        sink: first.sink.sinkId,
        event: first.event,
        trace: [],
        sourceNote: quasi.join(','),
      });
    }
  }

  /** `analysis-incomplete`: where a bound of the analysis cut it short, at the value, in the project's files. */
  private getLimitFindings(): Finding[] {
    const rule = RULES['piiguard/analysis-incomplete'];
    const out: Finding[] = [];
    for (const { node, bound } of this.evaluator.getLimits()) {
      if (!this.projectFiles.has(node.getSourceFile())) continue;
      const finding: Finding = {
        ruleId: rule.id,
        severity: rule.severity,
        message: rule.message({ bound }),
        category: null,
        form: null,
        sink: null,
        event: null,
        location: this.location(node),
        trace: [],
        fingerprint: '',
        span: this.span(node),
      };
      findingSites.set(finding, { node, value: node, target: node, data: {}, trace: [] });
      out.push(this.finish(finding, `${rule.id}|${getScopeName(this.ts, node)}|${bound}|${node.getText().slice(0, 80)}`));
    }
    return out;
  }

  /** `@pii e-mail`: a tag naming no category (core/category-tags.ts), at the declaration it is on. */
  private getUnknownCategoryFindings(): Finding[] {
    const key = JSON.stringify(this.config.categories);
    return this.input.files.flatMap((file) => {
      // Kept per SourceFile (an unchanged file keeps its object): each new program reads only the edited file.
      let kept = unknownCategoryTags.get(file);
      if (kept?.key !== key)
        unknownCategoryTags.set(file, (kept = { key, tags: findUnknownCategoryTags(this.ts, file, this.config.categories) }));
      return kept.tags.map(({ node, tag, closest }) => {
        const name = (node as TS.NamedDeclaration).name;
        const target = name && this.ts.isIdentifier(name) ? name : node;
        const finding: Finding = {
          ruleId: 'piiguard/unknown-category',
          severity: RULES['piiguard/unknown-category'].severity,
          message: RULES['piiguard/unknown-category'].message({ tag, closest }),
          category: null,
          form: null,
          sink: null,
          event: null,
          location: this.location(target),
          trace: [],
          fingerprint: '',
          span: this.span(target),
        };
        findingSites.set(finding, { node, target, data: {}, trace: [] });
        return this.finish(
          finding,
          `piiguard/unknown-category|${tag}|${getScopeName(this.ts, node)}|${this.ts.isIdentifier(target) ? target.text : ''}`,
        );
      });
    });
  }

  /** `unused-source`, `unused-sink`, `ambiguous-source` (core/config-usage.ts), at the config entry. */
  private getConfigEntryFindings(): Finding[] {
    const engine = this.input.engine ?? {
      ts: this.ts,
      config: this.input.config,
      catalog: this.catalog,
      finder: this.finder,
      requests: this.requests,
    };
    const file = this.input.config.file ? this.relative(this.input.config.file) : 'piiguard.config.json';
    return findConfigEntryFindings({ ...engine, config: this.config, files: this.input.files }).map((entry) => {
      const where = this.input.config.locations[entry.key] ?? { line: 1, column: 1 };
      const finding: Finding = {
        ruleId: entry.ruleId,
        severity: RULES[entry.ruleId].severity,
        message: entry.message,
        category: entry.category,
        form: null,
        sink: entry.sink,
        event: null,
        location: { file, line: where.line, column: where.column },
        trace: [],
        fingerprint: '',
      };
      return this.finish(finding, `${entry.ruleId}|${entry.key}|${entry.message}`);
    });
  }

  private report(flow: Flow, v: Verdict | undefined, rewrite?: FlowRewrite, approval?: AllowEntry): FlowReport {
    const { label } = flow;
    const report: FlowReport = {
      ...(approval ? { approval } : {}),
      sinkCall: flow.sinkCall,
      ...(rewrite ? { rewrite } : {}),
      ...(v ? { message: v.message } : {}),
      call: flow.call,
      sink: flow.sink.sinkId,
      event: flow.event,
      argIndex: flow.argIndex,
      path: label.path,
      entry: flow.entry,
      category: label.category,
      form: label.form,
      origin: label.origin,
      ...(v ? { ruleId: v.ruleId } : {}),
    };
    // Read by the report only (the editor and the build never do): worked out on first read, as trace notes are.
    const first = label.trace[0];
    if (first) {
      let source: FlowReport['source'];
      Object.defineProperty(report, 'source', { enumerable: true, get: () => (source ??= getSourceStep(first)) });
    }
    return report;
  }

  /** Whether the flow sits in the planned payload of its event (not in the event name). */
  private isPlanned(flow: Flow): boolean {
    if (flow.argIndex === (typeof flow.sink.event === 'number' ? flow.sink.event : -1)) return false;
    const payloadPath = getPayloadPath(flow.sink.event);
    return !!payloadPath && payloadPath.arg === flow.argIndex && payloadPath.path.every((s, i) => flow.label.path[i] === s);
  }

  /** The plan's action on the flow's property, as a rewrite. */
  private getPlanRewriteOf(flow: Flow, form: Form): FlowRewrite | undefined {
    if (!this.isPlanned(flow)) return undefined;
    const plan = this.config.events[flow.event!];
    const payloadPath = getPayloadPath(flow.sink.event)!;
    const property = flow.label.path[payloadPath.path.length];
    const action =
      property === undefined || property === ELEMENT || !Object.hasOwn(plan.properties, property) ? undefined : plan.properties[property];
    const planned = getPlanRewrite(action);
    if (planned === 'keep' || planned === 'drop') return { kind: 'plan', event: flow.event!, action: planned, form };
    return { kind: 'plan', event: flow.event!, action: 'wrap', wrapper: planned, form };
  }

  /** What the tracking plan does to a flow's property at run time (with `"transform": true`). */
  private applyPlan(flow: Flow, form: Form): Form | 'dropped' {
    const plan = this.config.events[flow.event!];
    if (!this.isPlanned(flow)) return form;
    const payloadPath = getPayloadPath(flow.sink.event)!;
    const path = flow.label.path.slice(payloadPath.path.length);
    const property = path[0];
    const action =
      property === undefined || property === ELEMENT || !Object.hasOwn(plan.properties, property) ? undefined : plan.properties[property];
    if (action === undefined || action === 'drop') return 'dropped';
    if (action === 'keep') return form;
    if (action.startsWith('pseudonymize:')) return 'pseudonymized';
    if (action.startsWith('generalize:')) return GENERALIZERS[action.slice('generalize:'.length)] ? 'generalized' : form;
    if (action.startsWith('bin:')) return 'binned';
    return form;
  }

  private relative(fileName: string): string {
    return relativePath(this.input.config.dir, fileName);
  }

  private location(node: TS.Node): SourceLocation {
    const file = node.getSourceFile();
    const start = node.getStart(file);
    const { line, character } = file.getLineAndCharacterOfPosition(start);
    return { file: this.relative(file.fileName), line: line + 1, column: character + 1 };
  }

  private span(node: TS.Node): SourceSpan {
    const file = node.getSourceFile();
    const start = file.getLineAndCharacterOfPosition(node.getStart(file));
    const end = file.getLineAndCharacterOfPosition(node.getEnd());
    return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  }

  /** toFinding's result for a raw finding kept from an earlier program (see makeFindings), as a new object. */
  private toKeptFinding(raw: RawFinding): Finding {
    const scope = this.facts?.scope;
    if (scope === undefined) return this.toFinding(raw);
    const kept = keptFindings.get(raw);
    if (kept && kept.scope === scope) {
      const finding = { ...kept.finding };
      findingSites.set(finding, kept.site);
      return this.finish(finding, kept.identity);
    }
    const finding = this.toFinding(raw);
    const { identity, ...rest } = finding as FindingWithIdentity;
    keptFindings.set(raw, { scope, finding: rest, identity: identity ?? '', site: findingSites.get(finding)! });
    return finding;
  }

  private toFinding(raw: RawFinding): Finding {
    // SPEC §7's trace: the source and the wrapper hops (the typed steps stay on the site).
    const trace: TraceStep[] = raw.trace.filter(isPublicStep).map((step) => ({ ...this.location(step.node), note: step.note }));
    const call = raw.node as AnyCall;
    // A flow points at its value as written in the call; a finding about the call, at the callee.
    const target = raw.category !== null ? raw.value : call.expression;
    const finding: Finding = {
      ruleId: raw.verdict.ruleId,
      severity: raw.verdict.severity,
      message: raw.verdict.message,
      category: raw.category,
      form: raw.form,
      sink: raw.sink,
      event: raw.event,
      location: this.location(raw.node),
      trace,
      fingerprint: '',
      ...(target ? { span: this.span(target) } : {}),
    };
    findingSites.set(finding, {
      node: raw.node,
      ...(raw.value ? { value: raw.value } : {}),
      ...(target ? { target } : {}),
      data: raw.data ?? {},
      trace:
        raw.sink === null ? raw.trace : [...raw.trace, { kind: 'sink', node: call, note: `${calleeText(this.ts, call)} (${raw.sink})` }],
    });
    const scope = getScopeName(this.ts, raw.node);
    return this.finish(finding, `${scope}|${calleeText(this.ts, raw.node as AnyCall)}|${raw.sourceNote}`);
  }

  private finish(finding: Finding, identity: string): Finding {
    (finding as FindingWithIdentity).identity = identity;
    return finding;
  }
}

interface RawFinding {
  node: TS.Node;
  verdict: Verdict;
  category: string | null;
  form: Form | null;
  sink: string | null;
  event: string | null;
  trace: readonly TraceRef[];
  sourceNote: string;
  /** The leaking value as written in the call, when it is. */
  value?: TS.Node;
  data?: Readonly<Record<string, string>>;
}

/**
 * Where a finding is in the program, beside the finding itself (which is SPEC §7's plain data,
 * printed as it is): the call it is reported at, the leaking value as written there (what the
 * editor underlines), and the structured data its message was made from.
 */
export interface FindingSite {
  node: TS.Node;
  value?: TS.Node;
  /** What the finding points at (its `span`): the value, or the callee for a finding about the call. */
  target?: TS.Node;
  data: Readonly<Record<string, string>>;
  /**
   * The trace as typed steps, before it becomes SPEC §7's text: the source, the locals and wrapper
   * hops on the way (in order), and last the sink call (for a finding at a sink).
   */
  trace: readonly TraceRef[];
}

const findingSites = new WeakMap<Finding, FindingSite>();

/** The site of a finding this process's engine made (undefined for findings read from elsewhere). */
export function getFindingSite(finding: Finding): FindingSite | undefined {
  return findingSites.get(finding);
}

type FindingWithIdentity = Finding & { identity?: string };

function getSourceStep(step: TraceRef): NonNullable<FlowReport['source']> {
  const file = step.node.getSourceFile();
  const { line, character } = file.getLineAndCharacterOfPosition(step.node.getStart(file));
  return { fileName: file.fileName, line: line + 1, column: character + 1, note: step.note };
}

function pushOnce(
  ts: TypeScript,
  out: RawFinding[],
  seen: Set<string>,
  call: AnyCall,
  v: Verdict,
  flow: Flow,
  form: Form,
  data?: Record<string, string>,
): void {
  const key = `${v.ruleId}|${flow.label.category}|${form}|${flow.sink.sinkId}|${flow.event}`;
  if (seen.has(key)) return;
  seen.add(key);
  const value = locateEntry(ts, call, flow.entry)?.value;
  out.push({
    ...(value ? { value } : {}),
    ...(data ? { data } : {}),
    node: call,
    verdict: v,
    category: flow.label.category,
    form,
    sink: flow.sink.sinkId,
    event: flow.event,
    trace: flow.label.trace,
    sourceNote: flow.label.trace[0]?.note ?? '',
  });
}

function flowKey(f: Flow): string {
  return `${nodeId(f.call)}|${f.label.category}|${f.label.form}|${f.sink.sinkId}|${f.event}`;
}

/**
 * Fingerprints name the flow, not its line: rule, file, enclosing function, the call's text,
 * category, form, sink, event and source — plus an occurrence count for identical ones in a file.
 */
/** The hashes of the identities seen lately (a re-lint numbers the same findings again). */
const fingerprints = new Map<string, string>();

function getFingerprint(identity: string): string {
  let fingerprint = fingerprints.get(identity);
  if (fingerprint === undefined) {
    if (fingerprints.size >= 100_000) fingerprints.clear();
    fingerprint = createHash('sha256').update(identity).digest('hex').slice(0, 32);
    fingerprints.set(identity, fingerprint);
  }
  return fingerprint;
}

function assignFingerprints(findings: Finding[]): Finding[] {
  const counts = new Map<string, number>();
  // Identical flows in a file are numbered in the order of their position (and message).
  const numbered = [...findings].sort(
    (a, b) => a.location.line - b.location.line || a.location.column - b.location.column || compareText(a.message, b.message),
  );
  for (const finding of numbered) {
    const f = finding as FindingWithIdentity;
    const base = [f.ruleId, f.location.file, f.category, f.form, f.sink, f.event, f.identity ?? ''].join('\u0000');
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    f.fingerprint = getFingerprint(`${base}\u0000${n}`);
    delete f.identity;
  }
  return findings;
}

/* ---------- helpers ---------- */

let nextNodeId = 0;
const nodeIds = new WeakMap<TS.Node, number>();
function nodeId(node: TS.Node): number {
  let id = nodeIds.get(node);
  if (id === undefined) {
    id = nextNodeId++;
    nodeIds.set(node, id);
  }
  return id;
}

function getPayloadPath(event: EventPosition | undefined): { arg: number; path: string[] } | undefined {
  if (event === undefined) return undefined;
  if (typeof event === 'number') return { arg: event + 1, path: [] };
  return { arg: event.arg, path: ['properties'] };
}

/** Local name → imported name for the named and default imports of a file. */
function getImportedNames(ts: TypeScript, file: TS.SourceFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !statement.importClause) continue;
    const clause = statement.importClause;
    if (clause.name) out.set(clause.name.text, 'default');
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        const imported = element.propertyName ?? element.name;
        out.set(element.name.text, ts.isIdentifier(imported) ? imported.text : imported.text);
      }
    }
  }
  return out;
}

function importsAny(ts: TypeScript, file: TS.SourceFile, packages: string[]): boolean {
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const specifier = statement.moduleSpecifier.text;
    if (packages.some((p) => matchesPackage(p, specifier))) return true;
  }
  return false;
}

/** Names a function is called by: its own, the variable or property holding it, `default`. */
function getCallableNames(ts: TypeScript, fn: TS.SignatureDeclaration): string[] {
  const names: string[] = [];
  if (ts.isConstructorDeclaration(fn)) {
    const cls = fn.parent;
    if (cls.name) names.push(cls.name.text);
    if (hasDefaultExport(ts, cls)) names.push('default');
    return names;
  }
  const own = getFunctionName(ts, fn);
  if (own) names.push(own);
  if (hasDefaultExport(ts, fn)) names.push('default');
  return names;
}

/**
 * Whether code outside the file can call `fn`: it is, or sits in (a class, an object), a
 * top-level declaration that the module exports.
 */
function isExported(ts: TypeScript, checker: TS.TypeChecker, fn: TS.Node): boolean {
  let top: TS.Node = fn;
  while (top.parent && !ts.isSourceFile(top.parent)) top = top.parent;
  const file = top.getSourceFile();
  if (ts.canHaveModifiers(top) && ts.getModifiers(top)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return true;
  const names: TS.Node[] = [];
  if ((ts.isFunctionDeclaration(top) || ts.isClassDeclaration(top)) && top.name) names.push(top.name);
  if (ts.isVariableStatement(top)) for (const d of top.declarationList.declarations) names.push(d.name);
  const moduleSymbol = checker.getSymbolAtLocation(file);
  if (!moduleSymbol || names.length === 0) return false;
  const exported = new Set(
    checker.getExportsOfModule(moduleSymbol).map((s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s)),
  );
  return names.some((name) => {
    const symbol = checker.getSymbolAtLocation(name);
    return !!symbol && exported.has(symbol);
  });
}

function hasDefaultExport(ts: TypeScript, node: TS.Node): boolean {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return !!modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

function calleeText(ts: TypeScript, call: AnyCall): string {
  const callee = call.expression;
  return callee ? callee.getText().replace(/\s+/g, '') : '';
}

/** `SignupService.submit` for a node inside that method: stable across line moves. */
function getScopeName(ts: TypeScript, node: TS.Node): string {
  const parts: string[] = [];
  let cursor: TS.Node | undefined = node.parent;
  while (cursor && !ts.isSourceFile(cursor)) {
    if (ts.isFunctionLike(cursor)) parts.unshift(getFunctionName(ts, cursor) ?? '<anonymous>');
    else if (ts.isClassLike(cursor)) parts.unshift(cursor.name?.text ?? '<class>');
    cursor = cursor.parent;
  }
  return parts.join('.');
}

function lastSegmentOf(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

export { describeFlow, getFunctionName };
