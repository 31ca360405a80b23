/**
 * Builds for the browser never carry the pseudonymization key (SPEC §12, transformer/target.ts):
 * the browser fixture app is built with Vite's JS API as a client build (and esbuild and webpack
 * for the browser), and the emitted bundle is searched for the key's bytes — as text, hex and
 * base64. The same app built for the server (Vite SSR) does inline it, so the search can find it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { build as viteBuild } from 'vite';
import webpack from 'webpack';
import { describe, expect, test } from 'vitest';
import piiguardEsbuild from '../../transformer/esbuild.js';
import piiguardVite from '../../transformer/vite.js';
import piiguardWebpack from '../../transformer/webpack.js';
import { FIXTURE_KEY, fixtureEnv, fixtures, freshDir } from './helpers.js';

const app = path.join(fixtures, 'browser-app');
const tsconfig = path.join(app, 'tsconfig.json');
const KEY_NAMING = 'the pseudonymization key of pseudonymization.keyEnv (PIIGUARD_FIXTURE_KEY)';

/** A Vite build of the app (client unless `ssr`), bundling piiguard/runtime; the bundle's text, or the error. */
async function buildWithVite(name: string, options: { config?: string; ssr?: boolean } = {}): Promise<{ code?: string; error?: string }> {
  const outDir = freshDir(`browser-${name}`);
  try {
    await viteBuild({
      root: app,
      configFile: false,
      logLevel: 'silent',
      plugins: [piiguardVite({ tsconfig, env: fixtureEnv, ...(options.config ? { config: options.config } : {}) })],
      build: {
        outDir,
        ssr: options.ssr ?? false,
        minify: false,
        lib: { entry: path.join(app, 'src/main.ts'), formats: ['es'], fileName: () => 'main.js' },
        rollupOptions: { external: ['posthog-js'] },
      },
    });
  } catch (error) {
    return { error: (error as Error).message };
  }
  return {
    code: readdirSync(outDir)
      .map((file) => readFileSync(path.join(outDir, file), 'utf8'))
      .join('\n'),
  };
}

/** The key in every encoding a bundle could hold it in. */
function containsKeyBytes(code: string): boolean {
  const bytes = Buffer.from(FIXTURE_KEY, 'utf8');
  const encodings = [FIXTURE_KEY, bytes.toString('hex'), bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url')];
  // …and as a list of byte values (`new Uint8Array([102, 105, …])`).
  return encodings.some((encoded) => code.includes(encoded)) || code.replace(/\s/g, '').includes([...bytes].join(','));
}

describe('Vite', () => {
  test('a client build with pseudonymization.keyEnv fails, naming the config key: it would inline the key', async () => {
    const { code, error } = await buildWithVite('client-key');
    expect(code).toBeUndefined();
    expect(error).toContain(
      `src/main.ts:7:39: this browser build would inline ${KEY_NAMING} to pseudonymize here, and anyone can read it from the bundle and reverse every pseudonym`,
    );
    expect(error).toContain('(piiguard/exposed-key)');
  });

  test('the same app built for the server (SSR) inlines the key: what the browser check keeps out', async () => {
    const { code, error } = await buildWithVite('ssr-key', { ssr: true });
    expect(error).toBeUndefined();
    expect(containsKeyBytes(code!)).toBe(true);
  });

  test('with pseudonymization.proxy, the client bundle has no key bytes: minimize keeps the id for the proxy to pseudonymize', async () => {
    const { code, error } = await buildWithVite('client-proxy', { config: 'proxy.config.json' });
    expect(error).toBeUndefined();
    expect(containsKeyBytes(code!)).toBe(false);
    expect(code).not.toMatch(/configure\(\{\s*"?key"?:/);
    // The server-issued pseudonym goes as it is; the plan is applied with the proxy's key.
    expect(code).toContain('posthog.identify(session.pseudonym)');
    expect(code!.replace(/\s+/g, '')).toContain(
      'minimize("SignupCompleted",{userId:session.userId,plan:session.plan},{"properties":{"userId":"keep","plan":"keep"}})',
    );
  });

  test('with no key and no proxy, pseudonymize in a browser build is an error: the key would have to be in the browser', async () => {
    const { error } = await buildWithVite('client-no-key', { config: 'no-key.config.json' });
    expect(error).toContain('src/main.ts:7:39: this browser build pseudonymizes here with no key and no proxy (pseudonymization.proxy)');
  });
});

describe('esbuild and webpack say when they build for a browser', () => {
  test("esbuild's platform 'browser' (its default) is a browser build", async () => {
    const outfile = path.join(freshDir('browser-esbuild'), 'main.js');
    const build = (platform: 'browser' | 'node') =>
      esbuild.build({
        entryPoints: [path.join(app, 'src/main.ts')],
        bundle: true,
        platform,
        format: 'esm',
        outfile,
        external: ['posthog-js', 'piiguard/runtime'],
        logLevel: 'silent',
        plugins: [piiguardEsbuild({ tsconfig, env: fixtureEnv })],
      });
    await expect(build('browser')).rejects.toThrow(KEY_NAMING);
    await expect(build('node')).resolves.toBeDefined();
    expect(containsKeyBytes(readFileSync(outfile, 'utf8'))).toBe(true);
  });

  test("webpack's target 'web' is a browser build", async () => {
    const outDir = freshDir('browser-webpack');
    const message = await new Promise<string>((resolve) => {
      webpack(
        {
          mode: 'none',
          context: app,
          entry: path.join(app, 'src/main.ts'),
          target: 'web',
          output: { path: outDir, filename: 'main.js' },
          externals: { 'posthog-js': 'posthog', 'piiguard/runtime': 'piiguard' },
          resolve: { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } },
          module: { rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { transpileOnly: true, configFile: tsconfig } }] },
          plugins: [piiguardWebpack({ tsconfig, env: fixtureEnv })],
          infrastructureLogging: { level: 'none' },
        },
        (error, stats) => resolve(error ? error.message : (stats?.toString({ all: false, errors: true }) ?? '')),
      );
    });
    expect(message).toContain(KEY_NAMING);
  });
});
