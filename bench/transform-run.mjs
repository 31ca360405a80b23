// The cost of the rewrite (SPEC §10) on an app from bench/generate.mjs:
// - tsc emit with piiguard's transformer against plain emit: whole runs as tsc does them (program,
//   type check, emit to disk), each in its own process, alternating, medians (target ≤ 1.05×);
// - the bundler plugin's cost on a file without sinks: its transform hook on such files after the
//   program is built, per call (target ≤ 0.05 ms).
// CLI: node bench/transform-run.mjs [--size 2000] [--runs 5]
// Child mode (one emit): node bench/transform-run.mjs --emit <app dir> --mode with|without
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateApp } from './generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One tsc-like run: program, pre-emit diagnostics, emit (to disk), with or without the transformer. */
async function emitOnce(dir, mode) {
  const { default: ts } = await import('typescript');
  const tsconfig = path.join(dir, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const options = { ...parsed.options, noEmit: false, outDir: path.join(dir, `.emit-${mode}`) };
  const program = ts.createProgram({ rootNames: parsed.fileNames, options });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  let before = [];
  if (mode === 'with') {
    const { default: piiguard } = await import(pathToFileURL(path.join(root, 'dist/transformer/index.js')).href);
    before = [piiguard(program)];
  }
  const result = program.emit(undefined, undefined, undefined, false, { before });
  process.stdout.write(JSON.stringify({ typeErrors: diagnostics.length, emitDiagnostics: result.diagnostics.length }));
}

const usageFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'piiguard-transform-bench-')), 'usage');

/** One emit in its own process: wall time (ms) and the child's CPU time (user + system, ms, from bench/rss.cjs). */
function runChild(dir, mode) {
  const start = process.hrtime.bigint();
  const child = spawnSync(
    process.execPath,
    ['--require', path.join(root, 'bench/rss.cjs'), fileURLToPath(import.meta.url), '--emit', dir, '--mode', mode],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, BENCH_RSS_FILE: usageFile },
    },
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`emit ${mode} failed: ${child.stderr}`);
  const [, cpu] = readFileSync(usageFile, 'utf8').split(' ').map(Number);
  return { ms, cpu, ...JSON.parse(child.stdout) };
}

/** Helper modules with no telemetry: the generated modules' formatting and store code, without the handlers. */
function addFilesWithoutSinks(dir, count) {
  mkdirSync(path.join(dir, 'src/helpers'), { recursive: true });
  const files = [];
  for (let i = 0; i < count; i++) {
    const text = readFileSync(path.join(dir, `src/features/m${i}.ts`), 'utf8');
    const body = text.slice(text.indexOf(`export function format${i}`), text.indexOf(`export function summarize${i}`));
    const file = path.join(dir, `src/helpers/h${i}.ts`);
    writeFileSync(file, `// Helpers without telemetry.\n${body}`);
    files.push(file);
  }
  return files;
}

/** The plugin's transform hook on files without sinks, after the one program build: ms per file. */
async function measurePluginOnFilesWithoutSinks(dir, files) {
  const { unplugin } = await import(pathToFileURL(path.join(root, 'dist/transformer/unplugin.js')).href);
  const hooks = unplugin.raw({ tsconfig: path.join(dir, 'tsconfig.json') }, { framework: 'esbuild' });
  const context = {
    error: (e) => {
      throw e;
    },
    warn: () => {},
  };
  const texts = files.map((file) => [file, readFileSync(file, 'utf8')]);
  const buildStart = performance.now();
  hooks.buildStart?.call(context);
  // The first transform builds the program and plans it (once per build).
  const models = path.join(dir, 'src/models/user.ts');
  hooks.transform.call(context, readFileSync(models, 'utf8'), models);
  const programMs = performance.now() - buildStart;
  const perFile = [];
  for (let round = 0; round < 25; round++) {
    const start = performance.now();
    for (const [file, code] of texts) {
      if (!hooks.transformInclude(file)) continue;
      const out = hooks.transform.call(context, code, file);
      if (out !== null) throw new Error(`the plugin changed ${file}, which has no sink`);
    }
    perFile.push((performance.now() - start) / texts.length);
  }
  const bytes = Math.round(texts.reduce((n, [, code]) => n + code.length, 0) / texts.length);
  return { msPerFile: median(perFile.slice(5)), files: texts.length, bytes, programMs };
}

/**
 * @param {{ size?: number, runs?: number, verbose?: boolean }} options
 * @returns {Promise<{ size: number, runs: number, plainMs: number, withMs: number, ratio: number, plainCpu: number, withCpu: number, cpuRatio: number, plugin: { msPerFile: number, files: number, bytes: number, programMs: number } }>}
 */
export async function measureTransform({ size = 2000, runs = 5, verbose = false } = {}) {
  const { dir } = generateApp(path.join(root, 'bench/.work', `transform-${size}`), size);
  const files = addFilesWithoutSinks(dir, Math.min(200, size));
  const times = { with: [], without: [] };
  const cpus = { with: [], without: [] };
  runChild(dir, 'without');
  runChild(dir, 'with');
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ['with', 'without'] : ['without', 'with'];
    for (const mode of order) {
      const run = runChild(dir, mode);
      times[mode].push(run.ms);
      cpus[mode].push(run.cpu);
    }
  }
  const plainMs = median(times.without);
  const withMs = median(times.with);
  const plainCpu = median(cpus.without);
  const withCpu = median(cpus.with);
  if (verbose) {
    console.error(
      `emit runs, wall (ms): with ${times.with.map(Math.round).join(', ')}; without ${times.without.map(Math.round).join(', ')}`,
    );
    console.error(`emit runs, CPU (ms): with ${cpus.with.map(Math.round).join(', ')}; without ${cpus.without.map(Math.round).join(', ')}`);
  }
  const plugin = await measurePluginOnFilesWithoutSinks(dir, files);
  return { size, runs, plainMs, withMs, ratio: withMs / plainMs, plainCpu, withCpu, cpuRatio: withCpu / plainCpu, cpus, plugin };
}

/** The lines bench/run.mjs puts in RESULTS.md. */
export function formatTransform(result) {
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  return [
    `- tsc emit with the transformer vs plain emit (${result.size} modules plus ${result.plugin.files} helper files, type check and emit to disk, medians of ${result.runs} alternating runs; machine shared with other work): CPU time ${s(result.withCpu)} with, ${s(result.plainCpu)} without: **${result.cpuRatio.toFixed(2)}×**; wall time ${s(result.withMs)} vs ${s(result.plainMs)}: ${result.ratio.toFixed(2)}× (target ≤ 1.05×; CPU of each run with: ${result.cpus.with.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s, without: ${result.cpus.without.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s)`,
    `- the bundler plugin on a file without sinks (transform hook after the one program build of ${Math.round(result.plugin.programMs)} ms; ${result.plugin.files} files of ~${result.plugin.bytes} bytes): **${result.plugin.msPerFile.toFixed(4)} ms** per file (target ≤ 0.05 ms)`,
  ];
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '2000' },
      runs: { type: 'string', default: '5' },
      emit: { type: 'string' },
      mode: { type: 'string' },
    },
  });
  if (values.emit) {
    await emitOnce(values.emit, values.mode);
  } else {
    const result = await measureTransform({ size: Number(values.size), runs: Number(values.runs), verbose: true });
    process.stdout.write(formatTransform(result).join('\n') + '\n');
  }
}
