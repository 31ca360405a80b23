// One production build of a generated app with Vite, with or without piiguard's plugin:
//   node bench/vite-build.mjs <app dir> with|without
// A server build (build.ssr) of every feature module, written nowhere: the generated app
// pseudonymizes in place, which a browser build refuses (piiguard/exposed-key); with the plugin it
// fails on the planted leaks after planning every module. The caller times
// the whole process (module loading included), as a user times `vite build`.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const [dir, mode] = process.argv.slice(2);
const root = path.resolve(dir);
const features = readdirSync(path.join(root, 'src/features')).map((name) => path.join(root, 'src/features', name));
const plugins =
  mode === 'with' ? [(await import('../dist/transformer/vite.js')).default({ tsconfig: path.join(root, 'tsconfig.json') })] : [];
try {
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins,
    build: { ssr: true, write: false, rollupOptions: { input: features } },
  });
} catch (error) {
  // The planted leaks fail the build with the plugin, after every module was planned: that is
  // the build measured. Anything else is a failure of the benchmark.
  if (!(mode === 'with' && /unapproved flows? in /.test(String(error)))) throw error;
}
