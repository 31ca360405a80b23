/**
 * The build paths the transformer and the plugins serve, each as a function that builds a fixture
 * into a directory and says whether it failed and why: tsc's API, ts-patch's tspc (Node 22),
 * esbuild, Vite, webpack (the plugin, and ts-loader's getCustomTransformers) and rollup (types
 * stripped by esbuild or by swc).
 * `posthog-js` and `piiguard/runtime` stay external: the run directory provides them.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { rollup, type Plugin } from 'rollup';
import { build as viteBuild } from 'vite';
import webpack from 'webpack';
import piiguardTransformer from '../../transformer/index.js';
import piiguardEsbuild from '../../transformer/esbuild.js';
import piiguardRollup from '../../transformer/rollup.js';
import piiguardVite from '../../transformer/vite.js';
import piiguardWebpack from '../../transformer/webpack.js';
import { artifacts, ensureArtifacts, fixtureEnv, root } from './helpers.js';

// Loaded by require: the package's types import its TypeScript sources, which this project's
// compiler options (ESM, verbatimModuleSyntax) reject when the tests are type-checked.
const { swc } = createRequire(import.meta.url)('@rollup/plugin-swc') as { swc: (options: object) => Plugin };

export interface BuildResult {
  ok: boolean;
  /** What the build printed or threw, for failures. */
  message: string;
  /** The entry to run. */
  entry: string;
}

const EXTERNAL = ['posthog-js', 'piiguard/runtime'];

export function parseTsconfig(fixture: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(fixture, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  return parsed!;
}

const formatHost: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => '', getNewLine: () => '\n' };

/** tsc's API: `program.emit(…, { before: [piiguard(program)] })`. */
export function buildWithTscApi(
  fixture: string,
  outDir: string,
  options: { withTransformer?: boolean; config?: string; env?: Record<string, string>; compilerOptions?: ts.CompilerOptions } = {},
): BuildResult & { files: Map<string, string> } {
  const parsed = parseTsconfig(fixture);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, ...options.compilerOptions, outDir } });
  const files = new Map<string, string>();
  const before =
    options.withTransformer === false
      ? []
      : [piiguardTransformer(program, { env: options.env ?? fixtureEnv, ...(options.config ? { config: options.config } : {}) })];
  const result = program.emit(
    undefined,
    (file, text) => {
      files.set(path.relative(outDir, file).split(path.sep).join('/'), text);
      ts.sys.writeFile(file, text);
    },
    undefined,
    false,
    { before },
  );
  const errors = result.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  const message = ts.formatDiagnostics(errors, { ...formatHost, getCurrentDirectory: () => fixture });
  return { ok: errors.length === 0, message, entry: path.join(outDir, 'main.js'), files };
}

/** ts-patch 4's `tspc` under Node 22, with `"plugins": [{ "transform": "piiguard/transformer" }]`. */
export function buildWithTsPatch(fixture: string, outDir: string, pluginOptions: Record<string, unknown> = {}): BuildResult {
  ensureArtifacts();
  // A consumer project beside the artifacts' node_modules, where `piiguard` is installed.
  const project = path.join(path.dirname(outDir), 'tsconfig.json');
  writeFileSync(
    project,
    JSON.stringify(
      {
        extends: path.join(fixture, 'tsconfig.json'),
        compilerOptions: {
          outDir,
          plugins: [{ transform: 'piiguard/transformer', config: path.join(fixture, 'piiguard.config.json'), ...pluginOptions }],
        },
      },
      null,
      2,
    ),
  );
  const node22 = path.join(root, 'node_modules/node/bin/node');
  const tspc = path.join(root, 'node_modules/ts-patch/bin/tspc.js');
  const run = spawnSync(node22, [tspc, '-p', project, '--pretty', 'false'], {
    cwd: fixture,
    encoding: 'utf8',
    env: { ...process.env, ...fixtureEnv },
  });
  return { ok: run.status === 0, message: `${run.stdout}${run.stderr}`, entry: path.join(outDir, 'main.js') };
}

async function failure(work: () => Promise<unknown>, entry: string): Promise<BuildResult> {
  try {
    await work();
    return { ok: true, message: '', entry };
  } catch (error) {
    const e = error as { message?: string; errors?: Array<{ text: string }> };
    // esbuild's message already holds the text of each of its errors.
    const message = e.message ?? String(error);
    const more = (e.errors ?? []).map((x) => x.text).filter((text) => !message.includes(text));
    return { ok: false, message: [message, ...more].join('\n'), entry };
  }
}

export function buildWithEsbuild(fixture: string, outDir: string, options: { config?: string } = {}): Promise<BuildResult> {
  const entry = path.join(outDir, 'main.js');
  return failure(
    () =>
      esbuild.build({
        entryPoints: [path.join(fixture, 'src/main.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        outfile: entry,
        sourcemap: true,
        external: EXTERNAL,
        logLevel: 'silent',
        plugins: [piiguardEsbuild({ tsconfig: path.join(fixture, 'tsconfig.json'), env: fixtureEnv, ...options })],
      }),
    entry,
  );
}

export function buildWithVite(fixture: string, outDir: string, options: { config?: string } = {}): Promise<BuildResult> {
  const entry = path.join(outDir, 'main.js');
  return failure(
    () =>
      viteBuild({
        root: fixture,
        configFile: false,
        logLevel: 'silent',
        plugins: [piiguardVite({ tsconfig: path.join(fixture, 'tsconfig.json'), env: fixtureEnv, ...options })],
        build: {
          outDir,
          emptyOutDir: true,
          minify: false,
          sourcemap: true,
          lib: { entry: path.join(fixture, 'src/main.ts'), formats: ['es'], fileName: () => 'main.js' },
          rollupOptions: { external: EXTERNAL },
        },
      }),
    entry,
  );
}

/** rollup 4 with the plugin; the types stripped by esbuild, or by swc (`@rollup/plugin-swc`, a project that compiles with swc). */
export function buildWithRollup(fixture: string, outDir: string, compiler: 'esbuild' | 'swc' = 'esbuild'): Promise<BuildResult> {
  const entry = path.join(outDir, 'main.js');
  // Resolves `./x.js` to `./x.ts`, as a TypeScript project's resolver would.
  const resolveTs = {
    name: 'resolve-ts',
    resolveId(source: string, importer: string | undefined) {
      if (!importer || !source.startsWith('.')) return null;
      return path.resolve(path.dirname(importer), source.replace(/\.js$/, '.ts'));
    },
  };
  const stripWithEsbuild = {
    name: 'strip-types',
    async transform(code: string, id: string) {
      if (!id.endsWith('.ts')) return null;
      const out = await esbuild.transform(code, { loader: 'ts', sourcemap: true, sourcefile: id });
      return { code: out.code, map: out.map };
    },
  };
  const stripWithSwc = swc({ swc: { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } } });
  return failure(async () => {
    const bundle = await rollup({
      input: path.join(fixture, 'src/main.ts'),
      external: EXTERNAL,
      onwarn: () => {},
      plugins: [
        piiguardRollup({ tsconfig: path.join(fixture, 'tsconfig.json'), env: fixtureEnv }),
        resolveTs,
        compiler === 'swc' ? stripWithSwc : stripWithEsbuild,
      ],
    });
    await bundle.write({ file: entry, format: 'es', sourcemap: true });
    await bundle.close();
  }, entry);
}

/** webpack 5 with ts-loader: the piiguard plugin (transpileOnly), or ts-loader's getCustomTransformers. */
export function buildWithWebpack(
  fixture: string,
  outDir: string,
  mode: 'plugin' | 'ts-loader-transformer' | 'ts-loader-transpile-transformer',
): Promise<BuildResult> {
  const entry = path.join(outDir, 'main.js');
  const tsconfig = path.join(fixture, 'tsconfig.json');
  const loaderOptions =
    mode === 'plugin'
      ? { transpileOnly: true, configFile: tsconfig }
      : {
          configFile: tsconfig,
          transpileOnly: mode === 'ts-loader-transpile-transformer',
          compilerOptions: { outDir, sourceMap: true },
          getCustomTransformers: (program: ts.Program | undefined) => ({
            before: [piiguardTransformer(program, { env: fixtureEnv, tsconfig })],
          }),
        };
  return new Promise((resolve) => {
    webpack(
      {
        mode: 'none',
        context: fixture,
        entry: path.join(fixture, 'src/main.ts'),
        target: 'node',
        devtool: 'source-map',
        experiments: { outputModule: true },
        output: { path: outDir, filename: 'main.js', module: true, library: { type: 'module' }, chunkFormat: 'module' },
        externalsType: 'module',
        externals: Object.fromEntries(EXTERNAL.map((e) => [e, e])),
        resolve: { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } },
        module: { rules: [{ test: /\.ts$/, loader: require_.resolve('ts-loader'), options: loaderOptions }] },
        plugins: mode === 'plugin' ? [piiguardWebpack({ tsconfig, env: fixtureEnv })] : [],
        infrastructureLogging: { level: 'none' },
      },
      (error, stats) => {
        if (error) resolve({ ok: false, message: error.message, entry });
        else if (stats?.hasErrors()) resolve({ ok: false, message: stats.toString({ all: false, errors: true }), entry });
        else resolve({ ok: true, message: '', entry });
      },
    );
  });
}

const require_ = createRequire(import.meta.url);
export { artifacts };
