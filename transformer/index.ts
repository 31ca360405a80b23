/**
 * `piiguard/transformer` (SPEC §10): a TypeScript transformer factory for tsc's API, ts-patch
 * (`"plugins": [{ "transform": "piiguard/transformer" }]`) and ts-loader's
 * `getCustomTransformers`. It runs the engine once per program with the project's config and
 * applies the rewrite plan (`plan.ts`) to each file with `context.factory`, keeping the original
 * nodes so that tsc's import elision and module transforms still see them.
 *
 * Unapproved flows become compiler diagnostics naming file, line and flow: through ts-patch's
 * `addDiagnostic`, or, under tsc's API, in the result of `program.emit()`.
 */
import ts_ from 'typescript';
import type * as TS from 'typescript';
import { PiiguardError, type TypeScript } from '../core/index.js';
import { loadProjectConfig, type PiiguardTransformOptions } from './options.js';
import { BuildSession } from './session.js';
import { planProgram, RUNTIME_MODULE, type Edit, type FilePlan, type PlanError, type ProgramPlan } from './plan.js';

export type { PiiguardTransformOptions } from './options.js';

/** The code of piiguard's diagnostics (`error TS990601: …`). */
export const DIAGNOSTIC_CODE = 990601;

/** What ts-patch passes as the third argument of a transformer factory. */
export interface TransformerExtras {
  ts?: TypeScript;
  addDiagnostic?: (diagnostic: TS.Diagnostic) => number | void;
}

interface ProgramState {
  plan?: ProgramPlan;
  /** A config or project error: reported once, nothing is rewritten. */
  failure?: string;
  /** Diagnostics of the current `emit()` call. */
  pending: TS.Diagnostic[];
  reported: Set<string>;
}

const states = new WeakMap<TS.Program, ProgramState>();

/**
 * The transformer factory: `(program, options?) => (context) => (file) => file`. Declaration files
 * and files without an edit come back as they were (the same node, so the same bytes).
 */
export default function piiguardTransformer(
  program: TS.Program | undefined,
  options: PiiguardTransformOptions = {},
  extras: TransformerExtras = {},
): TS.TransformerFactory<TS.SourceFile> {
  const ts: TypeScript = extras.ts ?? options.ts ?? ts_;
  // No program, or ts-loader's empty one in transpileOnly mode: piiguard builds its own from the
  // tsconfig, as the plugins do.
  if (!program || program.getRootFileNames().length === 0) {
    const tsconfig = options.tsconfig ?? program?.getCompilerOptions().configFilePath;
    return createTranspileTransformer(ts, { ...options, ...(typeof tsconfig === 'string' ? { tsconfig } : {}) });
  }
  const state = getState(ts, program, extras);
  const report = (diagnostic: TS.Diagnostic): void => {
    const key = `${diagnostic.file?.fileName}|${diagnostic.start}|${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    if (state.reported.has(key)) return;
    state.reported.add(key);
    if (extras.addDiagnostic) extras.addDiagnostic(diagnostic);
    else state.pending.push(diagnostic);
  };

  return (context) => (file) => {
    if (file.isDeclarationFile) return file;
    const plan = getPlan(ts, program, options, state);
    if (!plan) {
      report(makeDiagnostic(ts, undefined, 0, 0, state.failure!));
      return file;
    }
    const problem = plan.analysis.problems.find((p) => p.kind === 'internal-error' && p.file === file.fileName);
    if (problem)
      report(makeDiagnostic(ts, file, 0, 0, `piiguard could not analyse this file, so it cannot rewrite it: ${problem.message}`));
    const filePlan = plan.files.get(file.fileName);
    // ts-loader in transpile mode, or a file another transformer changed: not the text the plan is for.
    if (!filePlan || filePlan.text !== file.text) return file;
    for (const error of filePlan.errors) report(makeDiagnostic(ts, file, error.start, error.length, formatDiagnosticMessage(error)));
    if (filePlan.edits.length === 0) return file;
    return applyPlanToSourceFile(ts, context, file, filePlan);
  };
}

function createTranspileTransformer(ts: TypeScript, options: PiiguardTransformOptions): TS.TransformerFactory<TS.SourceFile> {
  const { ts: _ts, ...sessionOptions } = options;
  const session = new BuildSession(sessionOptions);
  return (context) => (file) => {
    if (file.isDeclarationFile) return file;
    let plan;
    try {
      if (!session.mayCallSink(file.text)) return file;
      plan = session.getFilePlan(file.fileName, file.text);
    } catch (error) {
      // No diagnostics get out of a transpile-only build: fail it loudly rather than pass unrewritten.
      if (error instanceof PiiguardError) error.stack = `piiguard: ${error.message}`;
      throw error;
    }
    // Diagnostics have no way out of a transpile-only build: the edits alone fail closed.
    return plan && plan.edits.length > 0 ? applyPlanToSourceFile(ts, context, file, plan) : file;
  };
}

function getState(ts: TypeScript, program: TS.Program, extras: TransformerExtras): ProgramState {
  let state = states.get(program);
  if (state) return state;
  state = { pending: [], reported: new Set() };
  states.set(program, state);
  if (!extras.addDiagnostic) {
    // tsc drops diagnostics that `before` transformers add; like ts-patch, add them to emit's result.
    const emit = program.emit.bind(program);
    const own = state;
    program.emit = (...args: Parameters<TS.Program['emit']>): TS.EmitResult => {
      own.pending = [];
      own.reported.clear();
      const result = emit(...args);
      if (own.pending.length === 0) return result;
      return { ...result, diagnostics: ts.sortAndDeduplicateDiagnostics([...result.diagnostics, ...own.pending]) };
    };
  }
  return state;
}

function getPlan(ts: TypeScript, program: TS.Program, options: PiiguardTransformOptions, state: ProgramState): ProgramPlan | undefined {
  if (state.plan || state.failure) return state.plan;
  const tsconfig = program.getCompilerOptions().configFilePath;
  const dir = typeof tsconfig === 'string' ? dirname(tsconfig) : program.getCurrentDirectory();
  try {
    const config = loadProjectConfig(dir, options.config);
    state.plan = planProgram({
      ts,
      program,
      config,
      ...(options.today ? { today: options.today } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
  } catch (error) {
    // A config or project error is the user's to fix; anything else is piiguard's bug. Either way
    // the compiler reports it and goes on: a transformer must not crash tsc.
    state.failure =
      error instanceof PiiguardError
        ? `piiguard: ${error.message}`
        : `piiguard: internal error, nothing was rewritten (please report it): ${error instanceof Error ? error.message : String(error)}`;
  }
  return state.plan;
}

function dirname(file: string): string {
  const normalized = file.replace(/\\/g, '/');
  return normalized.slice(0, normalized.lastIndexOf('/')) || '/';
}

function formatDiagnosticMessage(error: PlanError): string {
  return `piiguard: ${error.message}`;
}

function makeDiagnostic(ts: TypeScript, file: TS.SourceFile | undefined, start: number, length: number, message: string): TS.Diagnostic {
  return {
    file,
    start: file ? start : undefined,
    length: file ? length : undefined,
    messageText: message,
    category: ts.DiagnosticCategory.Error,
    code: DIAGNOSTIC_CODE,
    source: 'piiguard',
  };
}

/* ---------- the AST front end of the plan ---------- */

/** Applies a file's edits as AST updates; the nodes around and inside them are the original ones. */
export function applyPlanToSourceFile(
  ts: TypeScript,
  context: TS.TransformationContext,
  file: TS.SourceFile,
  plan: FilePlan,
): TS.SourceFile {
  const f = context.factory;
  const byRange = new Map<string, Edit>();
  for (const edit of plan.edits) byRange.set(`${edit.target.start}:${edit.target.end}`, edit);
  const claimed = new Set<Edit>();
  const runtime = (name: string): TS.Expression => f.createPropertyAccessExpression(f.createIdentifier(plan.runtimeName), name);
  const literal = (value: string): TS.StringLiteral => f.createStringLiteral(value);

  const contains = (node: TS.Node): boolean => plan.edits.some((e) => e.target.start >= node.pos && e.target.end <= node.end);

  const visit = (node: TS.Node): TS.Node | undefined => {
    if (node.pos < 0 || !contains(node)) return node;
    const key = `${node.getStart(file)}:${node.getEnd()}`;
    const candidate = byRange.get(key);
    // The outermost node of a range takes its edit (an expression and its parentheses differ in range).
    const edit = candidate && !claimed.has(candidate) && fits(ts, candidate, node) ? candidate : undefined;
    if (edit) claimed.add(edit);
    if (edit?.kind === 'drop') return undefined;
    const visited = ts.visitEachChild(node, visit, context);
    if (!edit) return visited;
    if (edit.kind === 'drop-value') return f.createIdentifier('undefined');
    if (edit.kind === 'guard') {
      // `hasConsent("analytics") && posthog.capture(…)`
      const namespace = edit.check.from === 'runtime' ? plan.runtimeName : plan.consentImport!.name;
      const callee = edit.check.call
        .split('.')
        .reduce<TS.Expression>((object, name) => f.createPropertyAccessExpression(object, name), f.createIdentifier(namespace));
      const name = typeof edit.check.name === 'number' ? f.createNumericLiteral(edit.check.name) : literal(edit.check.name);
      const guarded = f.createBinaryExpression(
        f.createCallExpression(callee, undefined, [name]),
        ts.SyntaxKind.AmpersandAmpersandToken,
        visited as TS.Expression,
      );
      return edit.parenthesize ? f.createParenthesizedExpression(guarded) : guarded;
    }
    // `{ email }` → `{ email: wrapper(email) }`: the original identifier becomes the argument.
    const value = edit.shorthand !== undefined ? (visited as TS.ShorthandPropertyAssignment).name : (visited as TS.Expression);
    const call =
      edit.kind === 'wrap'
        ? f.createCallExpression(runtime(edit.wrapper.fn), undefined, [value, ...edit.wrapper.args.map(literal)])
        : f.createCallExpression(runtime('minimize'), undefined, [literal(edit.event), value, planLiteral(f, edit.plan.properties)]);
    return edit.shorthand !== undefined ? f.createPropertyAssignment(f.createIdentifier(edit.shorthand), call) : call;
  };

  const statements = ts.visitNodes(file.statements, visit, ts.isStatement);
  if (!plan.addImport && !plan.consentImport) return f.updateSourceFile(file, statements);
  const namespaceImport = (name: string, module: string): TS.Statement =>
    f.createImportDeclaration(
      undefined,
      f.createImportClause(undefined, undefined, f.createNamespaceImport(f.createIdentifier(name))),
      literal(module),
    );
  const added: TS.Statement[] = plan.addImport ? [namespaceImport(plan.runtimeName, RUNTIME_MODULE)] : [];
  if (plan.consentImport) added.push(namespaceImport(plan.consentImport.name, plan.consentImport.module));
  if (plan.addImport && plan.configure) {
    added.push(
      f.createExpressionStatement(
        f.createCallExpression(runtime('configure'), undefined, [
          f.createObjectLiteralExpression([
            f.createPropertyAssignment('key', literal(plan.configure.key)),
            f.createPropertyAssignment('rotation', literal(plan.configure.rotation)),
          ]),
        ]),
      ),
    );
  }
  let directives = 0;
  while (
    directives < statements.length &&
    ts.isExpressionStatement(statements[directives]) &&
    ts.isStringLiteral((statements[directives] as TS.ExpressionStatement).expression)
  )
    directives++;
  return f.updateSourceFile(file, [...statements.slice(0, directives), ...added, ...statements.slice(directives)]);
}

function fits(ts: TypeScript, edit: Edit, node: TS.Node): boolean {
  if (edit.kind === 'drop') return ts.isObjectLiteralElementLike(node);
  if ((edit.kind === 'wrap' || edit.kind === 'minimize') && edit.shorthand !== undefined) return ts.isShorthandPropertyAssignment(node);
  return ts.isExpression(node);
}

function planLiteral(f: TS.NodeFactory, properties: Readonly<Record<string, string>>): TS.Expression {
  const entries = Object.entries(properties).map(([name, action]) =>
    f.createPropertyAssignment(f.createStringLiteral(name), f.createStringLiteral(action)),
  );
  return f.createObjectLiteralExpression(
    [f.createPropertyAssignment('properties', f.createObjectLiteralExpression(entries, false))],
    false,
  );
}
