// The Vite dev server as a developer sees it, in one process:
//   node bench/vite-dev.mjs <app dir> with|without <file> <edits>
// A dev server (middleware mode, no browser) with or without piiguard's plugin transforms the
// file once (the first request: with the plugin, the whole program is analysed), then after each
// save of an edit (a new statement at the end of a function, as in bench/eslint-edit.mjs) the time
// from the write to the transformed module that holds the edit. Prints JSON: first, saves (ms).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createServer } from 'vite';
import { editText } from './dev-run.mjs';

const [dir, mode, file, editsArg] = process.argv.slice(2);
const edits = Number(editsArg ?? 8);
const root = path.resolve(dir);
const filePath = path.join(root, file);
const original = readFileSync(filePath, 'utf8');
const plugins =
  mode === 'with' ? [(await import('../dist/transformer/vite.js')).default({ tsconfig: path.join(root, 'tsconfig.json') })] : [];
const server = await createServer({
  root,
  configFile: false,
  logLevel: 'silent',
  plugins,
  server: { middlewareMode: true, hmr: false },
  optimizeDeps: { noDiscovery: true, include: [] },
});
/** chokidar reports one change of a file per 50 ms: saves are spaced, outside the timed part. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 120));
/** Resolves at the watcher's next change event for the file. */
const nextChange = () =>
  new Promise((resolve) => {
    const onChange = (changedPath) => {
      if (path.resolve(changedPath) !== filePath) return;
      server.watcher.off('change', onChange);
      resolve(true);
    };
    server.watcher.on('change', onChange);
  });
/** Changes before the watcher's first scan ends are not reported: save until one is, as a developer would. */
async function untilWatched() {
  for (let i = 0; ; i++) {
    const seen = nextChange();
    writeFileSync(filePath, `${original}\n// probe ${i}\n`);
    if (await Promise.race([seen, new Promise((resolve) => setTimeout(resolve, 500, false))])) break;
  }
  await settle();
  const restored = nextChange();
  writeFileSync(filePath, original);
  await restored;
  await transform();
}
const url = `/${file}`;
// A server module (Vite's SSR graph): the generated app pseudonymizes in place, which a browser
// build refuses (piiguard/exposed-key) until the key moves to the server.
const transform = () => server.transformRequest(url, { ssr: true });

let start = performance.now();
await transform();
const first = performance.now() - start;
await untilWatched();
const saves = [];
try {
  for (let i = 1; i <= edits; i++) {
    const marker = `typed ${i}`;
    const text = editText(original, i);
    await settle();
    const changed = nextChange();
    start = performance.now();
    writeFileSync(filePath, text);
    await changed;
    // The module graph drops the file's transform on the change event; ask until the new text is in.
    let result = await transform();
    while (!result?.code.includes(marker)) result = await transform();
    saves.push(performance.now() - start);
  }
} finally {
  writeFileSync(filePath, original);
  await server.close();
}
process.stdout.write(JSON.stringify({ first, saves }) + '\n');
