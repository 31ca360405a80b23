/**
 * The bundler plugins (`piiguard/vite`, `/rollup`, `/webpack`, `/esbuild`): one unplugin that
 * rewrites TypeScript source to source before the bundler strips types, so it serves projects
 * compiled by esbuild, swc or TypeScript 7 (which has no transformer API). piiguard's own
 * TypeScript analyses the program (`session.ts`); the edits are the same plan the transformer
 * applies (`plan.ts`), made with magic-string and returned with a source map.
 */
import type { UnpluginInstance } from 'unplugin';
import { BUNDLER_PLUGIN_PEERS, PiiguardError, requirePeer } from '../core/index.js';
import { formatPlanError } from './plan.js';
import { BuildSession, type SessionOptions } from './session.js';
import { applyPlanToSource } from './source.js';

export interface PiiguardPluginOptions extends SessionOptions {
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
    return {
      name: 'piiguard',
      enforce: 'pre',
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
        try {
          if (!session.mayCallSink(code)) return null;
          plan = session.getFilePlan(id, code);
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
