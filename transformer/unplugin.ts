/**
 * The bundler plugins (`piiguard/vite`, `/rollup`, `/webpack`, `/esbuild`): one unplugin that
 * rewrites TypeScript source to source before the bundler strips types, so it serves projects
 * compiled by esbuild, swc or TypeScript 7 (which has no transformer API). piiguard's own
 * TypeScript analyses the program (`session.ts`); the edits are the same plan the transformer
 * applies (`plan.ts`), made with magic-string and returned with a source map.
 */
import type { UnpluginInstance } from 'unplugin';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BUNDLER_PLUGIN_PEERS, getGitCommit, PiiguardError, relativePath, requirePeer, writeBuildMarker } from '../core/index.js';
import { formatPlanError, type PlanError } from './plan.js';
import { BuildSession, type SessionOptions } from './session.js';
import { applyPlanToSource } from './source.js';
import { ts } from '../core/typescript-module.js';
import { getBuildTarget, isBrowserOutputFormat, planForBrowser, type BuildTarget, type TargetOptions } from './target.js';

export interface PiiguardPluginOptions extends SessionOptions, TargetOptions {
  /** Files to rewrite (default: TypeScript files outside node_modules). */
  include?: RegExp;
}

// An optional peer dependency: `piiguard check` does not need it (core/peer-dependencies.ts).
const { createUnplugin } = requirePeer<typeof import('unplugin')>(BUNDLER_PLUGIN_PEERS, 'unplugin');

const TYPESCRIPT_FILE = /\.(?:[cm]?ts|tsx)(?:\?.*)?$/;

// The package's own name resolves from inside it (self-reference), from source and from dist.
const version: string = (createRequire(import.meta.url)('piiguard/package.json') as { version: string }).version;

export const unplugin: UnpluginInstance<PiiguardPluginOptions | undefined, false> = createUnplugin(
  (input: PiiguardPluginOptions | undefined, meta) => {
    const options = input ?? {};
    const session = new BuildSession(options);
    const include = options.include ?? TYPESCRIPT_FILE;
    const failures = new BuildFailures();
    // Vite's dev server has no end of build: a file that fails, fails its own request.
    let serving = false;
    // What the build is for (target.ts): Vite says it once before environments, rollup only at output.
    let viteTarget: BuildTarget | undefined;
    const keyedFiles = new Set<string>();
    /** The files this build rewrote (absolute), for the build marker. */
    const rewrittenFiles = new Set<string>();
    return {
      name: 'piiguard',
      enforce: 'pre',
      vite: {
        configResolved(config) {
          // `piiguard()` in vite.config.ts finds the tsconfig beside it, wherever vite runs from.
          session.setRoot(config.root);
          serving = config.command === 'serve';
          viteTarget = config.build.ssr ? 'server' : 'browser';
        },
      },
      rollup: {
        renderStart(output) {
          if (options.target || !isBrowserOutputFormat(output.format) || keyedFiles.size === 0) return;
          this.error(
            userError(
              `piiguard: this ${output.format} bundle runs in a browser and would carry the pseudonymization key inlined into ${[...keyedFiles].join(', ')}; set the plugin's target: 'browser' (or 'server' if it is not) (piiguard/exposed-key)`,
            ),
          );
        },
      },
      buildStart() {
        failures.clear();
        rewrittenFiles.clear();
        session.refresh();
      },
      watchChange(id, change) {
        session.invalidate(id, change.event !== 'update');
      },
      transformInclude(id) {
        return include.test(id) && !/[\\/]node_modules[\\/]/.test(id) && !/\.d\.[cm]?ts(?:\?.*)?$/.test(id);
      },
      transform(code, id) {
        let plan;
        const browser = getBuildTarget(this, options, viteTarget) === 'browser';
        try {
          if (!session.mayCallSink(code) && !(browser && code.includes('piiguard/runtime'))) return null;
          plan = session.getFilePlan(id, code);
          if (browser) {
            const file = session.getSourceFile(id);
            plan = planForBrowser(ts, session.getPlan()!.config, file?.text === code ? file : undefined, plan);
          } else if (plan?.configure) keyedFiles.add(plan.errors[0]?.file ?? id);
        } catch (error) {
          if (!(error instanceof PiiguardError)) throw error;
          // Nothing of this file can be rewritten: the build fails at its end, with every other failure.
          failures.add(`piiguard: ${error.message}`);
          if (serving) this.error(userError(failures.take()!));
          return null;
        }
        if (!plan) return null;
        if (plan.errors.length > 0) {
          failures.addFile(plan.errors);
          if (serving) this.error(userError(failures.take()!));
        }
        // With errors too: the rewrite leaves unapproved values out, should anything ignore the failure.
        const rewritten = applyPlanToSource(code, plan, id.replace(/[?#].*$/, ''));
        if (rewritten) rewrittenFiles.add(plan.fileName);
        return rewritten ? { code: rewritten.code, map: rewritten.map } : null;
      },
      buildEnd() {
        // Every failing file of the build, each message once (bundlers stop at the first error of a transform).
        const message = failures.take();
        if (!serving) writeMarker(session, meta.framework, message !== undefined, rewrittenFiles);
        if (message) throw userError(message);
      },
    };
  },
);

/**
 * The build marker (core/build-marker.ts) beside the config: this build ran the plugin, from which
 * commit, whether it failed, and which files it rewrote — what `piiguard report` says of the build.
 */
function writeMarker(session: BuildSession, bundler: string, failed: boolean, rewritten: ReadonlySet<string>): void {
  let dir: string | undefined;
  try {
    dir = session.getPlan()?.config.dir;
  } catch {
    // No program to plan: the build failed on it already, and there is no project to mark.
  }
  if (dir === undefined) return;
  const configDir = dir;
  writeBuildMarker(configDir, {
    tool: 'piiguard',
    version,
    bundler,
    commit: getGitCommit(configDir),
    failed,
    rewritten: [...rewritten].map((file) => relativePath(configDir, path.resolve(file))).sort(),
  });
}

/** The failures of one build, each message once, in the order the files came. */
class BuildFailures {
  private readonly messages = new Set<string>();
  /** A missing or short key: one message for the build, with the places that need the key. */
  private readonly keyProblems = new Map<string, string[]>();

  add(message: string): void {
    this.messages.add(message);
  }

  /** A file's errors: its unapproved flows and values out of reach in one message, a key problem apart. */
  addFile(errors: readonly PlanError[]): void {
    for (const error of errors.filter((e) => e.kind === 'key')) {
      const places = this.keyProblems.get(error.message) ?? [];
      places.push(`${error.file}:${error.line}:${error.column}`);
      this.keyProblems.set(error.message, places);
    }
    const rest = errors.filter((e) => e.kind !== 'key');
    if (rest.length === 0) return;
    const unapproved = rest.every((e) => e.ruleId !== 'piiguard/transform' && e.ruleId !== 'piiguard/exposed-key');
    const noun = unapproved ? ['an unapproved flow', 'unapproved flows'] : ['a problem', 'problems'];
    const count = rest.length === 1 ? noun[0] : `${rest.length} ${noun[1]}`;
    this.add(`piiguard: ${count} in ${rest[0].file}\n${rest.map(formatPlanError).join('\n')}`);
  }

  clear(): void {
    this.messages.clear();
    this.keyProblems.clear();
  }

  /** All of them as one message (undefined when there are none); the lists are emptied. */
  take(): string | undefined {
    const keys = [...this.keyProblems].map(([message, places]) => `piiguard: ${message}\nneeded by ${places.join(', ')}`);
    const all = [...keys, ...[...this.messages].sort()];
    this.clear();
    return all.length === 0 ? undefined : all.join('\n\n');
  }
}

/**
 * The user's mistake, not piiguard's: an error whose stack is its first line as Node writes it
 * (`PiiguardError: …`), so bundlers print no frames, and those that print the stack after the
 * message (rolldown) find nothing more to print.
 */
function userError(message: string): Error {
  const error = new PiiguardError(message);
  error.stack = `${error.name}: ${message}`;
  return error;
}

export default unplugin;
