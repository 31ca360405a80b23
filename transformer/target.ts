/**
 * What a bundler builds for, and what that changes (SPEC §12): a build for the browser never
 * inlines a pseudonymization key, since anyone can read it from the bundle.
 *
 * Targets as the bundlers state them: Vite's environment consumer (`'client'`; `build.ssr` before
 * Vite 6), webpack's resolved target platform (`target: 'web'`, browserslist), esbuild's
 * `platform` (`'browser'`, its default), rollup's output format (`iife`, `umd`), and the
 * plugin's `target` option over all of them (rollup builds both, so there it is the way to say).
 *
 * In a browser build, each rewritten file is checked (`getBrowserErrors`): a key the plan would
 * inline is a build error naming the config key; `pseudonymize` with no key and no proxy is one
 * too, and so is a `configure({ key })` or `pseudonymize()` written in the code. With
 * `pseudonymization.proxy`, the plan's `pseudonymize:` actions are the proxy's (it applies the
 * same tracking plan with the server's key), so `minimize` keeps those properties for it.
 */
import type * as TS from 'typescript';
import { findExposedKeys, relativePath, RULES, type LoadedConfig, type TypeScript } from '../core/index.js';
import { findRuntimeNamedImport, findRuntimeNamespace, usesPseudonymize, type Edit, type FilePlan, type PlanError } from './plan.js';

export type BuildTarget = 'browser' | 'server';

export interface TargetOptions {
  /**
   * What the build is for, when the bundler does not say or says otherwise: `'browser'` (never
   * inline a key) or `'server'`. Default: from the bundler (Vite's client/SSR environment,
   * webpack's `target`, esbuild's `platform`, rollup's `iife`/`umd` output; else server).
   */
  target?: BuildTarget;
}

/** The parts of the bundlers' plugin contexts that say what they build for. */
interface BundlerContext {
  /** Vite 6+: the environment the hook runs in. */
  environment?: { config?: { consumer?: string } };
  getNativeBuildContext?: () => {
    framework: string;
    compiler?: { platform?: { web?: boolean | null; browser?: boolean | null }; options?: { target?: unknown } };
    build?: { initialOptions?: { platform?: string } };
  };
}

/**
 * The target of the hook running with `context` (`this` of a transform hook). `fallback` is what
 * a hook that ran before decided (Vite's `configResolved`, before environments).
 */
export function getBuildTarget(context: unknown, options: TargetOptions, fallback?: BuildTarget): BuildTarget | undefined {
  if (options.target) return options.target;
  const ctx = (context ?? {}) as BundlerContext;
  const consumer = ctx.environment?.config?.consumer;
  if (consumer === 'client') return 'browser';
  if (consumer === 'server') return 'server';
  let native: ReturnType<NonNullable<BundlerContext['getNativeBuildContext']>> | undefined;
  try {
    native = ctx.getNativeBuildContext?.();
  } catch {
    native = undefined;
  }
  if (native?.framework === 'esbuild') return (native.build?.initialOptions?.platform ?? 'browser') === 'browser' ? 'browser' : 'server';
  if (native?.framework === 'webpack' || native?.framework === 'rspack') {
    const platform = native.compiler?.platform;
    if (platform) return platform.web || platform.browser ? 'browser' : 'server';
    const target = native.compiler?.options?.target;
    const targets = Array.isArray(target) ? target : [target];
    return targets.some((t) => t === undefined || t === 'web' || t === 'webworker' || t === 'browserslist') ? 'browser' : 'server';
  }
  return fallback;
}

/** Rollup's output formats that only run in a browser (a `<script>`). */
export function isBrowserOutputFormat(format: string | undefined): boolean {
  return format === 'iife' || format === 'umd';
}

/** The config key a browser build must not inline: `pseudonymization.keyEnv (PIIGUARD_KEY)` or `pseudonymization.key`. */
export function describeKeySetting(loaded: LoadedConfig): string | undefined {
  const settings = loaded.config.pseudonymization;
  if (settings?.keyEnv !== undefined) return `pseudonymization.keyEnv (${settings.keyEnv})`;
  if (settings?.key !== undefined) return 'pseudonymization.key';
  return undefined;
}

const ADVICE =
  'issue pseudonyms on the server (type them Pseudonym<C> from piiguard) or set pseudonymization.proxy and send events through piiguard/proxy, which pseudonymizes with the server’s key';

/**
 * A file's plan as a browser build may apply it: the key never inlined (an error instead), the
 * proxy's `pseudonymize:` actions left to it, and an error for whatever would need the key here.
 */
export function planForBrowser(
  ts: TypeScript,
  loaded: LoadedConfig,
  file: TS.SourceFile | undefined,
  plan: FilePlan | undefined,
): FilePlan | undefined {
  const proxy = loaded.config.pseudonymization?.proxy;
  const errors: PlanError[] = [];
  const error = (start: number, problem: string): void => {
    const source = file ?? undefined;
    const position = source ? source.getLineAndCharacterOfPosition(start) : { line: 0, character: 0 };
    errors.push({
      start,
      length: 0,
      line: position.line + 1,
      column: position.character + 1,
      file: relativePath(loaded.dir, plan?.fileName ?? file?.fileName ?? ''),
      ruleId: 'piiguard/exposed-key',
      message: RULES['piiguard/exposed-key'].message({ problem }),
    });
  };
  let edits = plan?.edits ?? [];
  if (proxy !== undefined) edits = edits.map(leavePseudonymsToProxy);
  const needsKey = edits.find(usesPseudonymize);
  if (needsKey) {
    const key = describeKeySetting(loaded);
    error(
      needsKey.target.start,
      key
        ? `this browser build would inline the pseudonymization key of ${key} to pseudonymize here, and anyone can read it from the bundle and reverse every pseudonym: build the browser without it and ${ADVICE}`
        : `this browser build pseudonymizes here with no key and no proxy (pseudonymization.proxy); the key would have to be in the browser, where anyone can read it: ${ADVICE}`,
    );
  }
  if (file) for (const found of findWrittenKeys(ts, file, proxy !== undefined)) error(found.start, found.problem);
  if (!plan && errors.length === 0) return undefined;
  const base: FilePlan = plan ?? {
    fileName: file!.fileName,
    text: file!.text,
    edits: [],
    errors: [],
    runtimeName: '__piiguard',
    addImport: false,
    importAt: 0,
  };
  const { configure: _configure, ...rest } = base;
  // The edits stay (a value the plan pseudonymizes is not sent raw); without `configure`, pseudonymize throws at run time.
  return { ...rest, edits, errors: [...base.errors, ...errors].sort((a, b) => a.start - b.start) };
}

/** `minimize(…, { userId: 'pseudonymize:user-id' })` → `keep` for the proxy, which applies the plan with its key. */
function leavePseudonymsToProxy(edit: Edit): Edit {
  if (edit.kind !== 'minimize') return edit;
  const properties = Object.fromEntries(
    Object.entries(edit.plan.properties).map(([name, action]) => [name, action.startsWith('pseudonymize:') ? 'keep' : action]),
  );
  return { ...edit, plan: { ...edit.plan, properties } };
}

/** `configure({ key })` and `pseudonymize(…)` of piiguard/runtime written in a file of a browser build. */
function findWrittenKeys(ts: TypeScript, file: TS.SourceFile, hasProxy: boolean): Array<{ start: number; problem: string }> {
  const namespace = findRuntimeNamespace(ts, file);
  const named = (name: string) => findRuntimeNamedImport(ts, file, name);
  if (namespace === undefined && named('configure') === undefined && named('pseudonymize') === undefined) return [];
  const calls: Record<'configure' | 'pseudonymize', TS.CallExpression[]> = { configure: [], pseudonymize: [] };
  const visit = (node: TS.Node): void => {
    if (ts.isCallExpression(node)) {
      for (const name of ['configure', 'pseudonymize'] as const)
        if (isRuntimeCallBySyntax(ts, node, name, namespace, named(name))) calls[name].push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  // In a browser build every file is client code, whatever its directives say.
  const found = findExposedKeys({ ts, configureCalls: calls.configure, pseudonymizeCalls: calls.pseudonymize, hasProxy, client: true });
  return found.map(({ node, problem }) => ({
    start: node.getStart(file),
    problem: problem.replace("client code ('use client')", 'this browser build'),
  }));
}

function isRuntimeCallBySyntax(
  ts: TypeScript,
  call: TS.CallExpression,
  name: string,
  namespace: string | undefined,
  local: string | undefined,
): boolean {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return local !== undefined && callee.text === local;
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === name &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === namespace
  );
}
