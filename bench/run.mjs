// `npm run bench`: piiguard check against tsc --noEmit on generated apps (and on a real project
// with --real <tsconfig>), alternating A/B runs and taking medians; checks that check finds
// exactly the planted leaks; writes the table to bench/RESULTS.md.
// Flags: --sizes 500,2000,8000  --runs 5  --real path/to/tsconfig.json  --no-write
//        --eslint-only (only the ESLint comparison; rewrites only its line in RESULTS.md)
//        --eslint-size 1500  --eslint-before path/to/older/dist/rules/index.js (a third side)
//        --eslint-before-label "commit abc123" (how the line names that build)
//        --transform-size 1000 (the app for tsc emit with and without the transformer)
//        --transform-runs 9 (its difference, ~4 %, is smaller than the spread of single runs)
//        --edit-sizes 2000,8000 --edits 8 (re-lint of one file after an edit, editor-style)
//        --cache-size 8000 (check --cache after 10 changed files vs a cold check)
//        --dev-sizes 2000 (a save in the Vite dev server)  --watch-size 8000 (a save under check --watch)
//        --incremental-only (only the incremental and fixed-cost measurements; rewrites only their lines)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateApp } from './generate.mjs';
import { measureDev } from './dev-run.mjs';
import { formatTransform, measureTransform } from './transform-run.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '500,2000,8000' },
    runs: { type: 'string', default: '5' },
    real: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    'eslint-size': { type: 'string', default: '1500' },
    'transform-size': { type: 'string', default: '1000' },
    'transform-runs': { type: 'string', default: '9' },
    'eslint-only': { type: 'boolean', default: false },
    'eslint-before': { type: 'string' },
    'eslint-before-label': { type: 'string', default: 'the --eslint-before build' },
    'edit-sizes': { type: 'string', default: '2000' },
    edits: { type: 'string', default: '8' },
    'cache-size': { type: 'string', default: '8000' },
    'incremental-only': { type: 'boolean', default: false },
    'dev-sizes': { type: 'string', default: '2000' },
    'watch-size': { type: 'string', default: '8000' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);
const cli = path.join(root, 'dist/analyzer/cli.js');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const rssFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'piiguard-bench-')), 'rss');

/** Runs `node args…` once; returns wall time (ms), peak RSS (MiB), CPU time (ms), exit status and output. */
function measure(args) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--require', path.join(root, 'bench/rss.cjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const [maxRss, cpu] = readFileSync(rssFile, 'utf8').split(' ').map(Number);
  return { ms, rss: maxRss / 1024, cpu, status: child.status, stdout: child.stdout, stderr: child.stderr };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A/B alternating (ABBA…) so drift on a shared machine hits both sides alike. */
function compare(a, b) {
  const [ra, rb] = compareSides([a, b]);
  return { a: ra, b: rb };
}

/** Any number of sides, one warm-up each, then `runs` rounds in rotating order; medians. */
function compareSides(sides) {
  const results = sides.map(() => []);
  for (const side of sides) measure(side.args);
  for (let i = 0; i < runs; i++) {
    const order = sides.map((_, j) => (i % 2 === 0 ? j : sides.length - 1 - j));
    for (const j of order) results[j].push(measure(sides[j].args));
  }
  return results.map((list) => ({
    ms: median(list.map((r) => r.ms)),
    rss: median(list.map((r) => r.rss)),
    cpu: median(list.map((r) => r.cpu)),
    all: list.map((r) => r.ms),
    allCpu: list.map((r) => r.cpu),
  }));
}

function checkLeaks(tsconfig, leaks) {
  const run = measure([cli, 'check', '-p', tsconfig, '--format', 'json']);
  const found = JSON.parse(run.stdout)
    .findings.filter((f) => f.severity === 'error')
    .map((f) => `${f.location.file}:${f.location.line}`);
  const planted = leaks.map((l) => `${l.file}:${l.line}`);
  const missing = planted.filter((p) => !found.includes(p));
  const extra = found.filter((f) => !planted.includes(f));
  return { found: found.length, planted: planted.length, ok: missing.length === 0 && extra.length === 0, missing, extra };
}

function phases(tsconfig) {
  const run = measure([cli, 'check', '-p', tsconfig, '--format', 'json', '--timings']);
  return run.stderr
    .split('\n')
    .map((line) => /^(\S.*?)\s{2,}([\d.]+)$/.exec(line.trim()))
    .filter(Boolean)
    .map((m) => `${m[1]} ${Math.round(Number(m[2]))}`)
    .join(', ');
}

function phasesWith(tsconfig, cacheDir) {
  const run = measure([cli, 'check', '-p', tsconfig, '--format', 'json', '--timings', '--cache-location', cacheDir]);
  return run.stderr
    .split('\n')
    .map((line) => /^(\S.*?)\s{2,}([\d.]+)$/.exec(line.trim()))
    .filter(Boolean)
    .map((m) => `${m[1]} ${Math.round(Number(m[2]))}`)
    .join(', ');
}

function optional(name, file) {
  try {
    spawnSync(process.execPath, ['-e', `import(${JSON.stringify(file)})`], { encoding: 'utf8' });
    const probe = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(file)})`], { encoding: 'utf8' });
    return probe.status === 0 ? undefined : `not measured yet: ${name} is not built`;
  } catch {
    return `not measured yet: ${name} is not built`;
  }
}

const incrementalOnly = values['incremental-only'];
const rows = [];
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
let failed = false;
const growth = {};
for (const size of values['eslint-only'] || incrementalOnly ? [] : sizes) {
  const { dir, leaks } = generateApp(path.join(root, 'bench/.work', `app-${size}`), size);
  const tsconfig = path.join(dir, 'tsconfig.json');
  const leakCheck = checkLeaks(tsconfig, leaks);
  if (!leakCheck.ok) {
    failed = true;
    console.error(
      `FAIL at ${size} modules: ${leakCheck.found} findings for ${leakCheck.planted} planted leaks`,
      leakCheck.missing.slice(0, 5),
      leakCheck.extra.slice(0, 5),
    );
  }
  const result = compare({ args: [cli, 'check', '-p', tsconfig, '--format', 'json'] }, { args: [tsc, '--noEmit', '-p', tsconfig] });
  growth[size] = result.a.ms;
  rows.push({
    what: `${size} modules`,
    check: `${fmt(result.a.ms)}, ${Math.round(result.a.rss)} MiB`,
    tsc: `${fmt(result.b.ms)}, ${Math.round(result.b.rss)} MiB`,
    time: (result.a.ms / result.b.ms).toFixed(2),
    rss: (result.a.rss / result.b.rss).toFixed(2),
    leaks: `${leakCheck.found}/${leakCheck.planted}${leakCheck.ok ? '' : ' FAIL'}`,
    phases: phases(tsconfig),
  });
  console.error(`measured ${size} modules`);
}
if (values.real && !values['eslint-only'] && !incrementalOnly) {
  const tsconfig = path.resolve(values.real);
  const result = compare({ args: [cli, 'check', '-p', tsconfig, '--format', 'json'] }, { args: [tsc, '--noEmit', '-p', tsconfig] });
  rows.push({
    what: `real: ${path.basename(path.dirname(tsconfig))}`,
    check: `${fmt(result.a.ms)}, ${Math.round(result.a.rss)} MiB`,
    tsc: `${fmt(result.b.ms)}, ${Math.round(result.b.rss)} MiB`,
    time: (result.a.ms / result.b.ms).toFixed(2),
    rss: (result.a.rss / result.b.rss).toFixed(2),
    leaks: '—',
    phases: phases(tsconfig),
  });
}

// Typed ESLint (typescript-eslint's recommendedTypeChecked) with piiguard.configs.recommended on
// top, against the same typed run without the piiguard rules (bench/eslint-run.mjs).
let eslintLine = optional('piiguard/eslint', path.join(root, 'dist/rules/index.js'));
if (!eslintLine && !incrementalOnly) {
  const size = Number(values['eslint-size']);
  const { dir, leaks } = generateApp(path.join(root, 'bench/.work', `app-${size}`), size);
  const run = path.join(root, 'bench/eslint-run.mjs');
  const sides = [{ args: [run, dir, 'without'] }, { args: [run, dir, 'with'] }];
  const before = values['eslint-before'] && path.resolve(values['eslint-before']);
  if (before) sides.push({ args: [run, dir, 'with', before] });
  const [without, withRules, withBefore] = compareSides(sides);
  const reported = JSON.parse(measure([run, dir, 'with']).stdout);
  const ratio = (side) => (side.ms / without.ms).toFixed(2);
  const cpuRatio = (side) => (side.cpu / without.cpu).toFixed(2);
  const runsText = (list) => list.map((ms) => (ms / 1000).toFixed(1)).join(', ');
  eslintLine =
    `${size} modules, \`npm run bench -- --eslint-only --runs ${runs}\`: CPU time ${fmt(withRules.cpu)} with the piiguard rules, ${fmt(without.cpu)} without: **${cpuRatio(withRules)}×**; ` +
    `wall time ${fmt(withRules.ms)} vs ${fmt(without.ms)}: ${ratio(withRules)}× ` +
    `(CPU of each run with: ${runsText(withRules.allCpu)} s, without: ${runsText(without.allCpu)} s; wall with: ${runsText(withRules.all)} s, without: ${runsText(without.all)} s; peak RSS ${Math.round(withRules.rss)} vs ${Math.round(without.rss)} MiB). ` +
    `${reported.piiguard} no-unapproved-pii-flow reports for ${leaks.length} planted leaks, ${reported.piiguardAll} piiguard reports in all, ${reported.typescriptEslint} typescript-eslint reports on both sides.` +
    (withBefore
      ? ` Before (${values['eslint-before-label']}, same baseline): CPU ${fmt(withBefore.cpu)}, **${cpuRatio(withBefore)}×**; wall ${fmt(withBefore.ms)}, ${ratio(withBefore)}× (CPU ${runsText(withBefore.allCpu)} s).`
      : '');
  console.error(`measured eslint at ${size} modules`);
}

// tsc emit with the transformer vs plain emit, and the bundler plugin on files without sinks.
const transform =
  values['eslint-only'] || incrementalOnly
    ? undefined
    : await measureTransform({ size: Number(values['transform-size']), runs: Math.max(runs, Number(values['transform-runs'])) });
if (transform) console.error('measured the transformer');

// The editor: one file re-linted after each edit (bench/eslint-edit.mjs), with and without the
// piiguard rules, in alternating processes; the first lint of the file is reported on its own.
const editLines = [];
for (const size of values['eslint-only'] ? [] : values['edit-sizes'].split(',').map(Number)) {
  const { dir } = generateApp(path.join(root, 'bench/.work', `app-${size}`), size);
  const file = `src/features/m${Math.floor(size / 2)}.ts`;
  const script = path.join(root, 'bench/eslint-edit.mjs');
  const sides = { with: { first: [], relints: [], messages: '' }, without: { first: [], relints: [] } };
  for (let i = 0; i < runs; i++) {
    for (const mode of i % 2 === 0 ? ['without', 'with'] : ['with', 'without']) {
      const out = JSON.parse(measure([script, dir, mode, file, values.edits]).stdout);
      sides[mode].first.push(out.first);
      sides[mode].relints.push(...out.relints);
      if (mode === 'with') sides.with.messages = out.piiguard.join(' ');
    }
  }
  const relint = { with: median(sides.with.relints), without: median(sides.without.relints) };
  const first = { with: median(sides.with.first), without: median(sides.without.first) };
  editLines.push(
    `- Re-lint of one file after an edit, ${size} modules (typed ESLint through the project service, \`lintText\` after each of ${values.edits} edits, ${runs} processes per side): median **${(relint.with / relint.without).toFixed(2)}×** (${Math.round(relint.with)} ms with the piiguard rules, ${Math.round(relint.without)} ms without); the first lint of the file ${fmt(first.with)} vs ${fmt(first.without)} (${(first.with / first.without).toFixed(2)}×). piiguard reports after the edits: ${sides.with.messages || 'none'}.`,
  );
  console.error(`measured re-lint after edits at ${size} modules`);
}

// CI with --cache: 10 files changed since the last run, against a cold check of the same tree.
const cacheLines = [];
if (!values['eslint-only']) {
  const size = Number(values['cache-size']);
  const { dir } = generateApp(path.join(root, 'bench/.work', `app-${size}`), size);
  const tsconfig = path.join(dir, 'tsconfig.json');
  const cacheDir = path.join(dir, 'node_modules/.cache/piiguard');
  const changed = Array.from({ length: 10 }, (_, i) => path.join(dir, `src/features/m${Math.floor((i * size) / 10)}.ts`));
  const touch = (round) => {
    for (const file of changed) writeFileSync(file, readFileSync(file, 'utf8').replace(/\n\/\/ edit \d+\n$|$/, `\n// edit ${round}\n`));
  };
  const cold = [];
  const cached = [];
  const same = [];
  measure([cli, 'check', '-p', tsconfig, '--format', 'json', '--cache-location', cacheDir]);
  for (let i = 0; i < runs; i++) {
    touch(i);
    const a = measure([cli, 'check', '-p', tsconfig, '--format', 'json', '--cache-location', cacheDir]);
    const b = measure([cli, 'check', '-p', tsconfig, '--format', 'json']);
    cached.push(a.ms);
    cold.push(b.ms);
    same.push(a.stdout === b.stdout);
  }
  const tscRun = compare({ args: [tsc, '--noEmit', '-p', tsconfig] }, { args: [tsc, '--noEmit', '-p', tsconfig] }).a;
  cacheLines.push(
    `- \`check --cache\` after 10 of ${size} files changed vs a cold \`check\` (${runs} pairs): **${(median(cached) / median(cold)).toFixed(2)}×** (${fmt(median(cached))} vs ${fmt(median(cold))}; cold check vs \`tsc --noEmit\` ${fmt(tscRun.ms)}: ${(median(cold) / tscRun.ms).toFixed(2)}×); output identical in ${same.filter(Boolean).length} of ${runs} pairs. Phases of the cached run: ${phasesWith(tsconfig, cacheDir)}.`,
  );
  console.error(`measured check --cache at ${size} modules`);
}

// The dev server, watch mode and a small app's fixed cost (bench/dev-run.mjs).
const devLines = values['eslint-only']
  ? []
  : await measureDev({
      root,
      cli,
      tsc,
      runs,
      edits: Number(values.edits),
      devSizes: values['dev-sizes'] ? values['dev-sizes'].split(',').map(Number) : [],
      watchSize: Number(values['watch-size']) || 0,
      measure,
      compareSides,
      median,
      fmt,
    });

const eslintBullet = `- Typed ESLint with piiguard.configs.recommended vs the same typed run without the piiguard rules (both with typescript-eslint's recommendedTypeChecked; machine shared with other work): ${eslintLine}`;
const tsVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/typescript/package.json'), 'utf8')).version;
const lines = [
  '# Benchmark results',
  '',
  `Generated by \`npm run bench -- --sizes ${values.sizes} --runs ${runs}\` (bench/run.mjs). Medians of ${runs} alternating runs after one warm-up each${transform ? ` (${transform.runs} for the transformer pair)` : ''}.`,
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}; TypeScript ${tsVersion}.`,
  '',
  '| app | piiguard check | tsc --noEmit | time ratio | RSS ratio | findings / planted leaks | check phases (ms) |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.what} | ${r.check} | ${r.tsc} | ${r.time} | ${r.rss} | ${r.leaks} | ${r.phases} |`),
  '',
];
const grown = Object.keys(growth)
  .map(Number)
  .sort((a, b) => a - b);
for (let i = 1; i < grown.length; i++) {
  lines.push(
    `Growth of check from ${grown[i - 1]} to ${grown[i]} modules: ${(growth[grown[i]] / growth[grown[i - 1]]).toFixed(2)}× for ${(grown[i] / grown[i - 1]).toFixed(1)}× the modules.`,
  );
}
lines.push('', eslintBullet, ...editLines, ...devLines, ...cacheLines, ...(transform ? formatTransform(transform) : []), '');
const table = lines.join('\n');
const resultsFile = path.join(root, 'bench/RESULTS.md');
if (incrementalOnly) {
  // Keep everything else; replace the re-lint, dev-server, watch, fixed-cost and cache lines.
  const previous = readFileSync(resultsFile, 'utf8').split('\n');
  for (const line of [...editLines, ...devLines, ...cacheLines]) {
    const prefix = line.split(':')[0];
    const at = previous.findIndex((l) => l.startsWith(prefix));
    if (at >= 0) previous[at] = line;
    else previous.splice(previous.findIndex((l) => l.startsWith('- Typed ESLint')) + 1, 0, line);
  }
  process.stdout.write([...editLines, ...devLines, ...cacheLines].join('\n') + '\n');
  if (!values['no-write']) writeFileSync(resultsFile, previous.join('\n'));
} else if (values['eslint-only']) {
  // Keep the check table; replace only the ESLint bullet.
  const bullet = eslintBullet;
  const previous = readFileSync(resultsFile, 'utf8').split('\n');
  const at = previous.findIndex((line) => line.startsWith('- Typed ESLint'));
  if (at >= 0) previous[at] = bullet;
  else previous.push(bullet);
  process.stdout.write(bullet + '\n');
  if (!values['no-write']) writeFileSync(resultsFile, previous.join('\n'));
} else {
  process.stdout.write(table);
  // Hand-written analysis lives below a "## Notes" heading and survives regeneration.
  const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
  const notesAt = previous.indexOf('\n## Notes');
  if (!values['no-write']) writeFileSync(resultsFile, table + (notesAt >= 0 ? previous.slice(notesAt) : ''));
}
if (failed) process.exitCode = 1;
