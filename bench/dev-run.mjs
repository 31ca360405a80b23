// What a save costs outside the editor (issue 12), for bench/run.mjs:
// - the Vite dev server: from a save to the transformed module, with piiguard's plugin and
//   without (bench/vite-dev.mjs, alternating processes);
// - `piiguard check --watch`: from a save to the next report, on a large app;
// - the fixed cost on a small app: `check` against `tsc --noEmit`, and the plugin's share of a
//   `vite build` (bench/vite-build.mjs, whole processes: module loading included).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateApp } from './generate.mjs';

/** The same edit as the editor's benchmark: a statement typed at the end of the file's last function. */
export const editText = (original, i) => original.replace(/\n}\s*$/, `\n  const edit${i} = 'typed ${i}';\n  void edit${i};\n}\n`);

/** A feature module with sinks and no planted leak (those are every LEAK_EVERY-th, from m0). */
const quietModule = (size) => `src/features/m${Math.floor(size / 2) + 1}.ts`;

export async function measureDev({ root, cli, tsc, runs, edits, devSizes, watchSize, measure, compareSides, median, fmt }) {
  const lines = [];
  for (const size of devSizes) {
    const { dir } = generateApp(path.join(root, 'bench/.work', `app-${size}`), size);
    const file = quietModule(size);
    const script = path.join(root, 'bench/vite-dev.mjs');
    const sides = { with: { first: [], saves: [] }, without: { first: [], saves: [] } };
    for (let i = 0; i < runs; i++) {
      for (const mode of i % 2 === 0 ? ['without', 'with'] : ['with', 'without']) {
        const run = measure([script, dir, mode, file, String(edits)]);
        if (run.status !== 0) throw new Error(`bench/vite-dev.mjs ${mode} failed:\n${run.stderr}`);
        const out = JSON.parse(run.stdout);
        sides[mode].first.push(out.first);
        sides[mode].saves.push(...out.saves);
      }
    }
    const save = { with: median(sides.with.saves), without: median(sides.without.saves) };
    const first = { with: median(sides.with.first), without: median(sides.without.first) };
    lines.push(
      `- Vite dev server, ${size} modules: from a save to the transformed module (\`transformRequest\` of the saved server module after each of ${edits} edits, ${runs} processes per side): median **${(save.with / save.without).toFixed(2)}×** (${Math.round(save.with)} ms with piiguard's plugin, ${Math.round(save.without)} ms without; target ≤ 1.2×); the first request ${fmt(first.with)} vs ${fmt(first.without)}.`,
    );
    console.error(`measured the dev server at ${size} modules`);
  }

  if (watchSize) {
    const { dir } = generateApp(path.join(root, 'bench/.work', `app-${watchSize}`), watchSize);
    const saves = [];
    const reported = [];
    const firsts = [];
    for (let i = 0; i < runs; i++) {
      const run = await measureWatch(cli, dir, quietModule(watchSize), edits);
      saves.push(...run.saves);
      reported.push(...run.reported);
      firsts.push(run.first);
    }
    lines.push(
      `- \`piiguard check --watch\`, ${watchSize} modules: from a save to the next report (${edits} saves in each of ${runs} runs, the watcher's 25 ms settling included): median **${Math.round(median(saves))} ms** (the check itself: ${Math.round(median(reported))} ms as it reports; the first report ${fmt(median(firsts))}).`,
    );
    console.error(`measured check --watch at ${watchSize} modules`);
  }

  const { dir } = generateApp(path.join(root, 'bench/.work', 'app-10'), 10);
  const tsconfig = path.join(dir, 'tsconfig.json');
  const [check, plain] = compareSides([
    { args: [cli, 'check', '-p', tsconfig, '--format', 'json'] },
    { args: [tsc, '--noEmit', '-p', tsconfig] },
  ]);
  const buildScript = path.join(root, 'bench/vite-build.mjs');
  const [withPlugin, without] = compareSides([{ args: [buildScript, dir, 'with'] }, { args: [buildScript, dir, 'without'] }]);
  lines.push(
    `- Fixed cost, a 10-module app: \`check\` ${fmt(check.ms)} (target ≤ 2 s) against \`tsc --noEmit\` ${fmt(plain.ms)} (${(check.ms / plain.ms).toFixed(2)}×); \`vite build\` (a server build of its modules) ${fmt(withPlugin.ms)} with the plugin, ${fmt(without.ms)} without: the plugin is **${Math.round((100 * (withPlugin.ms - without.ms)) / withPlugin.ms)} %** of the build (target ≤ 30 %).`,
  );
  console.error('measured the fixed cost on a small app');
  return lines;
}

/** One `check --watch` process: the first report, then each save and the report that follows it. */
async function measureWatch(cli, dir, file, edits) {
  const filePath = path.join(dir, file);
  const original = readFileSync(filePath, 'utf8');
  const child = spawn(process.execPath, [cli, 'check', '-p', 'tsconfig.json', '--format', 'json', '--watch'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stderr = '';
  const waitFor = (pattern) =>
    new Promise((resolve, reject) => {
      const look = () => {
        const match = pattern.exec(stderr);
        if (!match) return;
        stderr = stderr.slice(match.index + match[0].length);
        child.stderr.off('data', onData);
        child.off('exit', onExit);
        resolve(match);
      };
      const onData = (data) => {
        stderr += data;
        look();
      };
      const onExit = (code) => reject(new Error(`check --watch ended (${code}):\n${stderr}`));
      child.stderr.on('data', onData);
      child.on('exit', onExit);
      look();
    });
  const start = performance.now();
  const saves = [];
  const reported = [];
  try {
    await waitFor(/watching for changes \(Ctrl-C stops\)/);
    const first = performance.now() - start;
    for (let i = 1; i <= edits; i++) {
      await sleep(150);
      const saved = performance.now();
      writeFileSync(filePath, editText(original, i));
      const [, ms] = await waitFor(/checked again in (\d+) ms/);
      saves.push(performance.now() - saved);
      reported.push(Number(ms));
    }
    return { first, saves, reported };
  } finally {
    child.kill('SIGINT');
    writeFileSync(filePath, original);
  }
}
