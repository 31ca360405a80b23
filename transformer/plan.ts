/**
 * The rewrite plan (SPEC §10): from the engine's judged flows and sink calls to a list of edits
 * per file, written against the original text. Two thin front ends apply it — the TypeScript
 * transformer (`index.ts`, AST updates) and the bundler plugin (`source.ts`, magic-string) — so
 * what is rewritten, and why, is decided here once.
 *
 * Per sink call whose event is in the tracking plan — or per call of an inferred wrapper where the
 * event name becomes known — the payload is wrapped in `minimize('<event>', payload, <plan entry>)`,
 * which applies the plan to every property. Per flow elsewhere (a value outside the payload, a
 * payload that is a parameter again): the runtime wrapper of the approved form around the value as
 * written, or the property dropped. An unapproved flow follows `onUnapproved`: a build error
 * (default, and the value is left out of the output), or the value dropped or pseudonymized.
 */
import type * as TS from 'typescript';
import {
  analyzeProgram,
  BUILD_FAILING_RULES,
  BUILTIN_SINK_PACKS,
  findRewriteObstacle,
  getCalleeName,
  getProjectSourceFiles,
  getTier,
  getWrapperForForm,
  locateEntry,
  MinimizedPayloads,
  relativePath,
  RULES,
  type EntryLocation,
  type EventPlan,
  type FactStore,
  type FlowReport,
  type LoadedConfig,
  type PayloadCall,
  type PiiguardConfig,
  type ProgramAnalysis,
  type RuleId,
  type TypeScript,
  type WrapperCall,
  type ConsentReport,
} from '../core/index.js';
import path from 'node:path';
import { MIN_KEY_BYTES } from '../runtime/pseudonymize.js';

/** The module the inserted wrappers come from. */
export const RUNTIME_MODULE = 'piiguard/runtime';

/** A range of the original text: `start` after leading trivia (`node.getStart()`), `end` exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

export type Edit =
  /**
   * `value` → `runtime.fn(value, ...args)`; with `shorthand`, the target is a shorthand property:
   * `{ email }` → `{ email: runtime.fn(email, ...args) }`.
   */
  | { kind: 'wrap'; target: TextRange; wrapper: WrapperCall; shorthand?: string }
  /** `payload` → `runtime.minimize('<event>', payload, <plan entry>)` (`shorthand` as for wrap). */
  | { kind: 'minimize'; target: TextRange; event: string; plan: EventPlan; shorthand?: string }
  /** Removes an object-literal property; `removal` also covers its comma. */
  | { kind: 'drop'; target: TextRange; removal: TextRange }
  /** `value` → `undefined` (onUnapproved `drop` of a value that is not a property). */
  | { kind: 'drop-value'; target: TextRange }
  /**
   * A sink call whose purpose needs consent → `check(name) && call` (in parentheses where the call
   * is a value): the consent check of the config, from the runtime's import or the consent module's.
   */
  | { kind: 'guard'; target: TextRange; check: ConsentCheck; parenthesize: boolean };

/** `hasConsent('analytics')`: the export path of the consent check, where it comes from, and its argument. */
export interface ConsentCheck {
  from: 'runtime' | 'consent';
  call: string;
  name: string | number;
}

/** A flow the build must not let through: reported as a compiler diagnostic or a bundler error. */
export interface PlanError {
  start: number;
  length: number;
  /** 1-based, of `start`. */
  line: number;
  column: number;
  /** Relative to the config's directory, forward slashes. */
  file: string;
  ruleId: RuleId;
  message: string;
  /**
   * `key`: the build has no usable pseudonymization key (its own message, the same for every file
   * that pseudonymizes: bundlers report it once, with the places that need it).
   */
  kind?: 'key';
}

export interface FilePlan {
  fileName: string;
  /** The text the positions are for. */
  text: string;
  edits: Edit[];
  errors: PlanError[];
  /** The local name of `import * as <name> from 'piiguard/runtime'`. */
  runtimeName: string;
  /** Whether that import must be added (false when the file already has it). */
  addImport: boolean;
  /** Where the import goes: after the leading comments and directives. */
  importAt: number;
  /** `configure({ key, rotation })` to add after the import, from the config's `pseudonymization`. */
  configure?: { key: string; rotation: string };
  /** `import * as <name> from '<module>'` of the consent check, for guards that are not the runtime's. */
  consentImport?: { name: string; module: string };
}

export interface ProgramPlan {
  analysis: ProgramAnalysis;
  config: LoadedConfig;
  /** Plans of the files with something to do, by file name as the program has it. */
  files: Map<string, FilePlan>;
  /** Names of the calls that have edits (sinks and inferred wrappers): the plugin's text filter. */
  calleeNames: Set<string>;
}

export interface PlanProgramInput {
  ts: TypeScript;
  program: TS.Program;
  config: LoadedConfig;
  /** Files to plan (default: every project file of the program). */
  files?: readonly TS.SourceFile[];
  today?: string;
  /** The environment `pseudonymization.keyEnv` is read from (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Answers of the last program to reuse (the plugin's watch mode and dev server). */
  facts?: FactStore;
}

/** Runs the engine on the program, as the build sees it (`"transform": true`), and plans every file. */
export function planProgram(input: PlanProgramInput): ProgramPlan {
  const { ts, program } = input;
  // The rewrite acts on tagged values only (heuristic flows are warnings for check and the
  // editor, never rewritten or reported by a build): the heuristics are not worked out here.
  const config: LoadedConfig = { ...input.config, config: { ...input.config.config, transform: true, heuristics: 'off' } };
  const files = input.files ?? getProjectSourceFiles(program);
  const analysis = analyzeProgram({
    ts,
    program,
    config,
    packs: BUILTIN_SINK_PACKS,
    files,
    today: input.today ?? new Date().toISOString().slice(0, 10),
    wholeProgram: false,
    ...(input.facts ? { facts: input.facts } : {}),
  });
  const planner = new Planner(ts, config, input.env ?? process.env, callsConfigure(program));
  return { analysis, config, ...planner.plan(analysis) };
}

class Planner {
  private readonly byFile = new Map<TS.SourceFile, { edits: Map<string, Edit>; errors: Map<string, PlanError>; needsKey: boolean }>();
  private readonly calleeNames = new Set<string>();

  constructor(
    private readonly ts: TypeScript,
    private readonly loaded: LoadedConfig,
    private readonly env: Readonly<Record<string, string | undefined>>,
    /** Whether the app calls piiguard/runtime's configure() itself (the key is then its own). */
    private readonly configuresKey: boolean,
  ) {}

  private get config(): PiiguardConfig {
    return this.loaded.config;
  }

  plan(analysis: ProgramAnalysis): { files: Map<string, FilePlan>; calleeNames: Set<string> } {
    // The same decision as check's (core/rewrite.ts): which payloads minimize wraps, and so which flows it covers.
    const minimized = new MinimizedPayloads(this.ts, this.config, analysis.sinkCalls, analysis.wrapperPayloads);
    for (const { payloadCall, location } of minimized.payloads) this.planMinimize(payloadCall, location);
    const seen = new Set<string>();
    for (const flow of analysis.flows) this.planFlow(flow, minimized.covers(flow), seen);
    for (const report of analysis.consent) if (!report.guarded) this.planGuard(report);
    const files = new Map<string, FilePlan>();
    for (const [file, state] of this.byFile) {
      if (state.edits.size === 0 && state.errors.size === 0) continue;
      files.set(file.fileName, this.finishFile(file, [...state.edits.values()], [...state.errors.values()], state.needsKey));
    }
    return { files, calleeNames: this.calleeNames };
  }

  private state(file: TS.SourceFile) {
    let state = this.byFile.get(file);
    if (!state) this.byFile.set(file, (state = { edits: new Map(), errors: new Map(), needsKey: false }));
    return state;
  }

  private addEdit(call: TS.Node, edit: Edit): void {
    const file = call.getSourceFile();
    const state = this.state(file);
    const key = `${edit.target.start}:${edit.target.end}`;
    // One edit per place: a value that carries two flows is wrapped once.
    if (state.edits.has(key)) return;
    state.edits.set(key, edit);
    if (usesPseudonymize(edit)) state.needsKey = true;
    const name = this.ts.isCallExpression(call) || this.ts.isNewExpression(call) ? getCalleeName(this.ts, call) : undefined;
    if (name) this.calleeNames.add(name);
  }

  private addError(node: TS.Node, ruleId: PlanError['ruleId'], message: string): void {
    const file = node.getSourceFile();
    const start = node.getStart(file);
    const key = `${start}|${ruleId}|${message}`;
    const state = this.state(file);
    if (state.errors.has(key)) return;
    const { line, character } = file.getLineAndCharacterOfPosition(start);
    state.errors.set(key, {
      start,
      length: node.getEnd() - start,
      line: line + 1,
      column: character + 1,
      file: relativePath(this.loaded.dir, file.fileName),
      ruleId,
      message,
    });
  }

  /** `posthog.capture('Signup Completed', payload)` → the payload in `minimize`, where the event is planned. */
  private planMinimize(payloadCall: PayloadCall, location: EntryLocation): void {
    // Idempotence: a payload that is already minimized stays as it is.
    if (this.isRuntimeCall(location.value, 'minimize')) return;
    const event = payloadCall.event!;
    this.addEdit(payloadCall.call, { kind: 'minimize', ...this.getTarget(location), event, plan: this.config.events[event] });
  }

  /** `posthog.capture(…)` → `hasConsent("analytics") && posthog.capture(…)`: nothing is sent, or queued, without consent. */
  private planGuard(report: ConsentReport): void {
    const consent = this.config.consent!;
    const ts = this.ts;
    let outer: TS.Node = report.call;
    while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
    this.addEdit(report.call, {
      kind: 'guard',
      target: rangeOf(ts, report.call),
      check: { from: consent.module === RUNTIME_MODULE ? 'runtime' : 'consent', call: consent.call, name: report.name },
      parenthesize: !ts.isExpressionStatement(outer.parent),
    });
  }

  /** `covered`: minimize applies the plan to this value (at the sink, or where the wrapper is called). */
  private planFlow(flow: FlowReport, covered: boolean, seen: Set<string>): void {
    const { call } = flow;
    // The engine found that the rewrite cannot reach the value (core/rewrite.ts): check reports it too.
    if (flow.ruleId === 'piiguard/transform') {
      this.addError(call, flow.ruleId, `${flow.message!} (${flow.ruleId})`);
      return;
    }
    if (flow.ruleId && BUILD_FAILING_RULES.has(flow.ruleId)) {
      this.planUnapproved(flow, covered, seen);
      return;
    }
    const rewrite = flow.rewrite;
    // Approved as written, or the plan applies where minimize wraps the payload.
    if (!rewrite || (rewrite.kind === 'plan' && (covered || rewrite.action === 'keep'))) return;
    // Reachable, as the engine judged; asked again so that a flow is never let through unrewritten.
    if (this.failsToReach(flow, covered, false)) return;
    const location = locateEntry(this.ts, call, flow.entry)!;
    if (rewrite.kind === 'wrap') this.wrapAtEntry(flow, location, rewrite.wrapper);
    else if (rewrite.action !== 'wrap') this.dropProperty(call, location.property!);
    else this.wrapAtEntry(flow, location, rewrite.wrapper!);
  }

  private planUnapproved(flow: FlowReport, covered: boolean, seen: Set<string>): void {
    const { call } = flow;
    const secret = getTier(flow.category, this.config.categories) === 'secret';
    const mode = this.config.onUnapproved;
    const location = locateEntry(this.ts, call, flow.entry);
    if (mode === 'error') {
      const key = `${flow.call.pos}|${flow.call.getSourceFile().fileName}|${flow.ruleId}|${flow.category}|${flow.event}`;
      if (!seen.has(key)) this.addError(call, flow.ruleId!, `${flow.message ?? 'unapproved flow'} (${flow.ruleId})`);
      seen.add(key);
      // Fail closed as well: a build that ignores the error (ts-loader drops transformer
      // diagnostics) emits the call without the value rather than with it.
      if (location && location.rest.length === 0) this.dropAt(call, location);
      return;
    }
    if (this.failsToReach(flow, covered, true) || !location) return;
    // A credential may not leave in any form: "pseudonymize" drops it too.
    if (mode === 'drop' || secret) {
      this.dropAt(call, location);
      return;
    }
    this.wrapAtEntry(flow, location, getWrapperForForm('pseudonymized', flow.category, this.config)!);
  }

  /** Whether the rewrite cannot reach the flow's value (then a build error, with check's message). */
  private failsToReach(flow: FlowReport, covered: boolean, unapproved: boolean): boolean {
    const problem = findRewriteObstacle(this.ts, flow, { covered, unapproved, onUnapproved: this.config.onUnapproved });
    if (problem === undefined) return false;
    this.addError(flow.call, 'piiguard/transform', `${RULES['piiguard/transform'].message({ problem })} (piiguard/transform)`);
    return true;
  }

  private wrapAtEntry(flow: FlowReport, location: EntryLocation, wrapper: WrapperCall): void {
    if (this.isRuntimeCall(location.value, wrapper.fn)) return;
    this.addEdit(flow.call, { kind: 'wrap', ...this.getTarget(location), wrapper });
  }

  /** The value's range, or the shorthand property's (`{ email }` must become `{ email: … }`). */
  private getTarget(location: EntryLocation): { target: TextRange; shorthand?: string } {
    const property = location.property;
    if (property && this.ts.isShorthandPropertyAssignment(property))
      return { target: rangeOf(this.ts, property), shorthand: property.name.text };
    return { target: rangeOf(this.ts, location.value) };
  }

  private dropAt(call: TS.Node, location: EntryLocation): void {
    if (location.property) this.dropProperty(call, location.property);
    else this.addEdit(call, { kind: 'drop-value', target: rangeOf(this.ts, location.value) });
  }

  private dropProperty(call: TS.Node, property: TS.ObjectLiteralElementLike): void {
    this.addEdit(call, { kind: 'drop', target: rangeOf(this.ts, property), removal: getRemovalRange(this.ts, property) });
  }

  /** `minimize(…)` or `runtime.minimize(…)` from piiguard/runtime, by syntax. */
  private isRuntimeCall(node: TS.Expression, name: string): boolean {
    const ts = this.ts;
    if (!ts.isCallExpression(node)) return false;
    const callee = node.expression;
    const file = node.getSourceFile();
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.name.text === name) {
      return findRuntimeNamespace(ts, file) === callee.expression.text;
    }
    if (ts.isIdentifier(callee)) return findRuntimeNamedImport(ts, file, name) === callee.text;
    return false;
  }

  private finishFile(file: TS.SourceFile, edits: Edit[], errors: PlanError[], needsKey: boolean): FilePlan {
    const ts = this.ts;
    const text = file.text;
    edits.sort((a, b) => a.target.start - b.target.start || b.target.end - a.target.end);
    const existing = findRuntimeNamespace(ts, file);
    const runtimeName = existing ?? chooseRuntimeName(text);
    let configure: FilePlan['configure'];
    if (needsKey && edits.length > 0) {
      const where = edits.find(usesPseudonymize)!.target.start;
      const key = this.getKey();
      if (key.problem)
        this.addErrorAt(
          file,
          where,
          errors,
          `${RULES['piiguard/transform'].message({ problem: key.problem })} (piiguard/transform)`,
          'key',
        );
      else if (key.key !== undefined) configure = { key: key.key, rotation: key.rotation };
    }
    const consentModule = this.config.consent?.module;
    const consentImport =
      consentModule !== undefined && edits.some((edit) => edit.kind === 'guard' && edit.check.from === 'consent')
        ? { name: chooseRuntimeName(text, '__piiguard_consent'), module: getImportSpecifier(this.loaded.dir, file.fileName, consentModule) }
        : undefined;
    return {
      fileName: file.fileName,
      text,
      edits,
      errors: errors.sort((a, b) => a.start - b.start),
      runtimeName,
      addImport:
        existing === undefined &&
        edits.some((edit) => edit.kind === 'wrap' || edit.kind === 'minimize' || (edit.kind === 'guard' && edit.check.from === 'runtime')),
      importAt: getImportPosition(ts, file),
      ...(configure ? { configure } : {}),
      ...(consentImport ? { consentImport } : {}),
    };
  }

  /**
   * Where the inserted pseudonymize() calls get their key: the config's key or keyEnv (inserted as
   * configure()), else the app's own configure() call. Neither is a build error, here rather than
   * a throw at run time (an HTTP 500 on the server, lost events in a browser).
   */
  private getKey(): { key?: string; rotation: string; problem?: string } {
    const settings = this.config.pseudonymization;
    const rotation = settings?.rotation ?? 'none';
    if (settings && (settings.key !== undefined || settings.keyEnv !== undefined)) {
      const key = settings.key ?? this.env[settings.keyEnv!];
      if (key === undefined || key === '')
        return {
          rotation,
          problem: `no pseudonymization key: pseudonymization.keyEnv names ${settings.keyEnv}, which is not set in the build's environment; piiguard never falls back to an unkeyed hash`,
        };
      if (new TextEncoder().encode(key).length < MIN_KEY_BYTES)
        return { rotation, problem: `the pseudonymization key is shorter than ${MIN_KEY_BYTES} bytes (32 random bytes recommended)` };
      return { key, rotation };
    }
    if (this.configuresKey) return { rotation };
    return {
      rotation,
      problem:
        'no pseudonymization key: the build inserts pseudonymize(), but the config sets neither pseudonymization.keyEnv nor pseudonymization.key and no file calls configure() from piiguard/runtime, so every call would throw at run time',
    };
  }

  private addErrorAt(file: TS.SourceFile, start: number, errors: PlanError[], message: string, kind?: 'key'): void {
    const { line, character } = file.getLineAndCharacterOfPosition(start);
    errors.push({
      start,
      length: 0,
      line: line + 1,
      column: character + 1,
      file: relativePath(this.loaded.dir, file.fileName),
      ruleId: 'piiguard/transform',
      message,
      ...(kind ? { kind } : {}),
    });
  }
}

/** Whether a project file of the program calls configure() from piiguard/runtime: by text, as the runtime import is named. */
function callsConfigure(program: TS.Program): boolean {
  for (const file of getProjectSourceFiles(program)) {
    if (file.text.includes(RUNTIME_MODULE) && /\bconfigure\s*\(/.test(file.text)) return true;
  }
  return false;
}

export function usesPseudonymize(edit: Edit): boolean {
  if (edit.kind === 'wrap') return edit.wrapper.fn === 'pseudonymize';
  if (edit.kind === 'minimize') return Object.values(edit.plan.properties).some((action) => action.startsWith('pseudonymize:'));
  return false;
}

export function rangeOf(ts: TypeScript, node: TS.Node): TextRange {
  return { start: node.getStart(node.getSourceFile()), end: node.getEnd() };
}

/** The property and its comma: up to the next property, or from the previous one's end when last. */
function getRemovalRange(ts: TypeScript, property: TS.ObjectLiteralElementLike): TextRange {
  const object = property.parent as TS.ObjectLiteralExpression;
  const file = property.getSourceFile();
  const properties = object.properties;
  const index = properties.indexOf(property);
  const start = property.getStart(file);
  if (index < properties.length - 1) return { start, end: properties[index + 1].getStart(file) };
  if (index > 0) return { start: properties[index - 1].getEnd(), end: property.getEnd() };
  // The only property: its trailing comma too, if it has one.
  const after = file.text.slice(property.getEnd(), object.getEnd() - 1);
  const comma = /^\s*,/.exec(after);
  return { start, end: property.getEnd() + (comma ? comma[0].length : 0) };
}

/** `import * as X from 'piiguard/runtime'` in the file: X. */
export function findRuntimeNamespace(ts: TypeScript, file: TS.SourceFile): string | undefined {
  for (const statement of file.statements) {
    if (
      !ts.isImportDeclaration(statement) ||
      !ts.isStringLiteral(statement.moduleSpecifier) ||
      statement.moduleSpecifier.text !== RUNTIME_MODULE
    )
      continue;
    const clause = statement.importClause;
    if (clause && !clause.isTypeOnly && clause.namedBindings && ts.isNamespaceImport(clause.namedBindings))
      return clause.namedBindings.name.text;
  }
  return undefined;
}

export function findRuntimeNamedImport(ts: TypeScript, file: TS.SourceFile, name: string): string | undefined {
  for (const statement of file.statements) {
    if (
      !ts.isImportDeclaration(statement) ||
      !ts.isStringLiteral(statement.moduleSpecifier) ||
      statement.moduleSpecifier.text !== RUNTIME_MODULE
    )
      continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements)
      if ((element.propertyName ?? element.name).text === name && !element.isTypeOnly) return element.name.text;
  }
  return undefined;
}

/** `__piiguard`, or `__piiguard_1`, `__piiguard_2` … : the first that the file's text never mentions. */
export function chooseRuntimeName(text: string, base = '__piiguard'): string {
  const used = new Set(text.match(/__piiguard[A-Za-z0-9_$]*/g) ?? []);
  if (!used.has(base)) return base;
  for (let i = 1; ; i++) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** A config `module` as an import of `fileName`: a package as it is, a path relative to the config from the file's directory. */
function getImportSpecifier(configDir: string, fileName: string, module: string): string {
  if (!module.startsWith('./') && !module.startsWith('../') && module !== '.') return module;
  const relative = path.relative(path.dirname(fileName), path.resolve(configDir, module)).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** After the leading comments (pragmas stay first) and the directive prologue (`'use client'`). */
function getImportPosition(ts: TypeScript, file: TS.SourceFile): number {
  let position: number | undefined;
  for (const statement of file.statements) {
    if (ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)) position = statement.getEnd();
    else break;
  }
  if (position !== undefined) return position;
  const first = file.statements[0];
  return first ? first.getStart(file) : file.text.length;
}

/* ---------- rendering, shared by both front ends ---------- */

/** The literal arguments after the value: `'email'`, `'day'`. */
export function renderLiteral(value: unknown): string {
  return JSON.stringify(value);
}

/** The text of a wrapper's call, around `inner`. */
export function renderWrapperText(runtimeName: string, wrapper: WrapperCall, inner: string): string {
  return `${runtimeName}.${wrapper.fn}(${[inner, ...wrapper.args.map(renderLiteral)].join(', ')})`;
}

export function renderImportText(plan: FilePlan): string {
  const configure = plan.configure ? ` ${plan.runtimeName}.configure(${renderLiteral(plan.configure)});` : '';
  const runtime = plan.addImport ? `import * as ${plan.runtimeName} from ${renderLiteral(RUNTIME_MODULE)};${configure}` : '';
  const consent = plan.consentImport ? `import * as ${plan.consentImport.name} from ${renderLiteral(plan.consentImport.module)};` : '';
  return runtime && consent ? `${runtime} ${consent}` : runtime + consent;
}

/** The guard before a sink call: `__piiguard_consent.acceptedCategory("analytics") && `. */
export function renderGuardText(plan: FilePlan, check: ConsentCheck): string {
  const namespace = check.from === 'runtime' ? plan.runtimeName : plan.consentImport!.name;
  return `${namespace}.${check.call}(${renderLiteral(check.name)}) && `;
}

/** `file:line:column rule: message`, as bundlers print it. */
export function formatPlanError(error: PlanError): string {
  return `${error.file}:${error.line}:${error.column}: ${error.message}`;
}
