/**
 * The bundler plugins (`piiguard/vite`, `/rollup`, `/webpack`, `/esbuild`): one unplugin that
 * rewrites TypeScript source to source before the bundler strips types, so it serves projects
 * compiled by esbuild, swc or TypeScript 7 (which has no transformer API). piiguard's own
 * TypeScript analyses the program (`session.ts`); the edits are the same plan the transformer
 * applies (`plan.ts`), made with magic-string and returned with a source map.
 */
import type { UnpluginInstance } from 'unplugin';
import { BUNDLER_PLUGIN_PEERS, normalizeFileName, PiiguardError, requirePeer } from '../core/index.js';
import { formatPlanError } from './plan.js';
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

export const unplugin: UnpluginInstance<PiiguardPluginOptions | undefined, false> = createUnplugin(
  (input: PiiguardPluginOptions | undefined) => {
    const options = input ?? {};
    const session = new BuildSession(options);
    const include = options.include ?? TYPESCRIPT_FILE;
    // What the build is for (target.ts): Vite says it once before environments, rollup only at output.
    let viteTarget: BuildTarget | undefined;
    const keyedFiles = new Set<string>();
    return {
      name: 'piiguard',
      enforce: 'pre',
      vite: {
        configResolved(config) {
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
            const file = session.currentProgram?.getSourceFile(normalizeFileName(id));
            plan = planForBrowser(ts, session.getPlan().config, file?.text === code ? file : undefined, plan);
          } else if (plan?.configure) keyedFiles.add(plan.errors[0]?.file ?? id);
        } catch (error) {
          if (error instanceof PiiguardError) this.error(userError(`piiguard: ${error.message}`));
          throw error;
        }
        if (!plan) return null;
        if (plan.errors.length > 0) {
          const count = plan.errors.length === 1 ? 'an unapproved flow' : `${plan.errors.length} unapproved flows`;
          this.error(userError(`piiguard: ${count} in ${plan.errors[0].file}\n${plan.errors.map(formatPlanError).join('\n')}`));
        }
        const rewritten = applyPlanToSource(code, plan, id.replace(/[?#].*$/, ''));
        return rewritten ? { code: rewritten.code, map: rewritten.map } : null;
      },
    };
  },
);

/** The user's mistake, not piiguard's: an error whose stack is its message, so bundlers print no frames. */
function userError(message: string): Error {
  const error = new PiiguardError(message);
  error.stack = message;
  return error;
}

export default unplugin;
